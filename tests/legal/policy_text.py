"""Helpers for the legal suite: a preset's policy as the reader sees it, and its findings."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from telepolicy.generator import Finding, Project, check, load_preset, plan_for
from telepolicy.generator.rendering.clauses import render_policy

TODAY = dt.date(2026, 12, 3)


def project(preset: str, **answers: Any) -> Project:
    loaded = load_preset(preset)
    loaded.answers.update(answers)
    return loaded


def policy_text(source: Project | str) -> str:
    """The whole policy as Markdown: section and clause headings, then each clause's text."""
    loaded = load_preset(source) if isinstance(source, str) else source
    rendered = render_policy(plan_for(loaded))
    parts = []
    for section in rendered.sections:
        parts.append(f"## {section.title}")
        for clause in section.clauses:
            parts.append(f"### {clause.title}\n\n{clause.markdown}")
    return "\n\n".join(parts)


def sentences(text: str) -> str:
    """The text on one line, so a phrase split across lines still matches."""
    return re.sub(r"\s+", " ", text)


def findings(source: Project | str, code: str | None = None) -> list[Finding]:
    loaded = load_preset(source) if isinstance(source, str) else source
    found = check(loaded, today=TODAY)
    return [f for f in found if code is None or f.code == code]


def codes(source: Project | str) -> set[str]:
    return {f.code for f in findings(source)}
