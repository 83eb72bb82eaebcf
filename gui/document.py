"""The open project as a QObject: the Project, its undo stack, its file and whether it is saved.

Views never change the project directly: they call the methods below, which push
undo commands; the commands call back the `apply_*` methods, which change the
project and emit the signals every view listens to.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from telepolicy.generator import FIELDS_BY_KEY, ClauseEdit, CustomClause, Project, validate_answer
from telepolicy.gui.commands import Change


class Document(QObject):
    answer_changed = Signal(str)  # answer key
    clause_changed = Signal(str)  # clause id (library or custom)
    changed = Signal()  # anything in the project
    modified_changed = Signal(bool)
    path_changed = Signal()
    revealed = Signal(str, str)  # "answer" or "clause", and its key or id: undo or redo changed it, show it

    def __init__(self, project: Project, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.path = path
        self.typing_session = 0
        # Values from the file that are not valid: key -> (the value as written, why). Kept, shown
        # at their question and written back on save until the user gives a valid answer.
        # The core keeps the value itself in `project.set_aside` (saving writes it back); this adds why.
        reasons = {problem.key: problem.message for problem in project.problems}
        self.set_aside: dict[str, tuple[Any, str]] = {
            key: (value, reasons.get(key, "not valid")) for key, value in project.set_aside.items()
        }
        self._salvage_lists()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    # --- state -----------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def name(self) -> str:
        return self.path.stem if self.path else "Untitled"

    def answer(self, key: str) -> Any:
        return self.project.answers.get(key)

    def mark_saved(self, path: Path) -> None:
        self.end_typing()
        if path != self.path:
            self.path = path
            self.path_changed.emit()
        self.undo_stack.setClean()

    def mark_unsaved(self) -> None:
        """A recovered or repaired project differs from its file until it is saved."""
        self.undo_stack.resetClean()

    def end_typing(self) -> None:
        """The user left a field: the next keystroke starts a new undo step."""
        self.typing_session += 1

    # --- changes, as undo commands -------------------------------------------------

    def _push(self, place: tuple[str, str], old: Any, new: Any, label: str, typing: bool = False) -> None:
        self.undo_stack.push(Change(place, old, new, label, self._apply, self.typing_session if typing else None))

    def _salvage_lists(self) -> None:
        """One bad element of a list sets aside that element only: the valid ones stay in use."""
        for key, raw in self.project.set_aside.items():
            field = FIELDS_BY_KEY.get(key)
            if field is None or field.kind not in ("choices", "text_list") or not isinstance(raw, list):
                continue
            valid = [item for item in raw if validate_answer(key, [item])[1] is None]
            value, message = validate_answer(key, valid)
            if message is None:
                self.project.answers[key] = value

    def set_answer(self, key: str, value: Any, typing: bool = False) -> None:
        old = (self.project.answers.get(key), self.set_aside.get(key))
        if old != (value, None):
            self._push(("answer", key), old, (value, None), f"Change “{FIELDS_BY_KEY[key].label}”", typing)

    def edit_clause(self, clause_id: str, text: str, library_text: str, base_hash: str, typing: bool = False) -> None:
        """Override a library clause; typing the library text back removes the override."""
        current = self.project.clause_edits.get(clause_id)
        omit = bool(current and current.omit)
        if current and current.text is not None:
            base_hash = current.base_hash  # editing further is not reviewing a library change
        new: ClauseEdit | None
        if text == library_text and not omit:
            new = None
        else:
            new = ClauseEdit(text=None if text == library_text else text, omit=omit, base_hash=base_hash)
        if new != current:
            self._push(("clause", clause_id), current, new, "Edit clause", typing)

    def set_omitted(self, clause_id: str, omit: bool) -> None:
        current = self.project.clause_edits.get(clause_id) or ClauseEdit()
        new: ClauseEdit | None = replace(current, omit=omit)
        if current.text is None and not omit:
            new = None
        label = "Omit clause" if omit else "Include clause"
        self._push(("clause", clause_id), self.project.clause_edits.get(clause_id), new, label)

    def reset_clause(self, clause_id: str) -> None:
        if clause_id in self.project.clause_edits:
            current = self.project.clause_edits[clause_id]
            self._push(("clause", clause_id), current, None, "Reset clause to the library text")

    def keep_clause_text(self, clause_id: str, base_hash: str) -> None:
        """The user reviewed a changed library clause and keeps their text: re-base the edit."""
        current = self.project.clause_edits.get(clause_id)
        if current and current.base_hash != base_hash:
            label = "Keep my text of the clause"
            self._push(("clause", clause_id), current, replace(current, base_hash=base_hash), label)

    def add_custom_clause(self, section: str, title: str, text: str) -> str:
        clause_id = self._new_custom_id(title)
        order = 1000 + sum(1 for c in self.project.custom_clauses if c.section == section)
        clause = CustomClause(clause_id, section, title, text, order)
        self._push_custom(clause_id, clause, "Add custom clause")
        return clause_id

    def edit_custom_clause(self, clause_id: str, title: str, text: str, typing: bool = False) -> None:
        current = self.custom_clause(clause_id)
        if current and (current.title, current.text) != (title, text):
            new = replace(current, title=title, text=text)
            self._push_custom(clause_id, new, "Edit custom clause", typing)

    def remove_custom_clause(self, clause_id: str) -> None:
        if self.custom_clause(clause_id):
            self._push_custom(clause_id, None, "Remove custom clause")

    def _push_custom(self, clause_id: str, new: CustomClause | None, label: str, typing: bool = False) -> None:
        """Add, change or remove (None) one custom clause, keeping its place in the list."""
        customs = self.project.custom_clauses
        index = next((i for i, c in enumerate(customs) if c.id == clause_id), len(customs))
        old = customs[index] if index < len(customs) else None
        self._push(("custom", clause_id), (index, old), (index, new), label, typing)

    def custom_clause(self, clause_id: str) -> CustomClause | None:
        return next((c for c in self.project.custom_clauses if c.id == clause_id), None)

    def _new_custom_id(self, title: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "clause"
        taken = {c.id for c in self.project.custom_clauses}
        clause_id, number = f"custom.{slug}", 2
        while clause_id in taken:
            clause_id, number = f"custom.{slug}-{number}", number + 1
        return clause_id

    # --- called by the commands ---------------------------------------------------------

    def _apply(self, place: Hashable, value: Any, revisited: bool) -> None:
        assert isinstance(place, tuple)
        kind, name = place
        if kind == "answer":
            answer, aside = value
            if aside is None:
                self.set_aside.pop(name, None)
                self.project.set_aside.pop(name, None)
            else:
                self.set_aside[name] = aside
                self.project.set_aside[name] = aside[0]
            self.apply_answer(name, answer)
        elif kind == "clause":
            self.apply_clause_edit(name, value)
        else:
            self.apply_custom_clause(name, *value)
        if revisited:
            self.revealed.emit("answer" if kind == "answer" else "clause", name)

    def apply_answer(self, key: str, value: Any) -> None:
        self.project.answers[key] = value
        self.answer_changed.emit(key)
        self.changed.emit()

    def apply_clause_edit(self, clause_id: str, edit: ClauseEdit | None) -> None:
        if edit is None:
            self.project.clause_edits.pop(clause_id, None)
        else:
            self.project.clause_edits[clause_id] = edit
        self.clause_changed.emit(clause_id)
        self.changed.emit()

    def apply_custom_clause(self, clause_id: str, index: int, clause: CustomClause | None) -> None:
        customs = self.project.custom_clauses
        customs[:] = [c for c in customs if c.id != clause_id]
        if clause is not None:
            customs.insert(min(index, len(customs)), clause)
        self.clause_changed.emit(clause_id)
        self.changed.emit()
