"""The clause editor: an outline of the policy's sections and clauses beside the clause panel.

The outline comes from the latest snapshot's plan (built off the UI thread), with
omitted clauses put back so they can be included again. Each clause says where
its text comes from: the library, the user's edit, the user's own clause.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from telepolicy.generator import Plan, PlannedClause
from telepolicy.gui.clause_panel import ClausePanel
from telepolicy.gui.document import Document
from telepolicy.gui.preview import clause_anchor, section_anchor
from telepolicy.gui.snapshot import Snapshot

KIND, IDENTIFIER = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1


def clause_status(planned: PlannedClause, omitted: bool) -> str:
    if omitted:
        return "Left out"
    if planned.stale:
        return "⚠ Library changed"
    return {"library": "", "edited": "Edited", "custom": "Your clause"}[planned.origin]  # only what differs


class VerticalScroll(QScrollArea):
    """Scrolls its widget up and down only: as narrow as the widget allows, as short as the window needs.

    A plain scroll area would let the splitter make it narrower than its widget, cutting off the right edge.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widgetResizable=True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = widget  # before setWidget, which already sends events
        self.setWidget(widget)
        widget.installEventFilter(self)

    def _width(self, widget_width: int) -> int:
        return widget_width + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._width(self.content.minimumSizeHint().width()), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._width(self.content.sizeHint().width()), super().sizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.content and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the widget's minimum width changed: the splitter hears of it
        return super().eventFilter(watched, event)


class EditorPanel(QWidget):
    anchor_chosen = Signal(str)  # the section or clause to show in the preview

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.outline = QTreeWidget()
        self.outline.setAccessibleName("Policy outline")
        self.outline.setHeaderLabels(["Section and clause", "Your changes"])
        header = self.outline.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.outline.setMinimumWidth(220)  # with the clause panel, fits beside the preview at 1024 px
        self.outline.currentItemChanged.connect(self._chosen)
        self.panel = ClausePanel()
        self.panel.add_custom.connect(self._add_custom)
        # The panel scrolls up and down rather than asking for more height than a 700 px window has:
        # squeezed, its wrapped notes would overlap the buttons, or the window would outgrow the screen.
        self.scroller = scroller = VerticalScroll(self.panel)
        splitter = QSplitter()
        splitter.addWidget(self.outline)
        splitter.addWidget(scroller)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 470])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._plan: Plan | None = None
        self._wanted = ""  # a clause to select once it appears (a custom clause just added)
        self._building = False

    def set_document(self, document: Document | None) -> None:
        if self.document is not None:
            self.document.clause_changed.disconnect(self._clause_changed)
        self.document = self.panel.document = document
        if document is not None:
            document.clause_changed.connect(self._clause_changed)
        self._plan = None
        self.outline.clear()
        self.panel.show_nothing()

    # --- outline -------------------------------------------------------------------

    def show_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot.outline is None or self.document is None:
            return
        self._plan = snapshot.outline
        current = self.outline.currentItem()
        selected = self._wanted or (current.data(0, IDENTIFIER) if current else "")
        omitted = {cid for cid, edit in self.document.project.clause_edits.items() if edit.omit}
        expanded = {top.data(0, IDENTIFIER) for top in self._tops() if top.isExpanded()}
        self._building = True
        try:
            self.outline.clear()
            for section in self._plan.sections:
                top = QTreeWidgetItem([section.title, ""])
                top.setToolTip(0, section.title)  # the outline is narrow at 1024 px: long titles are cut short
                top.setData(0, KIND, "section")
                top.setData(0, IDENTIFIER, section.id)
                self.outline.addTopLevelItem(top)
                for planned in section.clauses:
                    item = QTreeWidgetItem([planned.title, clause_status(planned, planned.id in omitted)])
                    item.setToolTip(0, planned.title)
                    item.setData(0, KIND, "clause")
                    item.setData(0, IDENTIFIER, planned.id)
                    top.addChild(item)
                top.setExpanded(section.id in expanded or not expanded)
            found = self._find(selected)
            if found is not None:
                self.outline.setCurrentItem(found)
        finally:
            self._building = False
        if found is not None and (self._wanted or found.data(0, KIND) == "clause"):
            self._show(found, scroll=bool(self._wanted))
        if self._wanted and found is not None:
            self._wanted = ""
            self.panel.custom_title.setFocus()
            self.panel.custom_title.selectAll()

    def _tops(self) -> list[QTreeWidgetItem]:
        tops = (self.outline.topLevelItem(i) for i in range(self.outline.topLevelItemCount()))
        return [top for top in tops if top is not None]

    def _clause_changed(self, clause_id: str) -> None:
        """Undo, reset or omit: show the clause's new state now, not after the next render."""
        if clause_id != self.panel.clause_id or self._plan is None or self.document is None:
            return
        planned = self._plan.clause(clause_id)
        if planned is not None and planned.origin == "custom" and self.document.custom_clause(clause_id) is None:
            planned = None  # a custom clause taken back by undo: no ghost of it stays in the editor
        if planned is None:
            if self.document.custom_clause(clause_id) is None and clause_id.startswith("custom."):
                self._forget(clause_id)
            return
        self.panel.show_clause(planned, self._plan.library.clauses.get(clause_id))

    def _forget(self, clause_id: str) -> None:
        """A clause that no longer exists: show its section instead, and drop it from the outline."""
        section_id = self.panel.section_id
        item = self._find(clause_id)
        parent = item.parent() if item is not None else None
        if item is not None and parent is not None:
            parent.removeChild(item)
        section = self._find(section_id)
        if section is not None:
            self.outline.setCurrentItem(section)
            self.panel.show_section(section_id, section.text(0))
        else:
            self.panel.show_nothing()

    def reveal(self, clause_id: str) -> None:
        """Undo or redo changed a clause: select it, or say it is gone."""
        if self.document is not None and clause_id.startswith("custom.") and not self.document.custom_clause(clause_id):
            self._forget(clause_id)
            return
        if self._find(clause_id) is not None:
            self.go_to(clause_id, focus=False)

    def _find(self, identifier: str) -> QTreeWidgetItem | None:
        if not identifier:
            return None
        for top in self._tops():
            if top.data(0, IDENTIFIER) == identifier:
                return top
            for index in range(top.childCount()):
                child = top.child(index)
                if child is not None and child.data(0, IDENTIFIER) == identifier:
                    return child
        return None

    def _chosen(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        if not self._building and item is not None:
            self._show(item, scroll=True)

    def _show(self, item: QTreeWidgetItem, scroll: bool) -> None:
        identifier = item.data(0, IDENTIFIER)
        if item.data(0, KIND) == "section":
            self.panel.show_section(identifier, item.text(0))
            anchor = section_anchor(identifier)
        else:
            assert self._plan is not None
            planned = self._plan.clause(identifier)
            if planned is None:
                return
            self.panel.show_clause(planned, self._plan.library.clauses.get(identifier))
            anchor = clause_anchor(identifier)
        if scroll:
            self.anchor_chosen.emit(anchor)

    def go_to(self, clause_id: str, focus: bool = True) -> bool:
        """Select a clause (from a finding) and open it; False when it is not in the policy's outline."""
        item = self._find(clause_id)
        if item is None:
            return False
        self.outline.setCurrentItem(item)
        self.outline.scrollToItem(item)
        self._show(item, scroll=True)  # opens it even when it was already the current item
        if focus:
            self.panel.focus_text()
        return True

    def _add_custom(self, section_id: str) -> None:
        if self.document is not None:
            self._wanted = self.document.add_custom_clause(section_id, "New clause", "Write the clause here.")
