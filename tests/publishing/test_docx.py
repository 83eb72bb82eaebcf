"""The Word document a lawyer opens: real heading styles, Word lists, tables, a TOC field, page numbers, properties."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter

import pytest
from docx import Document
from docx.oxml.ns import qn

from telepolicy.generator import load_preset
from telepolicy.generator.pipeline import build

PRESET = "us-carrier-eea"
TRICKY = 'Smith & Sons <Telecom> *Ltd* "Q" \\ {{ 7*7 }}'


@pytest.fixture(scope="module")
def word(corpus):
    return corpus.outputs[PRESET]["docx"]


def test_headings_use_word_heading_styles_in_order(word, corpus):
    document = Document(io.BytesIO(word))
    sections = json.loads(corpus.outputs[PRESET]["json"])["policy"]["sections"]
    heading1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert heading1 == [f"{s['number']}. {s['title']}" for s in sections]
    styles = Counter(p.style.name for p in document.paragraphs)
    assert styles["Title"] == 1
    assert styles["Heading 2"] > 20  # clause titles
    assert document.paragraphs[0].text == "Privacy Policy"


def test_lists_are_word_numbered_lists_and_tables_are_tables(word):
    document = Document(io.BytesIO(word))
    listed = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(listed) > 30
    with zipfile.ZipFile(io.BytesIO(word)) as archive:
        assert "word/numbering.xml" in archive.namelist()
    assert document.tables
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert all(header)


def test_contents_is_a_word_toc_field_refreshed_on_open(word):
    with zipfile.ZipFile(io.BytesIO(word)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        settings = archive.read("word/settings.xml").decode("utf-8")
    assert 'TOC \\o "1-1"' in body
    assert "w:updateFields" in settings


def test_header_footer_page_numbers_and_properties(word):
    document = Document(io.BytesIO(word))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Northwind Voice · Privacy Policy · Version 3.2"
    footer = section.footer.paragraphs[0]._p.xml
    instructions = [t.text.strip() for t in section.footer.paragraphs[0]._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "Page " in footer
    properties = document.core_properties
    assert properties.title == "Privacy Policy"
    assert properties.author == "Northwind Voice"
    assert properties.subject.startswith("Privacy Policy of Northwind Voice, version 3.2")
    assert properties.language.startswith("en")


def test_answers_print_literally_in_word():
    project = load_preset(PRESET)
    project.answers["company.trading_name"] = TRICKY
    document = Document(io.BytesIO(build(project, ["docx"], check=False).outputs["docx"]))
    assert document.core_properties.author == TRICKY
    assert document.paragraphs[1].text == TRICKY  # the subtitle under the title
    assert TRICKY in document.sections[0].header.paragraphs[0].text
    assert any(TRICKY in p.text for p in document.paragraphs[3:])
