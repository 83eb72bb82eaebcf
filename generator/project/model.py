"""The project: every answer plus the user's clause edits and own clauses, in memory.

The only state the app edits; `file.py` reads and writes it as TOML, `answers.py` checks it.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telepolicy.generator.errors import Problem, ProjectFileError
from telepolicy.generator.project.schema import (
    FIELDS,
    default_value,
)
from telepolicy.generator.project.values import (
    hidden_character,
)


@dataclass
class ClauseEdit:
    """The user's change to one library clause: new text, or leaving it out."""

    text: str | None = None
    omit: bool = False
    base_hash: str = ""  # hash of the library text the edit was made against


@dataclass
class CustomClause:
    """A clause the user wrote, placed in one of the library's sections."""

    id: str
    section: str
    title: str
    text: str
    order: int = 1000


@dataclass
class Project:
    """The only state: answers by dotted key, clause edits, and extra library folders."""

    answers: dict[str, Any]
    clause_edits: dict[str, ClauseEdit] = field(default_factory=dict)
    custom_clauses: list[CustomClause] = field(default_factory=list)
    library_paths: list[str] = field(default_factory=list)
    path: Path | None = None
    warnings: list[Problem] = field(default_factory=list, compare=False)
    # Opened leniently: invalid answers as the file had them, kept so saving never writes the loss,
    # until the user gives the answer a new value (`set_answer`); `problems` says why each was set aside.
    set_aside: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list, compare=False)

    def set_answer(self, key: str, value: Any) -> None:
        """Give an answer a new value; a value set aside at opening is then replaced, not kept."""
        self.answers[key] = value
        self.set_aside.pop(key, None)

    def copy(self) -> Project:
        return copy.deepcopy(self)

    def resolved_library_paths(self) -> list[Path]:
        """Extra clause folders, relative to the project file's folder; raises ProjectFileError for a
        folder outside the project's folder (unless given as an absolute path), a system folder,
        or one that is missing."""
        base = self.path.parent if self.path else Path.cwd()
        problems = [
            Problem(self.path, message, "library_paths")
            for entry in self.library_paths
            if (message := library_path_problem(entry, base, must_exist=True))
        ]
        if problems:
            raise ProjectFileError(problems)
        return [(base / p).resolve() for p in self.library_paths]


def library_path_problem(entry: str, base: Path, *, must_exist: bool) -> str | None:
    """Why a `library_paths` entry is refused, or None.

    A relative entry must stay inside the project's folder; an organisation folder elsewhere
    is given as an absolute path, and may not be the file system root, a top-level system
    folder or the home folder (loading would walk every file under it).
    """
    if not entry.strip() or "\x00" in entry or hidden_character(entry):
        return f"{entry!r} is not a folder name"
    given = Path(entry).expanduser()
    folder = (base / given).resolve()
    if not given.is_absolute() and not folder.is_relative_to(base.resolve()):
        return (
            f"'{entry}' leads outside the project's folder; give an organisation folder elsewhere as an absolute path"
        )
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError):  # no home folder (a service account)
        home = Path("/")
    if len(folder.parts) <= 2 or folder == home or home.is_relative_to(folder):
        return f"'{entry}' is a system or home folder; name the folder that holds the clause files"
    if must_exist and not folder.is_dir():
        return f"'{entry}' is not an existing folder ({folder}); fix library_paths"
    return None


def default_answers() -> dict[str, Any]:
    return {f.key: default_value(f) for f in FIELDS}


def new_project(overrides: dict[str, Any] | None = None) -> Project:
    """A project with every default filled in and today's effective date."""
    answers = default_answers()
    answers["policy.effective_date"] = dt.date.today()
    answers.update(overrides or {})
    return Project(answers=answers)
