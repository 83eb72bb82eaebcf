"""A wizard page built from the schema: every question whose field names this page, in schema order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from telepolicy.generator import Field
from telepolicy.gui import style
from telepolicy.gui.applicability import Applicability
from telepolicy.gui.wizard.editors import make_editor
from telepolicy.gui.wizard.fields import FieldEditor


def _inside_compound(widget: QWidget, top: QWidget) -> bool:
    """A part of a combo box, spin box or date input (its line edit, its pop-up): not a Tab stop of its own."""
    parent = widget.parentWidget()
    while parent is not None and widget is not top:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)) or widget.isWindow():
            return True
        if parent is top:
            return False
        widget, parent = parent, parent.parentWidget()
    return False


class FieldPage(QScrollArea):
    """One step of the wizard; questions that do not apply are hidden, not removed.

    Its inputs are built the first time the page is needed, which keeps start-up fast.
    """

    edited = Signal(str, object, bool)
    left = Signal()

    def __init__(self, page_id: str, title: str, fields: Iterable[Field], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_id = page_id
        self.title = title
        self.fields = tuple(fields)
        self.keys = frozenset(f.key for f in self.fields)
        self.editors: dict[str, FieldEditor] = {}
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        # Questions wrap to the width: the page scrolls down, never sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes through the questions, not the page

    @property
    def built(self) -> bool:
        return bool(self.editors) or not self.fields

    def build(self) -> None:
        if self.built:
            return
        body = QWidget()
        outer = QVBoxLayout(body)
        heading = style.heading(QLabel(self.title))
        heading.setWordWrap(True)
        outer.addWidget(heading)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        outer.addStretch()
        seen_help: set[str] = set()
        for field in self.fields:
            editor = make_editor(field, show_help=field.help not in seen_help)
            seen_help.add(field.help)
            editor.edited.connect(self.edited)
            editor.left.connect(self.left)
            self.form.addRow(editor.label, editor.cell)
            self.editors[field.key] = editor
        self.setWidget(body)

    def load(self, answers: dict[str, Any], set_aside: Mapping[str, tuple[Any, str]] | None = None) -> None:
        for key, editor in self.editors.items():
            editor.set_value(answers.get(key))
        for key, (raw, reason) in (set_aside or {}).items():
            if key in self.editors:
                self.editors[key].show_set_aside(raw, reason)

    def apply(self, applicability: Applicability) -> None:
        regions = applicability.answers.get("audience.regions") or ()
        access = (applicability.values or {}).get("facts.lawful_access") or {}
        for row, editor in enumerate(self.editors.values()):
            self.form.setRowVisible(row, applicability.field_applies(editor.key))
            editor.localise(regions, access.get("laws", ""))

    def visible_editors(self) -> list[FieldEditor]:
        return [e for row, e in enumerate(self.editors.values()) if self.form.isRowVisible(row)]

    def check(self) -> FieldEditor | None:
        """Flag every invalid input that applies; the first one, for focus, or None."""
        invalid = [editor for editor in self.visible_editors() if not editor.check()]
        return invalid[0] if invalid else None

    def focus(self, key: str, highlight: bool = False) -> None:
        """Scroll the question into view with its label, put the cursor in it, and mark it for a moment."""
        editor = self.editors[key]
        body = self.widget()
        layout = body.layout() if body is not None else None
        if layout is not None:
            layout.activate()  # a page just built has no geometry yet
        self.ensureWidgetVisible(editor.cell, 0, 24)
        self.ensureWidgetVisible(editor.label, 0, 12)
        self.horizontalScrollBar().setValue(0)
        editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)
        if highlight:
            editor.highlight()

    def focus_chain(self) -> list[QWidget]:
        """The inputs of the page that Tab stops at, in the order of the questions."""
        chain: list[QWidget] = []
        for editor in self.editors.values():
            for widget in [editor.input, *editor.input.findChildren(QWidget)]:
                if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not _inside_compound(widget, editor.input):
                    chain.append(widget)
        return chain

    def first_question(self) -> FieldEditor | None:
        visible = self.visible_editors()
        return visible[0] if visible else None
