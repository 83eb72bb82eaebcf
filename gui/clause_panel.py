"""One clause, side by side with the library's: edit, reset, leave out, or review a library change.

The text box shows the clause's effective text. Typing in it overrides the
library text (saved in the project with the hash of the library text it was
based on); typing the library text back, or Reset, removes the override.
"""

from __future__ import annotations

import difflib

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from telepolicy.generator import Clause, PlannedClause
from telepolicy.gui import style
from telepolicy.gui.clause_words import ClauseWordsEdit
from telepolicy.gui.document import Document
from telepolicy.gui.flow import FlowLayout


def library_change(user_text: str, library_text: str) -> str:
    """The user's text against the library's current text, as a unified diff."""
    lines = difflib.unified_diff(
        user_text.splitlines(), library_text.splitlines(), "your text", "current library text", lineterm=""
    )
    return "\n".join(lines)


def _text_box(read_only: bool, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit(readOnly=read_only, tabChangesFocus=True)
    box.setAccessibleName(name)
    box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    return box


class ClausePanel(QWidget):
    add_custom = Signal(str)  # section id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.clause_id = ""
        self.section_id = ""
        self.library_clause: Clause | None = None
        self._loading = False

        self.heading = style.heading(QLabel(wordWrap=True), 3)
        self.status = style.muted(QLabel(wordWrap=True))
        self.custom_title = QLineEdit()
        self.custom_title.setAccessibleName("Custom clause title")
        self.text = _text_box(False, "Clause template source")
        self.words = ClauseWordsEdit()
        self.words.setAccessibleName("Clause text")
        self.words_problem = style.error(QLabel())
        self.words_problem.setWordWrap(True)
        self.words_problem.setVisible(False)
        self.advanced = QCheckBox("Ad&vanced: template source")
        self.advanced.setToolTip("Show the clause's template, for clause authors")
        self.library_text = _text_box(True, "Library template source")
        self.library_words = ClauseWordsEdit()
        self.library_words.setReadOnly(True)
        self.library_words.setAccessibleName("Library text")
        self.stale = style.error(QLabel(wordWrap=True))
        self.diff = _text_box(True, "Difference from the library text")
        self.keep_button = QPushButton("&Keep my text")
        self.reset_button = QPushButton("&Reset to library text")
        self.omit_box = QCheckBox("&Leave this clause out of the policy")
        self.add_button = QPushButton("&Add custom clause to this section")
        self.remove_button = QPushButton("Remove &this custom clause")

        form = QFormLayout()
        self.title_label = QLabel("Custom clause title")
        self.title_label.setBuddy(self.custom_title)
        form.addRow(self.title_label, self.custom_title)
        self.text_label = QLabel("Clause &text, as the reader sees it (marked parts are filled in from your answers)")
        self.text_label.setWordWrap(True)
        self.text_label.setBuddy(self.words)
        self.library_label = QLabel("Library text")
        self.library_label.setBuddy(self.library_words)
        # What can be done to this clause, then what can be added to its section; they wrap when narrow,
        # so choosing a clause never widens the panel (the preview beside it keeps its width).
        button_row = QWidget()
        buttons = FlowLayout(button_row)
        for widget in (self.reset_button, self.remove_button, self.add_button):
            buttons.addWidget(widget)
        layout = QVBoxLayout(self)
        for label in (self.heading, self.status):
            layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.text_label)
        layout.addWidget(self.words, 3)
        layout.addWidget(self.words_problem)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.omit_box)
        layout.addWidget(button_row)
        below: tuple[QWidget, ...] = (self.stale, self.diff, self.keep_button, self.library_label)
        for part in below:
            layout.addWidget(part)
        layout.addWidget(self.library_words, 2)
        layout.addWidget(self.library_text, 2)
        layout.addWidget(self.advanced)
        layout.addStretch()  # takes the room when only a section's heading is shown

        self.text.textChanged.connect(lambda: self._typed(self.text.toPlainText()))
        self.words.edited.connect(self._typed)
        self.words.broken.connect(self._words_broken)
        self.words.installEventFilter(self)
        self.advanced.toggled.connect(self._show_advanced)
        self.custom_title.textEdited.connect(lambda _title: self._typed(self._current_text()))
        self.text.installEventFilter(self)
        self.custom_title.editingFinished.connect(self._left)
        self.reset_button.clicked.connect(lambda: self.document and self.document.reset_clause(self.clause_id))
        self.omit_box.toggled.connect(self._omit_toggled)
        self.keep_button.clicked.connect(self._keep)
        self.add_button.clicked.connect(lambda: self.add_custom.emit(self.section_id))
        self.remove_button.clicked.connect(lambda: self.document and self.document.remove_custom_clause(self.clause_id))
        self.show_nothing()

    # --- what is shown --------------------------------------------------------------

    def _set_visible(self, *, clause: bool, custom: bool, library: bool) -> None:
        advanced = self.advanced.isChecked()
        shown: tuple[tuple[tuple[QWidget, ...], bool], ...] = (
            ((self.text_label, self.status, self.advanced), clause),
            ((self.words,), clause and not advanced),
            ((self.text,), clause and advanced),
            ((self.title_label, self.custom_title, self.remove_button), custom),
            ((self.library_label, self.omit_box, self.reset_button), library),
            ((self.library_words,), library and not advanced),
            ((self.library_text,), library and advanced),
        )
        for widgets, visible in shown:
            for widget in widgets:
                widget.setVisible(visible)
        self.words_problem.setVisible(clause and not advanced and bool(self.words.problem))
        self.add_button.setVisible(bool(self.section_id))
        self._clause_shown, self._custom_shown, self._library_shown = clause, custom, library

    def _show_advanced(self, _advanced: bool) -> None:
        self._set_visible(clause=self._clause_shown, custom=self._custom_shown, library=self._library_shown)

    def focus_text(self) -> None:
        (self.text if self.advanced.isChecked() else self.words).setFocus()

    def _current_text(self) -> str:
        if self.advanced.isChecked():
            return self.text.toPlainText()
        template, _problem = self.words.template()
        return self.text.toPlainText() if template is None else template

    def _words_broken(self, problem: str) -> None:
        self.words_problem.setText(f"⚠ {problem}" if problem else "")
        self.words_problem.setVisible(bool(problem) and not self.advanced.isChecked())

    def show_nothing(self) -> None:
        self.clause_id = self.section_id = ""
        self.heading.setText("Choose a section or clause in the outline.")
        self._set_visible(clause=False, custom=False, library=False)
        self._show_stale(None)

    def show_section(self, section_id: str, title: str) -> None:
        self.clause_id, self.section_id = "", section_id
        self.heading.setText(title)
        self._set_visible(clause=False, custom=False, library=False)
        self._show_stale(None)

    def show_clause(self, planned: PlannedClause, library_clause: Clause | None) -> None:
        """Show a clause; called again after each render, it leaves the user's typing alone."""
        assert self.document is not None
        self.clause_id, self.section_id, self.library_clause = planned.id, planned.section, library_clause
        self.heading.setText(planned.title)
        custom = self.document.custom_clause(planned.id)
        self._set_visible(clause=True, custom=custom is not None, library=library_clause is not None)
        self._loading = True
        try:
            if custom is not None:
                self._replace(self.custom_title, custom.title)
                self._replace(self.text, custom.text)
                self._replace_words(self.words, custom.text)
                self.status.setText("Your own clause.")
                self._show_stale(None)
                return
            assert library_clause is not None
            edit = self.document.project.clause_edits.get(planned.id)
            text = edit.text if edit and edit.text is not None else library_clause.text
            self._replace(self.text, text)
            self._replace_words(self.words, text)
            self.library_text.setPlainText(library_clause.text)
            self._replace_words(self.library_words, library_clause.text)
            self.omit_box.setChecked(bool(edit and edit.omit))
            self.reset_button.setEnabled(edit is not None)
            edited = edit is not None and edit.text is not None
            stale = bool(edit and edited and edit.base_hash and edit.base_hash != library_clause.text_hash)
            self.status.setText(self._describe(edited, bool(edit and edit.omit)))
            self._show_stale(library_change(text, library_clause.text) if stale else None)
            self.status.setToolTip(f"Clause {planned.id}. Satisfies: " + ", ".join(library_clause.requirements))
        finally:
            self._loading = False

    @staticmethod
    def _describe(edited: bool, omitted: bool) -> str:
        state = "Your text replaces the library text." if edited else "The library text, unchanged."
        return state + (" Left out of the policy." if omitted else "")

    @staticmethod
    def _replace(widget: QLineEdit | QPlainTextEdit, text: str) -> None:
        """Only when the project differs (undo, another clause): resetting would move the cursor."""
        current = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        if current == text:
            return
        if isinstance(widget, QLineEdit):
            widget.setText(text)
        else:
            widget.setPlainText(text)

    @staticmethod
    def _replace_words(widget: ClauseWordsEdit, text: str) -> None:
        if widget.template()[0] != text:
            widget.set_template(text)

    def _show_stale(self, diff: str | None) -> None:
        stale_parts: tuple[QWidget, ...] = (self.stale, self.diff, self.keep_button)
        for widget in stale_parts:
            widget.setVisible(diff is not None)
        if diff is not None:
            self.stale.setText(
                "⚠ The library text of this clause has changed since you edited it. "
                "Compare, then keep your text or reset to the library text."
            )
            self.diff.setPlainText(diff)

    # --- what the user does ---------------------------------------------------------------

    def _typed(self, text: str) -> None:
        if self._loading or self.document is None or not self.clause_id:
            return
        if self.document.custom_clause(self.clause_id) is not None:
            title = self.custom_title.text() if self.custom_title.text().strip() else "Untitled clause"
            self.document.edit_custom_clause(self.clause_id, title, text, typing=True)
        elif self.library_clause is not None:
            clause = self.library_clause
            self.document.edit_clause(self.clause_id, text, clause.text, clause.text_hash, True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched in (self.text, self.words) and event.type() == QEvent.Type.FocusOut:
            self._left()
        return False

    def _left(self) -> None:
        if self.document is not None:
            self.document.end_typing()

    def _omit_toggled(self, omit: bool) -> None:
        if not self._loading and self.document is not None and self.clause_id:
            self.document.set_omitted(self.clause_id, omit)

    def _keep(self) -> None:
        if self.document is not None and self.library_clause is not None:
            self.document.keep_clause_text(self.clause_id, self.library_clause.text_hash)
