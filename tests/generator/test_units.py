"""Unit tests of the small mechanisms every clause and project file relies on.

Each test is aimed at a change that once went unnoticed: an operator of the condition
language, the line-start escaping, the TOML line mapping, a derived fact, the format
alias and the refusal of two outputs with one name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from telepolicy.generator import ExportError, derive_facts, load_preset
from telepolicy.generator.cli import main
from telepolicy.generator.library.templating import escape_markdown
from telepolicy.generator.outputs import parse_formats
from telepolicy.generator.project.schema import FIELDS, FIELDS_BY_KEY, PAGE_ASKED_WHEN
from telepolicy.generator.project.toml_lines import key_lines, line_of
from telepolicy.generator.rules.conditions import (
    condition_holds,
    condition_problems,
    condition_values,
    is_asked,
    page_is_asked,
)
from tests.generator.clause_support import assert_clause_renders, render_clause

VALUES = {
    "children.minimum_age": 16,
    "audience.regions": ["us", "eea"],
    "services.offered": ["voice", "messaging"],
    "company.trading_name": "",
    "cpni.approval": "opt_out",
    "facts.eea_users": True,
}


@pytest.mark.parametrize(
    ("when", "holds"),
    [
        ({"children.minimum_age": {"min": 16}}, True),
        ({"children.minimum_age": {"min": 17}}, False),
        ({"children.minimum_age": {"max": 16}}, True),
        ({"children.minimum_age": {"max": 15}}, False),
        ({"services.offered": {"all": ["voice", "messaging"]}}, True),
        ({"services.offered": {"all": ["voice", "fax"]}}, False),
        ({"services.offered": {"not": "fax"}}, True),
        ({"services.offered": {"not": "voice"}}, False),
        ({"company.trading_name": {"set": True}}, False),
        ({"company.trading_name": {"set": False}}, True),
        ({"audience.regions": "eea"}, True),
        ({"audience.regions": ["uk", "brazil"]}, False),
        ({"cpni.approval": ["opt_in", "opt_out"]}, True),
        ({"cpni.approval": "opt_in"}, False),
        ({"facts.eea_users": True}, True),
        ({"cpni.approval": "opt_out", "children.minimum_age": {"min": 18}}, False),
    ],
)
def test_condition_operators(when, holds):
    assert condition_holds(when, {}, VALUES) is holds


def test_when_any_needs_one_entry_to_hold():
    assert condition_holds({}, {"cpni.approval": "opt_in", "audience.regions": "eea"}, VALUES)
    assert not condition_holds({}, {"cpni.approval": "opt_in", "audience.regions": "uk"}, VALUES)
    assert not condition_holds({"facts.eea_users": False}, {"audience.regions": "eea"}, VALUES)


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("# Not a heading", r"\# Not a heading"),
        ("> not a quote", r"\> not a quote"),
        ("- not a list", r"\- not a list"),
        ("+ not a list", r"\+ not a list"),
        ("1. not a list", r"1\. not a list"),
        ("Smith & Sons <Telecom> *Ltd*", r"Smith & Sons &lt;Telecom> \*Ltd\*"),
        ("[click](https://evil.example)", r"\[click\](https://evil\.example)"),
    ],
)
def test_values_are_escaped_for_markdown_at_the_start_of_a_line_and_inside_it(value, escaped):
    assert escape_markdown(value) == escaped


def test_a_company_name_prints_literally_in_a_clause():
    assert_clause_renders(
        "{{ company.legal_name }} runs this service.",
        {"company.legal_name": "# 1. *Acme* <b>"},
        r"\# 1. \*Acme\* &lt;b> runs this service.",
    )


def test_a_list_answer_is_joined_in_words():
    assert_clause_renders(
        '{{ ["a", "b", "c"] | join_words }}; {{ ["x", "y"] | join_words("or") }}.', {}, "a, b and c; x or y."
    )


def test_a_clause_condition_inside_the_body_follows_the_answers():
    body = "{% if cpni.approval == 'opt_in' %}We ask first.{% else %}You may say no.{% endif %}"
    assert render_clause(body, {"cpni.approval": "opt_in"}) == "We ask first."
    assert render_clause(body, {"cpni.approval": "opt_out"}) == "You may say no."


def test_toml_lines_map_keys_tables_and_array_entries():
    text = (
        'format = 1\n\n[company]\nlegal_name = "A"\n'
        'notes = """\nline = 3\n"""\n'
        "[[custom_clauses]]\nid = 'one'\n[[custom_clauses]]\nid = 'two'\n"
    )
    lines = key_lines(text)
    assert lines["format"] == 1
    assert lines["company"] == 3
    assert lines["company.legal_name"] == 4
    assert "line" not in lines, "a key-like line inside a multi-line string is text, not a key"
    assert lines["custom_clauses.0.id"] == 9
    assert lines["custom_clauses.1.id"] == 11
    assert line_of(lines, "company.country") == 3, "a missing key points at its table"


def test_derived_facts_follow_the_answers():
    answers = dict(load_preset("us-carrier-eea").answers)
    answers["audience.regions"] = ["us"]
    facts = derive_facts(answers)
    assert not facts["eea_users"]
    assert facts["us_users"]
    assert not facts["gdpr"]
    answers["audience.regions"] = ["us", "eea"]
    facts = derive_facts(answers)
    assert facts["eea_users"]
    assert facts["gdpr"]
    answers["services.offered"] = ["messaging"]
    assert not derive_facts(answers)["voice"]


def test_markdown_is_an_alias_of_md_and_unknown_formats_are_refused():
    assert parse_formats("markdown,html") == ("md", "html")
    assert parse_formats(["MD", " pdf "]) == ("md", "pdf")
    with pytest.raises(ExportError, match="unknown format docs"):
        parse_formats("md,docs")
    with pytest.raises(ExportError):
        parse_formats("")


def test_two_projects_with_one_name_are_refused_before_anything_is_written(tmp_path: Path, capsys):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        assert main(["new", "--preset", "eu-voip-operator", str(tmp_path / folder / "policy.toml")]) == 0
    out = tmp_path / "out"
    code = main(["render", str(tmp_path / "a" / "policy.toml"), str(tmp_path / "b" / "policy.toml"), "--out", str(out)])
    assert code == 2
    assert "several files are named policy" in capsys.readouterr().err
    assert not out.exists()


def test_every_question_s_condition_is_valid_in_the_clause_condition_language():
    """A typo in a question's `asked_when` would hide it for good; the library's own checker reads them."""
    problems = {
        f.key: found
        for f in FIELDS
        if (found := [*condition_problems(dict(f.asked_when)), *condition_problems(dict(f.asked_when_any))])
    }
    assert problems == {}
    assert all(condition_problems(when) == [] for when in PAGE_ASKED_WHEN.values())


def test_questions_are_asked_only_when_their_answer_can_change_the_policy():
    answers = dict(load_preset("us-carrier-eea").answers)
    values = condition_values(answers, derive_facts(answers))
    assert is_asked(FIELDS_BY_KEY["data.traffic.retention"], values)
    assert page_is_asked("cpni", values)
    answers["data.traffic.collected"] = False
    answers["audience.regions"] = ["canada"]
    answers["company.country"] = "Canada"
    values = condition_values(answers, derive_facts(answers))
    assert not is_asked(FIELDS_BY_KEY["data.traffic.retention"], values)
    assert not page_is_asked("cpni", values)
    assert not is_asked(FIELDS_BY_KEY["legal_bases.marketing"], values), "legal bases only where GDPR, LGPD or Ukraine"
    answers["audience.regions"] = ["canada", "brazil"]
    assert is_asked(FIELDS_BY_KEY["legal_bases.marketing"], condition_values(answers, derive_facts(answers)))
