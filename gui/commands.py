"""Undoable changes to the project (git-cola style do/undo, on Qt's undo stack).

Each command replaces one entry (an answer, a clause edit, a custom clause) and
puts the old one back on undo. Keystrokes in one field merge into one command
until the user leaves the field, so Undo takes back a word, not a letter.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from telepolicy.generator import FIELDS_BY_KEY, ClauseEdit, CustomClause

if TYPE_CHECKING:
    from telepolicy.gui.document import Document


class _Replace(QUndoCommand):
    """Swap one value of the project for another; subclasses say where it lives."""

    command_id = 0

    def __init__(self, document: Document, target: str, old: Any, new: Any, label: str, typing: bool) -> None:
        super().__init__(label)
        self.document = document
        self.target = target
        self.old = copy.deepcopy(old)
        self.new = copy.deepcopy(new)
        self.session = document.typing_session if typing else None

    def apply(self, value: Any) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self.apply(copy.deepcopy(self.new))

    def undo(self) -> None:
        self.apply(copy.deepcopy(self.old))

    def id(self) -> int:
        return self.command_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        """Typing in the same field continues one command; typing back to the start cancels it."""
        if not (
            isinstance(other, type(self))
            and other.target == self.target
            and self.session is not None
            and other.session == self.session
        ):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True


class SetAnswer(_Replace):
    command_id = 1

    def __init__(self, document: Document, key: str, new: Any, typing: bool = False) -> None:
        old = document.project.answers.get(key)
        super().__init__(document, key, old, new, f"Change “{FIELDS_BY_KEY[key].label}”", typing)

    def apply(self, value: Any) -> None:
        self.document.apply_answer(self.target, value)


class SetClauseEdit(_Replace):
    """Replaces the user's edit of one library clause; None goes back to the library text."""

    command_id = 2

    def __init__(
        self, document: Document, clause_id: str, new: ClauseEdit | None, label: str, typing: bool = False
    ) -> None:
        super().__init__(document, clause_id, document.project.clause_edits.get(clause_id), new, label, typing)

    def apply(self, value: ClauseEdit | None) -> None:
        self.document.apply_clause_edit(self.target, value)


class SetCustomClause(_Replace):
    """Adds, changes or removes (None) one custom clause, keeping its place in the list."""

    command_id = 3

    def __init__(
        self, document: Document, clause_id: str, new: CustomClause | None, label: str, typing: bool = False
    ) -> None:
        customs = document.project.custom_clauses
        index = next((i for i, c in enumerate(customs) if c.id == clause_id), None)
        old = customs[index] if index is not None else None
        super().__init__(document, clause_id, old, new, label, typing)
        self.index = len(customs) if index is None else index

    def apply(self, value: CustomClause | None) -> None:
        self.document.apply_custom_clause(self.target, self.index, value)
