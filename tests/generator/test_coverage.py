"""No dead text: every clause of the library is reached by a preset or by a test project.

The test projects are presets with the answers changed that no preset gives, such
as a service for children or retention stated as criteria. Each must still load,
render and pass the checker's validation, so they are realistic, not contrived.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from telepolicy.generator import (
    list_presets,
    load_library,
    load_preset,
    load_project,
    parse_project,
    plan_for,
    project_to_toml,
    render_markdown_text,
)

VARIANTS: dict[str, tuple[str, dict[str, Any]]] = {
    "kids-messaging-app": (
        "global-cpaas-bcr",
        {
            "children.directed_to_children": True,
            "children.eea_age": "member_state",
            "audience.customers": "consumers",
            "services.content_handling": "none",
            "data.content.collected": False,
            "data.special_categories": "explicit_consent",
        },
    ),
    "uk-mobile-reseller": (
        "us-cpaas-sip",
        {
            "audience.regions": ["us", "us_states", "uk", "eea"],
            "services.offered": ["voice", "messaging", "mobile"],
            "transfers.mechanisms": ["dpf", "scc", "uk_idta"],
            "uk_representative.name": "UK Rep Services Ltd",
            "uk_representative.address": "10 Fleet Street, London EC4Y 1AA, United Kingdom",
            "uk_representative.email": "relaywire@ukrep.example",
            "retention.style": "criteria",
            "rights.authorised_agents": False,
        },
    ),
    "eu-operator-national-ages": ("eu-voip-operator", {"children.minimum_age": 13, "children.eea_age": "member_state"}),
    "us-carrier-dpf-switzerland": (
        "us-carrier-eea",
        {
            "audience.regions": ["us", "california", "us_states", "eea", "switzerland"],
            "transfers.dpf_certified": True,
            "transfers.dpf_recourse": "BBB National Programs",
            "swiss_representative.required": True,
            "swiss_representative.name": "Helvetic Rep AG",
            "swiss_representative.address": "Bahnhofstrasse 1, 8001 Zurich, Switzerland",
            "purposes.automated_decisions": True,
            "children.eea_age": "same",
        },
    ),
    "us-carrier-no-tracking": (
        "us-local-carrier",
        {"cookies.honours_gpc": False, "cookies.advertising_tools": [], "sharing.sells_personal_information": False},
    ),
    "changes-listed": (
        "eu-voip-operator",
        {
            "policy.list_changes": True,
            "policy.changes": ["Section 16 (How to contact us): “Contact us”: “0100” → “0199”."],
        },
    ),
}


def variant(name: str):
    preset, answers = VARIANTS[name]
    project = load_preset(preset)
    project.answers.update(answers)
    return project


# Project files that rebuild the seed policies and other operators (tests/generator/test_seed_projects.py).
PROJECT_FILES = sorted((Path(__file__).resolve().parents[1] / "projects").glob("*.toml"))


def reached_clause_ids() -> set[str]:
    projects = [load_preset(p.name) for p in list_presets()] + [variant(name) for name in VARIANTS]
    projects += [load_project(path) for path in PROJECT_FILES]
    return {c.id for project in projects for s in plan_for(project).sections for c in s.clauses}


def test_every_clause_is_reached_by_a_preset_or_test_project():
    unreached = sorted(set(load_library().clauses) - reached_clause_ids())
    assert unreached == []


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_test_projects_are_valid_and_render(name):
    project = variant(name)
    assert parse_project(project_to_toml(project)).answers == project.answers
    assert render_markdown_text(project).startswith("# ")
