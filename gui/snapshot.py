"""What the preview, the outline and the findings show for one state of the project.

Built off the UI thread from a copy of the project, so typing never waits for a
render. Findings come from the compliance checker when the generator exports one
(`generator.check`), plus the loader's own validation, so the panel lists every
problem the command line would report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import telepolicy.generator as generator
from telepolicy.generator import (
    FIELDS_BY_KEY,
    Plan,
    Problem,
    Project,
    ProjectFileError,
    TelepolicyError,
    library_for,
    parse_project,
    plan_for,
    project_to_toml,
    render_html_text,
)

CHECK = getattr(generator, "check", None)
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class FindingRow:
    """A finding or a validation problem, in the form the findings panel lists."""

    severity: str
    message: str
    key: str = ""  # an answer key or `clauses.<id>`: where the user fixes it
    citation: str = ""
    code: str = ""


@dataclass(frozen=True)
class Snapshot:
    generation: int
    html: str  # the page the export writes; empty when the policy cannot be rendered
    plan: Plan | None
    outline: Plan | None  # the plan with omitted clauses put back, so the outline can list them
    findings: tuple[FindingRow, ...]
    error: str = ""


def _row(problem: Problem) -> FindingRow:
    """A loader problem in the panel's words: the question's label, not its key."""
    key, message = problem.key, problem.message
    if key.startswith("clause "):
        key = "clauses." + key.removeprefix("clause ")
    if key in FIELDS_BY_KEY:
        message = f"{FIELDS_BY_KEY[key].label}: {message}"
    return FindingRow(problem.severity, message, key)


def validation_findings(project: Project) -> list[FindingRow]:
    """The loader's verdict on the project as it would be saved."""
    try:
        problems = parse_project(project_to_toml(project)).warnings
    except ProjectFileError as error:
        problems = error.problems
    return [_row(p) for p in problems]


def check_findings(project: Project) -> list[FindingRow]:
    if CHECK is None:
        return []
    try:
        findings: list[Any] = CHECK(project)
    except TelepolicyError as error:
        return [_row(p) for p in error.problems]
    return [FindingRow(f.severity, f.message, f.key, f.citation, f.code) for f in findings]


def _outline_project(project: Project) -> Project:
    lifted = project.copy()
    lifted.clause_edits = {cid: replace(edit, omit=False) for cid, edit in project.clause_edits.items()}
    return lifted


PageReady = Callable[[int, str], None]


def build_snapshot(project: Project, generation: int, page_ready: PageReady | None = None) -> Snapshot:
    """Render the page, then plan the outline and collect findings; errors become findings, not exceptions.

    The page goes to `page_ready` as soon as it is rendered: the preview waits for nothing else.
    """
    findings: list[FindingRow] = []
    failures: list[str] = []
    html = ""
    plan = outline = None

    def failed(error: TelepolicyError) -> None:
        findings.extend(_row(p) for p in error.problems)
        failures.extend(p.message for p in error.problems)

    try:
        library = library_for(project)
    except TelepolicyError as error:
        failed(error)
    else:
        try:
            html = render_html_text(project, library)
        except TelepolicyError as error:
            failed(error)
        else:
            if page_ready is not None:
                page_ready(generation, html)
        try:
            plan = plan_for(project, library)
            outline = plan_for(_outline_project(project), library)
            findings += check_findings(project)
            findings += [_row(p) for p in plan.warnings]
        except TelepolicyError as error:
            failed(error)
    findings += validation_findings(project)
    return _snapshot(generation, html, plan, outline, findings, failures)


def _snapshot(
    generation: int,
    html: str,
    plan: Plan | None,
    outline: Plan | None,
    findings: list[FindingRow],
    failures: list[str],
) -> Snapshot:
    unique = sorted(dict.fromkeys(findings), key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
    return Snapshot(generation, html, plan, outline, tuple(unique), "\n".join(dict.fromkeys(failures)))
