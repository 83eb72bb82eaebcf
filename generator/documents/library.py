"""The clauses of each document other than the policy, in clause_library/documents/<document>/.

The files have the policy clauses' format (TOML front matter and a Jinja body) and are
read by the same parser; each document folder has its own sections.toml, so headings
are numbered within the document. Requirement ids come from clause_library/requirements.toml
and from documents/requirements.toml, which holds the documents' own (FCC 64.2009, Art. 28).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from telepolicy.generator.errors import ClauseLibraryError, Problem
from telepolicy.generator.library.loader import DOCUMENTS_FOLDER, _parse_clause, builtin_library_path
from telepolicy.generator.library.model import Clause, Library, Requirement, Section

REQUIREMENTS_FILE = "requirements.toml"


def documents_path() -> Path:
    return builtin_library_path() / DOCUMENTS_FOLDER


def _read(path: Path, problems: list[Problem]) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        problems.append(Problem(path, f"cannot be read: {error}"))
        return {}


def _requirements(problems: list[Problem]) -> dict[str, Requirement]:
    path = documents_path() / REQUIREMENTS_FILE
    found: dict[str, Requirement] = {}
    for rid, entry in _read(path, problems).items():
        try:
            found[rid] = Requirement(rid, entry["group"], entry["element"], entry["citation"], entry["applies_if"])
        except (KeyError, TypeError):
            problems.append(Problem(path, "each requirement needs group, element, citation and applies_if", rid))
    return found


def document_library(folder: str, policy_library: Library) -> Library:
    """The document's clauses and sections, with the policy library's terms, seeds and helpers."""
    clauses, sections, requirements = _load(
        folder, frozenset(policy_library.requirements), frozenset(policy_library.seeds)
    )
    return Library(
        clauses=dict(clauses),
        sections=dict(sections),
        terms=policy_library.terms,
        requirements={**policy_library.requirements, **requirements},
        seeds=policy_library.seeds,
        env=policy_library.env,
    )


@lru_cache(maxsize=16)
def _load(
    folder: str, policy_requirements: frozenset[str], seeds: frozenset[str]
) -> tuple[dict[str, Clause], dict[str, Section], dict[str, Requirement]]:
    root = documents_path() / folder
    problems: list[Problem] = []
    if not root.is_dir():
        raise ClauseLibraryError(Problem(root, "document folder not found; the installation is incomplete"))
    sections: dict[str, Section] = {}
    for entry in _read(root / "sections.toml", problems).get("sections", []):
        try:
            sections[entry["id"]] = Section(entry["id"], entry["title"], int(entry["order"]))
        except (KeyError, TypeError, ValueError):
            problems.append(Problem(root / "sections.toml", f"each [[sections]] needs id, title and order: {entry!r}"))
    requirements = _requirements(problems)
    known = policy_requirements | set(requirements)
    clauses: dict[str, Clause] = {}
    for path in sorted(root.rglob("*.md")):
        clause = _parse_clause(path, problems, sections)
        if clause is None:
            continue
        if not clause.id.startswith(folder + "."):
            problems.append(Problem(path, f"a clause of this document needs an id starting '{folder}.'", "id"))
            continue
        if clause.id in clauses:
            problems.append(
                Problem(path, f"duplicate clause id '{clause.id}', also in {clauses[clause.id].path}", "id")
            )
            continue
        problems += [
            Problem(path, f"unknown requirement '{rid}'; see clause_library/requirements.toml", "requirements")
            for rid in clause.requirements
            if rid not in known
        ]
        problems += [
            Problem(path, f"unknown seed '{source.seed}'; see clause_library/seeds.toml", "sources")
            for source in clause.sources
            if source.seed not in seeds
        ]
        clauses[clause.id] = clause
    if problems:
        raise ClauseLibraryError(problems)
    return clauses, sections, requirements
