"""User- and organisation-written clause text gets the same sanitising policy in the .md as in the HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from telepolicy.generator import ClauseEdit, CustomClause, load_library, render
from telepolicy.generator.rendering.safe_markdown import safe_markdown
from tests.adversarial.inspect_html import SAFE_TARGETS, live_html, live_markdown
from tests.adversarial.payloads import CLAUSE_TEXTS

DANGEROUS = {"script", "iframe", "img", "svg", "style", "object", "embed", "form", "input", "link"}


def _assert_nothing_live(text: str, kind: str) -> None:
    live = live_markdown(text) if kind == "md" else live_html(text)
    own = {"style"} if kind == "html" else set()  # the page's own stylesheet
    assert live.tags.isdisjoint(DANGEROUS - own), live.tags & DANGEROUS
    assert text.count("<style") == len(own)
    assert [href for href in live.links if not href.startswith(SAFE_TARGETS)] == []
    assert [name for _, name, _ in live.attributes if name.startswith("on")] == []
    assert "evil.example/p" not in " ".join(value for _, _, value in live.attributes)


@pytest.mark.parametrize("text", CLAUSE_TEXTS.values(), ids=CLAUSE_TEXTS.keys())
def test_custom_clause_and_override_are_safe_in_markdown_and_html(example_project, text):
    example_project.custom_clauses.append(CustomClause("custom.hostile", "contact", "Hostile", text))
    example_project.clause_edits["contact.privacy_team"] = ClauseEdit(text=text)
    outputs = render(example_project, ["md", "html"]).outputs
    for kind in ("md", "html"):
        _assert_nothing_live(outputs[kind].decode(), kind)


def test_organisation_clause_is_safe_in_markdown(example_project, tmp_path: Path):
    folder = tmp_path / "org"
    folder.mkdir()
    body = "\n\n".join(CLAUSE_TEXTS.values())
    (folder / "hostile.md").write_text(
        '+++\nid = "contact.privacy_team"\nsection = "contact"\ntitle = "Team"\norder = 1\n'
        "sources = []\nrequirements = []\n+++\n" + body + "\n",
        encoding="utf-8",
    )
    library = load_library((folder,))
    outputs = render(example_project, ["md", "html"], library=library).outputs
    for kind in ("md", "html"):
        _assert_nothing_live(outputs[kind].decode(), kind)


def test_safe_links_images_and_text_keep_their_meaning():
    assert safe_markdown("[EDPB](<https://www.edpb.europa.eu/x>) and [m](mailto:a@b.example)") == (
        "[EDPB](<https://www.edpb.europa.eu/x>) and [m](mailto:a@b.example)"
    )
    assert safe_markdown("[wiki](https://en.example/a_(b)) [top](#contact)") == (
        "[wiki](https://en.example/a_(b)) [top](#contact)"
    )
    assert safe_markdown("![Our logo](https://cdn.example/l.png)") == "Our logo"
    assert safe_markdown("[x](javascript:alert(1))") == "[x](#)"
    assert safe_markdown("a < b, **bold**, Hi!") == "a &lt; b, **bold**, Hi!"
