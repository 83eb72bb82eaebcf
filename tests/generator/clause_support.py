"""Render one clause body against answers, in the spirit of Python-Markdown's `assertMarkdownRenders`."""

from __future__ import annotations

from typing import Any

from telepolicy.generator import load_library, load_preset
from telepolicy.generator.rendering.assemble import template_context

# An organisation folder's clause file (a project's `library_paths`); `.format(body=...)` gives its text.
ORG_CLAUSE = """+++
id = "org.extra"
section = "contact"
title = "Extra contact"
order = 5
sources = [{{ seed = "000", section = "Policy Revisions" }}]
requirements = ["gdpr.13.1.a"]
+++
{body}
"""


def render_clause(body: str, answers: dict[str, Any], preset: str = "us-carrier-eea") -> str:
    """The Markdown a clause body gives for a preset's answers with `answers` changed."""
    project = load_preset(preset)
    project.answers.update(answers)
    return load_library().compile(body).render(template_context(project.answers)).strip()


def assert_clause_renders(body: str, answers: dict[str, Any], expected: str, preset: str = "us-carrier-eea") -> None:
    """The clause body, with these answers, renders exactly to `expected` (surrounding space ignored)."""
    rendered = render_clause(body, answers, preset)
    assert rendered == expected.strip(), f"\n--- rendered ---\n{rendered}\n--- expected ---\n{expected.strip()}"
