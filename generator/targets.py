"""Where the user fixes a problem or a finding: one small union, shared by the CLI, the API and the GUI.

Every `Problem` and `Finding` carries one of these. The CLI prints it with `describe`,
`--json` writes `as_dict`, and the GUI maps each kind to a place to go (a question, a
library clause, a custom clause, a line of a file). Old string spellings are read in
one place only, `parse_target`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class AnswerTarget:
    """An answer of the project file, by its dotted key (`company.privacy_email`)."""

    key: str


@dataclass(frozen=True)
class ClauseTarget:
    """A clause of the library, edited, omitted or to be edited in the project."""

    clause_id: str


@dataclass(frozen=True)
class CustomClauseTarget:
    """One of the project's own clauses (`[[custom_clauses]]`), by its id."""

    clause_id: str


@dataclass(frozen=True)
class FileLineTarget:
    """A place in a file no single answer fixes: a clause file of a library, or the project file itself."""

    file: Path | None
    line: int | None = None
    key: str = ""


FixTarget = AnswerTarget | ClauseTarget | CustomClauseTarget | FileLineTarget


def describe(target: FixTarget | None) -> str:
    """One way of printing a target, everywhere: `company.privacy_email`, `clause cpni.opt_in`, …"""
    match target:
        case AnswerTarget(key):
            return key
        case ClauseTarget(clause_id):
            return f"clause {clause_id}"
        case CustomClauseTarget(clause_id):
            return f"custom clause {clause_id}"
        case FileLineTarget(file, line, key):
            place = f"{file}:{line}" if file is not None and line is not None else str(file or "")
            return ": ".join(part for part in (place, key) if part)
    return ""


def as_dict(target: FixTarget | None) -> dict[str, str | int]:
    """The target for JSON: its kind and the fields that locate it."""
    match target:
        case AnswerTarget(key):
            return {"kind": "answer", "key": key}
        case ClauseTarget(clause_id):
            return {"kind": "clause", "id": clause_id}
        case CustomClauseTarget(clause_id):
            return {"kind": "custom_clause", "id": clause_id}
        case FileLineTarget(file, line, key):
            found: dict[str, str | int] = {"kind": "file"}
            if file is not None:
                found["file"] = str(file)
            if line is not None:
                found["line"] = line
            if key:
                found["key"] = key
            return found
    return {}


_PREFIXES: tuple[tuple[str, type[ClauseTarget] | type[CustomClauseTarget]], ...] = (
    ("custom clause ", CustomClauseTarget),
    ("custom_clauses.", CustomClauseTarget),  # the project file's own spelling
    ("clause ", ClauseTarget),
    ("clauses.", ClauseTarget),
)


def parse_target(text: str) -> FixTarget | None:
    """A target from its printed form (`describe`), a project-file key path or an answer key; "" means none."""
    text = text.strip()
    if not text:
        return None
    for prefix, kind in _PREFIXES:
        if text.startswith(prefix):
            return kind(text.removeprefix(prefix))
    return AnswerTarget(text)
