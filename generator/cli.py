"""The `telepolicy` command: parse arguments, call the library, print one line per problem.

Exit codes: 0 success; 1 the compliance check found errors (`check`, `render --strict`);
2 bad input: a project file, clause, clause folder or argument (each problem names the file
and the key or clause); 3 an internal error (a bug: a short message, the traceback with --debug).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from telepolicy.generator import cache, replay
from telepolicy.generator.checks.findings import SEVERITIES, Finding
from telepolicy.generator.documents import DOCUMENTS_BY_ID, POLICY
from telepolicy.generator.errors import Problem, TelepolicyError
from telepolicy.generator.outputs import DEFAULT_FORMATS, FORMATS, parse_formats, write_outputs
from telepolicy.generator.publishing.commands import add_publishing_commands
from telepolicy.generator.version import __version__

if TYPE_CHECKING:
    from telepolicy.generator.project.model import Project

# The pipeline and the project loader are imported by the commands that run them, not here: a
# render or check replayed from the cache (generator/replay.py) never needs them.

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3
EXIT_CODES = (
    "Exit codes: 0 ok; 1 the compliance check found errors (check, render --strict); "
    "2 bad input (project file, clause, clause folder or argument); 3 internal error (run again with --debug)."
)
DOCUMENTS_HELP = (
    "comma-separated documents, or all that apply: "
    + ",".join(DOCUMENTS_BY_ID)
    + "; the policy is written as OUT/<stem>.<format>, the others as OUT/<stem>.<document>.<format> "
    "(default: policy; see `telepolicy documents FILE`)"
)


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(f"{problem.severity}: {problem}", file=sys.stderr)


def _cmd_presets(args: argparse.Namespace) -> int:
    from telepolicy.generator.project.presets import list_presets

    presets = list_presets()
    width = max(len(p.name) for p in presets)
    for preset in presets:
        print(f"{preset.name:<{width}}  {preset.description}")
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.exists() and not args.force:
        print(f"error: {target}: already exists; choose another name or add --force", file=sys.stderr)
        return EXIT_BAD_INPUT
    from telepolicy.generator.project.file import save_project
    from telepolicy.generator.project.presets import load_preset

    project = load_preset(args.preset, fresh_dates=True)
    save_project(project, target)
    print(f"wrote {target} from preset {args.preset}; edit it, then: telepolicy render {target}")
    return EXIT_OK


def _has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def _finding_line(finding: Finding) -> str:
    citation = f" ({finding.citation})" if finding.citation else ""
    key = f" [{finding.key}]" if finding.key else ""
    return f"{finding.code} {finding.message}{citation}{key}"


def _print_findings(path: str, findings: Sequence[Finding]) -> None:
    groups = {severity: [f for f in findings if f.severity == severity] for severity in SEVERITIES}
    titles = {"error": "errors", "warning": "warnings", "info": "info"}
    print(f"{path}: " + ", ".join(f"{len(group)} {titles[severity]}" for severity, group in groups.items()))
    for severity, group in groups.items():
        if group:
            print(f"{titles[severity]}:")
            for finding in group:
                print(f"  {_finding_line(finding)}")


def _inputs(project: Project, key: str) -> tuple[list[tuple[Path, tuple[str, ...]]], str]:
    """The folders a build of `project` reads, and their key now: taken before the build, for replay.record."""
    if not key:
        return [], ""
    from telepolicy.generator.page_cache import source_folders

    folders = source_folders(project.resolved_library_paths())
    return folders, cache.folders_key(folders)


def _cmd_check(args: argparse.Namespace) -> int:
    results = []
    for path in args.files:
        request = replay.Request("check", path, (args.documents,))
        key = request.key()
        checked = replay.recall(key)
        if checked is None:
            from telepolicy.generator.pipeline import build
            from telepolicy.generator.project.file import load_project

            project = load_project(path)
            folders, folders_key = _inputs(project, key)
            checked = project.warnings, build(project, ("md",), check=True, documents=args.documents).findings
            replay.record(request, key, folders, folders_key, checked)
        warnings, findings = checked
        _print_problems(warnings)
        results.append((path, findings))
    for path, findings in results:
        if args.json:
            print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False))
        else:
            _print_findings(path, findings)
    return EXIT_FAILURE if any(_has_errors(findings) for _, findings in results) else EXIT_OK


RenderResult = tuple[str, list[Problem], list[str], list[Finding]]


# What one render produces before anything is written: the loader's and the assembly's warnings,
# the outputs by format (and trace.md), the findings, and the files no output may overwrite.
Rendered = tuple[list[Problem], dict[str, bytes], list[Finding], list[Path]]
# Formats whose bytes depend on the project, the library, the templates and the program alone; a
# PDF or Word file also depends on WeasyPrint or pandoc (the PDF has a cache of its own).
REPLAYED_FORMATS = frozenset({"md", "html", "fragment", "json"})


def _rendered(
    path: str, formats: tuple[str, ...], trace: bool, documents: str, front_matter: bool, beside_printer: bool = False
) -> Rendered:
    """The project rendered and checked, from the cache when nothing it depends on changed; else
    built here, or `beside_printer` in another process while this one loads the PDF printer."""
    request = replay.Request("render", path, (formats, trace, documents, front_matter))
    key = request.key() if REPLAYED_FORMATS.issuperset(formats) else ""
    kept = replay.recall(key)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    build = _built_beside_the_printer if beside_printer else _built
    return build(request, key, formats, trace, documents, front_matter)


def _built(
    request: replay.Request, key: str, formats: tuple[str, ...], trace: bool, documents: str, front_matter: bool
) -> Rendered:
    """The project rendered and checked by the pipeline; kept under `key` for the next same request."""
    from telepolicy.generator.checks.requirements import trace_markdown
    from telepolicy.generator.pipeline import build
    from telepolicy.generator.project.file import load_project

    project = load_project(request.project_path)
    folders, folders_key = _inputs(project, key)
    result = build(project, formats, check=True, trace=trace, documents=documents, front_matter=front_matter)
    outputs = dict(result.outputs)
    if result.trace is not None:
        outputs["trace.md"] = trace_markdown(result.plan, result.trace).encode("utf-8")
    protect = [Path(request.project_path), *(c.path for c in result.plan.library.clauses.values() if c.path)]
    rendered = (result.warnings, outputs, result.findings, protect)
    replay.record(request, key, folders, folders_key, rendered)
    return rendered


def _built_beside_the_printer(
    request: replay.Request, key: str, formats: tuple[str, ...], trace: bool, documents: str, front_matter: bool
) -> Rendered:
    """`_built` in another process while this one loads the PDF printer (WeasyPrint's import takes
    longer than the build); in this process where none can start.

    The builder ends before the print begins, so the two processes' memory never adds up to
    more than the print's own.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from telepolicy.generator.rendering.pdf import load_printer

    arguments = (request, key, formats, trace, documents, front_matter)
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            built = pool.submit(_built, *arguments)
            load_printer()
            return built.result()
    except (OSError, BrokenProcessPool):
        return _built(*arguments)


def _render_one(
    path: str,
    formats: tuple[str, ...],
    out_dir: str,
    debug: bool = False,
    strict: bool = False,
    trace: bool = False,
    documents: str = POLICY,
    front_matter: bool = False,
    alone: bool = False,
) -> RenderResult:
    """Worker: check and render one project; problems and findings come back as data (they cross processes).

    The policy's PDF is printed from its HTML here, after the check (`--strict` prints nothing
    it would not write); a project rendered `alone` (no other render running) is built in
    another process while this one loads the printer.
    """
    printed = "pdf" in formats and documents == POLICY
    page = tuple(f for f in formats if f != "pdf") + (("html",) if printed and "html" not in formats else ())
    try:
        rendered = _rendered(path, page if printed else formats, trace, documents, front_matter, printed and alone)
        warnings, outputs, findings, protect = rendered
        if strict and _has_errors(findings):
            return path, warnings, [], findings
        if printed:
            from telepolicy.generator.rendering.pdf import render_pdf

            outputs["pdf"] = render_pdf(outputs["html"].decode("utf-8"), Path(path))
            outputs = {f: outputs[f] for f in (*formats, *(f for f in outputs if f not in FORMATS))}
        written = write_outputs(outputs, Path(out_dir), Path(path).stem, protect=protect)
    except TelepolicyError as error:
        if debug:
            raise
        return path, error.problems, [], []
    return path, warnings, [str(name) for name in written], findings


def _as_problem(path: str, finding: Finding) -> Problem:
    """A finding in render's one-line problem format: `severity: FILE: KEY: CODE message (citation)`."""
    citation = f" ({finding.citation})" if finding.citation else ""
    return Problem(Path(path), f"{finding.code} {finding.message}{citation}", finding.key, severity=finding.severity)


def _cmd_render(args: argparse.Namespace) -> int:
    formats = parse_formats(args.format)
    stems = [Path(p).stem for p in args.files]
    duplicates = sorted({s for s in stems if stems.count(s) > 1})
    if duplicates:
        print(
            f"error: several files are named {', '.join(duplicates)}: their outputs would overwrite each other; "
            "render them into different --out folders",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    jobs = max(1, min(args.jobs, len(args.files)))
    options = (formats, args.out, args.debug, args.strict, args.trace, args.documents, args.front_matter)
    if jobs == 1:
        results = [_render_one(p, *options, alone=len(args.files) == 1) for p in args.files]
    else:
        from concurrent.futures import ProcessPoolExecutor  # slow to import: only when used

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            count = len(args.files)
            results = list(pool.map(_render_one, args.files, *([option] * count for option in options)))
    failed = refused = False
    for path, problems, written, findings in results:
        _print_problems([*problems, *(_as_problem(path, f) for f in findings if f.severity != "info")])
        failed = failed or any(p.severity == "error" for p in problems)
        if args.strict and _has_errors(findings):
            refused = True
            print(f"error: {path}: not rendered: the compliance check found errors (--strict)", file=sys.stderr)
        for name in written:
            print(f"wrote {name}")
    return EXIT_BAD_INPUT if failed else EXIT_FAILURE if refused else EXIT_OK


def _cmd_documents(args: argparse.Namespace) -> int:
    """Which documents each project can produce, and why the others do not apply."""
    from telepolicy.generator.documents import DOCUMENTS
    from telepolicy.generator.project.file import load_project

    for path in args.files:
        project = load_project(path)
        _print_problems(project.warnings)
        if len(args.files) > 1:
            print(f"{path}:")
        width = max(len(d.id) for d in DOCUMENTS)
        for document in DOCUMENTS:
            reasons = document.reasons_not(project.answers)
            status = "no" if reasons else "yes"
            why = f": does not apply: {'; '.join(reasons)}" if reasons else f": {document.summary}"
            print(f"{document.id:<{width}}  {status:<3}  {document.title}{why}")
    return EXIT_OK


def _cmd_clauses(args: argparse.Namespace) -> int:
    from telepolicy.generator.library.loader import load_library

    library = load_library()
    sections = sorted(library.sections.values(), key=lambda s: s.order)
    for section in sections:
        if args.section and section.id != args.section:
            continue
        for clause in sorted((c for c in library.clauses.values() if c.section == section.id), key=lambda c: c.order):
            seeds = ", ".join(dict.fromkeys(s.seed for s in clause.sources))
            print(f"{clause.id}\t{section.id}\t{clause.title}\t{seeds}")
    return EXIT_OK


GUI_INSTALL_HINT = 'the desktop app is not installed; install it with: pip install "telepolicy[gui]"'


def _cmd_gui(args: argparse.Namespace) -> int:
    """Start the desktop app, found through its entry point: the core never imports the GUI or Qt."""
    from importlib.metadata import entry_points  # slow to import: only when used

    starters = entry_points(group="telepolicy.commands", name="gui")
    try:
        gui_main = next(iter(starters)).load()
    except (StopIteration, ImportError):
        print(f"error: {GUI_INSTALL_HINT}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return int(gui_main([args.file] if args.file else []))


def _cmd_cache(args: argparse.Namespace) -> int:
    """Show or clear the cache of checked clause libraries, compiled templates and printed PDFs."""
    if args.action == "clear":
        print(f"cleared {cache.clear()}")
    else:
        print(cache.cache_dir())
    return EXIT_OK


NO_CACHE_HELP = (
    "neither read nor write the cache of checked libraries, results and printed PDFs (or TELEPOLICY_NO_CACHE=1)"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="telepolicy",
        description="Generate a tailored telecom privacy policy from a TOML project file.",
        epilog=f"Project file keys: docs/project-file.md. {EXIT_CODES}",
    )
    parser.add_argument("--version", action="version", version=f"telepolicy {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    parser.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    presets = commands.add_parser("presets", help="list the presets: name and description")
    presets.set_defaults(run=_cmd_presets)

    new = commands.add_parser("new", help="write a complete project file from a preset")
    new.add_argument("--preset", required=True, help="a name from `telepolicy presets`")
    new.add_argument("file", help="the project file to create (.toml)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(run=_cmd_new)

    render = commands.add_parser("render", help="render project files to Markdown, HTML and PDF")
    render.add_argument("files", nargs="+", metavar="FILE", help="project files (.toml)")
    render.add_argument(
        "--format",
        default=",".join(DEFAULT_FORMATS),
        help=f"comma-separated: {','.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)}); fragment writes "
        "<stem>.fragment.html (the body to embed), json <stem>.json (the practices, docs/practices.schema.json), "
        'docx a Word document (pip install "telepolicy[docx]")',
    )
    render.add_argument("--out", default="out", help="output folder; writes OUT/<file stem>.<format> (default: out)")
    render.add_argument("--jobs", type=int, default=1, help="render this many projects in parallel (default: 1)")
    render.add_argument(
        "--strict", action="store_true", help="write nothing and exit 1 when the compliance check finds errors"
    )
    render.add_argument(
        "--trace", action="store_true", help="also write OUT/<file stem>.trace.md: each requirement and its clauses"
    )
    render.add_argument("--documents", default=POLICY, help=DOCUMENTS_HELP)
    render.add_argument(
        "--front-matter",
        action="store_true",
        help="start the Markdown with YAML front matter (title, date, version, description) for Hugo, Jekyll, MkDocs",
    )
    render.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS, help=NO_CACHE_HELP)
    render.set_defaults(run=_cmd_render)

    check_cmd = commands.add_parser(
        "check", help="check project files against the legal requirements; exit 1 when there are errors"
    )
    check_cmd.add_argument("files", nargs="+", metavar="FILE", help="project files (.toml)")
    check_cmd.add_argument(
        "--json",
        action="store_true",
        help="print each file's findings as one JSON list a line: severity, code, message, citation, key, target",
    )
    check_cmd.add_argument("--documents", default=POLICY, help=DOCUMENTS_HELP)
    check_cmd.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS, help=NO_CACHE_HELP)
    check_cmd.set_defaults(run=_cmd_check)

    documents = commands.add_parser(
        "documents", help="list the documents a project can produce, and why the others do not apply"
    )
    documents.add_argument("files", nargs="+", metavar="FILE", help="project files (.toml)")
    documents.set_defaults(run=_cmd_documents)

    add_publishing_commands(commands)

    clauses = commands.add_parser("clauses", help="list the clause library: id, section, title, source seeds")
    clauses.add_argument("--section", help="only this section id")
    clauses.set_defaults(run=_cmd_clauses)

    cache_cmd = commands.add_parser("cache", help="show the cache folder, or clear it: telepolicy cache clear")
    cache_cmd.add_argument("action", nargs="?", choices=("path", "clear"), default="path")
    cache_cmd.set_defaults(run=_cmd_cache)

    gui = commands.add_parser("gui", help="open the desktop wizard and editor, optionally with a project file")
    gui.add_argument("file", nargs="?", help="a project file (.toml) to open")
    gui.set_defaults(run=_cmd_gui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.no_cache:
        cache.switch_off()  # for the worker processes of --jobs too
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.ERROR, format="%(levelname)s: %(message)s")
    try:
        return int(args.run(args))
    except TelepolicyError as error:
        if args.debug:
            raise
        _print_problems(error.problems)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        if args.debug:
            raise
        print(
            f"error: internal error ({type(error).__name__}: {str(error)[:200]}); "
            "run again with --debug for the details and report it",
            file=sys.stderr,
        )
        return EXIT_BUG


def run() -> NoReturn:
    """The `telepolicy` command: `main` with the process's arguments, then exit.

    What the command leaves behind is freed by the operating system when the process ends, not
    by the garbage collector first: frozen, the ~70,000 objects of a printed PDF's layout are not
    walked at exit (0.2 s at the end of a PDF render).
    """
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
