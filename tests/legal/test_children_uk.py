"""A service directed to children in the UK: the UK's own age of digital consent, never US law it is not under."""

from __future__ import annotations

import pytest

from tests.legal.support import codes, policy, project


@pytest.mark.parametrize("style", ["full", "concise", "minimal"])
def test_uk_service_for_children_names_the_uk_age_of_consent(style):
    item = project("uk-fixed-voice", children__directed_to_children=True, policy__style=style)
    text = policy(item)
    assert "In the United Kingdom, a child under 13 cannot consent to an online service alone" in text
    assert "Article 8 of the UK GDPR" in text
    assert "REQ-MISSING" not in codes(item)


def test_uk_only_service_for_children_does_not_claim_to_follow_coppa():
    text = policy(project("uk-fixed-voice", children__directed_to_children=True))
    assert "COPPA" not in text
    assert "Federal Trade Commission" not in text


def test_eea_and_uk_service_for_children_gives_both_ages():
    item = project("uk-fixed-voice", children__directed_to_children=True, audience__regions=["eea", "uk"])
    text = policy(item)
    assert "Each country in the European Economic Area sets an age between 13 and 16" in text
    assert "In the United Kingdom, a child under 13" in text


def test_us_service_for_children_still_explains_coppa():
    text = policy(project("uk-fixed-voice", children__directed_to_children=True, audience__regions=["uk", "us"]))
    assert "Children's Online Privacy Protection Act (COPPA)" in text
    assert "In the United Kingdom, a child under 13" in text
