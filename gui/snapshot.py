"""What the preview, the outline and the findings show for one state of the project.

Built off the UI thread from a copy of the project, so typing never waits for a
render. One `build()` gives the page and the compliance findings; `validate()` adds
what the loader would say of the file, so the panel lists every problem the command
line would report, each with the place to fix it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from telepolicy.generator import (
    FIELDS_BY_KEY,
    AnswerTarget,
    FixTarget,
    Plan,
    Problem,
    Project,
    TelepolicyError,
    assemble,
    build,
    check,
    validate,
)

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class FindingRow:
    """A finding or a validation problem, in the form the findings panel lists."""

    severity: str
    message: str
    target: FixTarget | None = None  # where the user fixes it: a question, a clause, a custom clause
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
    target = problem.fix_target
    message = problem.message
    if isinstance(target, AnswerTarget) and target.key in FIELDS_BY_KEY:
        message = f"{FIELDS_BY_KEY[target.key].label}: {message}"
    return FindingRow(problem.severity, message, target)


def _outline_project(project: Project) -> Project:
    lifted = project.copy()
    lifted.clause_edits = {cid: replace(edit, omit=False) for cid, edit in project.clause_edits.items()}
    return lifted


PageReady = Callable[[int, str], None]


def build_snapshot(project: Project, generation: int, page_ready: PageReady | None = None) -> Snapshot:
    """One `build()` for the page, the check of its plan, and the outline; errors become findings, not exceptions.

    The page goes to `page_ready` as soon as it is rendered, before the check: the preview
    waits for nothing else.
    """
    findings = [_row(p) for p in validate(project)]
    failures: list[str] = []
    html = ""
    plan = outline = None
    try:
        result = build(project, ["html"], check=False)
        html = result.outputs["html"].decode("utf-8")
        if page_ready is not None:
            page_ready(generation, html)
        result.findings = check(result.plan)  # what build(check=True) adds
    except TelepolicyError as error:
        findings += [_row(p) for p in error.problems]
        failures += [p.message for p in error.problems]
        html = ""  # as before: a page whose check failed is not the snapshot's page
    else:
        plan = result.plan
        omitted = any(edit.omit for edit in project.clause_edits.values())
        outline = assemble(_outline_project(project), plan.library) if omitted else plan
        findings += [FindingRow(f.severity, f.message, f.fix_target, f.citation, f.code) for f in result.findings]
        findings += [_row(p) for p in result.warnings]
    unique = sorted(dict.fromkeys(findings), key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
    return Snapshot(generation, html, plan, outline, tuple(unique), "\n".join(dict.fromkeys(failures)))
