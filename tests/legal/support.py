"""Helpers for whole-policy assertions: a preset with changed answers, its text and its findings."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from telepolicy.generator import Project, check, load_preset, render_markdown_text

TODAY = dt.date(2026, 12, 3)


def project(preset: str, **changes: Any) -> Project:
    """A preset with answers changed; keyword `a__b` stands for the answer key `a.b`."""
    result = load_preset(preset)
    for key, value in changes.items():
        dotted = key.replace("__", ".")
        assert dotted in result.answers, dotted
        result.answers[dotted] = value
    return result


def policy(item: Project) -> str:
    """The policy as one line of plain words: Markdown links and emphasis kept, whitespace folded."""
    return re.sub(r"\s+", " ", render_markdown_text(item))


def codes(item: Project, severity: str | None = None) -> set[str]:
    return {f.code for f in check(item, today=TODAY) if severity is None or f.severity == severity}


def finding(item: Project, code: str):
    found = [f for f in check(item, today=TODAY) if f.code == code]
    assert found, f"no {code} finding"
    return found[0]
