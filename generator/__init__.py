"""Telepolicy's headless core: the public API used by the CLI, scripts and the GUI.

    from telepolicy.generator import build, load_project, write_outputs
    project = load_project("my-policy.toml")
    result = build(project, ["md", "html", "pdf"])  # outputs, findings, plan: computed once
    write_outputs(result.outputs, Path("out"), "my-policy")

Nothing here imports Qt; WeasyPrint is imported only when a PDF is rendered. Names are
imported on first use (PEP 562), so `import telepolicy.generator` and the commands that need
little (`check`, a cached render) do not pay for Jinja, Python-Markdown or WeasyPrint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from telepolicy.generator.version import __version__

if TYPE_CHECKING:
    from telepolicy.generator.checks.findings import Finding
    from telepolicy.generator.checks.requirements import TraceRow, check, trace
    from telepolicy.generator.errors import (
        ClauseLibraryError,
        ExportError,
        Problem,
        ProjectFileError,
        RenderError,
        TelepolicyError,
    )
    from telepolicy.generator.library.loader import builtin_library_path, load_library
    from telepolicy.generator.library.model import Clause, Library, Section
    from telepolicy.generator.outputs import FORMATS, write_outputs
    from telepolicy.generator.page_cache import page_key, read_page, write_page
    from telepolicy.generator.pipeline import (
        Build,
        Rendered,
        build,
        library_for,
        plan_for,
        render,
        render_file,
        render_html_text,
        render_markdown_text,
        render_pdf_bytes,
    )
    from telepolicy.generator.project.answers import validate, validate_answer
    from telepolicy.generator.project.file import load_project, parse_project, project_to_toml, save_project
    from telepolicy.generator.project.labels import choice_label
    from telepolicy.generator.project.model import ClauseEdit, CustomClause, Project, new_project
    from telepolicy.generator.project.presets import Preset, list_presets, load_preset
    from telepolicy.generator.project.schema import FIELDS, FIELDS_BY_KEY, PAGES, Field
    from telepolicy.generator.rendering.assemble import Plan, PlannedClause, PlannedSection, assemble
    from telepolicy.generator.rendering.pdf import prepare_in_background
    from telepolicy.generator.rules.conditions import condition_values, is_asked, page_is_asked
    from telepolicy.generator.rules.facts import FACTS, derive_facts
    from telepolicy.generator.targets import (
        AnswerTarget,
        ClauseTarget,
        CustomClauseTarget,
        FileLineTarget,
        FixTarget,
        describe,
    )

# Each public name and the module that defines it.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("Finding",), "telepolicy.generator.checks.findings"),
    **dict.fromkeys(("TraceRow", "check", "trace"), "telepolicy.generator.checks.requirements"),
    **dict.fromkeys(
        ("ClauseLibraryError", "ExportError", "Problem", "ProjectFileError", "RenderError", "TelepolicyError"),
        "telepolicy.generator.errors",
    ),
    **dict.fromkeys(("builtin_library_path", "load_library"), "telepolicy.generator.library.loader"),
    **dict.fromkeys(("prepare_in_background",), "telepolicy.generator.rendering.pdf"),
    **dict.fromkeys(("page_key", "read_page", "write_page"), "telepolicy.generator.page_cache"),
    **dict.fromkeys(("Clause", "Library", "Section"), "telepolicy.generator.library.model"),
    **dict.fromkeys(
        (
            "Build",
            "Rendered",
            "build",
            "library_for",
            "plan_for",
            "render",
            "render_file",
            "render_html_text",
            "render_markdown_text",
            "render_pdf_bytes",
        ),
        "telepolicy.generator.pipeline",
    ),
    **dict.fromkeys(("FORMATS", "write_outputs"), "telepolicy.generator.outputs"),
    **dict.fromkeys(("ClauseEdit", "CustomClause", "Project", "new_project"), "telepolicy.generator.project.model"),
    **dict.fromkeys(
        ("load_project", "parse_project", "project_to_toml", "save_project"), "telepolicy.generator.project.file"
    ),
    **dict.fromkeys(("validate", "validate_answer"), "telepolicy.generator.project.answers"),
    **dict.fromkeys(("Preset", "list_presets", "load_preset"), "telepolicy.generator.project.presets"),
    **dict.fromkeys(("FIELDS", "FIELDS_BY_KEY", "PAGES", "Field"), "telepolicy.generator.project.schema"),
    **dict.fromkeys(("Plan", "PlannedClause", "PlannedSection", "assemble"), "telepolicy.generator.rendering.assemble"),
    **dict.fromkeys(("FACTS", "derive_facts"), "telepolicy.generator.rules.facts"),
    **dict.fromkeys(("condition_values", "is_asked", "page_is_asked"), "telepolicy.generator.rules.conditions"),
    **dict.fromkeys(("choice_label",), "telepolicy.generator.project.labels"),
    **dict.fromkeys(
        ("AnswerTarget", "ClauseTarget", "CustomClauseTarget", "FileLineTarget", "FixTarget", "describe"),
        "telepolicy.generator.targets",
    ),
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "FACTS",
    "FIELDS",
    "FIELDS_BY_KEY",
    "FORMATS",
    "PAGES",
    "AnswerTarget",
    "Build",
    "Clause",
    "ClauseEdit",
    "ClauseLibraryError",
    "ClauseTarget",
    "CustomClause",
    "CustomClauseTarget",
    "ExportError",
    "Field",
    "FileLineTarget",
    "Finding",
    "FixTarget",
    "Library",
    "Plan",
    "PlannedClause",
    "PlannedSection",
    "Preset",
    "Problem",
    "Project",
    "ProjectFileError",
    "RenderError",
    "Rendered",
    "Section",
    "TelepolicyError",
    "TraceRow",
    "__version__",
    "assemble",
    "build",
    "builtin_library_path",
    "check",
    "choice_label",
    "condition_values",
    "derive_facts",
    "describe",
    "is_asked",
    "library_for",
    "list_presets",
    "load_library",
    "load_preset",
    "load_project",
    "new_project",
    "page_is_asked",
    "page_key",
    "parse_project",
    "plan_for",
    "prepare_in_background",
    "project_to_toml",
    "read_page",
    "render",
    "render_file",
    "render_html_text",
    "render_markdown_text",
    "render_pdf_bytes",
    "save_project",
    "trace",
    "validate",
    "validate_answer",
    "write_outputs",
    "write_page",
]
