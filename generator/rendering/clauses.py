"""Rendering stage 1: each planned clause's template becomes Markdown text.

The result (`RenderedPolicy`) feeds both the Markdown document and the HTML page,
so the two always say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError

from telepolicy.generator.errors import Problem, RenderError
from telepolicy.generator.library.spelling import respell
from telepolicy.generator.rendering.assemble import Plan, PlannedClause


@dataclass(frozen=True)
class RenderedClause:
    id: str
    title: str
    show_title: bool
    markdown: str
    origin: str


@dataclass(frozen=True)
class RenderedSection:
    id: str
    number: int
    title: str
    clauses: tuple[RenderedClause, ...]


@dataclass(frozen=True)
class RenderedPolicy:
    title: str
    company: str
    version: str
    effective_date: dt.date
    last_updated: dt.date
    page_size: str
    language: str
    sections: tuple[RenderedSection, ...]
    style: str = "full"  # policy.style: the minimal style numbers its sections as articles


def _where(plan: Plan, clause: PlannedClause) -> Problem:
    """Point an error at the file a user would open to fix it."""
    if clause.origin == "library":
        library_clause = plan.library.clauses[clause.id]
        return Problem(library_clause.path, "", f"clause {clause.id}", library_clause.body_line)
    key = f"clauses.{clause.id}" if clause.origin == "edited" else "custom_clauses"
    return Problem(plan.project.path, "", key)


def _render_clause(plan: Plan, clause: PlannedClause) -> str:
    try:
        source = respell(clause.text, plan.project.answers.get("policy.language", "en-GB"))
        return plan.library.compile(source).render(plan.context).strip()
    except (TemplateError, KeyError, TypeError, ValueError) as error:
        place = _where(plan, clause)
        detail = getattr(error, "message", None) or str(error)
        fix = "fix the clause text" if clause.origin != "library" else "fix the clause file or report it"
        raise RenderError(
            Problem(place.file, f"clause '{clause.id}' cannot be rendered: {detail}; {fix}", place.key, place.line)
        ) from None


def render_policy(plan: Plan) -> RenderedPolicy:
    """Render every clause of the plan to Markdown."""
    answers: dict[str, Any] = plan.project.answers
    language = answers.get("policy.language", "en-GB")
    sections = tuple(
        RenderedSection(
            id=section.id,
            number=number,
            title=respell(section.title, language),
            clauses=tuple(
                RenderedClause(c.id, respell(c.title, language), c.show_title, _render_clause(plan, c), c.origin)
                for c in section.clauses
            ),
        )
        for number, section in enumerate(plan.sections, start=1)
    )
    return RenderedPolicy(
        title=answers["policy.title"],
        company=answers["company.trading_name"] or answers["company.legal_name"],
        version=answers["policy.version"],
        effective_date=answers["policy.effective_date"],
        last_updated=answers["policy.last_updated"] or answers["policy.effective_date"],
        page_size=answers["policy.page_size"],
        language="en",
        sections=sections,
        style=answers.get("policy.style", "full"),
    )
