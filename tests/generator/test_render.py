"""Markdown and HTML output: structure, literal answers, sandboxing, determinism, golden copies."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from telepolicy.generator import ClauseEdit, CustomClause, RenderError, render, render_html_text, render_markdown_text

GOLDEN = Path(__file__).parent / "golden"
TRICKY = "{{ 7*7 }} Smith & Sons <Telecom> *Ltd*"


class _Page(HTMLParser):
    """Collects the visible text and the tags of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._skip += tag in ("style", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "title")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", "".join(parse(html).text))


def test_html_is_a_complete_semantic_page(example_project):
    html = render_html_text(example_project)
    page = parse(html)
    tags = [t for t, _ in page.tags]
    assert html.startswith("<!DOCTYPE html>")
    assert ("html", {"lang": "en"}) in page.tags
    assert "<title>Privacy Policy | Northwind Voice</title>" in html
    for tag in ("header", "nav", "main", "section", "h1", "h2", "h3", "footer", "time"):
        assert tag in tags, tag
    section_ids = [a["id"] for t, a in page.tags if t == "section"]
    toc_links = [a["href"] for t, a in page.tags if t == "a" and a.get("href", "").startswith("#")]
    assert toc_links[: len(section_ids)] == [f"#{i}" for i in section_ids]
    assert "cpni" in section_ids
    assert "Effective 1 September 2026" in visible_text(html)
    assert "@media print" in html
    assert "@page" in html


def test_markdown_has_a_linked_table_of_contents(example_project):
    text = render_markdown_text(example_project)
    assert text.startswith("# Privacy Policy\n")
    html = markdown.markdown(text, extensions=["toc"])
    anchors = re.findall(r"\]\(#([^)]+)\)", text)
    assert anchors
    for anchor in anchors:
        assert f'id="{anchor}"' in html, anchor


def test_answers_print_literally_in_markdown_and_html(example_project):
    example_project.answers["company.legal_name"] = TRICKY
    example_project.answers["company.trading_name"] = ""
    md = render_markdown_text(example_project)
    assert "49 Smith" not in md
    shown = visible_text(markdown.markdown(md))
    assert TRICKY in shown
    html = render_html_text(example_project)
    assert TRICKY in visible_text(html)
    assert "<Telecom>" not in html
    assert "<title>Privacy Policy | {{ 7*7 }} Smith &amp; Sons &lt;Telecom&gt; *Ltd*</title>" in html


def test_override_text_runs_in_the_sandbox(example_project):
    example_project.clause_edits["cpni.definition"] = ClauseEdit(text="{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(RenderError) as caught:
        render_markdown_text(example_project)
    message = str(caught.value)
    assert "clauses.cpni.definition" in message
    assert "cannot be rendered" in message
    assert "unsafe" in message


def test_raw_html_links_and_images_in_clause_text_stay_inert(example_project):
    example_project.custom_clauses.append(
        CustomClause(
            "custom.evil",
            "contact",
            "Evil",
            "<script>alert(1)</script> ![p](file:///etc/passwd) [x](javascript:alert(1)) "
            '<img src="http://tracker.example/p.gif">',
        )
    )
    html = render_html_text(example_project)
    page = parse(html)
    assert not [t for t, _ in page.tags if t in ("script", "img")]
    assert "javascript:" not in html
    assert "<script>alert(1)</script>" in visible_text(html)


def test_edits_omissions_and_custom_clauses_take_effect(example_project):
    example_project.clause_edits["cpni.definition"] = ClauseEdit(
        text="Our own CPNI words for {{ company.legal_name }}."
    )
    example_project.custom_clauses.append(
        CustomClause("custom.loyalty", "contact", "Loyalty club", "Points expire.", 1)
    )
    text = render_markdown_text(example_project)
    assert "Our own CPNI words for Northwind Voice Communications, Inc." in text
    assert "### Loyalty club\n\nPoints expire." in text
    example_project.clause_edits["cpni.definition"] = ClauseEdit(omit=True)
    assert "Our own CPNI words" not in render_markdown_text(example_project)


def test_rendering_twice_is_byte_identical(example_project):
    first = render(example_project, ["md", "html"]).outputs
    second = render(example_project, ["md", "html"]).outputs
    assert first == second


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_output(example_project, fmt):
    """Compare with the stored copy; UPDATE_GOLDEN=1 rewrites it after a deliberate change."""
    output = render(example_project, [fmt]).outputs[fmt].decode("utf-8")
    golden = GOLDEN / f"us-carrier-eea.{fmt}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8"), f"run UPDATE_GOLDEN=1 pytest if {golden.name} should change"
