"""Building a document other than the policy: plan its clauses, render them, check them.

A document goes through the policy's own stages: `assemble` chooses its clauses by
their conditions, `render_policy` renders each clause's Markdown, and the result is
written with the document templates (templates/document.*), which share the policy's
stylesheet, and printed by the same PDF renderer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from telepolicy.generator.checks.findings import Finding
from telepolicy.generator.documents.library import document_library
from telepolicy.generator.documents.registry import DOCUMENTS_BY_ID, Document
from telepolicy.generator.library.model import Library
from telepolicy.generator.project.model import Project
from telepolicy.generator.rendering.assemble import Plan, assemble
from telepolicy.generator.rendering.clauses import RenderedPolicy, RenderedSection, render_policy
from telepolicy.generator.rendering.html import GENERATOR, clause_html
from telepolicy.generator.rendering.html import _environment as html_environment
from telepolicy.generator.rendering.markdown import _environment as markdown_environment
from telepolicy.generator.version import __version__

DOCUMENT_FORMATS = ("md", "html", "pdf")  # the formats the document templates exist for


@dataclass(frozen=True)
class RenderedDocument:
    """What the document templates print: the rendered clauses and the header lines."""

    id: str
    title: str
    company: str
    header: tuple[tuple[str, str], ...]  # (label, value) pairs under the title
    footer: str
    page_size: str
    language: str
    sections: tuple[RenderedSection, ...]
    modified: dt.date


@dataclass
class DocumentBuild:
    """One document of a project: its plan, its rendered form and, once checked, its findings."""

    document: Document
    project: Project
    plan: Plan
    policy_plan: Plan
    rendered: RenderedDocument
    findings: list[Finding] = field(default_factory=list)

    @property
    def answers(self) -> dict[str, Any]:
        return self.project.answers

    def text(self) -> str:
        """All the rendered Markdown of the document, for checks that look for what it says."""
        return "\n\n".join(c.markdown for s in self.rendered.sections for c in s.clauses)


def _document_project(project: Project) -> Project:
    """The answers without the policy's clause edits and custom clauses, which name policy clauses."""
    copy = project.copy()
    copy.clause_edits = {}
    copy.custom_clauses = []
    copy.warnings = []
    return copy


def _header(document: Document, answers: dict[str, Any], updated: dt.date) -> tuple[tuple[str, str], ...]:
    company = answers["company.legal_name"]
    if document.id == "cpni-certification":
        return ()  # the certificate's own table names the filer, the year and the docket
    if document.id == "subprocessors":
        return (("Processor", company), ("Last updated", _date(updated)))
    return (("Company", company), ("Version", answers["policy.version"]), ("Last updated", _date(updated)))


def _date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def updated_date(document: Document, answers: dict[str, Any]) -> dt.date:
    policy_date = answers["policy.last_updated"] or answers["policy.effective_date"]
    if document.id == "subprocessors":
        return answers["roles.subprocessors_updated"] or policy_date
    return policy_date


def build_document(document_id: str, project: Project, policy_plan: Plan, *, check: bool = True) -> DocumentBuild:
    """Plan and render one document (not the policy) and run its checks; nothing is written."""
    document = DOCUMENTS_BY_ID[document_id]
    library: Library = document_library(document.folder, policy_plan.library)
    plan = assemble(_document_project(project), library)
    rendered_policy: RenderedPolicy = render_policy(plan)
    answers = project.answers
    updated = updated_date(document, answers)
    company = answers["company.trading_name"] or answers["company.legal_name"]
    rendered = RenderedDocument(
        id=document.id,
        title=document.title,
        company=company,
        header=_header(document, answers, updated),
        footer=f"{company} · {document.title}",
        page_size=answers["policy.page_size"],
        language=rendered_policy.language,
        sections=rendered_policy.sections,
        modified=updated,
    )
    result = DocumentBuild(document, project, plan, policy_plan, rendered)
    if check:
        result.findings = [finding for run in document.checks for finding in run(result)]
    return result


def document_markdown(rendered: RenderedDocument) -> str:
    return markdown_environment().get_template("document.md.j2").render(document=rendered)


def document_html(rendered: RenderedDocument) -> str:
    env = html_environment()
    css = env.get_template("policy.css").render(policy=rendered)
    return env.get_template("document.html.j2").render(
        document=rendered, css=Markup(css), convert=clause_html, generator=f"{GENERATOR} {__version__}"
    )


def render_document(result: DocumentBuild, formats: tuple[str, ...]) -> dict[str, bytes]:
    """The document in each format asked for, in that order."""
    outputs: dict[str, bytes] = {}
    if "md" in formats:
        outputs["md"] = document_markdown(result.rendered).encode("utf-8")
    if "html" in formats or "pdf" in formats:
        html = document_html(result.rendered)
        if "html" in formats:
            outputs["html"] = html.encode("utf-8")
        if "pdf" in formats:
            from telepolicy.generator.rendering.pdf import render_pdf

            outputs["pdf"] = render_pdf(html, result.project.path)
    return {f: outputs[f] for f in formats if f in outputs}


__all__ = ["DocumentBuild", "RenderedDocument", "build_document", "render_document"]
