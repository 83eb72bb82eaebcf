"""The record every compliance check produces, shared by requirement coverage and answer rules.

A finding is data, not an exception: the CLI prints it, `--json` serialises it and
the GUI lists it, and a finding crosses process boundaries in parallel renders.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")
JSON_FIELDS = ("severity", "code", "message", "citation", "key")


@dataclass(frozen=True)
class Finding:
    """One thing a privacy lead should fix or review, with the law behind it and the answer to change."""

    severity: str  # "error", "warning" or "info"
    code: str  # stable, e.g. "REQ-MISSING"; scripts may filter on it
    message: str
    citation: str
    key: str  # the project key to change, or "" when no single answer fixes it
    requirement: str = ""  # the requirement id from requirements.toml, when there is one

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in JSON_FIELDS}


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then by code; the rest only makes the order stable."""
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.code, f.requirement, f.key, f.message))
