"""The clause in words: prose to edit, with placeholders and conditions shown as marked, named notes.

Each template tag is one run of marked text (a «placeholder» or a ⟨note⟩). Typing
next to a mark types prose, never into the mark; changing a mark itself, or
removing only the start or the end of a condition, is reported in words and not
saved until it is undone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import jinja2
from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from telepolicy.gui.clause_text import Piece, pieces, template_of

TAG_PROPERTY = QTextFormat.Property.UserProperty + 1
PLACEHOLDER_BACKGROUND = QColor("#dbe9ff")
NOTE_BACKGROUND = QColor("#ececec")
NOTE_TEXT = QColor("#4a4a4a")


class ClauseWordsEdit(QTextEdit):
    edited = Signal(str)  # the clause's template after a valid edit
    broken = Signal(str)  # why the edit cannot be kept, in words; "" when it is fine again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self._tags: list[Piece] = []
        self._loading = False
        self._plain = QTextCharFormat()
        self.problem = ""
        self.textChanged.connect(self._changed)
        self.cursorPositionChanged.connect(self._type_prose)

    # --- showing ------------------------------------------------------------------

    def set_template(self, template: str) -> None:
        """Show a clause; the user's undo history of this box starts again."""
        self._loading = True
        try:
            self.clear()
            self._tags = []
            cursor = QTextCursor(self.document())
            for piece in pieces(template):
                if piece.is_tag:
                    cursor.insertText(piece.text, self._mark(piece, len(self._tags)))
                    self._tags.append(piece)
                else:
                    cursor.insertText(piece.text, self._plain)
            self.document().clearUndoRedoStacks()
            self.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self._loading = False
        self._set_problem("")

    def _mark(self, piece: Piece, index: int) -> QTextCharFormat:
        mark = QTextCharFormat()
        mark.setProperty(TAG_PROPERTY, index)
        placeholder = piece.text.startswith("«")
        mark.setBackground(PLACEHOLDER_BACKGROUND if placeholder else NOTE_BACKGROUND)
        if not placeholder:
            mark.setForeground(NOTE_TEXT)
            mark.setFontItalic(True)
        else:
            mark.setFontWeight(QFont.Weight.DemiBold)
        what = "Filled in from your answers" if placeholder else "A note on when this text appears"
        mark.setToolTip(f"{what}. Template source (Advanced view): {piece.tag}")
        return mark

    # --- reading back -------------------------------------------------------------------

    def template(self) -> tuple[str | None, str]:
        """The template the box now stands for, or None and why it cannot be kept."""
        parts: list[Piece] = []
        block = self.document().begin()
        while block.isValid():
            if parts:
                parts.append(Piece("\n"))
            fragments: Iterable[Any] = block  # type: ignore[assignment]  # QTextBlock iterates its fragments
            for item in fragments:
                fragment = item.fragment()
                index = fragment.charFormat().property(TAG_PROPERTY)
                if isinstance(index, int) and 0 <= index < len(self._tags):
                    tag = self._tags[index]
                    if fragment.text() != tag.text:
                        return None, (
                            f"The marked part {tag.text} was changed; it is filled in by the app and cannot be "
                            "typed over. Press Ctrl+Z to bring it back, or type your words before or after it."
                        )
                    parts.append(tag)
                else:
                    parts.append(Piece(fragment.text()))
            block = block.next()
        template = template_of(parts)
        try:
            jinja2.Environment().parse(template)
        except jinja2.TemplateSyntaxError:
            return None, (
                "Part of a condition was removed: a ⟨Only when …⟩ or ⟨For each …⟩ note needs its matching "
                "⟨end …⟩ note. Press Ctrl+Z to bring it back, or remove both."
            )
        return template, ""

    def _changed(self) -> None:
        if self._loading:
            return
        template, problem = self.template()
        self._set_problem(problem)
        if template is not None:
            self.edited.emit(template)

    def _set_problem(self, problem: str) -> None:
        if problem != self.problem:
            self.problem = problem
            self.broken.emit(problem)

    def _type_prose(self) -> None:
        """What is typed next to a mark is prose, not part of the mark."""
        if self.currentCharFormat().property(TAG_PROPERTY) is not None:
            self.setCurrentCharFormat(self._plain)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos()))
            tip = cursor.charFormat().toolTip()
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
