"""Architecture rules a user feels: quick start (no WeasyPrint unless a PDF), no Qt in the core, docs current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tools.schema_doc import DOC_PATH, render_reference

PROBE = """
import sys
from telepolicy.generator import load_preset, render
render(load_preset("us-carrier-eea"), ["md", "html"])
print("weasyprint" in sys.modules, any(m.startswith("PySide6") for m in sys.modules))
"""


def test_markdown_and_html_never_import_weasyprint_or_qt():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_generator_sources_never_import_qt():
    sources = Path(__file__).resolve().parents[2] / "generator"
    offenders = [p.name for p in sources.glob("*.py") if "PySide6" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_project_file_reference_matches_the_schema():
    assert DOC_PATH.read_text(encoding="utf-8") == render_reference(), "run: python -m tools.schema_doc"
