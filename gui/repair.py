"""Open a project that does not pass validation, so the user can fix it in the wizard.

The command line refuses such a file, but a half-finished project (no legal name
yet, or two answers that contradict each other) must still reopen in the app:
nothing the user typed may be lost. Answers that fail the loader's own rules are
set aside (required ones left blank, others back to their default) and every
problem is reported; everything else loads exactly as `load_project` reads it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from telepolicy.generator import FIELDS_BY_KEY, Problem, Project, ProjectFileError, load_project, parse_project

_ROUNDS = 3  # contradictions show only once single answers are valid; each round clears one layer


@dataclass
class Opened:
    project: Project
    problems: list[Problem] = field(default_factory=list)  # what was wrong, as the loader said it
    changed: bool = False  # an answer was put back to its default, so the file differs from the project


def _repairable(problems: list[Problem]) -> bool:
    return all(p.key in FIELDS_BY_KEY for p in problems if p.severity == "error")


def _set(table: dict[str, Any], key: str, value: Any) -> None:
    *parents, leaf = key.split(".")
    for part in parents:
        table = table.setdefault(part, {})
    if value is None:
        table.pop(leaf, None)
    else:
        table[leaf] = value


def _stand_in(key: str) -> Any:
    """A valid value for a required answer, only so the rest of the file can be read."""
    return {"email": "blank@example.invalid", "date": dt.date.today()}.get(FIELDS_BY_KEY[key].kind, "blank")


def parse_leniently(text: str, path: Path | None = None) -> Opened:
    try:
        return Opened(parse_project(text, path))
    except ProjectFileError as error:
        if not _repairable(error.problems):
            raise
        first = error.problems
    raw = tomllib.loads(text)
    blanks: set[str] = set()
    changed = False
    problems, reported = first, list(first)
    for _ in range(_ROUNDS):
        for problem in problems:
            if problem.severity != "error":
                continue
            field_ = FIELDS_BY_KEY[problem.key]
            if field_.required and field_.kind != "date":
                blanks.add(problem.key)
                _set(raw, problem.key, _stand_in(problem.key))
            else:
                changed = True
                _set(raw, problem.key, _stand_in(problem.key) if field_.required else field_.default)
        try:
            project = parse_project(tomli_w.dumps(raw), path)
        except ProjectFileError as error:
            if not _repairable(error.problems):
                raise ProjectFileError(first) from None
            problems = error.problems
            reported += problems
            continue
        for key in blanks:
            project.answers[key] = ""
        return Opened(project, reported, changed)
    raise ProjectFileError(first)


def load_leniently(path: Path) -> Opened:
    """`load_project`, except that invalid answers are set aside instead of refusing the file."""
    try:
        return Opened(load_project(path))
    except ProjectFileError as error:
        if not _repairable(error.problems):
            raise
    return parse_leniently(path.read_text(encoding="utf-8-sig"), path)
