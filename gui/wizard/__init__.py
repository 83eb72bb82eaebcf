"""The wizard: the schema's pages in order, a list of steps beside them, Back and Next below.

Pages are generated from `generator.PAGES` and `generator.FIELDS`, so a new
answer in the schema appears here without GUI code. Steps that do not apply
(no CPNI page without US voice services) drop out of the list and of Back/Next.

A project's first page is built once the window has painted with it (the preview
first): "Loading questions…" stands in its place for that moment, about 100 ms. The
pages' modules load then too: they name Qt's `Qt` enums, which PySide6 creates all
at once (about 40 ms) the first time any code touches them.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from telepolicy.generator import FIELDS, PAGES
from telepolicy.gui import style
from telepolicy.gui.applicability import Applicability
from telepolicy.gui.document import Document
from telepolicy.gui.preview import section_anchor

if TYPE_CHECKING:
    from telepolicy.gui.wizard.fields import FieldEditor
    from telepolicy.gui.wizard.page import FieldPage

# The policy section the preview shows while a page is open (ids of the HTML sections).
PAGE_SECTIONS = {
    "company": "contact",
    "services": "communications",
    "regions": "rights",
    "data": "data_we_collect",
    "purposes": "purposes",
    "roles": "roles",
    "sharing": "sharing",
    "cookies": "cookies",
    "retention": "retention",
    "transfers": "transfers",
    "children": "children",
    "cpni": "cpni",
    "rights": "rights",
    "security": "security",
    "policy": "introduction",
}


class WizardPanel(QWidget):
    page_changed = Signal(str)  # the preview anchor of the section the page is about
    finished = Signal()  # Next on the last page: on to the clauses

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.steps = QListWidget()
        self.steps.setAccessibleName("Wizard steps")
        self.steps.setMaximumWidth(200)
        self.stack = QStackedWidget()
        self.loading = style.muted(QLabel("Loading questions…"))
        self.loading.hide()
        self.loading.installEventFilter(self)
        self._opening = False  # a document is being set: the page shown waits for the window's paint
        self._build_queued = False
        self._pages: list[FieldPage] | None = None  # made on first use (see `pages`)
        for _page_id, title in PAGES:
            self.steps.addItem(QListWidgetItem(title))
        self.steps.currentRowChanged.connect(self._show_page)
        self.back_button = QPushButton("&Back")
        self.next_button = QPushButton("&Next")
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(+1))
        self.position = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.position)
        buttons.addStretch()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        right = QVBoxLayout()
        right.addWidget(self.stack, 1)
        right.addWidget(self.loading, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addLayout(right, 1)
        self.steps.setCurrentRow(0)

    @property
    def pages(self) -> list[FieldPage]:
        """One page per step, made when first needed (their questions are built later still)."""
        if self._pages is None:
            from telepolicy.gui.wizard.page import FieldPage

            self._pages = []
            for page_id, title in PAGES:
                page = FieldPage(page_id, title, [f for f in FIELDS if f.page == page_id])
                page.edited.connect(self._edited)
                page.left.connect(self._left)
                self._pages.append(page)
                self.stack.addWidget(page)
            self.stack.setCurrentIndex(self._row())
            if self.document is not None:
                self._apply_applicability()
        return self._pages

    def _row(self) -> int:
        return max(self.steps.currentRow(), 0)

    # --- the document ---------------------------------------------------------------

    def set_document(self, document: Document | None) -> None:
        if self.document is not None:
            self.document.answer_changed.disconnect(self._answer_changed)
        self.document = document
        if document is None:
            self._show_loading()
            return
        document.answer_changed.connect(self._answer_changed)
        self._apply_applicability()
        for page in self._pages or ():
            if page.built:
                page.load(document.project.answers, document.set_aside)
        self._opening = True
        try:
            self.steps.setCurrentRow(0)
        finally:
            self._opening = False
        self._show_loading()

    @property
    def waiting(self) -> bool:
        """The page shown is not built yet: "Loading questions…" is in its place."""
        return self.document is not None and (self._pages is None or not self._pages[self._row()].built)

    def _show_loading(self) -> None:
        waiting = self.waiting
        self.loading.setVisible(waiting)
        self.stack.setVisible(not waiting)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """The placeholder painted, so the window is on screen with the preview: the page comes next."""
        if watched is self.loading and event.type() == QEvent.Type.Paint and not self._build_queued:
            self._build_queued = True
            QTimer.singleShot(0, self._build_shown)
        return False

    def _build_shown(self) -> None:
        self._build_queued = False
        if self.waiting:
            self.current_page()

    def _answer_changed(self, key: str) -> None:
        assert self.document is not None
        page = self._page_of(key) if self._pages is not None else None
        if page is not None and page.built:
            page.editors[key].set_value(self.document.answer(key))
            if key in self.document.set_aside:  # undo brought back the file's invalid value
                page.editors[key].show_set_aside(*self.document.set_aside[key])
        self._apply_applicability()

    def _edited(self, key: str, value: object, typing: bool) -> None:
        if self.document is not None:
            self.document.set_answer(key, value, typing)

    def _left(self) -> None:
        if self.document is not None:
            self.document.end_typing()

    def _apply_applicability(self) -> None:
        assert self.document is not None
        applicability = Applicability(self.document.project.answers)
        for row, (page_id, _title) in enumerate(PAGES):
            self.steps.item(row).setHidden(not applicability.page_applies(page_id))
        for page in self._pages or ():
            if page.built:
                page.apply(applicability)
        self._update_buttons()

    def _ready(self, page: FieldPage) -> FieldPage:
        """Build a page on first use and show the project's answers in it."""
        if not page.built and self.document is not None:
            page.build()
            self._chain_tab_order(page)
            page.load(self.document.project.answers, self.document.set_aside)
            page.apply(Applicability(self.document.project.answers))
            if page is self.stack.currentWidget():
                self._show_loading()
        return page

    def _chain_tab_order(self, page: FieldPage) -> None:
        """Tab goes through the page's questions, then Back and Next, then the list of steps."""
        chain = [*page.focus_chain(), self.back_button, self.next_button, self.steps]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _page_of(self, key: str) -> FieldPage:
        return next(page for page in self.pages if key in page.keys)

    # --- navigation -------------------------------------------------------------------

    def current_page(self) -> FieldPage:
        """The page shown, built if it was still waiting for the window's first paint."""
        return self._ready(self.pages[self._row()])

    def editor(self, key: str) -> FieldEditor:
        return self._ready(self._page_of(key)).editors[key]

    def _applicable_rows(self) -> list[int]:
        return [row for row in range(self.steps.count()) if not self.steps.item(row).isHidden()]

    def step(self, direction: int) -> bool:
        """Move to the next or previous page that applies; an invalid input stops the move forward."""
        if direction > 0:
            invalid = self.current_page().check()
            if invalid is not None:
                self.current_page().focus(invalid.key)
                return False
        rows = self._applicable_rows()
        current = self._row()
        later = [r for r in rows if (r > current if direction > 0 else r < current)]
        if not later:
            if direction > 0:
                self.finished.emit()
            return False
        self.steps.setCurrentRow(later[0] if direction > 0 else later[-1])
        return True

    def go_to(self, key: str, highlight: bool = True) -> None:
        """Open the page of a question, scroll it into view, put the cursor in it and mark it for a moment."""
        page = self._page_of(key)
        self.steps.setCurrentRow(self.pages.index(page))
        self._ready(page).focus(key, highlight)

    def focus_first_question(self) -> None:
        """Ctrl+1: the cursor in the first question of the page shown."""
        first = self.current_page().first_question()
        if first is not None:
            self.current_page().focus(first.key)
        else:
            self.next_button.setFocus()

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        if self.document is not None and not self._opening:
            self._ready(self.pages[row])
        if self._pages is not None:
            self.stack.setCurrentIndex(row)
        self._show_loading()
        self._update_buttons()
        section = PAGE_SECTIONS.get(PAGES[row][0])
        if section:
            self.page_changed.emit(section_anchor(section))

    def _update_buttons(self) -> None:
        rows = self._applicable_rows()
        current = self._row()
        number = rows.index(current) + 1 if current in rows else 0
        self.position.setText(f"Step {number} of {len(rows)}" if number else "This step does not apply")
        self.back_button.setEnabled(any(r < current for r in rows))
        self.next_button.setText("&Next" if any(r > current for r in rows) else "&Review clauses")
