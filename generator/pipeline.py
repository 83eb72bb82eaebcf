"""One pipeline for the CLI, the API and the GUI: load, assemble, render, write."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from telepolicy.generator.errors import ExportError, Problem
from telepolicy.generator.files import atomic_write
from telepolicy.generator.library.loader import Library, load_library
from telepolicy.generator.project.model import Project, load_project
from telepolicy.generator.rendering.assemble import Plan, assemble
from telepolicy.generator.rendering.clauses import RenderedPolicy, render_policy
from telepolicy.generator.rendering.html import render_html
from telepolicy.generator.rendering.markdown import render_markdown
from telepolicy.generator.version import __version__

FORMATS = ("md", "html", "pdf")


@dataclass
class Rendered:
    """The outputs of one project, in memory, with the warnings met on the way."""

    outputs: dict[str, bytes]
    warnings: list[Problem] = field(default_factory=list)


def library_for(project: Project) -> Library:
    """The built-in library plus the project's own clause folders."""
    return load_library(tuple(project.resolved_library_paths()))


def plan_for(project: Project, library: Library | None = None) -> Plan:
    return assemble(project, library or library_for(project))


def rendered_policy(project: Project, library: Library | None = None) -> RenderedPolicy:
    return render_policy(plan_for(project, library))


def render_markdown_text(project: Project, library: Library | None = None) -> str:
    return render_markdown(rendered_policy(project, library))


def render_html_text(project: Project, library: Library | None = None) -> str:
    return render_html(rendered_policy(project, library), __version__)


def render_pdf_bytes(project: Project, library: Library | None = None) -> bytes:
    from telepolicy.generator.rendering.pdf import render_pdf

    return render_pdf(render_html_text(project, library), project.path)


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    names = [n.strip().lower() for n in (text.split(",") if isinstance(text, str) else text)]
    names = ["md" if n == "markdown" else n for n in names if n]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise ExportError(f"unknown format {', '.join(unknown) or '(none)'}; use any of: {', '.join(FORMATS)}")
    return tuple(dict.fromkeys(names))


def render(project: Project, formats: Iterable[str] = FORMATS, library: Library | None = None) -> Rendered:
    """Render to every format asked for, in memory; nothing is written."""
    formats = parse_formats(formats)
    plan = plan_for(project, library)
    policy = render_policy(plan)
    outputs: dict[str, bytes] = {}
    if "md" in formats:
        outputs["md"] = render_markdown(policy).encode("utf-8")
    if "html" in formats or "pdf" in formats:
        html = render_html(policy, __version__)
        if "html" in formats:
            outputs["html"] = html.encode("utf-8")
        if "pdf" in formats:
            from telepolicy.generator.rendering.pdf import render_pdf

            outputs["pdf"] = render_pdf(html, project.path)
    return Rendered({f: outputs[f] for f in formats}, plan.warnings)


def write_outputs(outputs: dict[str, bytes], out_dir: Path, stem: str) -> list[Path]:
    """Write each output atomically as out_dir/<stem>.<format>."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for fmt, data in outputs.items():
            target = out_dir / f"{stem}.{fmt}"
            atomic_write(target, data)
            written.append(target)
    except OSError as error:
        raise ExportError(
            Problem(out_dir, f"cannot write the output ({error.strerror or error}); choose another folder with --out")
        ) from None
    return written


def render_file(path: str | Path, formats: Iterable[str] = FORMATS, out_dir: str | Path = "out") -> Rendered:
    """Load a project file, render it and write <out_dir>/<file stem>.<format> for each format."""
    project = load_project(path)
    result = render(project, formats)
    write_outputs(result.outputs, Path(out_dir), Path(path).stem)
    return result
