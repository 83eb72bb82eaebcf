"""Every preset in every format: one render path, so each output names the company, every section and the version."""

from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from telepolicy.generator import load_preset
from telepolicy.generator.outputs import FORMATS
from tests.publishing.conftest import PRESETS


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "title")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _html_text(data: bytes) -> str:
    parser = _Text()
    parser.feed(data.decode("utf-8"))
    return " ".join(parser.parts)


def _docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    return " ".join(p.text for p in document.paragraphs) + " " + document.sections[0].header.paragraphs[0].text


def _bookmarks(outline) -> list[str]:
    return [t for item in outline for t in (_bookmarks(item) if isinstance(item, list) else [item.title])]


def text_of(fmt: str, data: bytes) -> str:
    if fmt in ("html", "fragment"):
        text = _html_text(data)
    elif fmt == "pdf":  # the title page's text and the bookmarks WeasyPrint made from the headings
        reader = PdfReader(io.BytesIO(data))
        text = reader.pages[0].extract_text() + " " + " ".join(_bookmarks(reader.outline))
    elif fmt == "docx":
        text = _docx_text(data)
    elif fmt == "json":
        summary = json.loads(data)
        policy = summary["policy"]
        text = " ".join(
            [policy["company"], policy["version"], *(f"{s['number']}. {s['title']}" for s in policy["sections"])]
        )
    else:
        text = data.decode("utf-8")
    return re.sub(r"\s+", " ", text)


def test_every_format_is_rendered():
    assert set(FORMATS) == {"md", "html", "pdf", "docx", "fragment", "json"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("preset", PRESETS)
def test_each_format_names_company_sections_and_version(preset, fmt, corpus):
    project = load_preset(preset)
    answers = project.answers
    company = answers["company.trading_name"] or answers["company.legal_name"]
    sections = json.loads(corpus.outputs[preset]["json"])["policy"]["sections"]
    assert len(sections) >= 10
    text = text_of(fmt, corpus.outputs[preset][fmt])
    assert company in text
    assert f"Version {answers['policy.version']}" in text or (fmt == "json" and answers["policy.version"] in text)
    missing = [s["title"] for s in sections if f"{s['number']}. {s['title']}" not in text]
    assert missing == []


def test_docx_is_a_word_file(corpus):
    for preset in PRESETS:
        with zipfile.ZipFile(io.BytesIO(corpus.outputs[preset]["docx"])) as archive:
            assert "word/document.xml" in archive.namelist()
