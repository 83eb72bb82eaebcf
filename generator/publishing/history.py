"""The published versions of a project, kept beside it as plain text.

`policy.toml` gets a folder `policy.history/` with one Markdown file per published
version (`3.2.md`, exactly what `render --format md` wrote for it) and `index.toml`
listing each version with its effective date, publication date, file, checksum and
change summary. Everything is plain text, so it diffs and merges well in git.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from telepolicy.generator.errors import ExportError, Problem, ProjectFileError
from telepolicy.generator.files import atomic_write
from telepolicy.generator.project.file import parse_project
from telepolicy.generator.project.model import Project
from telepolicy.generator.project.toml_lines import key_lines

INDEX = "index.toml"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_LAST_NUMBER = re.compile(r"(\d+)(?!.*\d)")


@dataclass(frozen=True)
class Version:
    """One published version, as the index records it."""

    version: str
    effective_date: dt.date
    published: dt.date
    file: str
    sha256: str
    summary: tuple[str, ...] = ()


@dataclass
class History:
    """The history folder of one project file and its versions, oldest first."""

    folder: Path
    versions: list[Version] = field(default_factory=list)

    def find(self, version: str) -> Version | None:
        return next((v for v in self.versions if v.version == version), None)

    def latest(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    def markdown(self, version: Version) -> str:
        path = self.folder / version.file
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise ProjectFileError(
                Problem(path, f"cannot read this published version ({error.strerror or error}); restore it from git")
            ) from None
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != version.sha256:
            raise ProjectFileError(
                Problem(
                    path,
                    f"version {version.version} was changed after it was published (checksum differs from "
                    f"{self.folder / INDEX}); restore it from git: a published version must stay as published",
                )
            )
        return text


def history_folder(project_path: Path) -> Path:
    return project_path.with_name(f"{project_path.stem}.history")


def version_file_name(version: str) -> str:
    """A file name from the version number: '3.2' -> '3.2.md'; unsafe characters become '_'."""
    return (_UNSAFE.sub("_", version).strip("._") or "version") + ".md"


def next_version(version: str) -> str:
    """Add one to the last number: 3.2 -> 3.3, 1.9 -> 1.10, 2026-01 -> 2026-02."""
    match = _LAST_NUMBER.search(version)
    if not match:
        raise ExportError(f"version '{version}' has no number to increase; give the next one with --next VERSION")
    digits = match.group(1)
    return version[: match.start()] + str(int(digits) + 1).zfill(len(digits)) + version[match.end() :]


def load_history(project_path: str | Path) -> History:
    """The history beside a project file; empty when nothing was published yet."""
    folder = history_folder(Path(project_path))
    index = folder / INDEX
    if not index.exists():
        return History(folder)
    try:
        data = tomllib.loads(index.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ProjectFileError(Problem(index, f"cannot read the version index: {error}; restore it from git")) from None
    versions = []
    for number, entry in enumerate(data.get("versions", []), start=1):
        try:
            versions.append(
                Version(
                    version=str(entry["version"]),
                    effective_date=_date(entry["effective_date"]),
                    published=_date(entry["published"]),
                    file=str(entry["file"]),
                    sha256=str(entry["sha256"]),
                    summary=tuple(str(line) for line in entry.get("summary", [])),
                )
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ProjectFileError(
                Problem(index, f"[[versions]] entry {number} is incomplete or wrong ({error}); restore it from git")
            ) from None
    return History(folder, versions)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _index_text(history: History, project_name: str) -> str:
    header = (
        f"# Published versions of {project_name}, oldest first. Written by `telepolicy publish`;\n"
        "# each file is the Markdown of that version exactly as published (sha256 guards it).\n\n"
    )
    table = {
        "versions": [
            {
                "version": v.version,
                "effective_date": v.effective_date,
                "published": v.published,
                "file": v.file,
                "sha256": v.sha256,
                "summary": list(v.summary),
            }
            for v in history.versions
        ]
    }
    return header + tomli_w.dumps(table, multiline_strings=False)


def record_version(
    project_path: Path, project: Project, markdown: str, summary: list[str], today: dt.date
) -> tuple[History, Version]:
    """Store one rendered version and add it to the index. Refuses a version number already published."""
    history = load_history(project_path)
    version = str(project.answers["policy.version"])
    published = history.find(version)
    if published:
        raise ExportError(
            Problem(
                project_path,
                f"version {version} is already published ({history.folder / published.file}); "
                "set policy.version to a new number first",
                "policy.version",
            )
        )
    name = version_file_name(version)
    if any(v.file == name for v in history.versions):
        name = f"{len(history.versions) + 1}-{name}"
    entry = Version(
        version=version,
        effective_date=project.answers["policy.effective_date"],
        published=today,
        file=name,
        sha256=hashlib.sha256(markdown.encode("utf-8")).hexdigest(),
        summary=tuple(summary),
    )
    history.versions.append(entry)
    try:
        history.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(history.folder / name, markdown.encode("utf-8"))
        atomic_write(history.folder / INDEX, _index_text(history, project_path.name).encode("utf-8"))
    except OSError as error:
        raise ExportError(
            Problem(history.folder, f"cannot write the history ({error.strerror or error}); check the folder")
        ) from None
    return history, entry


def _toml_line(leaf: str, value: str | int | bool | list[str]) -> str:
    """`key = value` on one line; a list of strings as an inline array (JSON strings are TOML basic strings)."""
    if isinstance(value, list):
        return f"{leaf} = [" + ", ".join(json.dumps(item, ensure_ascii=False) for item in value) + "]"
    return tomli_w.dumps({leaf: value}).strip()


def set_answer_line(project_path: Path, key: str, value: str | int | bool | list[str]) -> None:
    """Change one single-line answer in the project file in place, keeping its comments and layout."""
    text = project_path.read_text(encoding="utf-8")
    table, leaf = key.rsplit(".", 1)
    encoded = _toml_line(leaf, value)
    lines = text.splitlines(keepends=True)
    number = key_lines(text).get(key)
    value_pattern = r"(\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|[\w.+-]+|\[[^\n]*\])"  # one-line values only
    simple = rf"^\s*{re.escape(leaf)}\s*=\s*{value_pattern}\s*(#.*)?$"  # key = value  # comment
    array_start = rf"^\s*{re.escape(leaf)}\s*=\s*\[\s*(#.*)?$"  # an array written over several lines
    if number is not None and re.match(simple, lines[number - 1]):
        ending = "\n" if lines[number - 1].endswith("\n") else ""
        indent = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip())]
        lines[number - 1] = indent + encoded + ending
    elif number is not None and re.match(array_start, lines[number - 1]):
        end = next((i for i in range(number, len(lines)) if re.match(r"^\s*\]\s*(#.*)?$", lines[i])), None)
        if end is None:
            raise ExportError(
                Problem(project_path, f"cannot change {key} automatically; set it to {value!r} by hand", key, number)
            )
        lines[number - 1 : end + 1] = [encoded + "\n"]
    elif number is None and (table_line := key_lines(text).get(table)) is not None:
        lines.insert(table_line, encoded + "\n")
    elif number is None:
        lines.append(f"\n[{table}]\n{encoded}\n")
    else:
        raise ExportError(
            Problem(project_path, f"cannot change {key} automatically; set it to {value!r} by hand", key, number)
        )
    new_text = "".join(lines)
    if parse_project(new_text, project_path).answers.get(key) != value:
        raise ExportError(Problem(project_path, f"cannot change {key} automatically; set it to {value!r} by hand", key))
    atomic_write(project_path, new_text.encode("utf-8"))
