"""The PDF, read back: text, pages, metadata, bookmarks, contents with page numbers, no fetches."""

from __future__ import annotations

import io
import logging
import re

import pypdf
import pytest

from telepolicy.generator import CustomClause, render
from telepolicy.generator.rendering.pdf import render_pdf

TRICKY = "{{ 7*7 }} Smith & Sons <Telecom> *Ltd*"


def text_of(reader: pypdf.PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def example_pdf() -> pypdf.PdfReader:
    from telepolicy.generator import load_preset

    return pypdf.PdfReader(io.BytesIO(render(load_preset("us-carrier-eea"), ["pdf"]).outputs["pdf"]))


def test_pdf_contains_the_answers(example_pdf):
    text = text_of(example_pdf)
    for answer in ("Northwind Voice Communications, Inc.", "privacy@northwindvoice.example", "CPNI"):
        assert answer in text, answer


def test_pdf_pages_size_header_and_footer(example_pdf):
    pages = len(example_pdf.pages)
    assert pages >= 3
    width, height = (float(v) for v in example_pdf.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (612, 792)  # US Letter, as the preset asks
    last = example_pdf.pages[-1].extract_text()
    assert f"Page {pages} of {pages}" in last
    assert "Northwind Voice · Privacy Policy · Version 3.2" in last


def test_pdf_metadata(example_pdf):
    meta = example_pdf.metadata
    assert meta.title == "Privacy Policy | Northwind Voice"
    assert meta.author == "Northwind Voice"
    assert meta.subject.startswith("Privacy Policy of Northwind Voice, version 3.2")
    assert meta["/CreationDate"].startswith("D:20260901")


def test_pdf_bookmarks_follow_the_sections(example_pdf):
    top = example_pdf.outline
    assert top[0].title == "Privacy Policy"
    sections = [item.title for item in top[1] if not isinstance(item, list)]
    assert "1. About this policy" in sections or sections[0].startswith("1. ")
    assert any("Customer Proprietary Network Information (CPNI)" in title for title in sections)


def test_pdf_contents_give_page_numbers(example_pdf):
    contents = example_pdf.pages[0].extract_text()
    assert "Contents" in contents
    entries = re.findall(r"Customer Proprietary Network Information \(CPNI\)[ .]*(\d+)", contents)
    assert entries
    page = int(entries[0]) - 1
    assert "Customer Proprietary Network Information" in example_pdf.pages[page].extract_text()


def test_answers_print_literally_in_the_pdf(example_project):
    example_project.answers["company.legal_name"] = TRICKY
    reader = pypdf.PdfReader(io.BytesIO(render(example_project, ["pdf"]).outputs["pdf"]))
    assert TRICKY in text_of(reader)


def test_pdf_fetches_nothing_outside_the_templates(example_project, caplog):
    html = (
        "<html><head><link rel=stylesheet href='http://127.0.0.1:9/x.css'></head><body>"
        "<img src='file:///etc/passwd'><img src='http://127.0.0.1:9/pixel.png'>"
        "<img src='../../../../etc/hostname'><p>text</p></body></html>"
    )
    with caplog.at_level(logging.WARNING, logger="telepolicy.generator.rendering.pdf"):
        pdf = render_pdf(html)
    refused = [r.getMessage() for r in caplog.records if "refused to fetch" in r.getMessage()]
    assert any("file:///etc/passwd" in m for m in refused)
    assert any("http://127.0.0.1:9/" in m for m in refused)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert all(not page.images for page in reader.pages)


def test_image_in_a_clause_is_not_embedded(example_project):
    example_project.custom_clauses.append(
        CustomClause("custom.img", "contact", "Image", "![secret](file:///etc/passwd) Plain words.")
    )
    reader = pypdf.PdfReader(io.BytesIO(render(example_project, ["pdf"]).outputs["pdf"]))
    assert all(not page.images for page in reader.pages)
    assert "secret Plain words." in text_of(reader)


def test_the_collector_runs_less_often_while_any_print_runs_then_as_before():
    import gc
    import threading

    from telepolicy.generator.rendering.printing import PRINTING_THRESHOLDS, fewer_collections

    before = gc.get_threshold()
    first_inside, second_done = threading.Event(), threading.Event()
    seen: list[tuple[int, ...]] = []

    def second_print() -> None:
        first_inside.wait()
        with fewer_collections():
            seen.append(gc.get_threshold())
        second_done.set()

    other = threading.Thread(target=second_print)
    other.start()
    with fewer_collections():
        seen.append(gc.get_threshold())
        first_inside.set()
        second_done.wait()
        seen.append(gc.get_threshold())  # the other print ended; this one still runs
    other.join()
    assert seen == [PRINTING_THRESHOLDS] * 3
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a print that fails")
    assert gc.get_threshold() == before


def test_a_print_first_collects_what_the_last_print_left_and_a_first_print_collects_nothing(monkeypatch):
    import gc
    import threading
    import weakref

    from telepolicy.generator.rendering import printing

    class Box:
        """A cycle, as a laid-out page's boxes are: only the collector frees it."""

    monkeypatch.setattr(printing, "_printed_before", False)  # as in a new process
    gc.disable()  # only the collections the prints ask for
    try:
        with printing.fewer_collections():
            box = Box()
            box.parent = box  # type: ignore[attr-defined]
            left = weakref.ref(box)
            del box
        assert left() is not None  # a process that prints once leaves it to the exit
        seen_in_worker: list[tuple[int, ...]] = []

        def print_in_a_worker() -> None:
            with printing.fewer_collections():
                seen_in_worker.append(gc.get_threshold())

        in_a_worker = threading.Thread(target=print_in_a_worker)
        in_a_worker.start()
        in_a_worker.join()
        assert seen_in_worker == [printing.PRINTING_THRESHOLDS]
        assert left() is not None  # never collected from a worker thread (the app's export thread)
        with printing.fewer_collections():
            assert left() is None  # the next print in the main thread collected it before starting
    finally:
        gc.enable()
