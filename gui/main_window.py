"""The main window: wizard and editor on the left, the live preview on the right, findings below.

It is the `View` of the session: it draws, asks and tells; the session decides.

Start-up paints the preview first: the Findings and Versions docks are made once the
window has painted (or when first asked for), the start page when first shown, and
their modules load then. They name Qt's `Qt` enums, which PySide6 creates all at once,
about 40 ms, the first time any code touches one; nothing before the first paint does.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QUndoGroup
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from telepolicy.generator import FIELDS_BY_KEY, AnswerTarget, ClauseTarget, CustomClauseTarget, FixTarget, __version__
from telepolicy.gui import dialogs
from telepolicy.gui.dialogs import RestoreChoice, SaveChoice
from telepolicy.gui.document import Document
from telepolicy.gui.preview import PreviewPane, Renderer
from telepolicy.gui.recovery import Recovery
from telepolicy.gui.session import Session
from telepolicy.gui.settings import Settings
from telepolicy.gui.snapshot import Snapshot
from telepolicy.gui.wizard import WizardPanel

if TYPE_CHECKING:
    from telepolicy.gui.editor import EditorPanel
    from telepolicy.gui.export import ExportDialog
    from telepolicy.gui.findings import FindingsPanel
    from telepolicy.gui.start import StartPage
    from telepolicy.gui.versions import VersionsPanel

APP_NAME = "Telepolicy"


class Docks(NamedTuple):
    findings: FindingsPanel
    findings_dock: QDockWidget
    versions: VersionsPanel
    versions_dock: QDockWidget


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings, recovery: Recovery) -> None:
        super().__init__()
        self.settings = settings
        self.undo_group = QUndoGroup(self)
        self.renderer = Renderer(parent=self)
        self.session = Session(self, settings, recovery, self)
        self.export_dialog: ExportDialog | None = None

        self._start_page: StartPage | None = None  # made when first shown
        self._docks: Docks | None = None  # made once the window has painted
        self._painted = False
        self.wizard = WizardPanel()
        self.editor_tab = QWidget()  # the clause editor is built into it on first use
        QVBoxLayout(self.editor_tab).setContentsMargins(0, 0, 0, 0)
        self._editor: EditorPanel | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self.wizard, "&Wizard")
        self.tabs.addTab(self.editor_tab, "&Clauses")
        self.preview = PreviewPane()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([680, 600])
        self.central = QStackedWidget()
        self.central.addWidget(QWidget())  # blank until the session shows a project or the start page
        self.central.addWidget(self.splitter)
        self.setCentralWidget(self.central)

        self._build_actions()
        self._connect()
        self._restore_geometry()
        self.statusBar()
        if not recovery.available:  # said once, and kept in view: work is not autosaved
            self.autosave_off = QLabel(f"Autosave is off: Telepolicy cannot write in “{recovery.folder}”.")
            self.autosave_off.setToolTip("Save your project yourself (Ctrl+S). Unsaved work is lost if the app stops.")
            self.statusBar().addPermanentWidget(self.autosave_off)
        self._show_actions(None)
        self._update_title()

    # --- building -------------------------------------------------------------------

    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            # As setShortcut, whose overloads PySide6 resolves by creating all of Qt's `Qt` enums.
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("&New…", self.new_project, keys.New)
        self.open_action = self._action("&Open…", lambda: self.session.open_project(), keys.Open)
        self.save_action = self._action("&Save", self.session.save, keys.Save)
        self.save_as_action = self._action("Save &As…", self.session.save_as, keys.SaveAs)
        self.export_action = self._action("&Export…", self.export, "Ctrl+E")
        self.publish_action = self._action("&Publish…", self.publish)
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence(keys.Undo)])
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence(keys.Redo)])
        self.wizard_action = self._action("&Wizard", self.show_wizard, "Ctrl+1")
        self.editor_action = self._action("&Clauses", lambda: self.show_tab(self.editor_tab), "Ctrl+2")
        self.findings_action = self._action("&Findings", self.show_findings, "Ctrl+3")
        self.preview_action = self._action("&Preview", lambda: self.preview.browser.setFocus(), "Ctrl+4")
        self.zoom_in_action = self._action("Zoom &In", lambda: self.preview.browser.zoomIn(1), keys.ZoomIn)
        self.zoom_out_action = self._action("Zoom &Out", lambda: self.preview.browser.zoomOut(1), keys.ZoomOut)
        self.about_action = self._action("&About Telepolicy", self.about)
        self.guide_action = self._action("Telepolicy &User Guide", self.show_guide, keys.HelpContents)

        menu = self.menuBar().addMenu("&File")
        menu.addActions([self.new_action, self.open_action])
        self.recent_menu = menu.addMenu("Open &Recent")
        menu.addSeparator()
        menu.addActions([self.save_action, self.save_as_action, self.export_action, self.publish_action])
        menu.addSeparator()
        menu.addAction(self.quit_action)
        edit = self.menuBar().addMenu("&Edit")
        edit.addActions([self.undo_action, self.redo_action])
        view = self.menuBar().addMenu("&View")
        view.addActions([self.wizard_action, self.editor_action, self.findings_action, self.preview_action])
        view.addSeparator()
        view.addActions([self.zoom_in_action, self.zoom_out_action])
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.guide_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        self._update_recent()

    def _connect(self) -> None:
        self.renderer.page_ready.connect(self.preview.show_page)
        self.renderer.snapshot_ready.connect(self._snapshot)
        self.session.recent_changed.connect(self._update_recent)
        self.wizard.page_changed.connect(self.preview.scroll_to)
        self.wizard.finished.connect(lambda: self.show_tab(self.editor_tab))

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        screen = self.screen().availableGeometry()  # never larger than the screen, wherever it was last
        if self.width() > screen.width() or self.height() > screen.height():
            self.resize(min(self.width(), screen.width()), min(self.height(), screen.height()))
        splitter = self.settings.splitter_state()
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """The window is on screen: the rest of it comes on the next turn of the event loop."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """In the order the user needs them: the wizard's page, the docks, then the project's first
        render (one interpreter: alongside a render, each runs at about half speed; the preview
        comes as soon either way)."""
        if self.wizard.waiting:
            self.wizard.current_page()
        self.preview.set_keyboard_use()
        self._make_docks()
        self.renderer.release()

    def _make_docks(self) -> Docks:
        """Findings and Versions below the preview, where the user left them last time."""
        if self._docks is not None:
            return self._docks
        from PySide6.QtCore import Qt

        from telepolicy.gui.findings import FindingsPanel
        from telepolicy.gui.versions import VersionsPanel

        findings = FindingsPanel()
        findings_dock = QDockWidget("Findings", self)
        findings_dock.setObjectName("findingsDock")
        findings_dock.setWidget(findings)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, findings_dock)
        self.resizeDocks([findings_dock], [170], Qt.Orientation.Vertical)
        versions = VersionsPanel()  # published versions and redlines (gui/versions.py)
        versions_dock = QDockWidget("Versions", self)
        versions_dock.setObjectName("versionsDock")
        versions_dock.setWidget(versions)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, versions_dock)
        self.tabifyDockWidget(findings_dock, versions_dock)
        findings_dock.raise_()
        findings.chosen.connect(self.go_to)
        self._docks = Docks(findings, findings_dock, versions, versions_dock)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        self._show_in_docks(self.session.document)
        if self.renderer.latest is not None:
            self._show_findings(self.renderer.latest)
        return self._docks

    @property
    def findings(self) -> FindingsPanel:
        return self._make_docks().findings

    @property
    def findings_dock(self) -> QDockWidget:
        return self._make_docks().findings_dock

    @property
    def versions(self) -> VersionsPanel:
        return self._make_docks().versions

    @property
    def versions_dock(self) -> QDockWidget:
        return self._make_docks().versions_dock

    @property
    def start_page(self) -> StartPage:
        if self._start_page is None:
            from telepolicy.gui.start import StartPage

            self._start_page = StartPage()
            self._start_page.create.connect(self.create_project)
            self._start_page.open_file.connect(self.session.open_project)
            self._start_page.set_recent(self.settings.recent_files())
            self.central.addWidget(self._start_page)
        return self._start_page

    @property
    def editor(self) -> EditorPanel:
        """The clause editor, built on first use (the first render): start-up shows the wizard first."""
        if self._editor is None:
            from telepolicy.gui.editor import EditorPanel

            self._editor = EditorPanel()
            self._editor.set_document(self.session.document)
            self._editor.anchor_chosen.connect(self.preview.scroll_to)
            layout = self.editor_tab.layout()
            assert layout is not None
            layout.addWidget(self._editor)
        return self._editor

    # --- the document -------------------------------------------------------------------

    def show_document(self, document: Document | None) -> None:
        if document is not None:
            self.undo_group.addStack(document.undo_stack)
            self.undo_group.setActiveStack(document.undo_stack)
            document.modified_changed.connect(self.setWindowModified)
            document.path_changed.connect(self._update_title)
            document.revealed.connect(self._reveal)
        for stack in self.undo_group.stacks():
            if document is None or stack is not document.undo_stack:
                self.undo_group.removeStack(stack)
        self.wizard.set_document(document)
        if self._editor is not None:
            self._editor.set_document(document)
        self.preview.clear()
        if self._docks is not None:
            self._docks.findings.clear()
            self._show_in_docks(document)
        self.central.setCurrentWidget(self.splitter if document else self.start_page)
        self._show_actions(document)
        if document is None:
            self.start_page.set_recent(self.settings.recent_files())
            self.start_page.templates.setFocus()
        else:
            self.show_tab(self.wizard)
        self.setWindowModified(bool(document and document.modified))
        self._update_title()
        # Last: a page stored for the project shows in the window as it is; at start-up, the render
        # waits until the window is complete.
        self.renderer.set_document(document, hold=self.isVisible() and not self._painted)

    def _show_in_docks(self, document: Document | None) -> None:
        assert self._docks is not None
        self._docks.findings_dock.setVisible(document is not None)
        self._docks.versions.set_document(document)
        self._docks.versions_dock.setVisible(document is not None)
        if document is not None:
            document.path_changed.connect(self._docks.versions.refresh)

    def _show_actions(self, document: Document | None) -> None:
        for action in (self.save_action, self.save_as_action, self.export_action, self.findings_action):
            action.setEnabled(document is not None)
        self.publish_action.setEnabled(document is not None)

    def _update_title(self) -> None:
        document = self.session.document
        self.setWindowTitle(f"{document.name}[*] — {APP_NAME}" if document else APP_NAME)
        self.setWindowFilePath(str(document.path) if document and document.path else "")

    def _snapshot(self, snapshot: Snapshot) -> None:
        self.preview.show_snapshot(snapshot)
        self.editor.show_snapshot(snapshot)
        if self._docks is not None:  # else they show it when they are made
            self._show_findings(snapshot)

    def _show_findings(self, snapshot: Snapshot) -> None:
        from PySide6.QtCore import Qt

        plan = snapshot.outline or snapshot.plan
        titles = {c.id: c.title for section in plan.sections for c in section.clauses} if plan else {}
        self.findings.show_findings(snapshot.findings, titles)
        if not snapshot.findings:  # the panel shrinks to its one line when there is nothing to fix
            self.resizeDocks([self.findings_dock], [self.findings.sizeHint().height()], Qt.Orientation.Vertical)

    def _update_recent(self) -> None:
        self.recent_menu.clear()
        paths = self.settings.recent_files()
        for number, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.session.open_project(p))
        self.recent_menu.setEnabled(bool(paths))
        if self._start_page is not None and self.session.document is None:
            self._start_page.set_recent(paths)

    # --- commands ---------------------------------------------------------------------

    def new_project(self) -> None:
        from telepolicy.gui.start import NewProjectDialog

        dialog = NewProjectDialog(self)
        if dialog.exec() == NewProjectDialog.DialogCode.Accepted:
            chosen = dialog.templates.chosen()
            if chosen is not None:
                self.create_project(chosen)

    def create_project(self, preset: str) -> bool:
        """A preset's project; a blank one asks first where the company is and whom it serves."""
        if preset:
            return self.session.new_project(preset)
        from telepolicy.gui.operator import OperatorDialog

        dialog = OperatorDialog(self)
        if self.ask_operator(dialog) != OperatorDialog.DialogCode.Accepted:
            return False
        return self.session.new_project(None, dialog.answers())

    def ask_operator(self, dialog: QDialog) -> int:
        return dialog.exec()

    def export(self) -> None:
        from telepolicy.gui.export import ExportDialog  # only when asked for: start-up stays lean

        document = self.session.document
        if document is None:
            return
        name = document.path.stem if document.path else document.answer("company.legal_name") or "privacy-policy"
        stem = re.sub(r"[^\w.-]+", "-", name).strip("-.") or "privacy-policy"
        self.export_dialog = ExportDialog(document.project, stem, self.settings, self)
        self.export_dialog.exported.connect(
            lambda paths: self.statusBar().showMessage(f"Exported {len(paths)} files.", 8000)
        )
        self.export_dialog.fix_requested.connect(self._fix_first)
        self.export_dialog.open()

    def publish(self) -> None:
        """File ▸ Publish: the Versions panel keeps this version's text and moves on to the next number."""
        self.versions_dock.show()
        self.versions_dock.raise_()
        self.versions.publish()

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)
        (self.editor if widget is self.editor_tab else widget).setFocus()

    def show_wizard(self) -> None:
        """Ctrl+1: the wizard, with the cursor in the first question of its page."""
        self.tabs.setCurrentWidget(self.wizard)
        self.wizard.focus_first_question()

    def _fix_first(self, target: object) -> None:
        if self.export_dialog is not None:
            self.export_dialog.reject()
        self.show_findings()
        if target is not None:
            self.go_to(target)  # type: ignore[arg-type]

    def _reveal(self, kind: str, name: str) -> None:
        """Undo or redo changed something not in view: show its page and its field, or its clause."""
        if kind == "answer" and name in FIELDS_BY_KEY:
            self.tabs.setCurrentWidget(self.wizard)
            self.wizard.go_to(name)
        elif kind == "clause" and self._editor is not None:
            self.tabs.setCurrentWidget(self.editor_tab)
            self._editor.reveal(name)

    def show_guide(self) -> None:
        from telepolicy.gui.help import show_guide  # only when asked for

        show_guide(self)

    def show_findings(self) -> None:
        self.findings_dock.show()
        self.findings_dock.raise_()
        self.findings.list.setFocus()

    def go_to(self, target: FixTarget | None) -> None:
        """Open the question, the clause or the custom clause a finding names."""
        match target:
            case AnswerTarget(key) if key in FIELDS_BY_KEY:
                self.tabs.setCurrentWidget(self.wizard)
                self.wizard.go_to(key)
            case ClauseTarget(clause_id) | CustomClauseTarget(clause_id):
                self.tabs.setCurrentWidget(self.editor_tab)
                if not self.editor.go_to(clause_id):
                    self.editor.outline.setFocus()
            case _:
                self.statusBar().showMessage("No single answer fixes this finding; see its text.", 8000)

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<p><b>{APP_NAME} {__version__}</b></p><p>Privacy policies for telecom operators: "
            "a wizard, a clause editor and a live preview of the published policy.</p>",
        )

    # --- View: what the session asks ------------------------------------------------------

    def ask_open_path(self, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, "Open project", folder, "Telepolicy projects (*.toml)")
        return Path(name) if name else None

    def ask_save_path(self, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, "Save project", str(suggested), "Telepolicy projects (*.toml)")
        return Path(name) if name else None

    def ask_save_changes(self, name: str) -> SaveChoice:
        return dialogs.ask_save_changes(self, name)

    def ask_restore(self, name: str, saved_at: dt.datetime) -> RestoreChoice:
        return dialogs.ask_restore(self, name, saved_at)

    def show_problems(self, summary: str, advice: str, problems: list[str], error: bool = True) -> None:
        dialogs.show_problems(self, summary, advice, problems, error)

    # --- closing ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.session.quit():
            event.ignore()
            return
        self.settings.set_geometry(self.saveGeometry())
        if self._docks is not None:  # else the docks are where they were: keep their last state
            self.settings.set_window_state(self.saveState())
        self.settings.set_splitter_state(self.splitter.saveState())
        self.settings.sync()
        event.accept()
