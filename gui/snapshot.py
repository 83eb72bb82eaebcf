"""What the preview, the outline and the findings show for one state of the project.

Built off the UI thread from a copy of the project, so typing never waits for a
render, in two steps: the page first (`render_page`), shown before the check of its plan
runs (`finish_snapshot`), so the check never holds the interpreter while the preview
updates. One `build()` gives the page and the compliance findings; `validate()` adds
what the loader would say of the file, so the panel lists every problem the command
line would report, each with the place to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from telepolicy.generator import (
    FIELDS_BY_KEY,
    AnswerTarget,
    FixTarget,
    Problem,
    Project,
    TelepolicyError,
    page_key,
    project_to_toml,
    write_page,
)

if TYPE_CHECKING:
    from telepolicy.generator import Build, Plan

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


@dataclass(frozen=True)
class Page:
    """The first half of a snapshot: the rendered page, or the problems that stopped it."""

    html: str
    result: Build | None
    problems: tuple[Problem, ...] = ()


def stored_page_key(project: Project) -> str | None:
    """The key of the project's page in the page cache (`read_page`): its file's path, everything it
    saves and every answer it renders; None for a project not in a file, or with a missing clause folder."""
    if project.path is None:
        return None
    try:
        folders = project.resolved_library_paths()
    except TelepolicyError:
        return None
    state = project_to_toml(project) + repr(sorted(project.answers.items()))
    return page_key(project.path, state.encode("utf-8"), folders)


def render_page(project: Project, store: bool = False) -> Page:
    """The page alone, unchecked: the preview shows it while the check runs. With `store`, the page is
    kept in the page cache, so the next start shows it at once."""
    from telepolicy.generator import build  # in the worker: the window paints without the renderer's modules

    try:
        result = build(project, ["html"], check=False)
    except TelepolicyError as error:
        return Page("", None, tuple(error.problems))
    html = result.outputs["html"].decode("utf-8")
    key = stored_page_key(project) if store else None
    if key is not None:
        write_page(key, html)
    return Page(html, result)


def finish_snapshot(project: Project, generation: int, page: Page) -> Snapshot:
    """The check of the page's plan, the outline and every finding; errors become findings, not exceptions."""
    from telepolicy.generator import assemble, check, validate

    findings = [_row(p) for p in validate(project)]
    failures = [p.message for p in page.problems]
    findings += [_row(p) for p in page.problems]
    html = page.html
    plan = outline = None
    if page.result is not None:
        try:
            checked = check(page.result.plan)  # what build(check=True) adds
        except TelepolicyError as error:
            findings += [_row(p) for p in error.problems]
            failures += [p.message for p in error.problems]
            html = ""  # as before: a page whose check failed is not the snapshot's page
        else:
            plan = page.result.plan
            omitted = any(edit.omit for edit in project.clause_edits.values())
            outline = assemble(_outline_project(project), plan.library) if omitted else plan
            findings += [FindingRow(f.severity, f.message, f.fix_target, f.citation, f.code) for f in checked]
            findings += [_row(p) for p in page.result.warnings]
    unique = sorted(dict.fromkeys(findings), key=lambda f: SEVERITY_ORDER.get(f.severity, 3))
    return Snapshot(generation, html, plan, outline, tuple(unique), "\n".join(dict.fromkeys(failures)))


def build_snapshot(project: Project, generation: int) -> Snapshot:
    """The page and its check in one go, for callers that do not show the page first."""
    return finish_snapshot(project, generation, render_page(project))
