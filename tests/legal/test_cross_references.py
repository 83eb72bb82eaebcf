"""A sentence that sends the reader to another part of the policy finds it there, in every style."""

from __future__ import annotations

import re

import pytest

from telepolicy.generator import CustomClause, build, load_library, render_markdown_text
from tests.legal.support import codes, project

PRESETS = [
    "canada-quebec-operator",
    "eu-mobile-mvno",
    "eu-voip-operator",
    "global-cpaas-bcr",
    "non-eu-cloud-comms",
    "uk-fixed-voice",
    "us-carrier-eea",
    "us-cpaas-sip",
    "us-local-carrier",
]
STYLES = ["full", "concise", "minimal"]
# Titles that clauses refer to by name, with the styles in which every reference must resolve.
REFERRED = {
    "Credit checks": STYLES,
    "Cost and response times": STYLES,
    "Toll call billing records": STYLES,
    "Breach notices in the United States": STYLES,
    "How to make a request": ["full", "concise"],
}


def _markdown(preset: str, style: str) -> str:
    return render_markdown_text(project(preset, policy__style=style))


def _headings(text: str) -> list[str]:
    return [re.sub(r"^(Article \d+\.|\d+\.)\s*", "", h) for h in re.findall(r"^#+ (.*)$", text, re.M)]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("preset", PRESETS)
def test_references_to_other_clauses_resolve(preset, style):
    text = _markdown(preset, style)
    headings = _headings(text)
    dangling = [title for title, styles in REFERRED.items() if style in styles and f'"{title}"' in text]
    assert [title for title in dangling if title not in headings] == []
    if "See the section on international transfers" in text or "under the safeguards in this section" in text:
        assert any("transfers" in heading for heading in headings)


def test_minimal_notice_names_the_safeguard_for_service_providers_abroad():
    """The cookie tools clause covers tool providers only: it no longer stands in for the transfers article."""
    text = _markdown("eu-mobile-mvno", "minimal")
    assert "Our service providers also handle some of it for us in the United States" in text
    assert "### The Data Privacy Framework" in text


@pytest.mark.parametrize("style", STYLES)
def test_uk_only_transfers_name_uk_law_not_eu_decisions(style):
    text = _markdown("uk-fixed-voice", style)
    assert "European Commission" not in text
    assert "EU-U.S. Data Privacy Framework (DPF)" not in text
    assert "the UK Extension to the EU-U.S. Data Privacy Framework (the DPF)" in text or style == "minimal"


def test_eea_and_uk_transfers_still_name_the_commission_and_the_uk_extension():
    text = render_markdown_text(project("uk-fixed-voice", audience__regions=["eea", "uk"]))
    assert (
        "an adequacy decision of the European Commission or UK adequacy regulations for information from the UK" in text
    )
    assert (
        "EU-U.S. Data Privacy Framework (DPF), for recipients certified under it, and for information from the UK"
        in text
    )


@pytest.mark.parametrize("style", ["concise", "minimal"])
@pytest.mark.parametrize("preset", PRESETS)
def test_a_short_style_brings_along_every_clause_it_points_to(preset, style):
    """Any quoted title of the library that a short policy names is one of its headings."""
    item = project(preset, policy__style=style)
    assert "TEXT-DANGLING-REFERENCE" not in codes(item)
    text = render_markdown_text(item)
    titles = {c.title for c in load_library().clauses.values()} | {s.title for s in load_library().sections.values()}
    named = {title for title in titles if f'"{title}"' in text}
    assert named <= set(_headings(text))


def test_minimal_notice_keeps_right_to_object_and_traffic_limits_it_points_to():
    text = _markdown("us-carrier-eea", "minimal")
    for title in ("Right to object", "Limits on how we use traffic data", "911 calls in the United States"):
        assert f'"{title}"' in text
        assert title in _headings(text)


def test_the_check_warns_of_a_reference_to_a_clause_the_policy_leaves_out():
    item = project("eu-voip-operator")
    item.custom_clauses.append(
        CustomClause("custom.ai-note", "contact", "A note on AI", 'We explain this in "Transcription and AI features".')
    )
    found = [f for f in build(item, ("md",)).findings if f.code == "TEXT-DANGLING-REFERENCE"]
    assert [f.severity for f in found] == ["warning"]
    assert '"Transcription and AI features"' in found[0].message
    assert "A note on AI" in found[0].message
