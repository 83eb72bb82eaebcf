"""A regulator's name reads as English: never "complain to ..., such as Information Commissioner's Office"."""

from __future__ import annotations

import pytest

from telepolicy.generator import ClauseEdit
from tests.legal.support import codes, policy, project


@pytest.mark.parametrize("preset", ["uk-fixed-voice", "eu-voip-operator", "eu-mobile-mvno"])
def test_the_minimal_notice_names_the_authority_that_supervises_us_without_a_missing_article(preset):
    item = project(preset, policy__style="minimal")
    name = item.answers["supervisory_authority.name"]
    assert f"for example the one that supervises us: {name}" in policy(item)
    assert "TEXT-MISSING-ARTICLE" not in codes(item)


def test_the_check_catches_an_institution_named_after_such_as():
    item = project("uk-fixed-voice", policy__style="minimal")
    wording = "You can complain to a data protection authority, such as Information Commissioner's Office."
    item.clause_edits["minimal.rights"] = ClauseEdit(text=wording)
    assert "TEXT-MISSING-ARTICLE" in codes(item)
