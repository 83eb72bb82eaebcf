"""One undoable change to the project, on Qt's undo stack (git-cola style do/undo).

A `Change` swaps the value at one place of the project (an answer, a clause edit,
a custom clause) for another and puts the old one back on undo; the document
says how to apply a value at a place, so this module knows nothing of it.
Keystrokes in one field merge into one step while the user keeps typing (pauses
under a second, no leaving the field), so Undo takes back a word, not a letter,
and two separate bursts of typing are two steps.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtGui import QUndoCommand

MERGE_SECONDS = 1.0
CHANGE_ID = 1

Apply = Callable[[Hashable, Any, bool], None]  # place, value, revisited (undo or redo, not the first do)


class Change(QUndoCommand):
    def __init__(
        self, place: Hashable, old: Any, new: Any, label: str, apply: Apply, typing_session: int | None = None
    ) -> None:
        super().__init__(label)
        self.place = place
        self.old = copy.deepcopy(old)
        self.new = copy.deepcopy(new)
        self.apply = apply
        self.session = typing_session  # None: a single change, never merged
        self.last_change = time.monotonic()
        self._done = False

    def redo(self) -> None:
        self.apply(self.place, copy.deepcopy(self.new), self._done)
        self._done = True

    def undo(self) -> None:
        self.apply(self.place, copy.deepcopy(self.old), True)

    def id(self) -> int:
        return CHANGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        """Typing on in the same field within a second continues one step; typing back to the start cancels it."""
        if not (
            isinstance(other, Change)
            and other.place == self.place
            and self.session is not None
            and other.session == self.session
            and other.last_change - self.last_change <= MERGE_SECONDS
        ):
            return False
        self.new = other.new
        self.last_change = other.last_change
        self.setObsolete(self.new == self.old)
        return True
