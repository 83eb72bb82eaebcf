"""The record every compliance check produces, shared by requirement coverage and answer rules.

A finding is data, not an exception: the CLI prints it, `--json` serialises it and
the GUI lists it, and a finding crosses process boundaries in parallel renders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from telepolicy.generator.targets import FixTarget, as_dict, describe, parse_target

SEVERITIES = ("error", "warning", "info")
JSON_FIELDS = ("severity", "code", "message", "citation", "key", "target")


@dataclass(frozen=True)
class Finding:
    """One thing a privacy lead should fix or review, with the law behind it and where to fix it."""

    severity: str  # "error", "warning" or "info"
    code: str  # stable, e.g. "REQ-MISSING"; scripts may filter on it
    message: str
    citation: str
    # The answer or clause to change; None when no single place fixes it. An answer key (a string)
    # is accepted for brevity and becomes an AnswerTarget: after construction this is never a string.
    target: FixTarget | str | None = None
    requirement: str = ""  # the requirement id from requirements.toml, when there is one

    def __post_init__(self) -> None:
        if isinstance(self.target, str):  # an answer key, or a target in its printed form
            object.__setattr__(self, "target", parse_target(self.target))

    @property
    def fix_target(self) -> FixTarget | None:
        return None if isinstance(self.target, str) else self.target

    @property
    def key(self) -> str:
        """The target as the CLI prints it (an answer key for answers)."""
        return describe(self.fix_target)

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "citation": self.citation,
            "key": self.key,
            "target": as_dict(self.fix_target),
        }


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then by code; the rest only makes the order stable."""
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.code, f.requirement, f.key, f.message))
