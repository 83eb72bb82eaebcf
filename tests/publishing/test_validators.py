"""Real validators on every preset: the Nu HTML Checker and axe-core (WCAG 2.1 A/AA) in headless Chromium
for the page, the embedded fragment and a redline; the PDF/UA structure read back with pypdf."""

from __future__ import annotations

import io
import itertools
import json
import re

import pytest
from pypdf import PdfReader

from tests.publishing import checkers
from tests.publishing.conftest import PRESETS

PAGES = [f"{preset}/{kind}" for preset in PRESETS for kind in ("page", "embedded")] + ["redline"]


@pytest.mark.parametrize("page", PAGES)
def test_html_is_valid_by_the_nu_checker(page, corpus, vnu_report):
    errors = vnu_report[corpus.pages[page]]
    assert errors == [], "\n".join(f"{e.get('lastLine')}: {e['message']} [{e.get('extract', '')}]" for e in errors)


@pytest.mark.parametrize("page", PAGES)
def test_html_has_no_axe_violations(page, corpus, axe_report):
    violations = axe_report[corpus.pages[page]]
    assert violations == [], "\n".join(f"{v['impact']} {v['id']}: {v['help']} {v['nodes']}" for v in violations)


def test_the_checkers_catch_what_they_should(corpus, vnu_report, axe_report):
    """A page with known faults, checked in the same runs as the others, fails both: the checks above can fail."""
    bad = corpus.pages["known-bad"]
    assert any("Duplicate ID" in e["message"] for e in vnu_report[bad])
    assert {"html-has-lang", "image-alt", "link-name"} <= {v["id"] for v in axe_report[bad]}


@pytest.fixture(scope="module")
def pdfs(corpus):
    return {name: PdfReader(io.BytesIO(corpus.outputs[name]["pdf"])) for name in PRESETS}


@pytest.mark.parametrize("preset", PRESETS)
def test_pdf_is_tagged_and_identified_as_pdf_ua(preset, pdfs, corpus):
    reader = pdfs[preset]
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = checkers.xmp_text(reader)
    assert re.search(r"pdfuaid:part(>|=\")1", xmp), xmp[:500]
    company = corpus.outputs[preset]["json"]
    assert reader.metadata.title
    assert reader.metadata.title.split(" | ")[-1] in company.decode("utf-8")


@pytest.mark.parametrize("preset", PRESETS)
def test_pdf_headings_are_in_order(preset, pdfs, corpus):
    tags = [tag for _, tag in checkers.structure(pdfs[preset])]
    levels = [int(tag[1:]) for tag in tags if re.fullmatch(r"H[1-6]", tag)]
    assert levels[0] == 1
    assert levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    sections = len(json.loads(corpus.outputs[preset]["json"])["policy"]["sections"])
    assert levels.count(2) in (sections, sections + 1)  # every section, and "Contents" when the style has one
    for tag in ("Document", "P", "L", "LI", "Table", "TH", "TD", "Link"):
        assert tag in tags, tag


@pytest.mark.parametrize("preset", PRESETS)
def test_every_page_of_the_pdf_is_tagged(preset, pdfs):
    assert checkers.untagged_text(pdfs[preset]) == []


def _titles(outline) -> list[str]:
    return [t for item in outline for t in (_titles(item) if isinstance(item, list) else [item.title])]


@pytest.mark.parametrize("preset", PRESETS)
def test_pdf_bookmarks_follow_the_sections(preset, pdfs, corpus):
    sections = json.loads(corpus.outputs[preset]["json"])["policy"]["sections"]
    titles = [f"{s['number']}. {s['title']}" for s in sections]
    bookmarks = _titles(pdfs[preset].outline)
    assert [t for t in bookmarks if t in titles] == titles
    assert "Contents" not in bookmarks


def test_the_tag_check_catches_an_untagged_pdf():
    import weasyprint

    html = "<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><h1>Title</h1><p>Text.</p></body></html>"
    untagged = PdfReader(io.BytesIO(weasyprint.HTML(string=html).write_pdf()))
    assert "/StructTreeRoot" not in untagged.trailer["/Root"]
    tagged = PdfReader(io.BytesIO(weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")))
    assert checkers.untagged_text(tagged) == []
    tags = [tag for _, tag in checkers.structure(tagged)]
    assert tags[0] == "Document"
    assert "H1" in tags
