"""One exit code per kind of failure, all-or-nothing output, and outputs that never replace an input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from telepolicy.generator import pipeline
from telepolicy.generator.cli import main
from telepolicy.generator.files import ProtectedFileError, write_all
from telepolicy.generator.project.presets import presets_path

BOMB = '\n[[custom_clauses]]\nid = "custom.bomb"\nsection = "contact"\ntitle = "Bomb"\ntext = "{{ 1/0 }}"\n'


def _project(tmp_path: Path, name: str = "p.toml", extra: str = "") -> Path:
    target = tmp_path / name
    shutil.copy(presets_path() / "us-carrier-eea.toml", target)
    if extra:
        target.write_text(target.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return target


def test_check_and_render_agree_on_a_clause_that_cannot_render(tmp_path, capsys):
    project = _project(tmp_path, extra=BOMB)
    assert main(["check", str(project)]) == 2
    assert "custom.bomb" in capsys.readouterr().err
    assert main(["render", str(project), "--format", "md", "--out", str(tmp_path / "out")]) == 2
    assert "custom.bomb" in capsys.readouterr().err
    assert not (tmp_path / "out" / "p.md").exists()


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("effective_date = ", "effective_date = 0001-01-01\n#", "policy.effective_date"),
        ("format = 1", "format = true", "format"),
        ('privacy_email = "', 'privacy_email = "x@example.com)[a](https://evil.example/l" #"', "company.privacy_email"),
    ],
)
def test_bad_input_exits_2_naming_file_and_key_for_check_and_render(tmp_path, capsys, old, new, key):
    project = _project(tmp_path)
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace(old, new, 1), encoding="utf-8")
    for command in (["check", str(project)], ["render", str(project), "--format", "md", "--out", str(tmp_path)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert f"{project}:" in err
        assert key in err
        assert "Traceback" not in err


def test_output_never_replaces_the_project_file(tmp_path, capsys):
    project = _project(tmp_path, name="policy.md")
    before = project.read_bytes()
    assert main(["render", str(project), "--format", "md", "--out", str(tmp_path)]) == 2
    assert "input of this render" in capsys.readouterr().err
    assert project.read_bytes() == before


def test_a_failed_write_leaves_every_output_as_it_was(tmp_path, capsys):
    project = _project(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "p.md").write_text("old markdown", encoding="utf-8")
    (out / "p.html").mkdir()  # the HTML cannot be written: nothing may change
    assert main(["render", str(project), "--format", "md,html", "--out", str(out)]) == 2
    assert "cannot write the output" in capsys.readouterr().err
    assert (out / "p.md").read_text(encoding="utf-8") == "old markdown"
    assert sorted(p.name for p in out.iterdir()) == ["p.html", "p.md"]


def test_write_all_refuses_an_input_under_another_name(tmp_path):
    source = tmp_path / "clause.md"
    source.write_text("input", encoding="utf-8")
    link = tmp_path / "out.md"
    link.symlink_to(source)
    with pytest.raises(ProtectedFileError):
        write_all({tmp_path / "fine.html": b"x", link: b"y"}, protect=[source])
    assert source.read_text(encoding="utf-8") == "input"
    assert not (tmp_path / "fine.html").exists()


def test_an_internal_error_exits_3_with_debug_advice(tmp_path, capsys, monkeypatch):
    project = _project(tmp_path)

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline, "build", broken)
    assert main(["render", str(project), "--format", "md", "--out", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err
    assert "--debug" in err
    assert "Traceback" not in err


def test_exit_codes_are_documented_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "2 bad input" in help_text
    assert "3 internal error" in help_text
