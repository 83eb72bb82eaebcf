"""The clause library: clause files, sections, terms, seeds and legal requirements.

Each clause is a Markdown file whose body is a small Jinja template, preceded by
TOML front matter between `+++` lines (see docs/clause-authoring.md). Loading
checks the whole library and names the file and line of every problem.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
import pickle
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, Template, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from telepolicy.generator import cache
from telepolicy.generator.errors import ClauseLibraryError, Problem
from telepolicy.generator.files import read_regular_file
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
ROOTS = {key.split(".", 1)[0] for key in FIELDS_BY_KEY} | {"facts"}
GLOBALS = {"term", "range", "lipsum", "dict", "cycler", "joiner", "namespace"}
DOCUMENTS_FOLDER = "documents"  # clauses of documents other than the policy; not policy clauses


def builtin_library_path() -> Path:
    return Path(str(files("telepolicy.clause_library")))


@dataclass(frozen=True)
class Source:
    seed: str
    section: str


@dataclass(frozen=True)
class Clause:
    id: str
    section: str
    title: str
    order: int
    text: str
    sources: tuple[Source, ...]
    requirements: tuple[str, ...]
    when: dict[str, Any] = field(default_factory=dict, hash=False)
    when_any: dict[str, Any] = field(default_factory=dict, hash=False)
    show_title: bool = True
    path: Path | None = None
    body_line: int = 1
    law_as_of: dt.date | None = None  # when the legal position of the text was last verified
    unconfirmed: str = ""  # what a lawyer still has to verify; empty when the position is confirmed

    @property
    def text_hash(self) -> str:
        """Identifies the library text an override was made against."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    order: int
    regions: tuple[str, ...] = ()  # regions the title names; a policy names only those it serves

    def title_for(self, served: set[str] | frozenset[str]) -> str:
        """The title naming only the served regions: "... in the EEA" rather than "... the EEA, the UK and ..."."""
        named = [REGION_SHORT_NAMES[r] for r in self.regions if r in REGION_SHORT_NAMES]
        shown = [REGION_SHORT_NAMES[r] for r in self.regions if r in served and r in REGION_SHORT_NAMES]
        if not shown or len(shown) == len(named) or _join(named) not in self.title:
            return self.title
        return self.title.replace(_join(named), _join(shown))


REGION_SHORT_NAMES = {"eea": "the EEA", "uk": "the UK", "switzerland": "Switzerland"}


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Requirement:
    id: str
    group: str
    element: str
    citation: str
    applies_if: str


@dataclass
class Library:
    clauses: dict[str, Clause]
    sections: dict[str, Section]
    terms: dict[str, dict[str, str]]
    requirements: dict[str, Requirement]
    seeds: dict[str, dict[str, str]]
    env: ImmutableSandboxedEnvironment
    templates: dict[str, ClauseTemplate] = field(default_factory=dict)
    # Compiled library texts and the answers each reads (template_inputs), kept in the cache.
    code: dict[str, tuple[CodeType, tuple[str, ...]]] = field(default_factory=dict)

    def compile(self, source: str) -> ClauseTemplate:
        """Compiled template for a clause text, cached: the preview re-renders often.

        Texts that are not the library's own (respelt, edited or custom) are compiled once and
        kept in the user cache too, saved when the program exits.
        """
        template = self.templates.get(source)
        if template is None:
            compiled = self.code.get(source) or _stored_code(source)
            if compiled is None:
                compiled = self.env.compile(source), template_inputs(self.env.parse(source), self.env)
                _compiled.put(source, marshal.dumps(compiled))
            code, inputs = compiled
            jinja = self.env.template_class.from_code(self.env, code, self.env.make_globals(None))
            template = self.templates[source] = ClauseTemplate(jinja, inputs)
        return template


class ClauseTemplate:
    """A compiled clause text that keeps its output for the values of the answers it reads.

    After an answer changes, only the clauses that read it render again. The inputs are every
    dotted path the text reads and every root it uses otherwise (template_inputs); each is
    looked up as deep as the context goes ("*" is the whole context), so a value is never left
    out of the key.
    """

    def __init__(self, template: Template, inputs: tuple[str, ...]) -> None:
        self.template, self.inputs = template, tuple(path.split(".") for path in inputs)
        self._outputs: dict[bytes, str] = {}

    def render(self, context: dict[str, Any]) -> str:
        try:
            key = pickle.dumps([_lookup(context, path) for path in self.inputs], protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a value that cannot be a key: render without keeping the output
            return self.template.render(context)
        output = self._outputs.get(key)
        if output is None:
            output = self.template.render(context)
            if len(self._outputs) >= 32:
                self._outputs.clear()
            self._outputs[key] = output
        return output


def _lookup(context: Any, path: list[str]) -> Any:
    """The value at a dotted path, or the deepest table on the way when the path leaves the tables."""
    value = context
    for part in path:
        if not isinstance(value, dict) or part not in value:
            break
        value = value[part]
    return value


HIGHER_ORDER = frozenset({"map", "select", "reject", "selectattr", "rejectattr"})


def template_inputs(ast: nodes.Template, env: Environment) -> tuple[str, ...]:
    """The context a clause text reads: each outermost dotted path (`company.legal_name`) from a
    root, and each root used any other way (`company[k]`, `{% set c = company %}`) as a whole.

    A filter, test or function given the whole context (`@pass_context`) reads what its
    `context_reads` attribute lists (`term` reads the spelling, policy.language); without one,
    it may read anything, and a text that uses it reads the whole context ("*").
    """
    filters = [n.name for n in ast.find_all(nodes.Filter)]
    if HIGHER_ORDER.intersection(filters):  # they call other filters and tests by name
        return ("*",)
    called = [env.filters.get(name) for name in filters]
    called += [env.tests.get(n.name) for n in ast.find_all(nodes.Test)]
    called += [env.globals.get(n.node.name) for n in ast.find_all(nodes.Call) if isinstance(n.node, nodes.Name)]
    declared: set[str] = set()
    for function in called:
        if getattr(getattr(function, "jinja_pass_arg", None), "name", "") == "context":
            reads = getattr(function, "context_reads", None)
            if not isinstance(reads, tuple):
                return ("*",)
            declared.update(reads)
    inner: set[int] = set()
    bases: set[int] = set()
    for node in ast.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Getattr):
            inner.add(id(node.node))
    paths: set[str] = set()
    for node in ast.find_all(nodes.Getattr):
        chain: list[str] = []
        current: nodes.Node = node
        while isinstance(current, nodes.Getattr):
            chain.append(current.attr)
            current = current.node
        if isinstance(current, nodes.Name):
            bases.add(id(current))
            if current.name in ROOTS and id(node) not in inner:
                paths.add(".".join([current.name, *reversed(chain)]))
    paths |= {n.name for n in ast.find_all(nodes.Name) if n.name in ROOTS and id(n) not in bases}
    return tuple(sorted(paths | declared))


_compiled = cache.StoredMap("clause-code", limit=2000, value_type=bytes)  # saved at exit


def _stored_code(source: str) -> tuple[CodeType, tuple[str, ...]] | None:
    data = _compiled.get(source)
    try:
        code, inputs = marshal.loads(data) if data is not None else (None, None)
    except (EOFError, ValueError, TypeError):  # damaged: compile again
        return None
    if isinstance(code, CodeType) and isinstance(inputs, tuple) and all(isinstance(i, str) for i in inputs):
        return code, inputs
    return None


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
