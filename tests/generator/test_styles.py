"""Document styles and optional parts: full, concise and minimal come from the same clause data.

A short style must never lose a disclosure the law requires for the operator: every
style of every preset passes the same requirement check as the full policy.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from telepolicy.generator import (
    check,
    list_presets,
    load_preset,
    load_project,
    parse_project,
    plan_for,
    project_to_toml,
    render,
    render_markdown_text,
)

PROJECTS = Path(__file__).resolve().parents[1] / "projects"
PRESETS = [p.name for p in list_presets()]


def sections(project) -> list[str]:
    return [s.id for s in plan_for(project).sections]


def clause_ids(project) -> set[str]:
    return {c.id for s in plan_for(project).sections for c in s.clauses}


def problems(project) -> list[str]:
    return [f"{f.code} {f.requirement}" for f in check(project) if f.severity in ("error", "warning")]


def styled(name: str, style: str):
    project = load_preset(name)
    project.answers["policy.style"] = style
    return project


def test_a_project_file_without_the_new_answers_loads_as_the_full_policy():
    project = load_preset("us-carrier-eea")
    text = project_to_toml(project)
    for key in ("style", "at_a_glance", "definitions"):
        text = re.sub(rf"(?m)^{key} = .*\n", "", text)
    old = parse_project(text)
    assert old.answers["policy.style"] == "full"
    assert old.answers["policy.at_a_glance"] is False
    assert render_markdown_text(old) == render_markdown_text(project)


@pytest.mark.parametrize("style", ["concise", "minimal"])
@pytest.mark.parametrize("name", PRESETS)
def test_short_styles_keep_every_required_disclosure(name, style):
    full = styled(name, "full")
    short = styled(name, style)
    assert problems(short) == problems(full)
    assert len(clause_ids(short)) < len(clause_ids(full))


def test_minimal_eu_voip_notice_is_an_article_numbered_page():
    project = load_project(PROJECTS / "eu-voip-minimal.toml")
    assert problems(project) == []
    result = render(project, ["md", "pdf"])
    md = result.outputs["md"].decode("utf-8")
    assert "## Contents" not in md
    assert re.findall(r"(?m)^## (Article \d+)\.", md)[:3] == ["Article 1", "Article 2", "Article 3"]
    # no cookies, transfers or children section: nothing in the answers calls for them
    assert {"cookies", "transfers", "children"}.isdisjoint(sections(project))
    # the GDPR Art. 13 blocks stay: controller, purposes with bases, recipients, retention, rights, complaint
    for phrase in (
        "Polder Telecom B.V.",
        "Performance of our contract with you",
        "Our legitimate interests:",
        "We give personal data only to",
        "traffic data, 6 months",
        "You can object to any use based on our legitimate interests",
        "Autoriteit Persoonsgegevens",
        "Dutch Telecommunications Act",
    ):
        assert phrase in md, phrase
    pages = pypdf.PdfReader(io.BytesIO(result.outputs["pdf"])).pages
    # with header and footer; the location sent with emergency calls is listed and kept 6 months (EECC Art. 109(6))
    assert sum(len(page.extract_text().split()) for page in pages) < 820  # 798 measured
    # about one page of text (1.19 measured; narrower margins and 9 pt text for this style, policy.css)
    assert pages_of_text(pages) <= 1.25


def pages_of_text(pages) -> float:
    """Full pages before the last, plus how far down the last page the text reaches (the page number aside)."""
    heights: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and not text.strip().startswith("Page "):
            heights.append(tm[5] * cm[3] + cm[5])  # the text's baseline on the page

    pages[-1].extract_text(visitor_text=visit)
    height = float(pages[-1].mediabox.height)
    return len(pages) - 1 + (height - min(heights)) / height


def test_minimal_style_falls_back_to_library_clauses_for_what_it_does_not_cover():
    project = styled("us-local-carrier", "minimal")
    ids = clause_ids(project)
    assert any(i.startswith("cpni.") for i in ids)  # CPNI rules are not in the minimal articles
    assert problems(project) == problems(load_preset("us-local-carrier"))


def test_concise_drops_explanations_the_law_does_not_ask_for():
    full, concise = clause_ids(load_preset("eu-voip-operator")), clause_ids(styled("eu-voip-operator", "concise"))
    assert concise < full
    assert "purposes.legal_bases" in concise


def test_summary_and_definitions_are_switchable_and_come_first():
    project = load_preset("eu-voip-operator")
    assert {"at_a_glance", "definitions"}.isdisjoint(sections(project))
    project.answers["policy.at_a_glance"] = True
    project.answers["policy.definitions"] = True
    assert sections(project)[:3] == ["at_a_glance", "introduction", "definitions"]
    text = render_markdown_text(project)
    glance = text.split("## 1. At a glance", 1)[1].split("## 2.", 1)[0]
    assert "Polder Telecom B.V." in glance
    assert "we do not sell personal information" in glance
    assert "**Traffic data**: the records our network makes" in text
    for style in ("concise", "minimal"):
        project.answers["policy.style"] = style
        assert {"at_a_glance", "definitions"} <= set(sections(project))


def test_no_cookies_no_cookie_section_but_california_keeps_its_do_not_track_answer():
    project = load_preset("eu-voip-operator")
    assert "cookies" in sections(project)
    project.answers["cookies.used"] = False
    assert "cookies" not in sections(project)
    assert problems(project) == []
    us = load_preset("us-carrier-eea")
    us.answers["cookies.used"] = False
    us.answers["cookies.advertising_tools"] = []
    us.answers["cookies.analytics_tools"] = []
    assert clause_ids(us) & {"cookies.dnt.honoured", "cookies.dnt.not_honoured"}


def test_an_answer_that_adds_text_keeps_it_in_every_style():
    project = load_preset("eu-mobile-mvno")
    for style in ("full", "concise", "minimal"):
        project.answers["policy.style"] = style
        ids = clause_ids(project)
        assert {"cookies.gpc.all_non_required", "cookies.tool.google_analytics", "security.sim_swap_protection"} <= ids


@pytest.mark.parametrize("name", PRESETS)
def test_minimal_says_each_topic_once_and_keeps_the_recipient_list(name):
    ids = clause_ids(styled(name, "minimal"))
    assert not {"minimal.caller_id", "communications.caller_id"} <= ids
    assert not {"minimal.purposes", "purposes.legal_bases"} <= ids
    assert not {"minimal.content", "communications.content.stored"} <= ids
    assert ids & {"minimal.recipients", "sharing.recipients"}


@pytest.mark.parametrize("style", ["concise", "minimal"])
def test_short_styles_keep_what_no_answer_can_rule_out_and_the_core_topics(style):
    """Quebec's rules have no answer-decidable rule, and the library tags Canadian duties unevenly."""
    project = styled("canada-quebec-operator", style)
    ids = clause_ids(project)
    assert {"canada.quebec.rights", "canada.quebec.minors", "canada.quebec.technology"} <= ids
    assert ids & {"sharing.recipients", "minimal.recipients"}
    assert {"rights", "contact"} <= set(sections(project)) or style == "minimal"


def test_minimal_clauses_serve_canadian_brazilian_and_ukrainian_duties_too():
    """Tagged with PIPEDA, LGPD and Ukrainian requirements, the short clauses stay instead of full ones."""
    canada = clause_ids(styled("canada-quebec-operator", "minimal"))
    assert {"minimal.data", "minimal.security", "minimal.retention", "minimal.purposes"} <= canada
    assert not canada & {"security.measures", "introduction.scope", "introduction.notice"}
    ukraine = styled("non-eu-cloud-comms", "minimal")
    ukraine.answers["audience.regions"] = ["ukraine"]
    ids = clause_ids(ukraine)
    assert {"minimal.purposes", "ukraine.owner"} <= ids
    assert "purposes.legal_bases" not in ids
    assert "on these legal bases" in render_markdown_text(ukraine)  # Ukraine's Art. 11 grounds
    assert problems(ukraine) == []


@pytest.mark.parametrize("style", ["concise", "minimal"])
def test_a_brazilian_service_open_to_adolescents_keeps_its_lgpd_article_14_paragraph(style):
    project = styled("eu-voip-operator", style)
    project.answers.update({"audience.regions": ["brazil"], "company.country": "Brazil"})
    project.answers["transfers.storage_countries"] = ["Brazil"]
    assert project.answers["children.minimum_age"] < 18
    assert "brazil.children" in clause_ids(project)
    assert "brazil.legal_bases" in clause_ids(project)
    assert problems(project) == []
