"""`telepolicy publish` and `telepolicy diff`: record a version, compare two, render the redline.

Versions come from the one render path: the Markdown stored for a version is what
`render --format md` writes, and the redline page is printed to PDF by the same WeasyPrint
call as the policy and converted to Word by the same pandoc call (with tracked changes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from telepolicy.generator.errors import ExportError, Problem
from telepolicy.generator.library.templating import format_date
from telepolicy.generator.pipeline import plan_for
from telepolicy.generator.project.file import load_project
from telepolicy.generator.project.model import Project
from telepolicy.generator.publishing import CURRENT, REDLINE_FORMATS
from telepolicy.generator.publishing.history import (
    History,
    Version,
    load_history,
    next_version,
    record_version,
    set_answer_line,
)
from telepolicy.generator.publishing.redline import Redline, redline
from telepolicy.generator.rendering.clauses import render_policy
from telepolicy.generator.rendering.html import page_environment
from telepolicy.generator.rendering.markdown import render_markdown
from telepolicy.generator.version import __version__

STATUS_LABELS = {"changed": "changed", "added": "new section", "removed": "removed", "unchanged": "unchanged"}
FIRST_VERSION = "First published version."
# The list of what changed (clause changes.latest) always changes with the version: marked, not summarised.
ROUTINE_PLACES = frozenset({"What changed in this version"})


@dataclass(frozen=True)
class VersionText:
    """One side of a comparison: a published version, or the project file as it is now."""

    version: str
    effective_date: dt.date | None
    markdown: str
    published: bool


@dataclass(frozen=True)
class Published:
    entry: Version
    history: History
    next_version: str

    @property
    def path(self) -> Path:
        return self.history.folder / self.entry.file


def project_markdown(project: Project) -> str:
    """The Markdown that `render --format md` writes for this project."""
    return render_markdown(render_policy(plan_for(project)))


def routine_changes(old: Version | VersionText, new: Project | VersionText) -> frozenset[tuple[str, str]]:
    """The version number and effective date moving on: not a change of substance."""
    if isinstance(new, Project):
        new_version, new_date = str(new.answers["policy.version"]), new.answers["policy.effective_date"]
    else:
        new_version, new_date = new.version, new.effective_date
    pairs = {(old.version, new_version)}
    if old.effective_date and new_date:
        pairs |= {(format_date(old.effective_date), format_date(new_date)), (str(old.effective_date), str(new_date))}
    return frozenset(pairs)


def publish(path: str | Path, *, today: dt.date | None = None, next_number: str | None = None) -> Published:
    """Store the project's current version in its history, then move the project file to the next version."""
    path = Path(path)
    project = load_project(path)
    markdown = project_markdown(project)
    history = load_history(path)
    previous = history.latest()
    summary = (
        redline(history.markdown(previous), markdown, routine_changes(previous, project), ROUTINE_PLACES).summary()
        if previous
        else [FIRST_VERSION]
    )
    if previous and not summary:
        summary = ["No change in the policy text."]
    if project.answers.get("policy.list_changes") and previous:
        # 'Changes to this policy' lists this version's changes: record them, then render the text that says so
        set_answer_line(path, "policy.changes", summary)
        project = load_project(path)
        markdown = project_markdown(project)
    upcoming = next_number or next_version(str(project.answers["policy.version"]))
    if upcoming == project.answers["policy.version"] or history.find(upcoming):
        raise ExportError(
            Problem(path, f"the next version must be a new number, not {upcoming}; give another with --next")
        )
    history, entry = record_version(path, project, markdown, summary, today or dt.date.today())
    set_answer_line(path, "policy.version", upcoming)
    return Published(entry, history, upcoming)


def version_text(path: Path, history: History, name: str) -> VersionText:
    """A version by number, or `current` for the project file as it is now."""
    if name == CURRENT:
        project = load_project(path)
        answers = project.answers
        return VersionText(
            str(answers["policy.version"]), answers["policy.effective_date"], project_markdown(project), False
        )
    entry = history.find(name)
    if entry is None:
        known = ", ".join(v.version for v in history.versions) or "none yet; run: telepolicy publish FILE"
        raise ExportError(Problem(path, f"no published version {name}; published versions: {known}"))
    return VersionText(entry.version, entry.effective_date, history.markdown(entry), True)


def default_pair(history: History) -> tuple[str, str]:
    """Without --from/--to: the latest published version against the project file as it is now."""
    latest = history.latest()
    if latest is None:
        raise ExportError(
            Problem(
                history.folder, "nothing is published yet, so there is nothing to compare; run: telepolicy publish FILE"
            )
        )
    return latest.version, CURRENT


@dataclass
class Comparison:
    old: VersionText
    new: VersionText
    redline: Redline
    company: str
    title: str
    language: str
    page_size: str = "A4"

    @property
    def stem_suffix(self) -> str:
        return f"redline-{_safe(self.old.version)}-to-{_safe(self.new.version if self.new.published else 'current')}"


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in text)


def compare(path: str | Path, old: str | None = None, new: str | None = None) -> Comparison:
    path = Path(path)
    history = load_history(path)
    if old is None or new is None:
        default_old, default_new = default_pair(history)
        old, new = old or default_old, new or default_new
    project = load_project(path)
    answers = project.answers
    old_text, new_text = version_text(path, history, old), version_text(path, history, new)
    return Comparison(
        old_text,
        new_text,
        redline(old_text.markdown, new_text.markdown, routine_changes(old_text, new_text), ROUTINE_PLACES),
        company=answers["company.trading_name"] or answers["company.legal_name"],
        title=answers["policy.title"],
        language="en",
        page_size=answers["policy.page_size"],
    )


def redline_html(comparison: Comparison) -> str:
    env = page_environment()
    sections = comparison.redline.sections
    summary = [(s, line) for s in sections if (line := s.summary())]
    for section in sections:
        section.html = Markup(section.html)  # built from sanitised Markdown HTML; only <ins>/<del> added
    return env.get_template("redline.html.j2").render(
        language=comparison.language,
        title=comparison.title,
        company=comparison.company,
        old=comparison.old,
        new=comparison.new,
        summary=summary,
        sections=sections,
        labels=STATUS_LABELS,
        css=Markup(env.get_template("redline.css").render(page_size=comparison.page_size)),
        generator=f"Telepolicy {__version__}",
    )


def _tracked(html: str, author: str, date: dt.date | None) -> str:
    """<ins>/<del> as pandoc's insertion/deletion spans, which become Word tracked changes."""
    stamp = f"{(date or dt.date.today()).isoformat()}T00:00:00Z"
    attributes = f'data-author="{author}" data-date="{stamp}"'
    return (
        html.replace("<ins>", f'<span class="insertion" {attributes}>')
        .replace("</ins>", "</span>")
        .replace("<del>", f'<span class="deletion" {attributes}>')
        .replace("</del>", "</span>")
    )


def redline_docx(comparison: Comparison) -> bytes:
    from telepolicy.generator.rendering.docx import DocxMeta, html_to_docx

    env = page_environment()
    summary = [s.summary() for s in comparison.redline.sections if s.summary()]
    body = env.from_string(
        "<h2>Summary of changes</h2>\n"
        "{% if summary %}<ol>{% for line in summary %}<li>{{ line }}</li>{% endfor %}</ol>"
        "{% else %}<p>The two versions say the same thing: no section changed.</p>{% endif %}\n"
        "{% for s in sections %}<h2>{% if s.number %}{{ s.number }}. {% endif %}{{ s.title }}"
        "{% if s.status != 'unchanged' %} ({{ labels[s.status] }}){% endif %}</h2>\n{{ s.html }}\n{% endfor %}"
    ).render(summary=summary, sections=comparison.redline.sections, labels=STATUS_LABELS)
    old, new = comparison.old, comparison.new
    meta = DocxMeta(
        title=f"{comparison.title}: what changed",
        author=comparison.company,
        header=f"{comparison.company} · {comparison.title} · Changes from version {old.version} to {new.version}",
        subject=f"Redline of the {comparison.title} of {comparison.company}, version {old.version} to {new.version}",
        subtitle=comparison.company,
        dateline=f"Version {old.version} compared with version {new.version}{'' if new.published else ' (draft)'}; "
        "changes are tracked: "
        "accept or reject them in Word's Review tab",
        language=comparison.language,
        date=new.effective_date,
    )
    return html_to_docx(_tracked(str(body), "Telepolicy", new.effective_date), meta)


def render_redline(comparison: Comparison, formats: Iterable[str]) -> dict[str, bytes]:
    """The redline in each format asked for: html, pdf, docx."""
    wanted = [f.strip().lower() for f in formats if f.strip()]
    unknown = [f for f in wanted if f not in REDLINE_FORMATS]
    if unknown or not wanted:
        raise ExportError(
            f"unknown redline format {', '.join(unknown) or '(none)'}; use any of: {', '.join(REDLINE_FORMATS)}"
        )
    outputs: dict[str, bytes] = {}
    html = redline_html(comparison) if {"html", "pdf"} & set(wanted) else ""
    for fmt in dict.fromkeys(wanted):
        if fmt == "html":
            outputs["html"] = html.encode("utf-8")
        elif fmt == "pdf":
            from telepolicy.generator.rendering.pdf import render_pdf

            outputs["pdf"] = render_pdf(html)
        else:
            outputs["docx"] = redline_docx(comparison)
    return outputs
