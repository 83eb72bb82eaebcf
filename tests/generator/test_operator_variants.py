"""Three seed variants that were fixed text are answers: how the DPA is offered, how end users' requests
are routed, and how material changes are announced. Defaults keep an older project file's text."""

from __future__ import annotations

import re

import pytest

from telepolicy.generator import (
    FIELDS_BY_KEY,
    build,
    condition_values,
    derive_facts,
    is_asked,
    load_preset,
    parse_project,
    project_to_toml,
    render_markdown_text,
)

NEW_KEYS = ("dpa_offer", "end_user_requests", "end_user_request_days", "change_notice_channels")


def text(project) -> str:
    return re.sub(r"\s+", " ", render_markdown_text(project))


def test_a_file_without_the_new_answers_loads_and_renders_as_before():
    project = load_preset("global-cpaas-bcr")
    project.answers["roles.dpa_offer"] = "in_terms"
    saved = project_to_toml(project)
    old = parse_project(re.sub(rf"(?m)^({'|'.join(NEW_KEYS)}) = (\[[^\]]*\]|.*)\n", "", saved))
    assert old.answers["roles.dpa_offer"] == "in_terms"
    assert old.answers["roles.end_user_requests"] == "ask_and_forward"
    assert old.answers["policy.change_notice_channels"] == ["email", "website", "in_app"]
    assert render_markdown_text(old) == render_markdown_text(project)
    assert "We will send you an e-mail or show a clear notice on our website or in your account." in text(old)
    assert "Our contract with each business customer includes a data processing agreement" in text(old)


@pytest.mark.parametrize(
    ("offer", "phrase"),
    [
        ("in_terms", "Our contract with each business customer includes a data processing agreement, published at"),
        ("signed_on_request", "A business customer that wants a signed copy of the agreement can ask us for one at"),
        ("click_through", "Each business customer accepts our data processing agreement online when it signs up"),
    ],
)
def test_the_dpa_is_described_as_the_operator_offers_it(offer, phrase):
    project = load_preset("global-cpaas-bcr")
    project.answers["roles.dpa_offer"] = offer
    policy = text(project)
    assert phrase in policy
    assert ("signed copy" in policy) == (offer == "signed_on_request")


@pytest.mark.parametrize(
    ("routing", "policy_phrase", "notice_phrase"),
    [
        ("ask_and_forward", "we will pass your request on to the business customer within 7 days", "within 7 days"),
        ("forward", "We pass each request that reaches us on to the business customer within 7 days", "within 7 days"),
        ("contact_customer", "We cannot answer such a request ourselves", "we will tell you within 7 days whom"),
    ],
)
def test_end_user_requests_are_routed_the_same_way_in_the_policy_and_the_documents(
    routing, policy_phrase, notice_phrase
):
    project = load_preset("us-cpaas-sip")
    project.answers["roles.end_user_requests"] = routing
    project.answers["roles.end_user_request_days"] = 7
    assert policy_phrase in text(project)
    outputs = build(project, ["md"], check=False, documents=("processor-notice", "dpa-annex")).outputs
    notice, annex = (re.sub(r"\s+", " ", outputs[f"{d}.md"].decode()) for d in ("processor-notice", "dpa-annex"))
    assert notice_phrase in notice
    forwards = routing != "contact_customer"
    assert ("we will pass your request on to that business" in notice) == forwards
    assert ("we pass on any request we receive for it within 7 days" in annex) == forwards


@pytest.mark.parametrize(
    ("channels", "sentence"),
    [
        (["email"], "We will send you an e-mail. Where"),
        (["website"], "We will show a clear notice on our website. Where"),
        (["in_app", "email"], "We will send you an e-mail or show a clear notice in your account. Where"),
        ([], "before it takes effect. Where the law"),
    ],
)
def test_material_changes_are_announced_on_the_chosen_channels(channels, sentence):
    project = load_preset("us-cpaas-sip")
    project.answers["policy.change_notice_channels"] = channels
    assert sentence in text(project)
    project.answers["policy.style"] = "minimal"
    minimal = text(project)
    assert ("days ahead, by e-mail" in minimal) == ("email" in channels)


def test_the_wizard_asks_the_processor_questions_only_of_a_processor():
    processor, carrier = load_preset("us-cpaas-sip").answers, load_preset("us-local-carrier").answers
    for key in ("roles.dpa_offer", "roles.end_user_requests", "roles.end_user_request_days"):
        assert is_asked(FIELDS_BY_KEY[key], condition_values(processor, derive_facts(processor)))
        assert not is_asked(FIELDS_BY_KEY[key], condition_values(carrier, derive_facts(carrier)))
    assert is_asked(FIELDS_BY_KEY["policy.change_notice_channels"], condition_values(carrier, derive_facts(carrier)))
