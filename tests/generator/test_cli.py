"""The `telepolicy` command as a user runs it: output files, messages and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from telepolicy.generator.cli import main
from telepolicy.generator.version import __version__


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "telepolicy.generator", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"telepolicy {__version__}"


def test_presets_lists_name_and_description(capsys):
    assert main(["presets"]) == 0
    rows = [line.split(maxsplit=1) for line in capsys.readouterr().out.splitlines()]
    assert rows[0] == [
        "us-carrier-eea",
        "US voice carrier (interconnected VoIP) with consumers in the US and "
        "California and business customers in the EEA",
    ]
    assert len(rows) >= 6


def test_new_writes_a_valid_complete_project_and_will_not_overwrite(tmp_path, capsys):
    target = tmp_path / "mine.toml"
    assert main(["new", "--preset", "us-carrier-eea", str(target)]) == 0
    assert "legal_name = " in target.read_text(encoding="utf-8")
    assert main(["render", str(target), "--format", "md", "--out", str(tmp_path)]) == 0
    assert main(["new", "--preset", "us-carrier-eea", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_render_writes_each_format_named_after_the_file(example_file, tmp_path):
    out = tmp_path / "out"
    result = run("render", str(example_file), "--format", "md,html,pdf", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["example.html", "example.md", "example.pdf"]
    assert (out / "example.pdf").read_bytes().startswith(b"%PDF-")


def test_render_many_projects_in_a_pool(example_file, tmp_path):
    other = tmp_path / "brand-two.toml"
    other.write_text(example_file.read_text(encoding="utf-8").replace("Northwind Voice", "Brand Two"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(example_file), str(other), "--format", "md", "--out", str(out), "--jobs", "2"]) == 0
    assert "Brand Two" in (out / "brand-two.md").read_text(encoding="utf-8")
    assert "Northwind Voice" in (out / "example.md").read_text(encoding="utf-8")


def test_bad_input_gives_one_line_per_problem_exit_2_and_no_output(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[company]\nlegal_name = 3\nprivacy_email = "nope"\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run("render", str(bad), "--out", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert f"error: {bad}:3: company.legal_name: expected text in quotes, got 3" in lines
    assert all(line.startswith("error: ") for line in lines)
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01binary", "binary file"),
        (b"[company\nlegal_name = 1", "not valid TOML"),
    ],
)
def test_unreadable_project_files(tmp_path, content, message):
    path = tmp_path / "p.toml"
    path.write_bytes(content)
    result = run("render", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_broken_organisation_clause_is_named(example_file, tmp_path):
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "x.md").write_text(
        '+++\nid = "org.x"\nsection = "contact"\ntitle = "X"\norder = 1\nsources = []\nrequirements = []\n'
        '[when]\n"cpni.approval" = "always"\n+++\nText\n',
        encoding="utf-8",
    )
    example_file.write_text('library_paths = ["org"]\n' + example_file.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("render", str(example_file), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"error: {folder / 'x.md'}:9: when.cpni.approval: 'always' can never match" in result.stderr


def test_unknown_format_and_debug_traceback(example_file, tmp_path):
    result = run("render", str(example_file), "--format", "odt")
    assert result.returncode == 2
    assert "unknown format odt; use any of: md, html, pdf, docx, fragment, json" in result.stderr
    empty = tmp_path / "e.toml"
    empty.write_text("", encoding="utf-8")
    assert "Traceback" in run("--debug", "render", str(empty)).stderr


def test_clauses_lists_id_section_title_and_seeds(capsys):
    assert main(["clauses", "--section", "cpni"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert ["cpni.definition", "cpni"] == rows[0][:2] or any(r[0] == "cpni.definition" for r in rows)
    assert all(len(r) == 4 and r[1] == "cpni" for r in rows)
