"""The editor a wizard question gets, by the kind of its answer."""

from __future__ import annotations

from PySide6.QtCore import Qt

from telepolicy.generator import Field
from telepolicy.gui.wizard.fields import (
    BoolEditor,
    ChoiceEditor,
    ChoicesEditor,
    DateEditor,
    FieldEditor,
    IntEditor,
    LineEditor,
    TextListEditor,
)
from telepolicy.gui.wizard.period import PeriodEditor

# One editor class for each kind of answer (project/field.py: Kind).
EDITORS: dict[str, type[FieldEditor]] = {
    "text": LineEditor,
    "email": LineEditor,
    "url": LineEditor,
    "period": PeriodEditor,
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
