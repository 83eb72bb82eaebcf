"""The Versions panel: the published versions of the open project, File ▸ Publish, and redlines.

It reads the history beside the project file (generator/publishing) and never builds policy
text itself: publishing and comparing are the same calls as `telepolicy publish` and
`telepolicy diff`. A redline opens in the desktop's browser from a file beside the project
(`out/<stem>.redline-<from>-to-<to>.html`), where it can also be printed or shared.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from telepolicy.generator import TelepolicyError
from telepolicy.generator.publishing import CURRENT
from telepolicy.generator.publishing.history import History, load_history
from telepolicy.gui.document import Document

COLUMNS = ("Version", "Effective", "Published", "What changed")


class VersionsPanel(QWidget):
    """Lists versions newest first; compares the selected one with the one before it, or with the draft."""

    published = Signal(str)  # the version just published
    redline_written = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.history: History | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setHeaderLabels(COLUMNS)
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAccessibleName("Published versions")
        self.publish_button = QPushButton("&Publish this version…")
        self.previous_button = QPushButton("Redline against the &previous version")
        self.draft_button = QPushButton("Redline against the &draft")
        self.publish_button.clicked.connect(self.publish)
        self.previous_button.clicked.connect(lambda: self.open_redline(against_draft=False))
        self.draft_button.clicked.connect(lambda: self.open_redline(against_draft=True))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda *_: self.open_redline(against_draft=False))
        buttons = QHBoxLayout()
        for button in (self.publish_button, self.previous_button, self.draft_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def set_document(self, document: Document | None) -> None:
        self.document = document
        self.refresh()

    def _path(self) -> Path | None:
        return self.document.path if self.document is not None else None

    def refresh(self) -> None:
        self.table.clear()
        path = self._path()
        self.history = None
        if path is None:
            self.status.setText("Save the project to keep a history of its published versions.")
        else:
            try:
                self.history = load_history(path)
            except TelepolicyError as error:
                self.status.setText("\n".join(str(p) for p in error.problems))
            else:
                count = len(self.history.versions)
                self.status.setText(
                    f"{count} published version{'s' if count != 1 else ''} in {self.history.folder.name}/"
                    if count
                    else "Nothing published yet. Publishing keeps this version's text and moves on to the next."
                )
                for version in reversed(self.history.versions):
                    item = QTreeWidgetItem(
                        [
                            version.version,
                            version.effective_date.isoformat(),
                            version.published.isoformat(),
                            " ".join(version.summary[:1]) + (" …" if len(version.summary) > 1 else ""),
                        ]
                    )
                    item.setToolTip(3, "\n".join(version.summary))
                    self.table.addTopLevelItem(item)
                first = self.table.topLevelItem(0)
                if first is not None:
                    self.table.setCurrentItem(first)
        self._update_buttons()

    def _selected(self) -> str | None:
        item = self.table.currentItem()
        return item.text(0) if item is not None else None

    def _update_buttons(self) -> None:
        selected = self._selected()
        versions = [v.version for v in self.history.versions] if self.history else []
        self.publish_button.setEnabled(self._path() is not None)
        self.previous_button.setEnabled(selected is not None and versions.index(selected) > 0)
        self.draft_button.setEnabled(selected is not None)

    def publish(self) -> None:
        from telepolicy.generator.publishing.service import publish

        document, path = self.document, self._path()
        if document is None or path is None:
            return
        if document.modified:
            QMessageBox.information(self, "Publish", "Save the project first: the saved file is what gets published.")
            return
        version = document.answer("policy.version")
        answer = QMessageBox.question(
            self,
            "Publish",
            f"Publish version {version}? Its text is kept in {path.stem}.history/ and the project "
            "moves on to the next version number.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            result = publish(path)
        except TelepolicyError as error:
            QMessageBox.warning(self, "Publish", "\n".join(str(p) for p in error.problems))
            return
        document.apply_answer("policy.version", result.next_version)  # the file already says so
        document.mark_saved(path)
        self.refresh()
        self.published.emit(result.entry.version)

    def redline_path(self, against_draft: bool) -> Path | None:
        """Write the redline of the selected version (against the one before, or the draft) and return its file."""
        from telepolicy.generator import write_outputs
        from telepolicy.generator.publishing.service import compare, render_redline

        path, selected = self._path(), self._selected()
        if path is None or selected is None or self.history is None:
            return None
        versions = [v.version for v in self.history.versions]
        if against_draft:
            old, new = selected, CURRENT
        else:
            index = versions.index(selected)
            if index == 0:
                return None
            old, new = versions[index - 1], selected
        comparison = compare(path, old, new)
        outputs = render_redline(comparison, ["html"])
        (written,) = write_outputs(outputs, path.parent / "out", f"{path.stem}.{comparison.stem_suffix}")
        return written

    def open_redline(self, against_draft: bool) -> None:
        try:
            written = self.redline_path(against_draft)
        except TelepolicyError as error:
            QMessageBox.warning(self, "Redline", "\n".join(str(p) for p in error.problems))
            return
        if written is not None:
            self.redline_written.emit(written)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
