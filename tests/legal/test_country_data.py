"""Legal facts about countries live in clause_library/countries.toml, not in clause texts."""

from __future__ import annotations

import datetime as dt
import re

from telepolicy.generator import load_library
from telepolicy.generator.library.loader import builtin_library_path
from telepolicy.generator.project.presets import load_preset
from telepolicy.generator.rendering.assemble import template_context
from telepolicy.generator.rules.countries import (
    eea_consent_ages,
    emergency_numbers,
    in_group,
    load_countries,
    select_in,
    with_article,
)
from telepolicy.generator.rules.facts import EEA_COUNTRIES


def _render(body: str, answers: dict) -> str:
    return load_library().env.from_string(body).render(template_context(answers)).strip()


def test_no_clause_body_lists_countries():
    clause_files = [p for p in builtin_library_path().glob("*/*.md")]
    assert clause_files
    offenders = [
        p.name
        for p in clause_files
        if re.search(r"\b(austria|philippines|the_names)\b", p.read_text(encoding="utf-8").split("+++", 2)[2], re.I)
    ]
    assert offenders == []


def test_the_eea_has_thirty_countries_and_each_has_an_age_of_digital_consent():
    eea = [c for c in load_countries().countries if c.eea and c.id != "eu"]
    assert len(eea) == 30
    assert all(13 <= c.consent_age <= 16 for c in eea)
    assert "czech republic" in EEA_COUNTRIES
    assert "the netherlands" in EEA_COUNTRIES


def test_national_ages_follow_the_member_state_laws():
    ages = {age: {c.id for c in group} for age, group in eea_consent_ages().items()}
    assert "greece" in ages[15]
    assert "cyprus" in ages[14]
    assert {"germany", "ireland", "netherlands"} <= ages[16]
    assert {"belgium", "sweden"} <= ages[13]


def test_country_names_take_the_article_only_where_english_uses_one():
    assert with_article("United States") == "the United States"
    assert with_article(["USA", "Netherlands", "Czechia", "Czech Republic"]) == [
        "USA",
        "the Netherlands",
        "Czechia",
        "the Czech Republic",
    ]
    answers = load_preset("us-carrier-eea").answers
    text = _render('{{ ["United Kingdom", "Japan"] | with_article | join_words }}', answers)
    assert text == "the United Kingdom and Japan"


def test_adequacy_groups():
    assert in_group("Canada", "eu_adequate")
    assert in_group("Japan", "eu_adequate")
    assert in_group("United States", "dpf")
    assert not in_group("United States", "eu_adequate")
    assert in_group("Singapore", "no_eu_adequacy")
    assert not in_group("Ireland", "no_eu_adequacy")
    assert select_in([" brazil ", "Ireland"], "brazil") == [" brazil "]


def test_emergency_numbers_come_from_data_per_region():
    assert emergency_numbers(["brazil"]) == ["190", "192", "193"]
    assert emergency_numbers(["us", "canada"]) == ["911"]
    assert emergency_numbers(["california"]) == []


def test_us_state_laws_follow_the_effective_date():
    from telepolicy.generator.rules.countries import us_privacy_states

    assert "Indiana" in us_privacy_states(dt.date(2026, 1, 1))
    assert "Indiana" not in us_privacy_states(dt.date(2025, 12, 31))
    assert "California" not in us_privacy_states(dt.date(2026, 12, 3))


def test_regulators_come_from_data():
    answers = load_preset("global-cpaas-bcr").answers
    text = _render("{{ facts.regulators.uk.short }} / {{ facts.regulators.switzerland.address }}", answers)
    assert text == "ICO / Feldeggweg 1, 3003 Bern"


def test_table_facts_are_readable_in_texts_but_not_testable_in_conditions():
    from telepolicy.generator.rules.conditions import condition_problems, known_text_path

    assert known_text_path("facts.brazil_storage.abroad")
    assert known_text_path("facts.regulators.uk.name")
    assert not known_text_path("facts.brazil_storage.nowhere")
    [(key, message)] = condition_problems({"facts.eu_destinations": True})
    assert key == "facts.eu_destinations"
    assert "cannot test" in message


def test_no_broken_sentence_before_any_state_law():
    answers = dict(load_preset("us-carrier-eea").answers)
    answers["policy.effective_date"] = dt.date(2022, 6, 1)
    body = (builtin_library_path() / "us_states" / "intro.md").read_text(encoding="utf-8").split("+++", 2)[2]
    text = _render(body, answers)
    assert "include ." not in text
    assert "include" not in text.split(".")[1]
