"""The retention-period question: a number and a unit, or one of the named choices in words."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import (
    QWidget,
)

from telepolicy.gui.flow import FlowLayout
from telepolicy.gui.wizard.fields import FieldEditor
from telepolicy.gui.wizard.widgets import ComboBox, SpinBox

# Retention: a number and a unit, or one of the named choices, in words.
PERIOD_CHOICES = (
    ("", "For a set time"),
    ("while_account_open", "While the account is open"),
    ("as_required_by_law", "As long as the law requires"),
    ("customer_instructions", "As the business customer instructs"),
)


PERIOD_UNITS = (("day", "days"), ("week", "weeks"), ("month", "months"), ("year", "years"))


_PERIOD_TEXT = re.compile(r"^([1-9][0-9]{0,3}) (day|week|month|year)s?$")


class PeriodEditor(FieldEditor):
    """How long data is kept: one of the named choices in words, or a number and a unit."""

    def _build(self) -> QWidget:
        container = QWidget()
        layout = FlowLayout(container)  # the number and unit go below the choice on a narrow page
        self.kind = ComboBox()
        for value, text in PERIOD_CHOICES:
            self.kind.addItem(text, value)
        self.kind.setAccessibleName(f"{self.field.label}: kind of period")
        self.kind.setMinimumContentsLength(26)  # "While the account is open" whole; the page still fits 1024x700
        self.number = SpinBox()
        self.number.setRange(1, 9999)
        self.number.setAccessibleName(f"{self.field.label}: number")
        self.unit = ComboBox()
        for singular, plural in PERIOD_UNITS:
            self.unit.addItem(plural, singular)
        self.unit.setAccessibleName(f"{self.field.label}: unit")
        layout.addWidget(self.kind)
        layout.addWidget(self.number)
        layout.addWidget(self.unit)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.number.valueChanged.connect(lambda _value: self._changed(typing=True))
        self.number.editingFinished.connect(self._left)
        self.unit.currentIndexChanged.connect(lambda _index: self._changed())
        self._kind_changed()
        return container

    def focus_widget(self) -> QWidget:
        return self.kind

    def _kind_changed(self) -> None:
        fixed = self.kind.currentData() == ""
        self.number.setVisible(fixed)
        self.unit.setVisible(fixed)
        self._changed()

    def _show(self, value: Any) -> None:
        text = str(value or "")
        match = _PERIOD_TEXT.match(text)
        if match:
            self.number.setValue(int(match.group(1)))
            self.unit.setCurrentIndex(max(0, self.unit.findData(match.group(2))))
            self.kind.setCurrentIndex(0)
        else:
            self.kind.setCurrentIndex(max(0, self.kind.findData(text)))
        fixed = self.kind.currentData() == ""
        self.number.setVisible(fixed)
        self.unit.setVisible(fixed)

    def _read(self) -> str:
        named = str(self.kind.currentData())
        if named:
            return named
        number = self.number.value()
        unit = str(self.unit.currentData())
        return f"{number} {unit}" + ("" if number == 1 else "s")
