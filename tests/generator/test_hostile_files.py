"""Hostile and broken project files, clause folders and saves: a clean error naming file, line and key,
never a traceback, a hang or lost data."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from telepolicy.generator import (
    ClauseLibraryError,
    CustomClause,
    ProjectFileError,
    load_library,
    load_project,
    parse_project,
    save_project,
    validate_answer,
)
from telepolicy.generator.files import LEFTOVER_AGE
from tests.generator.project_files import MINIMAL


def problems_of(text: str) -> list[str]:
    with pytest.raises(ProjectFileError) as caught:
        parse_project(text, Path("p.toml"))
    return [str(p) for p in caught.value.problems if p.severity == "error"]


# --- 1. answers validated against real grammars ---------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "privacy@example.com)[Verify-your-account](https://evil.example/login",
        "privacy@example.com>",
        '"quoted"@example.com',
        "a b@example.com",
        "privacy@example",
        "privacy@@example.com",
        "privacy@exa_mple.com",
        "priv!acy@example.com",
        "privacy@example.com\u202e",
    ],
)
def test_email_answers_refuse_characters_that_cannot_appear_unescaped(value):
    _, message = validate_answer("company.privacy_email", value)
    assert message
    assert "e-mail address" in message or "invisible" in message


@pytest.mark.parametrize(
    "value",
    [
        "https://example.com/a(b)[c](https://evil.example)",
        "https://user@evil.example/",
        "javascript:alert(1)",
        "https://example.com/<script>",
        "https://exa mple.com",
        "file:///etc/passwd",
        "https://example.com/!x",
    ],
)
def test_web_address_answers_refuse_markdown_and_other_schemes(value):
    assert validate_answer("company.website", value)[1]


@pytest.mark.parametrize("value", ["+1 800 555 0142)[x](https://evil.example", "<b>1</b>", "call 911", "12"])
def test_phone_answers_hold_only_a_phone_number(value):
    assert "phone number" in (validate_answer("company.phone", value)[1] or "")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("company.privacy_email", "dpo.office+eu@mail.example.co.uk"),
        ("company.website", "https://www.example.com/privacy?lang=en#top"),
        ("company.website", "https://example.com/a%28b%29"),
        ("company.phone", "+1 (800) 555-0142 ext. 12"),
        ("company.phone", "+44 20 5550 0100"),
        ("company.legal_name", "Ørsted Telekom A/S \u200d"),
    ],
)
def test_ordinary_values_still_pass(key, value):
    assert validate_answer(key, value)[1] is None


@pytest.mark.parametrize("name", ["Acme \u202eTelecom", "Acme\u2066Telecom", "Acme\u200fTelecom", "Acme\x1bTelecom"])
def test_names_refuse_direction_and_control_characters(name):
    message = validate_answer("company.legal_name", name)[1]
    assert message
    assert "invisible" in message or "control" in message


# --- 3. sizes ------------------------------------------------------------------------------


def test_a_long_answer_is_refused_with_its_size():
    message = validate_answer("company.legal_name", "A" * 20_000)[1]
    assert message == "is 20,000 characters long; an answer may have at most 10,000"


def test_a_ten_megabyte_legal_name_is_refused_at_load_quickly(tmp_path):
    target = tmp_path / "huge.toml"
    target.write_text(MINIMAL.replace("Acme Telecom", "A" * 10_000_000), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ProjectFileError) as caught:
        load_project(target)
    assert time.monotonic() - started < 2
    assert "the limit is 4,000,000" in str(caught.value)
    assert "legal_name" in problems_of(MINIMAL.replace("Acme Telecom", "A" * 20_000))[0]


def test_a_long_clause_edit_and_custom_clause_are_refused_with_their_key():
    messages = problems_of(
        MINIMAL + '[clauses."contact.dpo"]\ntext = "' + "x" * 100_001 + '"\n'
        '[[custom_clauses]]\nid = "custom.a"\nsection = "contact"\ntitle = "T\u202e"\ntext = "ok"\n'
    )
    assert any("clauses.contact.dpo.text" in m and "at most 100,000" in m for m in messages)
    assert any("custom_clauses.0.title" in m and "U+202E" in m for m in messages)


# --- 4. duplicates and saving --------------------------------------------------------------

DUPLICATES = (
    MINIMAL
    + """
[[custom_clauses]]
id = "custom.one"
section = "contact"
title = "First"
text = "First text."

[[custom_clauses]]
id = "custom.one"
section = "contact"
title = "Second"
text = "Second text."
"""
)


def test_duplicate_custom_clause_ids_are_refused_with_the_line():
    messages = problems_of(DUPLICATES)
    assert messages == [
        "p.toml:17: custom_clauses.1.id: custom clause id 'custom.one' is used twice (also custom clause 1); "
        "give each its own id"
    ]


def test_save_through_a_symlink_writes_the_target_and_keeps_the_link(example_project, tmp_path):
    real = tmp_path / "real.toml"
    save_project(example_project, real)
    os.chmod(real, 0o640)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    example_project.answers["company.legal_name"] = "Changed Ltd"
    save_project(example_project, link)
    assert link.is_symlink()
    assert 'legal_name = "Changed Ltd"' in real.read_text(encoding="utf-8")
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)


def test_leftovers_of_a_killed_save_are_cleaned_at_the_next_save(example_project, tmp_path):
    target = tmp_path / "policy.toml"
    save_project(example_project, target)
    leftover = tmp_path / ".policy.toml.k1ll3d_x.tmp"
    leftover.write_text("half a file", encoding="utf-8")
    fresh = tmp_path / ".policy.toml.fresh123.tmp"  # another save still writing: kept
    fresh.write_text("in progress", encoding="utf-8")
    old = time.time() - LEFTOVER_AGE - 5
    os.utime(leftover, (old, old))
    other = tmp_path / ".other.toml.abcdefgh.tmp"
    other.write_text("not ours", encoding="utf-8")
    os.utime(other, (old, old))
    save_project(example_project, target)
    assert not leftover.exists()
    assert fresh.exists()
    assert other.exists()


def test_killed_save_leaves_the_old_file_whole(example_project, tmp_path):
    import signal
    import subprocess
    import sys

    target = tmp_path / "policy.toml"
    save_project(example_project, target)
    before = target.read_bytes()
    script = (
        "import os, sys, time\n"
        "from telepolicy.generator.files import atomic_write\n"
        "real = os.fsync\n"
        "os.fsync = lambda fd: (print('writing', flush=True), time.sleep(60))\n"
        f"atomic_write(__import__('pathlib').Path({str(target)!r}), b'x' * 1000)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert target.read_bytes() == before
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1
    old = time.time() - LEFTOVER_AGE - 5
    os.utime(leftovers[0], (old, old))
    save_project(example_project, target)
    assert [p.name for p in tmp_path.iterdir()] == ["policy.toml"]


# --- 5. paths ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "reason"),
    [("/", "system or home folder"), ("/usr", "system or home folder"), ("../..", "outside the project's folder")],
)
def test_library_paths_outside_the_project_or_at_the_root_are_refused(tmp_path, entry, reason):
    project = tmp_path / "projects" / "p.toml"
    project.parent.mkdir()
    project.write_text(f"library_paths = [{entry!r}]\n".replace("'", '"') + MINIMAL, encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(ProjectFileError) as caught:
        load_project(project)
    assert time.monotonic() - started < 2
    assert [p.key for p in caught.value.problems] == ["library_paths"]
    assert reason in str(caught.value)
    assert caught.value.problems[0].line == 1


def test_an_organisation_folder_given_by_absolute_path_is_accepted(tmp_path):
    org = tmp_path / "org" / "clauses"
    org.mkdir(parents=True)
    project = tmp_path / "elsewhere" / "p.toml"
    project.parent.mkdir()
    project.write_text(f'library_paths = ["{org}"]\n' + MINIMAL, encoding="utf-8")
    assert load_project(project).resolved_library_paths() == [org.resolve()]


def test_a_project_built_in_memory_cannot_point_at_the_root(example_project):
    example_project.library_paths = ["/"]
    with pytest.raises(ProjectFileError, match="system or home folder"):
        example_project.resolved_library_paths()


@pytest.mark.parametrize("kind", ["fifo", "device", "loop", "folder"])
def test_special_files_as_project_file_are_refused_without_hanging(tmp_path, kind):
    target = tmp_path / "p.toml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target.symlink_to("/dev/zero")
    elif kind == "loop":
        target.symlink_to(target)
    else:
        target.mkdir()
    started = time.monotonic()
    with pytest.raises(ProjectFileError) as caught:
        load_project(target)
    assert time.monotonic() - started < 2
    assert str(target) in str(caught.value)


def _clause(path: Path, extra: str = "", body: str = "Text.") -> None:
    path.write_text(
        '+++\nid = "org.extra"\nsection = "contact"\ntitle = "Extra"\norder = 1\nsources = []\n'
        f"requirements = []\n{extra}+++\n{body}\n",
        encoding="utf-8",
    )


def test_fifo_clause_file_is_refused_without_hanging(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    started = time.monotonic()
    with pytest.raises(ClauseLibraryError, match="not a file"):
        load_library((tmp_path,))
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("extra", "file", "message"),
    [
        ('show_title = "no"\n', "x.md", "show_title must be true or false"),
        ("", "sections.toml", "expected [[sections]] tables"),
        ("", "terms.toml", "expected [data_sources]"),
    ],
)
def test_organisation_folder_type_errors_name_the_file(tmp_path, extra, file, message):
    _clause(tmp_path / "x.md", extra)
    if file == "sections.toml":
        (tmp_path / file).write_text("sections = 5\n", encoding="utf-8")
    elif file == "terms.toml":
        (tmp_path / file).write_text("data_sources = 3\n", encoding="utf-8")
    with pytest.raises(ClauseLibraryError) as caught:
        load_library((tmp_path,))
    assert any(message in p.message and p.file == tmp_path / file for p in caught.value.problems), caught.value


def test_a_clause_section_that_is_a_list_is_an_error_not_a_crash(tmp_path):
    (tmp_path / "x.md").write_text(
        '+++\nid = "org.x"\nsection = ["contact"]\ntitle = "X"\norder = 1\nsources = []\nrequirements = []\n+++\nT\n',
        encoding="utf-8",
    )
    with pytest.raises(ClauseLibraryError, match="unknown section"):
        load_library((tmp_path,))


# --- 6. robust loading --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        (
            'company = "x"\n' + MINIMAL.split("[company]\n", 1)[1].split("[policy]")[0].replace("\n", "\n#") + "\n"
            "[policy]\neffective_date = 2026-01-01\n",
            "company",
            "expected a table [company]",
        ),
        (
            MINIMAL.replace("[policy]\neffective_date = 2026-01-01\n", "policy = 5\n")
            .replace("format = 1\n", "format = 1\npolicy = 5\n")
            .replace("\npolicy = 5\n\n", "\n"),
            "policy",
            "expected a table [policy]",
        ),
        (MINIMAL.replace("2026-01-01", "0001-01-01"), "policy.effective_date", "the year 1 cannot be right"),
        (MINIMAL.replace("format = 1", "format = true"), "format", "is not supported"),
        (MINIMAL + '[data]\ntraffic = "x"\n', "data.traffic", "expected a table [data.traffic]"),
        (MINIMAL.replace("Acme Telecom", "Acme \u202eTelecom"), "company.legal_name", "U+202E"),
    ],
)
def test_broken_files_give_a_clean_error_with_file_line_and_key(text, key, words):
    with pytest.raises(ProjectFileError) as caught:
        parse_project(text, Path("p.toml"))
    errors = [p for p in caught.value.problems if p.severity == "error"]
    matching = [p for p in errors if p.key == key and words in p.message]
    assert matching, [str(p) for p in errors]
    assert matching[0].line is not None
    assert str(matching[0]).startswith("p.toml:")


def test_deeply_nested_tables_are_an_error_not_a_crash():
    with pytest.raises(ProjectFileError, match="nested too deeply"):
        parse_project(MINIMAL + "x = " + "[" * 5000 + "]" * 5000 + "\n", Path("p.toml"))


def test_a_table_where_a_section_should_be_does_not_also_report_its_answers_missing():
    messages = problems_of('company = "x"\n[policy]\neffective_date = 2026-01-01\n')
    assert not any("company.legal_name" in m for m in messages)
    assert any("expected a table [company]" in m for m in messages)


def test_custom_clause_from_the_app_with_a_duplicate_id_is_caught_before_render(example_project):
    example_project.custom_clauses += [
        CustomClause("custom.same", "contact", "A", "a"),
        CustomClause("custom.same", "contact", "B", "b"),
    ]
    text = __import__("telepolicy.generator", fromlist=["project_to_toml"]).project_to_toml(example_project)
    with pytest.raises(ProjectFileError, match="used twice"):
        parse_project(text, Path("p.toml"))
