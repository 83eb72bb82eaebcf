"""`telepolicy render --format pdf` of one project: the page is built in another process while this one
loads WeasyPrint, and an unchanged project neither builds nor loads the printer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from telepolicy.generator import cache
from telepolicy.generator.cli import main
from telepolicy.generator.project.file import save_project
from telepolicy.generator.project.presets import load_preset
from telepolicy.generator.rendering import pdf
from tests.conftest import EXAMPLE

# Runs the command in a new process and says which parts it imported: the pipeline (the page
# built here) and WeasyPrint (the printer loaded).
PROBE = """
import sys
from telepolicy.generator.cli import main
code = main(sys.argv[1:])
loaded = [name in sys.modules for name in ("telepolicy.generator.pipeline", "weasyprint")]
print("exit", code, "pipeline", loaded[0], "weasyprint", loaded[1])
"""


def run(project: Path, tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, cache.ENV_DIR: str(tmp_path / "cache")}
    env.pop(cache.ENV_OFF, None)
    command = [sys.executable, "-c", PROBE, "render", str(project), "--out", str(tmp_path / "out"), *options]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_the_page_is_built_in_another_process_and_an_unchanged_project_is_not_printed_again(example_file, tmp_path):
    first = run(example_file, tmp_path, "--format", "md,pdf")
    assert "exit 0 pipeline False weasyprint True" in first.stdout, first.stderr
    printed = PdfReader(tmp_path / "out" / "example.pdf")
    assert "Northwind Voice" in printed.pages[0].extract_text()
    assert (tmp_path / "out" / "example.md").is_file()
    assert not (tmp_path / "out" / "example.html").exists(), "the page printed is not an output asked for"
    pdf_bytes = (tmp_path / "out" / "example.pdf").read_bytes()
    again = run(example_file, tmp_path, "--format", "md,pdf")
    assert "exit 0 pipeline False weasyprint False" in again.stdout, again.stderr
    assert (tmp_path / "out" / "example.pdf").read_bytes() == pdf_bytes


def test_bad_input_found_by_the_builder_process_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n[company]\nlegal_name = 3\n", encoding="utf-8")
    result = run(bad, tmp_path, "--format", "pdf")
    assert "exit 2" in result.stdout
    assert "company.legal_name" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_strict_render_refused_prints_no_pdf(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(cache.ENV_OFF, "1")
    project = load_preset(EXAMPLE)
    project.answers["transfers.mechanisms"] = []  # XFER-NO-MECHANISM: an error
    save_project(project, tmp_path / "bad.toml")

    def no_print(*args: object) -> None:
        raise AssertionError("a page was printed although --strict refused the render")

    monkeypatch.setattr(pdf, "_print", no_print)
    arguments = ["render", str(tmp_path / "bad.toml"), "--format", "pdf", "--out", str(tmp_path / "out"), "--strict"]
    assert main(arguments) == 1
    assert "not rendered" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("formats", ["pdf", "html,pdf,md"])
def test_outputs_are_written_as_asked_when_the_builder_cannot_start(example_file, tmp_path, monkeypatch, formats):
    """Where no process can be started, the page is built here; the outputs are the same."""
    monkeypatch.setenv(cache.ENV_OFF, "1")
    monkeypatch.setattr(pdf, "_print", lambda html, source, progress: (b"%PDF-1.7 " + html[:40].encode(), []))

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no processes left")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", refuse)
    out = tmp_path / "out"
    assert main(["render", str(example_file), "--format", formats, "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"example.{f}" for f in formats.split(","))
    assert (out / "example.pdf").read_bytes().startswith(b"%PDF-1.7 <!DOCTYPE html>")
