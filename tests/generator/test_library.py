"""The clause library: the built-in one loads clean; broken clause files are named with their line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from telepolicy.generator import ClauseLibraryError, assemble, load_library, render_markdown_text
from telepolicy.generator.library.loader import builtin_library_path
from tools.verbatim import RUN, fingerprinted_runs

SEED_RUNS = Path(__file__).resolve().parents[1] / "data" / "seed_runs.txt"
REQUIRED_TOPIC_SECTIONS = (
    "cpni",
    "roles",
    "retention",
    "transfers",
    "children",
    "introduction",
    "data_we_collect",
    "contact",
)

GOOD = """+++
id = "{id}"
section = "contact"
title = "Extra contact"
order = 5
sources = [{{ seed = "000", section = "Policy Revisions" }}]
requirements = ["gdpr.13.1.a"]
{extra}
+++
{body}
"""


def clause_file(folder: Path, name: str, *, id: str = "org.extra", extra: str = "", body: str = "Write to us.") -> Path:
    path = folder / name
    path.write_text(GOOD.format(id=id, extra=extra, body=body), encoding="utf-8")
    return path


def load_problems(folder: Path) -> list[str]:
    with pytest.raises(ClauseLibraryError) as caught:
        load_library((folder,))
    return [str(p) for p in caught.value.problems]


def test_builtin_library_loads_and_covers_the_design_topics():
    library = load_library()
    sections_with_clauses = {c.section for c in library.clauses.values()}
    for section in REQUIRED_TOPIC_SECTIONS:
        assert section in sections_with_clauses, section


def test_every_clause_names_its_sources_and_requirements():
    library = load_library()
    missing = [c.id for c in library.clauses.values() if not c.sources or not c.requirements]
    assert missing == []


def test_no_clause_repeats_twelve_words_of_a_seed():
    """Against fingerprints of the seeds' 12-word runs (tests/data), so it runs without ../shared/seeds."""
    fingerprints = set(SEED_RUNS.read_text(encoding="utf-8").split())
    copied = {
        path.relative_to(builtin_library_path()).as_posix(): runs
        for path in builtin_library_path().rglob("*.md")
        if (runs := fingerprinted_runs(path.read_text(encoding="utf-8"), fingerprints))
    }
    assert copied == {}, f"runs of {RUN} words copied from a seed"


def test_bad_condition_is_reported_with_file_and_line(tmp_path):
    path = clause_file(tmp_path, "bad.md", extra='[when]\n"cpni.aproval" = "opt_in"\n"cpni.approval" = "sometimes"')
    messages = load_problems(tmp_path)
    assert f"{path}:9: when.cpni.aproval: 'cpni.aproval' is not an answer or fact" in messages[0]
    assert messages[1].startswith(f"{path}:10: when.cpni.approval: 'sometimes' can never match")


def test_unknown_variable_and_template_syntax_are_reported(tmp_path):
    typo = clause_file(tmp_path, "typo.md", id="org.typo", body="Hello\n{{ company.nmae }}")
    broken = clause_file(tmp_path, "broken.md", id="org.broken", body="{% if facts.voice %}never closed")
    messages = load_problems(tmp_path)
    assert any(m.startswith(f"{broken}:10: template error") for m in messages)
    assert f"{typo}:11: 'company.nmae' is not an answer or fact; see docs/project-file.md" in messages


def test_duplicate_ids_unknown_section_and_missing_keys(tmp_path):
    clause_file(tmp_path, "a.md")
    second = clause_file(tmp_path, "b.md")
    (tmp_path / "c.md").write_text('+++\nid = "org.c"\nsection = "nowhere"\n+++\ntext\n', encoding="utf-8")
    (tmp_path / "d.md").write_text("no front matter\n", encoding="utf-8")
    messages = load_problems(tmp_path)
    assert any(m.startswith(f"{second}: id: duplicate clause id 'org.extra'") for m in messages)
    assert any("c.md" in m and "missing `title`" in m for m in messages)
    assert any(m.startswith(f"{tmp_path / 'd.md'}:1: a clause file must start with a line '+++'") for m in messages)


def test_organisation_library_adds_and_replaces_clauses(tmp_path, example_project):
    clause_file(tmp_path, "extra.md", body="Our legal team answers within **two days**.")
    clause_file(tmp_path, "replace.md", id="cpni.definition", body="CPNI, in our own house wording.")
    example_project.library_paths = [str(tmp_path)]
    text = render_markdown_text(example_project)
    assert "Our legal team answers within **two days**." in text
    assert "CPNI, in our own house wording." in text
    library = load_library((tmp_path,))
    assert library.clauses["cpni.definition"].path == tmp_path / "replace.md"
    assert assemble(example_project, library).clause("org.extra") is not None


REFERENCE = re.compile(
    r'"([A-Z][^"{}]{2,60})"(?= (?:explains|describes|lists|in "|part of))'
    r'|(?:part of|in) "([A-Z][^"{}]{2,60})"'
)


def test_cross_references_name_existing_sections_or_clauses():
    """A clause that says 'see "How long we keep information"' must name a real title."""
    library = load_library()
    titles = {c.title for c in library.clauses.values()} | {s.title for s in library.sections.values()}
    dangling = {
        (clause.id, title)
        for clause in library.clauses.values()
        for match in REFERENCE.finditer(clause.text)
        for title in match.groups()
        if title and title not in titles
    }
    assert dangling == set()


def test_an_organisation_clause_needs_only_id_title_and_order(tmp_path, example_project):
    """Section from the folder; sources and requirements are the built-in library's duty; dotted keys unquoted."""
    (tmp_path / "contact").mkdir()
    (tmp_path / "contact" / "desk.md").write_text(
        '+++\nid = "org.desk"\ntitle = "Our privacy desk"\norder = 7\n\n[when]\ncpni.approval = ["opt_in", "opt_out"]\n'
        "facts.voice = true\n+++\nCall the privacy desk on weekdays.\n",
        encoding="utf-8",
    )
    clause = load_library((tmp_path,)).clauses["org.desk"]
    assert clause.section == "contact"
    assert (clause.sources, clause.requirements) == ((), ())
    assert clause.when == {"cpni.approval": ["opt_in", "opt_out"], "facts.voice": True}
    example_project.library_paths = [str(tmp_path)]
    assert "Call the privacy desk on weekdays." in render_markdown_text(example_project)


def test_a_clause_outside_a_section_folder_is_told_where_to_go(tmp_path):
    (tmp_path / "loose.md").write_text('+++\nid = "org.loose"\ntitle = "Loose"\norder = 1\n+++\nText.\n', "utf-8")
    [message] = load_problems(tmp_path)
    assert (
        f"unknown section '{tmp_path.name}' (from the folder's name); move the file or add `section = ...`" in message
    )


def test_an_unquoted_dotted_condition_with_an_operator_table_stays_whole(tmp_path):
    path = clause_file(
        tmp_path, "age.md", extra='[when]\nchildren.minimum_age = { min = 16 }\naudience.regions = "eea"'
    )
    clause = load_library((tmp_path,)).clauses["org.extra"]
    assert clause.when == {"children.minimum_age": {"min": 16}, "audience.regions": "eea"}
    assert path.is_file()
