"""The project: every answer plus the user's clause edits, loaded from and saved to TOML.

Loading validates the whole file and reports every problem at once (file, key,
line, fix); unknown keys are warnings. Saving is atomic and round-trips.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from telepolicy.generator.errors import Problem, ProjectFileError
from telepolicy.generator.files import UnreadableFileError, atomic_write, read_regular_file
from telepolicy.generator.project.schema import (
    FIELDS,
    FIELDS_BY_KEY,
    FORMAT_VERSION,
    RETENTION_KEYWORDS,
    STRUCTURAL_KEYS,
    Field,
    default_value,
)
from telepolicy.generator.project.toml_lines import key_lines, line_of
from telepolicy.generator.project.values import (
    MAX_CLAUSE,
    MAX_FILE_BYTES,
    MAX_LIST_ITEMS,
    MAX_TEXT,
    email_problem,
    hidden_character,
    phone_problem,
    url_problem,
)
from telepolicy.generator.targets import AnswerTarget, ClauseTarget, CustomClauseTarget, FixTarget

_PERIOD = re.compile(r"^([1-9][0-9]{0,3}) (day|days|week|weeks|month|months|year|years)$")
_CLAUSE_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


@dataclass
class ClauseEdit:
    """The user's change to one library clause: new text, or leaving it out."""

    text: str | None = None
    omit: bool = False
    base_hash: str = ""  # hash of the library text the edit was made against


@dataclass
class CustomClause:
    """A clause the user wrote, placed in one of the library's sections."""

    id: str
    section: str
    title: str
    text: str
    order: int = 1000


@dataclass
class Project:
    """The only state: answers by dotted key, clause edits, and extra library folders."""

    answers: dict[str, Any]
    clause_edits: dict[str, ClauseEdit] = field(default_factory=dict)
    custom_clauses: list[CustomClause] = field(default_factory=list)
    library_paths: list[str] = field(default_factory=list)
    path: Path | None = None
    warnings: list[Problem] = field(default_factory=list, compare=False)
    # Opened leniently: invalid answers as the file had them, kept so saving never writes the loss,
    # until the user gives the answer a new value (`set_answer`); `problems` says why each was set aside.
    set_aside: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list, compare=False)

    def set_answer(self, key: str, value: Any) -> None:
        """Give an answer a new value; a value set aside at opening is then replaced, not kept."""
        self.answers[key] = value
        self.set_aside.pop(key, None)

    def copy(self) -> Project:
        return copy.deepcopy(self)

    def resolved_library_paths(self) -> list[Path]:
        """Extra clause folders, relative to the project file's folder; raises ProjectFileError for a
        folder outside the project's folder (unless given as an absolute path), a system folder,
        or one that is missing."""
        base = self.path.parent if self.path else Path.cwd()
        problems = [
            Problem(self.path, message, "library_paths")
            for entry in self.library_paths
            if (message := library_path_problem(entry, base, must_exist=True))
        ]
        if problems:
            raise ProjectFileError(problems)
        return [(base / p).resolve() for p in self.library_paths]


def library_path_problem(entry: str, base: Path, *, must_exist: bool) -> str | None:
    """Why a `library_paths` entry is refused, or None.

    A relative entry must stay inside the project's folder; an organisation folder elsewhere
    is given as an absolute path, and may not be the file system root, a top-level system
    folder or the home folder (loading would walk every file under it).
    """
    if not entry.strip() or "\x00" in entry or hidden_character(entry):
        return f"{entry!r} is not a folder name"
    given = Path(entry).expanduser()
    folder = (base / given).resolve()
    if not given.is_absolute() and not folder.is_relative_to(base.resolve()):
        return (
            f"'{entry}' leads outside the project's folder; give an organisation folder elsewhere as an absolute path"
        )
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError):  # no home folder (a service account)
        home = Path("/")
    if len(folder.parts) <= 2 or folder == home or home.is_relative_to(folder):
        return f"'{entry}' is a system or home folder; name the folder that holds the clause files"
    if must_exist and not folder.is_dir():
        return f"'{entry}' is not an existing folder ({folder}); fix library_paths"
    return None


def default_answers() -> dict[str, Any]:
    return {f.key: default_value(f) for f in FIELDS}


def new_project(overrides: dict[str, Any] | None = None) -> Project:
    """A project with every default filled in and today's effective date."""
    answers = default_answers()
    answers["policy.effective_date"] = dt.date.today()
    answers.update(overrides or {})
    return Project(answers=answers)


# --- validation of single values ---------------------------------------------


def _check_value(f: Field, value: Any) -> tuple[Any, str | None]:
    """Return the normalised value and an error message (None when valid)."""
    kind = f.kind
    if kind in ("text", "email", "url", "period"):
        if not isinstance(value, str):
            return value, f"expected text in quotes, got {_describe(value)}"
        if len(value) > MAX_TEXT:
            return value, f"is {len(value):,} characters long; an answer may have at most {MAX_TEXT:,}"
        hidden = hidden_character(value.replace("\r", ""))
        if hidden:
            return value, f"contains an invisible or direction-changing character ({hidden}); remove it"
        value = value.strip()
        if f.required and not value:
            return value, "must not be empty"
        if kind == "email" and value and (reason := email_problem(value)):
            return value, f"{_describe(value)} is not an e-mail address: it {reason}; write it like privacy@example.com"
        if kind == "url" and value and (reason := url_problem(value)):
            return (
                value,
                f"{_describe(value)} is not a web address: it {reason}; write it like https://example.com/privacy",
            )
        if f.key in PHONE_KEYS and value and (reason := phone_problem(value)):
            return value, f"{_describe(value)} is not a phone number: it {reason}"
        # An empty period is an unanswered one: the check reports it (RETENTION-MISSING), never a default.
        if kind == "period" and value and value not in RETENTION_KEYWORDS and not _PERIOD.match(value):
            return value, (
                f"'{value}' is not a retention period; write a number and a unit like "
                f'"18 months", or one of {", ".join(RETENTION_KEYWORDS)}'
            )
        return value, None
    if kind == "bool":
        if not isinstance(value, bool):
            return value, f"expected true or false, got {_describe(value)}"
        return value, None
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return value, f"expected a whole number, got {_describe(value)}"
        if (f.minimum is not None and value < f.minimum) or (f.maximum is not None and value > f.maximum):
            return value, f"must be between {f.minimum} and {f.maximum}, got {value}"
        return value, None
    if kind == "date":
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                return value, f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31"
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            return value, f"expected a date written as YYYY-MM-DD, got {_describe(value)}"
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            return value, f"the year {value.year} cannot be right; write a date between {FIRST_YEAR} and {LAST_YEAR}"
        return value, None
    if kind == "choice":
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value not in f.choices:
            return value, f"{_describe(value)} is not allowed; use one of: {', '.join(f.choices)}"
        return value, None
    if kind in ("choices", "text_list"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return value, f'expected a list of text values like ["a", "b"], got {_describe(value)}'
        if kind == "choices":
            bad = [v for v in value if v not in f.choices]
            if bad:
                return value, (f"{', '.join(repr(b) for b in bad)} not allowed; use any of: {', '.join(f.choices)}")
            return list(dict.fromkeys(value)), None
        cleaned = [v.strip() for v in value if v.strip()]
        if len(cleaned) > MAX_LIST_ITEMS or any(len(v) > MAX_TEXT for v in cleaned):
            return value, f"is too long: at most {MAX_LIST_ITEMS} entries of at most {MAX_TEXT:,} characters each"
        hidden = next((found for v in cleaned if (found := hidden_character(v))), None)
        if hidden:
            return value, f"contains an invisible or direction-changing character ({hidden}); remove it"
        return cleaned, None
    raise AssertionError(f"unknown kind {kind}")


def validate_answer(key: str, value: Any) -> tuple[Any, str | None]:
    """Check one answer with the loader's own rules, so an editor can flag it at the field.

    Returns the normalised value and a message a user can act on (None when valid).
    """
    field = FIELDS_BY_KEY.get(key)
    if field is None:
        raise KeyError(f"'{key}' is not an answer; see docs/project-file.md")
    return _check_value(field, value)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 80 else value[:60] + f"… ({len(value):,} characters)"
        return repr(shown) if hidden_character(shown) else f"'{shown}'"
    if isinstance(value, (int, float)) and len(text := repr(value)) > 40:
        return text[:20] + f"… ({len(text):,} digits)"
    return repr(value)


# Phone answers are text in the schema; their grammar is checked here.
PHONE_KEYS = frozenset(f.key for f in FIELDS if f.kind == "text" and f.key.endswith("phone"))
FIRST_YEAR, LAST_YEAR = 1900, 2199


# --- loading -------------------------------------------------------------------


def _flatten(table: dict[str, Any], prefix: str, out: dict[str, Any], unknown: list[str]) -> None:
    for key, value in table.items():
        path = f"{prefix}{key}"
        if path in FIELDS_BY_KEY:
            out[path] = value
        elif isinstance(value, dict) and any(k.startswith(path + ".") for k in FIELDS_BY_KEY):
            _flatten(value, path + ".", out, unknown)
        else:
            unknown.append(path)


def _target_for(key: str) -> FixTarget | None:
    """Where a problem at this key of the project file is fixed: an answer, or a clause edit."""
    if key in FIELDS_BY_KEY:
        return AnswerTarget(key)
    if key.startswith("clauses."):
        return ClauseTarget(key.removeprefix("clauses.").split(".", 1)[0].strip('"'))
    return None


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
    lines = key_lines(text)
    problems: list[Problem] = []

    def problem(key: str, message: str, severity: str = "error", target: FixTarget | None = None) -> None:
        problems.append(Problem(path, message, key, line_of(lines, key), severity, target or _target_for(key)))

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
                f"got {_describe(_lookup(raw, key))}",
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
        value, message = _check_value(f, given[f.key])
        if message:
            problem(f.key, message)
            if lenient:
                set_aside[f.key] = given[f.key]
                value = _valid_part(f, given[f.key])
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
        _check_combinations(answers, problem)

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


def _valid_part(f: Field, value: Any) -> Any:
    """What stands in for an invalid answer: its valid elements for a list, otherwise the default."""
    if f.kind in ("choices", "text_list") and isinstance(value, list):
        kept = [v for v in value if isinstance(v, str) and _check_value(f, [v])[1] is None]
        return _check_value(f, kept)[0]
    return "" if f.required and f.kind in ("text", "email", "url") else default_value(f)


def validate(project: Project) -> list[Problem]:
    """Every problem of a project in memory, as loading its saved file would report them, without saving it.

    The answers are checked one by one, then together; custom clauses for their ids. Problems carry
    their fix target; there are no line numbers, since nothing was read from a file.
    """
    problems: list[Problem] = list(project.warnings)

    def problem(key: str, message: str, severity: str = "error", target: FixTarget | None = None) -> None:
        problems.append(Problem(project.path, message, key, None, severity, target or _target_for(key)))

    for f in FIELDS:
        if f.key in project.set_aside:
            problem(f.key, next((p.message for p in project.problems if p.key == f.key), "set aside at opening"))
            continue
        value = project.answers.get(f.key, default_value(f))
        if value == default_value(f) and not f.required:
            continue  # as when the file leaves the answer out: the default stands
        _, message = _check_value(f, value)
        if message:
            problem(f.key, message)
    seen: set[str] = set()
    for custom in project.custom_clauses:
        target = CustomClauseTarget(custom.id)
        if custom.id in seen:
            problem("custom_clauses", f"two custom clauses have the id '{custom.id}'; give each its own", target=target)
        seen.add(custom.id)
        if not _CLAUSE_ID.match(custom.id):
            problem(
                "custom_clauses",
                f"custom clause id '{custom.id}' may use only a-z, 0-9, '.', '_' and '-'",
                target=target,
            )
    if not [p for p in problems if p.severity == "error" and p.key not in project.set_aside]:
        _check_combinations(project.answers, problem)  # the stand-ins of set-aside answers are valid
    return problems


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
        if text is not None and (message := _clause_text_problem(text)):
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
        if not _CLAUSE_ID.match(entry["id"]):
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
                ("title", _title_problem(entry["title"])),
                ("text", _clause_text_problem(entry["text"])),
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


def _check_combinations(answers: dict[str, Any], problem: Any) -> None:
    """Answers that cannot all be true at once."""
    regions = set(answers["audience.regions"])
    if not regions:
        problem("audience.regions", "choose at least one region the service is offered in")
    if regions & {"california", "us_states"} and "us" not in regions:
        problem("audience.regions", 'California or other US states are chosen without "us"; add "us"')
    if answers["services.content_handling"] == "none" and answers["data.content.collected"]:
        problem(
            "data.content.collected", 'content is collected but services.content_handling is "none"; change one of them'
        )
    for purpose in ("credit_checks",):
        if purpose in answers["purposes.used"] and not answers["data.credit.collected"]:
            problem(
                "purposes.used",
                "credit_checks is a purpose but data.credit.collected is false; "
                "collect credit data or drop the purpose",
            )
    last = answers["policy.last_updated"]
    if last is not None and last < answers["policy.effective_date"] - dt.timedelta(days=3660):
        problem("policy.last_updated", "is more than ten years before the effective date; check the year", "warning")


def _lookup(table: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        table = table.get(part) if isinstance(table, dict) else None  # type: ignore[assignment]
    return table


def _title_problem(title: str) -> str | None:
    if len(title) > 500:
        return f"is {len(title):,} characters long; a clause title may have at most 500"
    if hidden := hidden_character(title):
        return f"contains an invisible or direction-changing character ({hidden}); remove it"
    return None


def _clause_text_problem(text: str) -> str | None:
    if len(text) > MAX_CLAUSE:
        return f"is {len(text):,} characters long; a clause may have at most {MAX_CLAUSE:,}"
    if hidden := hidden_character(text.replace("\r", "")):
        return f"contains an invisible or direction-changing character ({hidden}); remove it"
    return None


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


# --- saving ----------------------------------------------------------------------


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
