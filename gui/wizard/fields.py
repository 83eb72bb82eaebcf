"""One input per question, chosen by the schema field's kind.

Every editor validates with the loader's own rules (`validate_answer`) and hands
on valid values only; an invalid one is flagged at the field with the reason and
never reaches the project. Each input's accessible name is its visible label.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from telepolicy.generator import Field, validate_answer
from telepolicy.gui import style
from telepolicy.gui.labels import choice_label

PLACEHOLDERS = {
    "email": "privacy@example.com",
    "url": "https://example.com/privacy",
    "period": "18 months, or while_account_open",
}
CHOICE_COLUMNS = 2


class FieldEditor(QObject):
    """The widgets of one question: label, input, explanation and error line."""

    edited = Signal(str, object, bool)  # key, valid value, still typing
    left = Signal()  # the user left the field: the next change is a new undo step

    def __init__(self, field: Field, show_help: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._loading = False
        self.input = self._build()
        self.input.setAccessibleName(field.label)
        self.input.setAccessibleDescription(field.help)
        self.input.setToolTip(field.help)
        self.label = QLabel(field.label)
        self.label.setBuddy(self.focus_widget())
        self.help = style.muted(QLabel(field.help, wordWrap=True, visible=show_help))
        self.error = style.error(QLabel(wordWrap=True, visible=False))
        self.error.setAccessibleName(f"{field.label}: error")
        self.cell = QWidget()
        layout = QVBoxLayout(self.cell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.input)
        layout.addWidget(self.error)
        layout.addWidget(self.help)

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
        self._flag(None)

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

    # --- for subclasses ---------------------------------------------------------------

    def _build(self) -> QWidget:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _read(self) -> Any:
        raise NotImplementedError

    def _changed(self, typing: bool = False) -> None:
        """Validate the input's value; hand it on when valid, keep the flag up to date when not."""
        if self._loading:
            return
        value, message = self._validate()
        if message is None:
            self._flag(None)
            self.edited.emit(self.key, value, typing)
        elif not self.error.isHidden() or not typing:  # already flagged, or a choice made: say why now
            self._flag(message)

    def _left(self) -> None:
        self.check()
        self.left.emit()

    def _flag(self, message: str | None) -> None:
        self.error.setText(f"⚠ {message}" if message else "")
        self.error.setVisible(message is not None)
        style.mark_invalid(self.input, message is not None)


class LineEditor(FieldEditor):
    """text, email, url and period answers: checked as typed, flagged when the user moves on."""

    def _build(self) -> QWidget:
        edit = QLineEdit(placeholderText=PLACEHOLDERS.get(self.field.kind, ""), clearButtonEnabled=True)
        edit.textEdited.connect(lambda _text: self._changed(typing=True))
        edit.editingFinished.connect(self._left)
        return edit

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if validate_answer(self.key, self.input.text())[0] != text:  # keep the cursor while typing
            self.input.setText(text)

    def _read(self) -> str:
        return self.input.text()


class BoolEditor(FieldEditor):
    def _build(self) -> QWidget:
        box = QCheckBox(self.field.label)
        box.toggled.connect(lambda _checked: self._changed())
        return box

    def _show(self, value: Any) -> None:
        self.input.setChecked(bool(value))

    def _read(self) -> bool:
        return self.input.isChecked()


class IntEditor(FieldEditor):
    def _build(self) -> QWidget:
        spin = QSpinBox(minimum=self.field.minimum or 0, maximum=self.field.maximum or 100_000)
        spin.valueChanged.connect(lambda _value: self._changed(typing=True))
        spin.editingFinished.connect(self._left)
        return spin

    def _show(self, value: Any) -> None:
        self.input.setValue(int(value or 0))

    def _read(self) -> int:
        return self.input.value()


class DateEditor(FieldEditor):
    """A date; an optional one (last updated) has a check box to leave it unset."""

    def _build(self) -> QWidget:
        self.date = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
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
        return self.date.date().toPython()


class ChoiceEditor(FieldEditor):
    def _build(self) -> QWidget:
        combo = QComboBox()
        for value in self.field.choices:
            combo.addItem(choice_label(value), value)
        combo.currentIndexChanged.connect(lambda _index: self._changed())
        return combo

    def _show(self, value: Any) -> None:
        self.input.setCurrentIndex(max(0, self.input.findData(value)))

    def _read(self) -> str:
        return str(self.input.currentData())


class ChoicesEditor(FieldEditor):
    """Several of a fixed set: a group of check boxes, each named by its own label."""

    def _build(self) -> QWidget:
        group = QWidget()
        grid = QGridLayout(group)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for index, value in enumerate(self.field.choices):
            box = QCheckBox(choice_label(value))
            box.setAccessibleName(choice_label(value))
            box.toggled.connect(lambda _checked: self._changed())
            grid.addWidget(box, index // CHOICE_COLUMNS, index % CHOICE_COLUMNS)
            self.boxes[value] = box
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
        edit = QPlainTextEdit(tabChangesFocus=True, placeholderText="One a line")
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
        edit.textChanged.connect(lambda: self._changed(typing=True))
        edit.installEventFilter(self)
        return edit

    def eventFilter(self, watched: QObject, event: Any) -> bool:  # noqa: N802 - Qt's name
        if watched is self.input and event.type() == event.Type.FocusOut:
            self._left()
        return False

    def _show(self, value: Any) -> None:
        if self._read_clean() != list(value or []):
            self.input.setPlainText("\n".join(value or []))

    def _read(self) -> list[str]:
        return self.input.toPlainText().splitlines()

    def _read_clean(self) -> list[str]:
        return [line.strip() for line in self._read() if line.strip()]


EDITORS: dict[str, type[FieldEditor]] = {
    "text": LineEditor,
    "email": LineEditor,
    "url": LineEditor,
    "period": LineEditor,
    "bool": BoolEditor,
    "int": IntEditor,
    "date": DateEditor,
    "choice": ChoiceEditor,
    "choices": ChoicesEditor,
    "text_list": TextListEditor,
}


def make_editor(field: Field, show_help: bool = True) -> FieldEditor:
    editor = EDITORS[field.kind](field, show_help)
    if field.kind == "bool":
        editor.label.setText("")  # the check box carries its own label
    elif field.kind == "choices":
        editor.label.setAlignment(Qt.AlignmentFlag.AlignTop)
    return editor
