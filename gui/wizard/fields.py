"""One input per question, chosen by the schema field's kind.

Every editor validates with the loader's own rules (`validate_answer`) and hands
on valid values only; an invalid one is flagged at the field with the reason and
never reaches the project. A value the project file had but that is not valid is
shown at its field with the reason (it is kept aside, not dropped). Each input's
accessible name is its visible label. Combo boxes, spin boxes and date inputs
take the mouse wheel only when focused, so scrolling the page never changes an
answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from telepolicy.generator import Field, choice_label, validate_answer
from telepolicy.gui import style
from telepolicy.gui.flow import FlowLayout
from telepolicy.gui.wizard.widgets import CheckRow, ComboBox, DateEdit, SpinBox, hidden_label

PLACEHOLDERS = {
    "email": "privacy@example.com",
    "url": "https://example.com/privacy",
}
# The policy is written in English: dates in the app are shown in its language, not the system's.
HIGHLIGHT_MS = 1500
HIGHLIGHT_COLOUR = QColor("#fff4c2")


# Help that names a US law, and what a Canadian operator reads instead (or as well, serving both).
US_MARKETING = "Marketing texts and calls need consent and a STOP opt-out (TCPA 47 U.S.C. 227)."
CANADA_MARKETING = (
    "Commercial e-mails and texts need consent and an unsubscribe mechanism (CASL, S.C. 2010, c. 23, s. 6); "
    "telemarketing calls follow the CRTC Unsolicited Telecommunications Rules and the National Do Not Call List."
)


# Questions whose help names the lawful-access laws of the operator's country (facts.lawful_access.laws).
LAWFUL_ACCESS_QUESTIONS = frozenset({"sharing.law_enforcement"})


def user_help(field: Field, regions: Iterable[str] = ("us",), laws: str = "") -> str:
    """The field's explanation without the file syntax and project jargon meant for file writers.

    Help that cites a US law is given for the regions served: CASL rather than the TCPA in Canada;
    `laws` are the lawful-access laws of the operator's country, named for the questions about them.
    """
    text = re.sub(r"\s*A period such as .*$", "", field.help)
    text = re.sub(r"[;,]\s*[^.;()]*\bseeds?\b[^.;()]*?(?=\s*[(.;]|$)", "", text).strip()
    text = re.sub(r";\s*clause_library/[\w./]+", "", text)  # a file name means nothing to the user
    served = set(regions)
    if US_MARKETING in text and "canada" in served:
        text = text.replace(
            US_MARKETING, CANADA_MARKETING if "us" not in served else f"{US_MARKETING} {CANADA_MARKETING}"
        )
    if laws and field.key in LAWFUL_ACCESS_QUESTIONS:
        text = f"{text} In your policy: {laws}."
    return text


# --- inputs that leave the mouse wheel to the page unless focused ---------------------------


class FieldEditor(QObject):
    """The widgets of one question: label, input, explanation and error line."""

    edited = Signal(str, object, bool)  # key, valid value, still typing
    left = Signal()  # the user left the field: the next change is a new undo step

    def __init__(self, field: Field, show_help: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._loading = False
        self.set_aside: str | None = None  # why the file's value was kept aside, while it is
        self._loading = True  # building sets initial values: not edits
        self.input = self._build()
        self._loading = False
        self.input.setAccessibleName(field.label)
        self.input.setAccessibleDescription(user_help(field))
        self.input.setToolTip(user_help(field))
        self.label = QLabel(field.label)
        self.label.setBuddy(self.focus_widget())
        self.label.setWordWrap(True)
        # One line up to a fair width (a wrapping label would otherwise fold at a few words); longer ones wrap.
        self.label.setMinimumWidth(min(self.label.fontMetrics().horizontalAdvance(field.label) + 4, 240))
        self.help = style.muted(QLabel(user_help(field)))
        self.help.setWordWrap(True)
        if not show_help:  # setVisible(True) would show the parentless label as a window of its own
            self.help.hide()
        self.error = style.error(hidden_label())
        self.error.setAccessibleName(f"{field.label}: error")
        self.cell = QWidget()
        self.cell.setAutoFillBackground(False)
        layout = QVBoxLayout(self.cell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.input)
        layout.addWidget(self.error)  # its own line, above the help: they never overlap
        layout.addWidget(self.help)
        self.highlighted = False

    # --- for the page ---------------------------------------------------------------

    @property
    def key(self) -> str:
        return self.field.key

    def focus_widget(self) -> QWidget:
        return self.input

    def set_value(self, value: Any) -> None:
        """Show the project's value; never reported back as an edit."""
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False
        self.set_aside = None
        self._flag(None)

    def show_set_aside(self, raw: Any, reason: str) -> None:
        """The file's value is not valid: show what it was and why, until the user changes it."""
        self._loading = True
        try:
            self._show_raw(raw)
        finally:
            self._loading = False
        self.set_aside = reason
        self._flag(f"The file has {_describe(raw)}, which was kept aside: {reason}")

    def check(self) -> bool:
        """Validate what the input shows now and flag it; True when it is valid."""
        _, message = self._validate()
        self._flag(message)
        return message is None

    def _validate(self) -> tuple[Any, str | None]:
        value = self._read()
        if value is None and not self.field.required:
            return None, None  # an optional answer left unset (the project file omits it)
        return validate_answer(self.key, value)

    def localise(self, regions: Iterable[str], laws: str = "") -> None:
        """Say the law of the places served, and of the operator's country, in the explanation."""
        text = user_help(self.field, regions, laws)
        if text != self.help.text():
            self.help.setText(text)
            self.input.setToolTip(text)
            self.input.setAccessibleDescription(text)

    def highlight(self) -> None:
        """Mark the question for a moment, so the eye finds it after a jump."""
        palette = self.cell.palette()
        palette.setColor(QPalette.ColorRole.Window, HIGHLIGHT_COLOUR)
        self.cell.setPalette(palette)
        self.cell.setAutoFillBackground(True)
        self.highlighted = True
        QTimer.singleShot(HIGHLIGHT_MS, self.cell, self._unhighlight)  # no call once the cell is gone

    def _unhighlight(self) -> None:
        self.cell.setAutoFillBackground(False)
        self.highlighted = False

    # --- for subclasses ---------------------------------------------------------------

    def _build(self) -> QWidget:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _show_raw(self, raw: Any) -> None:
        """Show an invalid value from the file if this input can; most keep their current value."""

    def _read(self) -> Any:
        raise NotImplementedError

    def _changed(self, typing: bool = False) -> None:
        """Validate the input's value; hand it on when valid, keep the flag up to date when not."""
        if self._loading:
            return
        value, message = self._validate()
        if message is None:
            self.set_aside = None
            self._flag(None)
            self.edited.emit(self.key, value, typing)
        elif not self.error.isHidden() or not typing:  # already flagged, or a choice made: say why now
            self._flag(message)

    def _left(self) -> None:
        self.check()
        self.left.emit()

    def _flag(self, message: str | None) -> None:
        if message is None and self.set_aside is not None:
            return
        self.error.setText(f"⚠ {message}" if message else "")
        self.error.setVisible(message is not None)
        style.mark_invalid(self.input, message is not None)


def _describe(raw: Any) -> str:
    if isinstance(raw, str):
        return f"“{raw[:80]}{'…' if len(raw) > 80 else ''}”"
    if isinstance(raw, list):
        return ", ".join(_describe(item) for item in raw[:5])
    if isinstance(raw, bool):
        return "“yes”" if raw else "“no”"
    return f"“{raw!s:.80}”"


class LineEditor(FieldEditor):
    """text, email and url answers: checked as typed, flagged when the user moves on."""

    def _build(self) -> QWidget:
        self.line = QLineEdit()
        self.line.setPlaceholderText(PLACEHOLDERS.get(self.field.kind, ""))
        self.line.setClearButtonEnabled(True)
        self.line.textEdited.connect(lambda _text: self._changed(typing=True))
        self.line.editingFinished.connect(self._left)
        return self.line

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if validate_answer(self.key, self.line.text())[0] != text:  # keep the cursor while typing
            self._set(text)

    def _show_raw(self, raw: Any) -> None:
        if isinstance(raw, str):
            self._set(raw)

    def _set(self, text: str) -> None:
        """Show an answer from its start: a long address shows its first line, not its last words."""
        self.line.setText(text)
        self.line.setCursorPosition(0)

    def _read(self) -> str:
        return self.line.text()


class BoolEditor(FieldEditor):
    """A yes-or-no question: a check box whose label wraps to the page's width."""

    def __init__(self, field: Field, show_help: bool = True, parent: QObject | None = None) -> None:
        super().__init__(field, show_help, parent)
        layout = self.cell.layout()
        assert layout is not None
        layout.replaceWidget(self.box, self.row)
        self.row.layout().insertWidget(0, self.box, 0, Qt.AlignmentFlag.AlignTop)  # type: ignore[union-attr]

    def _build(self) -> QWidget:
        self.row = CheckRow(self.field.label)
        self.box = self.row.box
        self.box.toggled.connect(lambda _checked: self._changed())
        return self.box

    def _show(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def _read(self) -> bool:
        return self.box.isChecked()


class IntEditor(FieldEditor):
    def _build(self) -> QWidget:
        self.spin = SpinBox()
        self.spin.setRange(self.field.minimum or 0, self.field.maximum or 100_000)
        self.spin.valueChanged.connect(lambda _value: self._changed(typing=True))
        self.spin.editingFinished.connect(self._left)
        return self.spin

    def _show(self, value: Any) -> None:
        self.spin.setValue(int(value or 0))

    def _read(self) -> int:
        return self.spin.value()


class DateEditor(FieldEditor):
    """A date; an optional one (last updated) has a check box to leave it unset."""

    def _build(self) -> QWidget:
        self.date = DateEdit()
        self.date.dateChanged.connect(lambda _date: self._changed())
        if self.field.required:
            return self.date
        container = QWidget()
        layout = QHBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox("Set a date")
        self.enabled.toggled.connect(self.date.setEnabled)
        self.enabled.toggled.connect(lambda _checked: self._changed())
        layout.addWidget(self.enabled)
        layout.addWidget(self.date)
        layout.addStretch()
        self.date.setAccessibleName(self.field.label)
        return container

    def focus_widget(self) -> QWidget:
        return self.date if self.field.required else self.enabled

    def _show(self, value: Any) -> None:
        if not self.field.required:
            self.enabled.setChecked(value is not None)
            self.date.setEnabled(value is not None)
        day = value if isinstance(value, dt.date) else dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))

    def _read(self) -> dt.date | None:
        if not self.field.required and not self.enabled.isChecked():
            return None
        day: dt.date = self.date.date().toPython()  # type: ignore[assignment]
        return day


class ChoiceEditor(FieldEditor):
    def _build(self) -> QWidget:
        self.combo = ComboBox()
        for value in self.field.choices:
            self.combo.addItem(choice_label(value), value)
        self.combo.currentIndexChanged.connect(lambda _index: self._changed())
        return self.combo

    def _show(self, value: Any) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))

    def _read(self) -> str:
        return str(self.combo.currentData())


class ChoicesEditor(FieldEditor):
    """Several of a fixed set: check boxes that wrap to the width, each named by its own label."""

    def _build(self) -> QWidget:
        group = QWidget()
        flow = FlowLayout(group)
        self.boxes: dict[str, QCheckBox] = {}
        self.rows: dict[str, CheckRow] = {}
        for value in self.field.choices:
            row = CheckRow(choice_label(value))
            row.box.toggled.connect(lambda _checked: self._changed())
            flow.addWidget(row)
            self.boxes[value] = row.box
            self.rows[value] = row
        return group

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()))

    def _show(self, value: Any) -> None:
        chosen = set(value or ())
        for choice, box in self.boxes.items():
            box.setChecked(choice in chosen)

    def _read(self) -> list[str]:
        return [choice for choice, box in self.boxes.items() if box.isChecked()]


class TextListEditor(FieldEditor):
    """A short list of names, one a line: easy to type, paste and read back."""

    def _build(self) -> QWidget:
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText("One a line")
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
        self.edit.textChanged.connect(lambda: self._changed(typing=True))
        self.edit.installEventFilter(self)
        return self.edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self._left()
        return False

    def _show(self, value: Any) -> None:
        if self._read_clean() != list(value or []):
            self.edit.setPlainText("\n".join(value or []))

    def _read(self) -> list[str]:
        return self.edit.toPlainText().splitlines()

    def _read_clean(self) -> list[str]:
        return [line.strip() for line in self._read() if line.strip()]
