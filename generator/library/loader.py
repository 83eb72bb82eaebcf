"""The clause library: clause files, sections, terms, seeds and legal requirements.

Each clause is a Markdown file whose body is a small Jinja template, preceded by
TOML front matter between `+++` lines (see docs/clause-authoring.md). Loading
checks the whole library and names the file and line of every problem.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import re
import tomllib
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateSyntaxError, meta
from jinja2.sandbox import ImmutableSandboxedEnvironment

from telepolicy.generator import cache
from telepolicy.generator.errors import ClauseLibraryError, Problem
from telepolicy.generator.files import read_regular_file
from telepolicy.generator.library.model import ROOTS, Clause, Library, Requirement, Section, Source, template_inputs
from telepolicy.generator.library.templating import make_environment, referenced_paths
from telepolicy.generator.project.schema import FIELDS_BY_KEY
from telepolicy.generator.project.toml_lines import key_lines, line_of
from telepolicy.generator.project.values import MAX_CLAUSE
from telepolicy.generator.rules.conditions import flatten_when, known_text_path, when_problems

if TYPE_CHECKING:
    from telepolicy.generator.project.model import Project

CLAUSE_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*(\.[a-z0-9_\-]+)*$")
REQUIRED_KEYS = ("id", "title", "order")
# `section` defaults to the clause's folder; `sources` and `requirements` are required in the
# built-in library (every clause is accountable) and optional in an organisation's folder.
BUILTIN_KEYS = ("sources", "requirements")
OPTIONAL_KEYS = ("section", "sources", "requirements", "when", "when_any", "show_title", "law_as_of", "unconfirmed")
GLOBALS = {"term", "range", "lipsum", "dict", "cycler", "joiner", "namespace"}
DOCUMENTS_FOLDER = "documents"  # clauses of documents other than the policy; not policy clauses


def builtin_library_path() -> Path:
    return Path(str(files("telepolicy.clause_library")))


def _read_toml(path: Path, problems: list[Problem]) -> dict[str, Any]:
    try:
        return tomllib.loads(read_regular_file(path, MAX_LIBRARY_FILE).decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
        match = re.search(r"at line (\d+)", str(error))
        problems.append(Problem(path, f"cannot be read: {error}", line=int(match.group(1)) if match else None))
        return {}


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, line number where the body starts); raises ValueError."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "+++":
        raise ValueError("a clause file must start with a line '+++' that opens its TOML front matter")
    for index in range(1, len(lines)):
        if lines[index].strip() == "+++":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]).strip("\n"), index + 2
    raise ValueError("the front matter is not closed; add a line '+++' after it")


def _parse_clause(
    path: Path, problems: list[Problem], sections: dict[str, Section], *, builtin: bool = True
) -> Clause | None:
    try:
        text = read_regular_file(path, MAX_LIBRARY_FILE).decode("utf-8")
        front, body, body_line = split_front_matter(text)
        if len(body) > MAX_CLAUSE:
            raise ValueError(
                f"the clause text is {len(body):,} characters long; a clause may have at most {MAX_CLAUSE:,}"
            )
    except (OSError, UnicodeDecodeError, ValueError) as error:
        problems.append(Problem(path, str(error), line=1))
        return None
    try:
        meta_data = tomllib.loads(front)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        match = re.search(r"at line (\d+)", str(error))
        line = int(match.group(1)) + 1 if match else 1
        problems.append(Problem(path, f"front matter is not valid TOML: {error}", line=line))
        return None
    lines = {k: v + 1 for k, v in key_lines(front).items()}
    before = len(problems)

    def problem(key: str, message: str) -> None:
        problems.append(Problem(path, message, key, line_of(lines, key) or 2))

    for key in REQUIRED_KEYS + (BUILTIN_KEYS if builtin else ()):
        if key not in meta_data:
            problem(key, f"missing `{key}` in the front matter")
    for key in sorted(set(meta_data) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS)):
        allowed = dict.fromkeys(REQUIRED_KEYS + OPTIONAL_KEYS)
        problem(key, f"unknown front-matter key; allowed: {', '.join(allowed)}")
    if len(problems) > before:
        return None
    for name in ("when", "when_any"):
        if name in meta_data:
            meta_data[name] = flatten_when(meta_data[name])
    clause_id, section = meta_data["id"], meta_data.get("section", path.parent.name)
    if not isinstance(clause_id, str) or not CLAUSE_ID.match(clause_id):
        problem("id", "id must be lowercase words joined by dots, like 'cpni.definition'")
    if not isinstance(section, str) or section not in sections:
        how = "" if "section" in meta_data else " (from the folder's name); move the file or add `section = ...`"
        problem("section", f"unknown section '{section}'{how}; known: {', '.join(sections)}")
    if not isinstance(meta_data["title"], str) or not meta_data["title"].strip():
        problem("title", "title must be non-empty text")
    if isinstance(meta_data["order"], bool) or not isinstance(meta_data["order"], int):
        problem("order", "order must be a whole number")
    if not isinstance(meta_data.get("show_title", True), bool):
        problem("show_title", "show_title must be true or false, without quotes")
    sources = meta_data.get("sources", [])
    if not isinstance(sources, list) or not all(
        isinstance(s, dict) and isinstance(s.get("seed"), str) and isinstance(s.get("section"), str) for s in sources
    ):
        problem("sources", 'sources must be a list like [{ seed = "004", section = "CPNI" }]')
        sources = []
    requirements = meta_data.get("requirements", [])
    if not isinstance(requirements, list) or not all(isinstance(r, str) for r in requirements):
        problem("requirements", 'requirements must be a list of ids like ["gdpr.13.1.a"]')
        requirements = []
    law_as_of = meta_data.get("law_as_of")
    if law_as_of is not None and (isinstance(law_as_of, dt.datetime) or not isinstance(law_as_of, dt.date)):
        problem("law_as_of", "law_as_of must be a date without quotes, like law_as_of = 2026-11-01")
    unconfirmed = meta_data.get("unconfirmed", "")
    if not isinstance(unconfirmed, str) or ("unconfirmed" in meta_data and not unconfirmed.strip()):
        problem("unconfirmed", 'unconfirmed must say what to verify, like unconfirmed = "compliance date of FCC 23-95"')
    for key, message in when_problems(meta_data):
        problem(key, message)
    _check_body(path, body, body_line, problems)
    if len(problems) > before:
        return None
    return Clause(
        id=clause_id,
        section=section,
        title=meta_data["title"].strip(),
        order=meta_data["order"],
        text=body,
        sources=tuple(Source(s["seed"], s["section"]) for s in sources),
        requirements=tuple(requirements),
        when=meta_data.get("when", {}),
        when_any=meta_data.get("when_any", {}),
        show_title=bool(meta_data.get("show_title", True)),
        path=path,
        body_line=body_line,
        law_as_of=law_as_of,
        unconfirmed=unconfirmed.strip(),
    )


@lru_cache(maxsize=1)
def _parser() -> ImmutableSandboxedEnvironment:
    """One environment for parsing every clause body while the library loads."""
    return make_environment({})


def template_problems(body: str) -> list[tuple[int, str]]:
    """(line within body, message) for syntax errors and unknown answers a text uses."""
    try:
        ast = _parser().parse(body)
    except TemplateSyntaxError as error:
        return [(error.lineno, f"template error: {error.message}")]
    found: list[tuple[int, str]] = []
    for name in sorted(meta.find_undeclared_variables(ast) - ROOTS - GLOBALS):
        found.append((1, f"'{name}' is not an answer; known roots: {', '.join(sorted(ROOTS))}"))
    for path, line in referenced_paths(ast, ROOTS):
        if not (known_text_path(path) or any(k.startswith(path + ".") for k in FIELDS_BY_KEY)):
            found.append((line, f"'{path}' is not an answer or fact; see docs/project-file.md"))
    return found


def _check_body(path: Path, body: str, body_line: int, problems: list[Problem]) -> None:
    for line, message in template_problems(body):
        problems.append(Problem(path, message, line=body_line + line - 1))


MAX_LIBRARY_FILE = 400_000  # bytes of one clause or TOML file
MAX_LIBRARY_ENTRIES = 20_000  # files and folders looked at in one library folder


def _clause_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The folder's .md files, sorted; symbolic links to folders are not followed, and a folder
    with more than MAX_LIBRARY_ENTRIES entries is refused rather than walked for minutes."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    seen = 0
    for parent, folders, names in os.walk(folder):
        seen += len(folders) + len(names)
        if seen > MAX_LIBRARY_ENTRIES:
            problems.append(
                Problem(
                    folder,
                    f"holds more than {MAX_LIBRARY_ENTRIES:,} files and folders; "
                    "point library_paths at the folder of clause files itself",
                )
            )
            return []
        folders.sort()
        found.extend(Path(parent, name) for name in names if name.endswith(".md"))
    return sorted(found)


def _load_sections(path: Path, problems: list[Problem], into: dict[str, Section]) -> None:
    entries = _read_toml(path, problems).get("sections", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        problems.append(Problem(path, "expected [[sections]] tables, each with id, title and order", "sections"))
        return
    for entry in entries:
        try:
            regions = tuple(str(r) for r in entry.get("regions", ()))
            into[entry["id"]] = Section(entry["id"], entry["title"], int(entry["order"]), regions)
        except (KeyError, TypeError, ValueError):
            problems.append(Problem(path, f"each [[sections]] needs id, title and order: {entry!r}"))


# The files a library folder is read from (see _load_library): its key in the cache hashes them.
LIBRARY_FILES = ("*.md", "sections.toml", "terms.toml", "requirements.toml", "seeds.toml")
_loaded: dict[str, Library] = {}


def load_library(extra_paths: tuple[Path, ...] = ()) -> Library:
    """Load the built-in library plus organisation folders, which add or replace clauses by id.

    Parsing and checking every clause is slow, so a checked library is kept in the user cache,
    keyed by the content of its files and the program (generator/cache.py): the checks run
    again whenever a clause file, an organisation folder or the program changes.
    """
    paths = tuple(Path(p) for p in extra_paths)
    folders = [(folder, LIBRARY_FILES) for folder in (builtin_library_path(), *paths)]
    key = cache.digest(cache.program_key(), cache.folders_key(folders))
    library = _loaded.get(key) or _cached_library(key)
    if library is None:
        library = _load_library(paths)
        library.code = {
            text: (library.env.compile(text), template_inputs(library.env.parse(text), library.env))
            for text in {c.text for c in library.clauses.values()}
        }
        stored = (library.clauses, library.sections, library.terms, library.requirements, library.seeds)
        cache.write_object("library", key, (*stored, {text: marshal.dumps(c) for text, c in library.code.items()}))
    library.key = key
    if len(_loaded) >= 8:
        _loaded.clear()
    _loaded[key] = library
    return library


def _cached_library(key: str) -> Library | None:
    """The library stored under `key`, or None: an entry that does not load is rebuilt."""
    entry = cache.read_object("library", key)
    try:
        clauses, sections, terms, requirements, seeds, code = entry  # type: ignore[misc]
        compiled = {text: marshal.loads(data) for text, data in code.items()}
        if not all(isinstance(c, Clause) for c in clauses.values()) or not all(
            isinstance(code, CodeType) and isinstance(inputs, tuple) for code, inputs in compiled.values()
        ):
            return None
        return Library(clauses, sections, terms, requirements, seeds, make_environment(terms), code=compiled)
    except Exception:  # absent (None) or damaged: build it again
        return None


def library_for(project: Project) -> Library:
    """The built-in library plus the project's own clause folders."""
    return load_library(tuple(project.resolved_library_paths()))


def _load_library(extra_paths: tuple[Path, ...]) -> Library:
    root = builtin_library_path()
    problems: list[Problem] = []
    sections: dict[str, Section] = {}
    terms: dict[str, dict[str, str]] = {}
    folders = [root, *extra_paths]
    for folder in folders:
        if not folder.is_dir():
            problems.append(Problem(folder, "library folder not found; fix library_paths in the project"))
            continue
        if (folder / "sections.toml").is_file():
            _load_sections(folder / "sections.toml", problems, sections)
        for group, entries in (
            _read_toml(folder / "terms.toml", problems).items() if (folder / "terms.toml").is_file() else []
        ):
            if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
                problems.append(
                    Problem(folder / "terms.toml", f'expected [{group}] with lines like key = "text"', group)
                )
                continue
            terms.setdefault(group, {}).update(entries)
    requirements = {
        rid: Requirement(rid, r["group"], r["element"], r["citation"], r["applies_if"])
        for rid, r in _read_toml(root / "requirements.toml", problems).items()
    }
    seeds = _read_toml(root / "seeds.toml", problems)
    clauses: dict[str, Clause] = {}
    for folder in folders:
        seen_here: dict[str, Path] = {}
        for path in _clause_files(folder, problems):
            if path.name.upper() == "README.MD" or path.relative_to(folder).parts[0] == DOCUMENTS_FOLDER:
                continue  # documents/ holds the other documents' clauses (generator/documents/)
            clause = _parse_clause(path, problems, sections, builtin=folder == root)
            if clause is None:
                continue
            if clause.id in seen_here:
                problems.append(
                    Problem(path, f"duplicate clause id '{clause.id}', also in {seen_here[clause.id]}", "id")
                )
                continue
            seen_here[clause.id] = path
            for rid in clause.requirements:
                if rid not in requirements:
                    problems.append(
                        Problem(
                            path, f"unknown requirement '{rid}'; see clause_library/requirements.toml", "requirements"
                        )
                    )
            for source in clause.sources:
                if folder == root and source.seed not in seeds:
                    problems.append(
                        Problem(path, f"unknown seed '{source.seed}'; see clause_library/seeds.toml", "sources")
                    )
            clauses[clause.id] = clause
    if problems:
        raise ClauseLibraryError(problems)
    return Library(clauses, sections, terms, requirements, seeds, make_environment(terms))
