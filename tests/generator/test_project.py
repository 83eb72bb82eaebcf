"""Project files: validation messages a user can act on, and lossless save/load."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from telepolicy.generator import (
    ClauseEdit,
    CustomClause,
    ProjectFileError,
    load_project,
    new_project,
    parse_project,
    project_to_toml,
    save_project,
)
from telepolicy.generator.project.schema import FIELDS
from tests.generator.project_files import MINIMAL


def problems_of(text: str) -> list[str]:
    with pytest.raises(ProjectFileError) as caught:
        parse_project(text, Path("p.toml"))
    return [str(p) for p in caught.value.problems]


def test_minimal_file_gets_defaults_for_every_answer():
    project = parse_project(MINIMAL)
    assert set(project.answers) == {f.key for f in FIELDS}
    assert project.answers["policy.page_size"] == "A4"
    assert project.warnings == []


def test_round_trip_of_a_preset_gives_back_the_same_project(example_project, tmp_path):
    example_project.clause_edits["cpni.definition"] = ClauseEdit(text='Our "own" words,\nsecond line.', base_hash="abc")
    example_project.clause_edits["contact.dpo"] = ClauseEdit(omit=True)
    example_project.custom_clauses.append(CustomClause("custom.loyalty", "purposes", "Loyalty", "We run *points*.", 5))
    target = tmp_path / "saved.toml"
    save_project(example_project, target)
    loaded = load_project(target)
    assert loaded == example_project
    assert project_to_toml(loaded) == target.read_text(encoding="utf-8")


def test_saved_keys_keep_a_stable_order(example_project):
    text = project_to_toml(example_project)
    assert text.index("[company]") < text.index("[services]") < text.index("[policy]")
    assert text.splitlines()[1] == "format = 1"


def test_failed_save_keeps_the_old_file_and_leaves_no_temporary(example_project, tmp_path, monkeypatch):
    target = tmp_path / "keep.toml"
    target.write_text("old content", encoding="utf-8")

    def broken_replace(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_project(example_project, target)
    assert target.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.toml"]


def test_malformed_toml_names_the_line():
    messages = problems_of(MINIMAL + 'broken = "no end\n')
    assert len(messages) == 1
    assert messages[0].startswith("p.toml:9:")
    assert "not valid TOML" in messages[0]


def test_every_problem_is_reported_at_once_with_key_line_and_fix():
    text = (
        MINIMAL.replace('"privacy@acme.example"', '"not-an-email"').replace('country = "United States"', "country = 42")
        + '[children]\nminimum_age = "thirteen"\n[cpni]\napproval = "maybe"\n'
    )
    messages = problems_of(text)
    assert "p.toml:5: company.country: expected text in quotes, got 42" in messages
    assert any(
        m.startswith("p.toml:6: company.privacy_email: 'not-an-email' is not an e-mail address") for m in messages
    )
    assert any(m.startswith("p.toml:10: children.minimum_age: expected a whole number") for m in messages)
    assert any("cpni.approval: 'maybe' is not allowed; use one of: none, opt_out, opt_in" in m for m in messages)


def test_missing_required_values_are_named():
    messages = problems_of('format = 1\n[company]\nlegal_name = "Acme"\n')
    assert any("company.address: required answer missing" in m for m in messages)
    assert any("policy.effective_date: required answer missing" in m for m in messages)


def test_unknown_keys_are_warnings_with_their_line():
    project = parse_project(MINIMAL + '[cpni]\napprovel = "opt_in"\n', Path("p.toml"))
    assert [str(w) for w in project.warnings] == [
        "p.toml:10: cpni.approvel: unknown key, ignored; see docs/project-file.md for the keys"
    ]


def test_impossible_combination_is_an_error():
    messages = problems_of(MINIMAL + '[audience]\nregions = ["california"]\n')
    assert any('California or other US states are chosen without "us"' in m for m in messages)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.toml"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(ProjectFileError, match="the file is empty"):
        load_project(path)


def test_binary_file(tmp_path):
    path = tmp_path / "image.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(ProjectFileError, match="binary file"):
        load_project(path)


def test_missing_file_and_newer_format(tmp_path):
    with pytest.raises(ProjectFileError, match="no such file"):
        load_project(tmp_path / "nope.toml")
    assert any("format 2 is not supported" in m for m in problems_of(MINIMAL.replace("format = 1", "format = 2")))


def test_dates_written_as_text_are_accepted():
    project = parse_project(MINIMAL.replace("effective_date = 2026-01-01", 'effective_date = "2026-02-03"'))
    assert project.answers["policy.effective_date"] == dt.date(2026, 2, 3)


def test_new_project_is_valid_after_company_details():
    project = new_project(
        {"company.legal_name": "A", "company.address": "B", "company.country": "US", "company.privacy_email": "a@b.co"}
    )
    assert parse_project(project_to_toml(project)).answers == project.answers


def test_saved_files_get_normal_permissions_and_keep_existing_ones(example_project, tmp_path):
    fresh = tmp_path / "fresh.toml"
    save_project(example_project, fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    fresh.chmod(0o640)
    save_project(example_project, fresh)
    assert fresh.stat().st_mode & 0o777 == 0o640
