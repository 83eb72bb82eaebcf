"""The sub-processor answer: one line per sub-processor, `name | service | location | mechanism`.

A text list keeps the project file and the wizard's list editor simple; this module
reads it into records and says exactly what is wrong with a line that does not parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telepolicy.generator.project.schema import TRANSFER_MECHANISMS
from telepolicy.generator.rules.facts import EEA_COUNTRIES

NO_TRANSFER = "none"
MECHANISMS = (NO_TRANSFER, *TRANSFER_MECHANISMS)
FIELDS = ("name", "service", "location", "mechanism")


@dataclass(frozen=True)
class Subprocessor:
    name: str
    service: str
    location: str
    mechanism: str  # one of MECHANISMS

    @property
    def in_eea(self) -> bool:
        return self.location.strip().lower() in EEA_COUNTRIES


def parse_entry(entry: str) -> tuple[Subprocessor | None, str]:
    """The record, or None and a message naming what to fix."""
    parts = [part.strip() for part in entry.split("|")]
    if len(parts) != len(FIELDS):
        return None, (
            f"'{entry}' has {len(parts)} part(s); write four, separated by '|': "
            "name | service | location | transfer mechanism"
        )
    empty = [name for name, value in zip(FIELDS, parts, strict=True) if not value]
    if empty:
        return None, f"'{entry}' leaves the {' and '.join(empty)} empty"
    mechanism = parts[3].lower()
    if mechanism not in MECHANISMS:
        return None, f"'{entry}': transfer mechanism '{parts[3]}' is unknown; use one of: {', '.join(MECHANISMS)}"
    return Subprocessor(parts[0], parts[1], parts[2], mechanism), ""


def parse_subprocessors(answers: dict[str, Any]) -> tuple[list[Subprocessor], list[str]]:
    """Every well-formed sub-processor, and a message for each line that is not."""
    records: list[Subprocessor] = []
    problems: list[str] = []
    for entry in answers["roles.subprocessors"]:
        record, problem = parse_entry(entry)
        if record is None:
            problems.append(problem)
        else:
            records.append(record)
    return records, problems
