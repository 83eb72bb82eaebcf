"""US or UK spelling follows policy.language; only the library's words change, never an answer."""

from __future__ import annotations

from telepolicy.generator.library.spelling import respell
from tests.legal.policy_text import policy_text, project


def test_respell_changes_words_outside_tags_only():
    source = "Authorised agents {{ company.legal_name }} {% if rights.authorised_agents %}honour{% endif %}"
    assert (
        respell(source, "en-US")
        == "Authorized agents {{ company.legal_name }} {% if rights.authorised_agents %}honor{% endif %}"
    )
    assert respell(source, "en-GB") == source


def test_an_answer_keeps_its_own_spelling_in_a_us_policy():
    named = project("us-carrier-eea", **{"company.legal_name": "Organisation Centre Ltd"})
    text = policy_text(named)
    assert "Organisation Centre Ltd" in text
    assert "organization" in text.lower() or "authorized" in text


def test_headings_are_respelt_too():
    us = policy_text(project("us-carrier-eea"))
    assert "### Authorized agents in California" in us
