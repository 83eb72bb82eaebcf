"""Sections the answers do not call for are left out of the full policy, heading and contents entry included.

The children section stays only for a service directed to children, one that admits or sells the data of
people under 16, parental guidance asked for, or a law that wants a statement (COPPA, CCPA, GDPR Art. 8);
the transfers section only when data is kept or handled outside the operator's region or a served region.
"""

from __future__ import annotations

import itertools

import pytest

from telepolicy.generator import FACTS, check, load_preset, plan_for, render, render_markdown_text

CHILDREN = "Children"
TRANSFERS = "Where information is stored and international transfers"


def headings(project) -> tuple[str, list[str]]:
    """The Markdown text and the section titles the HTML table of contents lists."""
    html = render(project, ["html"]).outputs["html"].decode("utf-8")
    return render_markdown_text(project), [title for title in (CHILDREN, TRANSFERS) if f">{title}</a>" in html]


def present(project, title: str) -> bool:
    md, toc = headings(project)
    in_md = f". {title}\n" in md
    assert in_md == (title in toc), "the heading and the contents entry must agree"
    return in_md


def test_an_eu_voip_operator_at_home_has_no_children_or_transfers_section():
    project = load_preset("eu-voip-operator")
    assert not present(project, CHILDREN)
    assert not present(project, TRANSFERS)
    ids = {c.id for s in plan_for(project).sections for c in s.clauses}
    assert not any(i.startswith(("children.", "transfers.")) for i in ids)


def test_a_uk_operator_for_adults_has_no_children_section():
    assert not present(load_preset("uk-fixed-voice"), CHILDREN)


def test_a_us_local_carrier_keeps_children_for_coppa_but_has_no_transfers():
    project = load_preset("us-local-carrier")
    assert present(project, CHILDREN)
    assert not present(project, TRANSFERS)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("children.directed_to_children", True),
        ("children.minimum_age", 13),
        ("children.under_16_opt_in", True),
        ("children.parental_guidance", True),
        ("audience.regions", ["eea", "us"]),
        ("audience.regions", ["eea", "california"]),
        ("purposes.used", ["provide_service", "billing", "marketing"]),
    ],
)
def test_each_reason_for_a_children_statement_brings_the_section_back(key, value):
    project = load_preset("eu-voip-operator")
    project.answers[key] = value
    if key == "purposes.used":
        project.answers["legal_bases.marketing"] = "consent"
    assert present(project, CHILDREN)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("transfers.storage_countries", ["Netherlands", "United States"]),
        ("transfers.provider_countries", ["India"]),
        ("transfers.group_countries", ["Switzerland"]),
    ],
)
def test_data_kept_or_handled_outside_the_eea_brings_the_transfers_section_back(key, value):
    project = load_preset("eu-voip-operator")
    assert not present(project, TRANSFERS)
    project.answers[key] = value
    assert present(project, TRANSFERS)


def test_storage_elsewhere_in_the_eea_is_no_transfer_but_a_served_region_left_is():
    project = load_preset("eu-voip-operator")
    project.answers["transfers.storage_countries"] = ["Netherlands", "Ireland"]
    assert not present(project, TRANSFERS)
    project.answers["audience.regions"] = ["eea", "uk"]
    assert present(project, TRANSFERS)  # UK people's data leaves the UK


def test_a_canadian_operator_storing_only_at_home_says_nothing_of_foreign_authorities():
    project = load_preset("canada-quebec-operator")
    assert present(project, TRANSFERS)
    project.answers["transfers.storage_countries"] = ["Canada"]
    project.answers["transfers.provider_countries"] = []
    project.answers["transfers.group_countries"] = []
    assert not present(project, TRANSFERS)
    assert "Access by authorities in other countries" not in render_markdown_text(project)


@pytest.mark.parametrize(("section", "fact"), [("children", "children_statement"), ("transfers", "transfers_abroad")])
def test_every_clause_of_an_optional_section_asks_whether_the_section_is_needed(section, fact):
    library = plan_for(load_preset("eu-voip-operator")).library
    clauses = [c for c in library.clauses.values() if c.section == section]
    assert clauses
    assert [c.id for c in clauses if c.when.get(f"facts.{fact}") is not True] == []


REGIONS = [["eea"], ["uk"], ["us", "us_states"], ["eea", "california", "us"], ["canada"], ["brazil", "ukraine"]]


def missing_optional(project, optional: set[str]) -> list[str]:
    return [f.requirement for f in check(project) if f.code == "REQ-MISSING" and f.requirement in optional]


def test_leaving_a_section_out_never_leaves_a_required_disclosure_uncovered(monkeypatch):
    """Across regions, ages, audiences, bases and storage, the full policy misses no requirement that the
    children or transfers clauses would have covered had their sections always been kept."""
    optional = {
        rid
        for clause in plan_for(load_preset("eu-voip-operator")).library.clauses.values()
        if clause.section in ("children", "transfers")
        for rid in clause.requirements
    }
    projects = []
    for regions, age, directed, consent, storage in itertools.product(
        REGIONS, (13, 18), (False, True), (False, True), (["Netherlands"], ["Netherlands", "United States"])
    ):
        project = load_preset("eu-voip-operator")
        answers = project.answers
        answers.update({"audience.regions": regions, "children.minimum_age": age})
        answers.update({"children.directed_to_children": directed, "transfers.storage_countries": storage})
        answers["legal_bases.service_messages"] = "consent" if consent else "contract"
        projects.append(project)
    found = [missing_optional(project, optional) for project in projects]
    for name in ("children_statement", "transfers_abroad"):
        monkeypatch.setitem(FACTS, name, (FACTS[name][0], lambda answers: True))
    assert found == [missing_optional(project, optional) for project in projects]
