"""Replayed commands (generator/replay.py): an unchanged project renders and checks from the cache,
and anything that shapes the result (the project, a clause, a template, the date) makes it build again."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from telepolicy.generator import page_cache, pipeline, replay
from telepolicy.generator.cli import main
from telepolicy.generator.project.file import save_project
from telepolicy.generator.project.presets import load_preset
from telepolicy.generator.rendering import html, markdown, pdf
from tests.conftest import EXAMPLE
from tests.generator.clause_support import ORG_CLAUSE
from tests.generator.conftest import forget_this_process

pytestmark = pytest.mark.usefixtures("private_cache")


@pytest.fixture
def project(example_file: Path) -> Path:
    """The example project with an organisation folder beside it holding one clause."""
    org = example_file.parent / "org"
    org.mkdir()
    (org / "extra.md").write_text(ORG_CLAUSE.format(body="Write to us at the desk."), encoding="utf-8")
    text = example_file.read_text(encoding="utf-8")
    example_file.write_text(text.replace("format = 1\n", 'format = 1\nlibrary_paths = ["org"]\n', 1), "utf-8")
    return example_file


def without_transfer_mechanisms(tmp_path: Path) -> Path:
    """A project the compliance check finds an error in (XFER-NO-MECHANISM)."""
    project = load_preset(EXAMPLE)
    project.answers["transfers.mechanisms"] = []
    save_project(project, tmp_path / "bad.toml")
    return tmp_path / "bad.toml"


def no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pipeline ran although the result is kept")

    monkeypatch.setattr(pipeline, "build", fail)


def render(project: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str, str]:
    """Exit code, what was printed, and the Markdown written."""
    forget_this_process()
    out = project.parent / "out"
    code = main(["render", str(project), "--format", "md,html", "--out", str(out), *options])
    printed = capsys.readouterr()
    written = out / f"{project.stem}.md"
    return code, printed.out, printed.err, written.read_text(encoding="utf-8") if written.exists() else ""


def test_an_unchanged_render_is_replayed_with_the_same_outputs_and_messages(project, capsys, monkeypatch):
    first = render(project, capsys)
    assert "Write to us at the desk." in first[3]
    assert "wrote" in first[1]
    (project.parent / "out" / f"{project.stem}.md").unlink()
    no_pipeline(monkeypatch)
    assert render(project, capsys) == first


def test_an_unchanged_check_is_replayed_with_the_same_findings_and_exit_code(tmp_path, capsys, monkeypatch):
    bad = without_transfer_mechanisms(tmp_path)
    for form in ([], ["--json"]):
        forget_this_process()
        first = main(["check", str(bad), *form]), capsys.readouterr()
        assert first[0] == 1
        assert "XFER-NO-MECHANISM" in first[1].out
        forget_this_process()
        with monkeypatch.context() as patched:
            no_pipeline(patched)
            assert (main(["check", str(bad), *form]), capsys.readouterr()) == first


def test_a_strict_render_refused_is_refused_again_when_replayed(tmp_path, capsys, monkeypatch):
    bad = without_transfer_mechanisms(tmp_path)
    first = render(bad, capsys, "--strict")
    assert first[0] == 1
    assert "not rendered" in first[2]
    assert not first[3]
    no_pipeline(monkeypatch)
    assert render(bad, capsys, "--strict") == first


def test_a_changed_organisation_clause_is_never_replayed(project, capsys):
    render(project, capsys)
    clause = project.parent / "org" / "extra.md"
    stat = clause.stat()
    # Same size and the same modification time: only the content tells the change.
    clause.write_text(ORG_CLAUSE.format(body="Write to us at the gate."), encoding="utf-8")
    os.utime(clause, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert "Write to us at the gate." in render(project, capsys)[3]


def test_an_edited_project_file_is_never_replayed(project, capsys):
    render(project, capsys)
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("Northwind Voice", "Southwind Voice"), encoding="utf-8")
    assert "Southwind Voice" in render(project, capsys)[3]


def test_an_edited_page_template_is_never_replayed(project, capsys, tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(markdown.templates_path(), templates)
    for module in (html, markdown):
        monkeypatch.setattr(module, "templates_path", lambda: str(templates))
    real = page_cache.files
    monkeypatch.setattr(
        page_cache, "files", lambda package: templates if package.endswith("templates") else real(package)
    )
    render(project, capsys)
    page = templates / "policy.md.j2"
    page.write_text(page.read_text(encoding="utf-8") + "\nmarker-md\n", encoding="utf-8")
    assert "marker-md" in render(project, capsys)[3]


def test_the_date_is_part_of_the_request(project, monkeypatch):
    """The check's findings depend on today (a review date passed), so tomorrow builds again."""
    request = replay.Request("check", str(project), ("policy",))
    today = request.key()

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    monkeypatch.setattr(replay, "dt", SimpleNamespace(date=SimpleNamespace(today=lambda: tomorrow)))
    assert request.key() not in ("", today)


def test_a_file_changed_during_the_build_makes_the_next_run_build_again(project, capsys, monkeypatch):
    clause = project.parent / "org" / "extra.md"
    real = pipeline.build

    def edit_while_building(*args: object, **kwargs: object) -> pipeline.Build:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        clause.write_text(ORG_CLAUSE.format(body="Write to us at the gate."), encoding="utf-8")
        return result

    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "build", edit_while_building)
        render(project, capsys)
    assert "Write to us at the gate." in render(project, capsys)[3]


def test_a_project_file_changed_during_the_build_is_not_kept(project, capsys, private_cache, monkeypatch):
    real = pipeline.build

    def edit_while_building(*args: object, **kwargs: object) -> pipeline.Build:
        project.write_text(project.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build", edit_while_building)
    render(project, capsys)
    assert not list((private_cache / replay.KIND).glob("*.bin"))


def test_a_pdf_is_printed_from_the_replayed_page_and_taken_from_its_own_cache(project, capsys, monkeypatch):
    """The page behind a PDF is replayed like any text output; the PDF itself is kept by its page."""
    printed: list[str] = []
    monkeypatch.setattr(pdf, "_print", lambda html, source, progress: (printed.append(html) or b"%PDF-1.7 x", []))
    out = project.parent / "out"
    for _ in range(2):
        forget_this_process()
        assert main(["render", str(project), "--format", "md,pdf", "--out", str(out)]) == 0
        no_pipeline(monkeypatch)
    assert len(printed) == 1
    assert "Write to us at the desk." in printed[0]
    assert sorted(p.name for p in out.iterdir()) == ["example.md", "example.pdf"]


def test_a_damaged_result_is_built_again(project, capsys, private_cache):
    first = render(project, capsys)
    (entry,) = (private_cache / replay.KIND).glob("*.bin")
    entry.write_bytes(entry.read_bytes()[:-20] + b"x" * 20)
    assert render(project, capsys) == first


def test_no_cache_keeps_no_result(project, capsys, private_cache):
    render(project, capsys, "--no-cache")
    assert not (private_cache / replay.KIND).exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_device_a_pipe_or_a_huge_file_is_never_read_for_a_key(tmp_path):
    """The key reads the project file as the loader does: the loader then says what is wrong with it."""
    (tmp_path / "zero.toml").symlink_to("/dev/zero")  # read whole, it fills the memory
    os.mkfifo(tmp_path / "fifo.toml")  # read, it waits for a writer for ever
    with (tmp_path / "huge.toml").open("wb") as huge:
        huge.truncate(64_000_000)
    for name in ("zero.toml", "fifo.toml", "huge.toml"):
        assert replay.Request("check", str(tmp_path / name)).key() == ""
