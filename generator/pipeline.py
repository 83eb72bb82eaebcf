"""One pipeline for the CLI, the API and the GUI: `build()` plans, renders and checks a project once.

Like MkDocs' `build()`, it is the only place the stages are put together: the CLI's
`render`, `check`, `--trace` and `--strict`, and the GUI's preview and findings each
make one call and read what they need from the `Build`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from telepolicy.generator.checks.findings import Finding, sort_findings
from telepolicy.generator.checks.requirements import TraceRow
from telepolicy.generator.checks.requirements import check as check_plan
from telepolicy.generator.checks.requirements import trace as trace_plan
from telepolicy.generator.documents import DOCUMENTS, DOCUMENTS_BY_ID, POLICY
from telepolicy.generator.errors import ExportError, Problem
from telepolicy.generator.library.loader import library_for
from telepolicy.generator.library.model import Library
from telepolicy.generator.outputs import DEFAULT_FORMATS, parse_formats, write_outputs
from telepolicy.generator.project.file import load_project
from telepolicy.generator.project.model import Project
from telepolicy.generator.rendering.assemble import Plan, assemble
from telepolicy.generator.rendering.clauses import render_policy
from telepolicy.generator.rendering.fragment import render_fragment
from telepolicy.generator.rendering.front_matter import with_front_matter
from telepolicy.generator.rendering.html import render_html
from telepolicy.generator.rendering.markdown import render_markdown
from telepolicy.generator.rendering.summary_json import render_json
from telepolicy.generator.version import __version__

if TYPE_CHECKING:
    from telepolicy.generator.documents.build import DocumentBuild
    from telepolicy.generator.rendering.pdf import Progress


@dataclass
class Build:
    """Everything one project produces, computed once: the plan, the outputs, the findings and the trace."""

    project: Project
    plan: Plan
    outputs: dict[str, bytes] = field(default_factory=dict)  # format -> bytes, in the order asked for
    findings: list[Finding] = field(default_factory=list)  # empty when built with check=False
    trace: list[TraceRow] | None = None  # each applicable requirement, when built with trace=True
    # The other documents asked for (generator/documents/), by id; their outputs are in `outputs`
    # as "<document>.<format>", so they are written as <stem>.<document>.<format>.
    documents: dict[str, DocumentBuild] = field(default_factory=dict)

    @property
    def warnings(self) -> list[Problem]:
        """What the loader and the assembly noticed on the way (unknown keys, edits of missing clauses)."""
        return self.plan.warnings

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def parse_documents(names: str | Iterable[str], project: Project) -> tuple[str, ...]:
    """Document ids from `policy,subprocessors` or a list; `all` means every document that applies.

    An unknown id, or a document that does not apply to the project, is an error that says why.
    """
    ids = [n.strip().lower() for n in (names.split(",") if isinstance(names, str) else names)]
    ids = [n for n in ids if n]
    if "all" in ids:
        return tuple(d.id for d in DOCUMENTS if d.applies(project.answers))
    unknown = [n for n in ids if n not in DOCUMENTS_BY_ID]
    if unknown or not ids:
        raise ExportError(
            Problem(
                project.path,
                f"unknown document {', '.join(unknown) or '(none)'}; use any of: all, {', '.join(DOCUMENTS_BY_ID)}",
            )
        )
    for name in ids:
        reasons = DOCUMENTS_BY_ID[name].reasons_not(project.answers)
        if reasons:
            raise ExportError(
                Problem(project.path, f"the document '{name}' does not apply to this project: {'; '.join(reasons)}")
            )
    return tuple(dict.fromkeys(ids))


def build(
    project: Project,
    formats: Iterable[str] = DEFAULT_FORMATS,
    *,
    check: bool = True,
    trace: bool = False,
    today: dt.date | None = None,
    library: Library | None = None,
    front_matter: bool = False,
    documents: Iterable[str] = (POLICY,),
    on_progress: Progress | None = None,
) -> Build:
    """Plan the project once, render each format asked for (none is fine: a check only) and check the plan.

    `documents` names the documents to produce (`telepolicy documents` lists them); the policy's
    outputs are keyed by format, each other document's by "<document>.<format>", and every
    document's findings join the policy's. Nothing is written. Bad input raises
    `ProjectFileError`, `ClauseLibraryError`, `RenderError`, or `ExportError` for a document that
    does not apply. `on_progress(step, percent)` hears how the policy's PDF print goes, page by
    page (generator/rendering/pdf.py): it is called in the thread that builds.
    """
    wanted = parse_formats(formats) if formats else ()
    chosen = parse_documents(documents, project)
    plan = assemble(project, library or library_for(project))
    result = Build(project, plan)
    if wanted and POLICY in chosen:
        policy = render_policy(plan)
        if "md" in wanted:
            text = render_markdown(policy)
            if front_matter:  # YAML title/date/version/description for Hugo, Jekyll and MkDocs
                text = with_front_matter(text, project.answers)
            result.outputs["md"] = text.encode("utf-8")
        if "fragment" in wanted:
            result.outputs["fragment"] = render_fragment(policy).encode("utf-8")
        if "json" in wanted:
            result.outputs["json"] = render_json(plan, policy, f"Telepolicy {__version__}").encode("utf-8")
        if "docx" in wanted:
            from telepolicy.generator.rendering.docx import render_docx

            result.outputs["docx"] = render_docx(policy)
        if "html" in wanted or "pdf" in wanted:
            html = render_html(policy, __version__)
            if "html" in wanted:
                result.outputs["html"] = html.encode("utf-8")
            if "pdf" in wanted:
                from telepolicy.generator.rendering.pdf import render_pdf

                result.outputs["pdf"] = render_pdf(html, project.path, on_progress)
        result.outputs = {f: result.outputs[f] for f in wanted}
    if check and POLICY in chosen:
        result.findings = check_plan(plan, today=today)
    for document_id in chosen:
        if document_id == POLICY:
            continue
        from telepolicy.generator.documents.build import DOCUMENT_FORMATS, build_document, render_document

        made = result.documents[document_id] = build_document(document_id, project, plan, check=check)
        for fmt, data in render_document(made, wanted).items():
            result.outputs[f"{document_id}.{fmt}"] = data
        skipped = [fmt for fmt in wanted if fmt not in DOCUMENT_FORMATS]
        if skipped:
            plan.warnings.append(
                Problem(
                    project.path,
                    f"the document '{document_id}' is written as {', '.join(DOCUMENT_FORMATS)} only, "
                    f"not as {', '.join(skipped)}",
                    severity="warning",
                )
            )
        result.findings = sort_findings([*result.findings, *made.findings])
    if trace:
        result.trace = trace_plan(plan)
    return result


@dataclass
class Rendered:
    """The outputs of one project, in memory, with the warnings met on the way."""

    outputs: dict[str, bytes]
    warnings: list[Problem] = field(default_factory=list)


def render(project: Project, formats: Iterable[str] = DEFAULT_FORMATS, library: Library | None = None) -> Rendered:
    """Render to every format asked for, in memory, without the compliance check; nothing is written."""
    result = build(project, parse_formats(formats), check=False, library=library)
    return Rendered(result.outputs, result.warnings)


def plan_for(project: Project, library: Library | None = None) -> Plan:
    return assemble(project, library or library_for(project))


def render_markdown_text(project: Project, library: Library | None = None) -> str:
    return render(project, ["md"], library).outputs["md"].decode("utf-8")


def render_html_text(project: Project, library: Library | None = None) -> str:
    return render(project, ["html"], library).outputs["html"].decode("utf-8")


def render_pdf_bytes(project: Project, library: Library | None = None) -> bytes:
    return render(project, ["pdf"], library).outputs["pdf"]


def render_file(path: str | Path, formats: Iterable[str] = DEFAULT_FORMATS, out_dir: str | Path = "out") -> Rendered:
    """Load a project file, render it and write <out_dir>/<file stem>.<format> for each format."""
    project = load_project(path)
    result = render(project, formats)
    write_outputs(result.outputs, Path(out_dir), Path(path).stem, protect=[Path(path)])
    return result
