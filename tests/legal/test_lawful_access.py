"""Requests from authorities and interception name the lawful-access laws of the operator's country
(clause_library/countries.toml), never another country's when the operator does not serve it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.legal.support import policy, project

US = ("Communications Assistance for Law Enforcement Act", "Stored Communications Act", "Foreign Intelligence")
CANADA = ("Criminal Code of Canada", "Part VI of the Criminal Code")
UK = ("Investigatory Powers Act 2016",)
E_EVIDENCE = "Regulation (EU) 2023/1543"

# preset, the laws its policy names, the laws it must not name
CASES = [
    ("us-local-carrier", US, CANADA + UK + (E_EVIDENCE,)),
    ("canada-quebec-operator", CANADA, US + UK + ("CALEA", "subpoena", E_EVIDENCE)),
    ("uk-fixed-voice", UK, US + CANADA + ("CALEA", "subpoena", E_EVIDENCE)),
    ("eu-mobile-mvno", ("criminal procedure law of Germany", "The law of Germany lets courts"), US + CANADA + UK),
]


@pytest.mark.parametrize(("preset", "named", "absent"), CASES, ids=[case[0] for case in CASES])
def test_the_policy_names_the_lawful_access_laws_of_the_operators_country(preset, named, absent):
    text = policy(project(preset))
    for law in named:
        assert law in text, f"{preset}: {law}"
    for law in absent:
        assert law not in text, f"{preset}: {law}"


def test_a_uk_operator_serving_the_us_names_both_countries_laws():
    text = policy(project("global-cpaas-bcr"))
    assert "Investigatory Powers Act 2016" in text
    assert "for our services in the United States, a subpoena" in text
    assert "Communications Assistance for Law Enforcement Act" in text


def test_european_production_orders_are_named_from_the_date_the_regulation_applies():
    before = policy(project("eu-mobile-mvno", policy__effective_date=dt.date(2026, 8, 17)))
    after = policy(project("eu-mobile-mvno", policy__effective_date=dt.date(2026, 8, 18)))
    assert "European Production Order" not in before
    assert "European Production Order" in after


def test_an_operator_in_a_country_the_data_does_not_cover_gets_general_words():
    text = policy(project("canada-quebec-operator", company__country="Mexico"))
    assert "a court order, a warrant or another binding demand made under the law" in text
    assert "Criminal Code" not in text
    assert "### Court-ordered interception" not in text


def test_the_clauses_carry_no_country_of_their_own():
    """Per-country facts live in countries.toml: no clause text branches on a country's name."""
    folder = Path(__file__).parents[2] / "clause_library" / "emergencies_and_government"
    for clause in folder.glob("*.md"):
        body = clause.read_text(encoding="utf-8").split("+++", 2)[2]
        assert "company.country" not in body, clause.name
