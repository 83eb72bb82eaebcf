"""Answers are data in every format and position: a hostile value never becomes a live link,
image or element, even when it bypasses validation (an API caller, an old file, the app)."""

from __future__ import annotations

from typing import Any

import pytest

from telepolicy.generator import FIELDS, Project, load_preset, render
from telepolicy.generator.project.values import url_problem
from tests.adversarial.inspect_html import live_html, live_markdown, problems
from tests.adversarial.payloads import EVIL, PAYLOADS

FREE_TEXT = [f for f in FIELDS if f.kind in ("text", "email", "url", "period", "text_list")]
BENIGN = {"email": "benign@example.org", "url": "https://benign.example/page"}


def _with_every_free_text_answer(value_of: Any) -> Project:
    """Every free-text answer set, bypassing validation; a valid web address stays in web-address answers
    only as the benign one (linking the address a user gave is what those answers are for)."""
    project = load_preset("us-carrier-eea")
    for f in FREE_TEXT:
        value = value_of(f)
        if f.kind == "url" and url_problem(value) is None:
            value = BENIGN["url"]
        project.answers[f.key] = [value] if f.kind == "text_list" else value
    return project


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    project = _with_every_free_text_answer(lambda f: BENIGN.get(f.kind, f"Benign {f.key}"))
    outputs = render(project, ["md", "html"]).outputs
    return {"md": live_markdown(outputs["md"].decode()), "html": live_html(outputs["html"].decode())}


def test_the_corpus_reaches_every_free_text_answer():
    assert len(FREE_TEXT) >= 35
    assert len(PAYLOADS) >= 20


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_payload_in_every_free_text_answer_makes_nothing_live(payload, baseline):
    project = _with_every_free_text_answer(lambda f: payload)
    outputs = render(project, ["md", "html"]).outputs
    md, html = outputs["md"].decode(), outputs["html"].decode()
    assert problems(live_markdown(md), baseline["md"], EVIL) == []
    assert problems(live_html(html), baseline["html"], EVIL) == []
    for text in (md, html):
        assert "\u202e" not in text
        assert "\u2066" not in text
    if "{{" in payload:
        assert "{{ 7*7 }}" in html  # template syntax in a value prints, it is never run


@pytest.mark.parametrize("key", [f.key for f in FREE_TEXT if f.kind in ("email", "url")])
def test_link_answers_break_out_of_no_link_target(key, baseline):
    project = load_preset("us-carrier-eea")
    project.answers[key] = PAYLOADS["link breakout in a mail target"]
    md = render(project, ["md"]).outputs["md"].decode()
    assert [href for href in live_markdown(md).links if EVIL in href] == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["link breakout in a mail target", "markdown image", "html anchor", "bidi override"])
def test_pdf_has_no_link_or_metadata_from_a_payload(name):
    pypdf = pytest.importorskip("pypdf")
    import io

    project = _with_every_free_text_answer(lambda f: PAYLOADS[name])
    reader = pypdf.PdfReader(io.BytesIO(render(project, ["pdf"]).outputs["pdf"]))
    targets = [
        str(annotation.get_object().get("/A", {}).get("/URI", ""))
        for page in reader.pages
        for annotation in page.get("/Annots", []) or []
    ]
    assert [t for t in targets if EVIL in t or t.startswith("javascript")] == []
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "\u202e" not in metadata
