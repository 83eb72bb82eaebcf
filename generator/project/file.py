"""Project files: TOML read, validated and reported all at once (file, key, line, fix), and saved atomically.

Unknown keys are warnings. Saving round-trips and never writes the loss of an answer set aside at opening.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from telepolicy.generator.errors import Problem, ProjectFileError
from telepolicy.generator.files import UnreadableFileError, atomic_write, read_regular_file
from telepolicy.generator.project.answers import (
    CLAUSE_ID,
    check_combinations,
    check_value,
    clause_text_problem,
    describe_value,
    target_for,
    title_problem,
    valid_part,
)
from telepolicy.generator.project.model import ClauseEdit, CustomClause, Project, library_path_problem
from telepolicy.generator.project.schema import (
    FIELDS,
    FIELDS_BY_KEY,
    FORMAT_VERSION,
    STRUCTURAL_KEYS,
    default_value,
)
from telepolicy.generator.project.toml_lines import key_lines, line_of
from telepolicy.generator.project.values import (
    MAX_FILE_BYTES,
)
from telepolicy.generator.targets import CustomClauseTarget, FixTarget


def _flatten(table: dict[str, Any], prefix: str, out: dict[str, Any], unknown: list[str]) -> None:
    for key, value in table.items():
        path = f"{prefix}{key}"
        if path in FIELDS_BY_KEY:
            out[path] = value
        elif isinstance(value, dict) and any(k.startswith(path + ".") for k in FIELDS_BY_KEY):
            _flatten(value, path + ".", out, unknown)
        else:
            unknown.append(path)


def parse_project(text: str, path: Path | None = None, *, lenient: bool = False) -> Project:
    """Validate project text; raise ProjectFileError listing every problem.

    `lenient` (the app opening a half-finished project): an answer that is invalid on its own is
    set aside instead (the default stands in, the file's value is kept for saving) and reported
    in `Project.problems`, as are answers that contradict each other; other problems still raise.
    """
    if not text.strip():
        raise ProjectFileError(
            Problem(path, "the file is empty; create a project with `telepolicy new --preset NAME FILE`")
        )
    try:
        raw = tomllib.loads(text)
    except RecursionError:
        raise ProjectFileError(
            Problem(path, "tables or lists are nested too deeply to read; a project file nests a few levels at most")
        ) from None
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"at line (\d+)", str(error))
        raise ProjectFileError(
            Problem(
                path,
                f"this is not valid TOML ({error}); check quotes, brackets and '=' signs on that line",
                line=int(match.group(1)) if match else None,
            )
        ) from None
    lines: dict[str, int] = {}  # the lines of the keys, found when the first problem needs one
    problems: list[Problem] = []

    def problem(key: str, message: str, severity: str = "error", target: FixTarget | None = None) -> None:
        if not lines:
            lines.update(key_lines(text))
        problems.append(Problem(path, message, key, line_of(lines, key), severity, target or target_for(key)))

    version = raw.get("format", FORMAT_VERSION)
    if type(version) is not int or version != FORMAT_VERSION:
        problem("format", f"format {version!r} is not supported; this version reads format {FORMAT_VERSION}")

    given: dict[str, Any] = {}
    unknown: list[str] = []
    _flatten({k: v for k, v in raw.items() if k not in STRUCTURAL_KEYS}, "", given, unknown)
    mistyped = [key for key in unknown if any(k.startswith(key + ".") for k in FIELDS_BY_KEY)]
    for key in unknown:
        if key in mistyped:
            example = next(k for k in FIELDS_BY_KEY if k.startswith(key + "."))
            problem(
                key,
                f"expected a table [{key}] holding answers such as `{example.rsplit('.', 1)[1]} = ...`, "
                f"got {describe_value(_lookup(raw, key))}",
            )
        else:
            problem(key, "unknown key, ignored; see docs/project-file.md for the keys", "warning")

    answers: dict[str, Any] = {}
    set_aside: dict[str, Any] = {}
    for f in FIELDS:
        if f.key not in given:
            if f.required and not any(f.key.startswith(key + ".") for key in mistyped):
                problem(f.key, f"required answer missing; add `{f.key.rsplit('.', 1)[1]} = ...` ({f.label})")
            answers[f.key] = default_value(f)
            continue
        value, message = check_value(f, given[f.key])
        if message:
            problem(f.key, message)
            if lenient:
                set_aside[f.key] = given[f.key]
                value = valid_part(f, given[f.key])
        answers[f.key] = value

    library_paths = raw.get("library_paths", [])
    if not isinstance(library_paths, list) or not all(isinstance(p, str) for p in library_paths):
        problem("library_paths", 'expected a list of folder names like ["legal/clauses"]')
        library_paths = []
    base = path.parent if path else Path.cwd()
    for entry in library_paths:
        if message := library_path_problem(entry, base, must_exist=path is not None):
            problem("library_paths", message)

    edits = _parse_edits(raw.get("clauses", {}), problem)
    customs = _parse_custom(raw.get("custom_clauses", []), problem)
    if not [p for p in problems if p.severity == "error" and not (lenient and p.key in set_aside)]:
        check_combinations(answers, problem)

    errors = [p for p in problems if p.severity == "error"]
    answer_errors = [p for p in errors if p.key in FIELDS_BY_KEY]
    if errors and not (lenient and errors == answer_errors):
        raise ProjectFileError(sorted(problems, key=lambda p: p.line or 0))
    return Project(
        answers=answers,
        clause_edits=edits,
        custom_clauses=customs,
        library_paths=library_paths,
        path=path,
        warnings=[p for p in problems if p.severity == "warning"],
        set_aside=set_aside,
        problems=sorted(errors, key=lambda p: p.line or 0),
    )


def _parse_edits(table: Any, problem: Any) -> dict[str, ClauseEdit]:
    if not isinstance(table, dict):
        problem("clauses", 'expected tables like [clauses."contact.how"] with text or omit')
        return {}
    edits: dict[str, ClauseEdit] = {}
    for clause_id, entry in table.items():
        key = f"clauses.{clause_id}"
        if not isinstance(entry, dict):
            problem(key, 'expected a table with `text = "..."` or `omit = true`')
            continue
        text, omit, base = entry.get("text"), entry.get("omit", False), entry.get("base_hash", "")
        for name in set(entry) - {"text", "omit", "base_hash"}:
            problem(f"{key}.{name}", "unknown key, ignored; a clause edit has text, omit and base_hash", "warning")
        if text is not None and not isinstance(text, str):
            problem(f"{key}.text", "expected the clause text as a string")
            continue
        if text is not None and (message := clause_text_problem(text)):
            problem(f"{key}.text", message)
            continue
        if not isinstance(omit, bool):
            problem(f"{key}.omit", "expected true or false")
            continue
        if text is None and not omit:
            problem(key, 'this edit changes nothing; add `text = "..."` or `omit = true`', "warning")
        edits[clause_id] = ClauseEdit(text=text, omit=omit, base_hash=str(base))
    return edits


def _parse_custom(items: Any, problem: Any) -> list[CustomClause]:
    if not isinstance(items, list):
        problem("custom_clauses", "expected [[custom_clauses]] tables")
        return []
    customs: list[CustomClause] = []
    first_of: dict[str, int] = {}
    for index, entry in enumerate(items):
        key = f"custom_clauses.{index}"
        if not isinstance(entry, dict):
            problem("custom_clauses", f"entry {index + 1} is not a table")
            continue
        missing = [
            n for n in ("id", "section", "title", "text") if not isinstance(entry.get(n), str) or not entry[n].strip()
        ]
        if missing:
            problem("custom_clauses", f"custom clause {index + 1} needs text values for: {', '.join(missing)}")
            continue
        target = CustomClauseTarget(entry["id"])
        if not CLAUSE_ID.match(entry["id"]):
            problem(key, f"custom clause id '{entry['id']}' may use only a-z, 0-9, '.', '_' and '-'", target=target)
            continue
        if entry["id"] in first_of:
            problem(
                f"{key}.id",
                f"custom clause id '{entry['id']}' is used twice (also custom clause {first_of[entry['id']] + 1}); "
                "give each its own id",
                target=target,
            )
            continue
        first_of[entry["id"]] = index
        text_problems = [
            (name, message)
            for name, message in (
                ("title", title_problem(entry["title"])),
                ("text", clause_text_problem(entry["text"])),
            )
            if message
        ]
        for name, message in text_problems:
            problem(f"{key}.{name}", message, target=target)
        if text_problems:
            continue
        order = entry.get("order", 1000)
        if isinstance(order, bool) or not isinstance(order, int):
            problem(key, "order must be a whole number", target=target)
            continue
        customs.append(CustomClause(entry["id"], entry["section"], entry["title"], entry["text"], order))
    return customs


def _lookup(table: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        table = table.get(part) if isinstance(table, dict) else None  # type: ignore[assignment]
    return table


def load_project(path: str | Path, *, lenient: bool = False) -> Project:
    """Read and validate a project file; `lenient` sets invalid answers aside (see `parse_project`)."""
    path = Path(path)
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except UnreadableFileError as error:
        raise ProjectFileError(Problem(path, f"{error}; a project file is a TOML text file")) from None
    except FileNotFoundError:
        raise ProjectFileError(
            Problem(path, "no such file; check the path or create it with `telepolicy new`")
        ) from None
    except IsADirectoryError:
        raise ProjectFileError(Problem(path, "this is a folder, not a project file")) from None
    except OSError as error:
        raise ProjectFileError(Problem(path, f"cannot be read ({error.strerror})")) from None
    if b"\x00" in data:
        raise ProjectFileError(Problem(path, "this is a binary file, not a TOML project file"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProjectFileError(Problem(path, "is not UTF-8 text; save it as UTF-8", line=line)) from None
    return parse_project(text, path, lenient=lenient)


def project_to_toml(project: Project) -> str:
    """Stable, complete TOML: format first, then answers in schema order, then edits."""
    document: dict[str, Any] = {"format": FORMAT_VERSION}
    if project.library_paths:
        document["library_paths"] = list(project.library_paths)
    for f in FIELDS:
        value = project.set_aside[f.key] if f.key in project.set_aside else project.answers.get(f.key)
        if value is None:
            continue
        table = document
        *parents, leaf = f.key.split(".")
        for part in parents:
            table = table.setdefault(part, {})
        table[leaf] = value
    if project.clause_edits:
        clauses: dict[str, Any] = {}
        for clause_id in sorted(project.clause_edits):
            edit = project.clause_edits[clause_id]
            entry: dict[str, Any] = {}
            if edit.text is not None:
                entry["text"] = edit.text
            if edit.omit:
                entry["omit"] = True
            if edit.base_hash:
                entry["base_hash"] = edit.base_hash
            clauses[clause_id] = entry
        document["clauses"] = clauses
    if project.custom_clauses:
        document["custom_clauses"] = [
            {"id": c.id, "section": c.section, "title": c.title, "order": c.order, "text": c.text}
            for c in project.custom_clauses
        ]
    header = "# Telepolicy project file. Every key is described in docs/project-file.md.\n"
    return header + tomli_w.dumps(document, multiline_strings=True)


def save_project(project: Project, path: str | Path) -> None:
    """Write the project atomically; the old file survives any failure."""
    path = Path(path)
    atomic_write(path, project_to_toml(project).encode("utf-8"))
    project.path = path
