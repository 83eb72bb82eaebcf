"""The finer data inventory, sources, scope, links and tracking answers reach the text, and only when given."""

from __future__ import annotations

import re
from typing import Any

import pytest

from telepolicy.generator import load_library, load_preset, plan_for, render_markdown_text, trace
from telepolicy.generator.project.schema import PURPOSES, RECIPIENTS, SECURITY_MEASURES

# (answers, a phrase they must add to a policy that does not have it yet)
ADDS: list[tuple[dict[str, Any], str]] = [
    ({"data.extra_items": ["date_of_birth"]}, "Your date of birth"),
    ({"data.extra_items": ["domain_host"]}, "The domain and host name"),
    ({"data.payment_methods": ["PayPal", "SEPA direct debit"]}, "You can also pay with PayPal or SEPA direct debit"),
    ({"data.signup_checks": ["phone_verification"]}, "we send a code to the phone number you give us"),
    ({"data.signup_checks": ["onboarding_call"]}, "If you would rather not be called"),
    ({"data.short_code_applications": True}, "If you apply for an SMS short code"),
    ({"data.number_intelligence": True}, "whether it is roaming"),
    ({"data.crm_integrations": True}, "help-desk system"),
    ({"data.events_surveys": True}, "Event and survey forms"),
    ({"data.vendor_data": ["interests"]}, "the topics people are interested in"),
    ({"scope.event_registrants": True}, "People who register for our events"),
    ({"scope.workforce": "excluded"}, "A separate notice explains how we handle it"),
    ({"scope.public_forums": True}, "Forums and other public areas"),
    ({"scope.testimonials": True}, "With your consent, and only then"),
    ({"scope.business_numbers_not_personal": True}, "main switchboard number"),
    ({"links.retention_policy_url": "https://x.example/retention"}, "x.example/retention"),
    ({"company.unsubscribe_email": "stop@x.example"}, "stop@x.example"),
    (
        {"rights.marketing_opt_out_days": 3, "purposes.used": ["provide_service", "marketing"]},
        "within 3 business days",
    ),
    ({"cookies.functional": True}, "Cookies that remember your choices"),
    ({"cookies.fingerprinting": True}, "Recognising your device without cookies"),
    ({"cookies.tools": ["google_tag_manager"]}, "We use Google Tag Manager"),
    ({"cookies.tools": ["google_analytics"]}, "tools.google.com/dlpage/gaoptout"),
    ({"sharing.recipients": ["dispute_bodies"]}, "dispute resolution bodies, mediators and ombudsmen"),
    ({"purposes.used": ["provide_service", "export_controls"]}, "export-control and sanctions laws"),
    ({"security.measures": ["resilience"]}, "intact, available and resilient"),
    ({"policy.at_a_glance": True}, "This summary gives the main points"),
    ({"services.describe": True}, "We provide phone calls; voicemail; moving phone numbers"),
    ({"retention.reactivation_days": 14}, "we keep it for 14 days in case you want to reopen it"),
    ({"retention.extra_holds": ["troubleshooting"]}, "while we fix a fault"),
    ({"children.parental_guidance": True}, "talk with their children"),
    (
        {"rights.dispute_body": "Geschillencommissie"},
        "you can take it to an independent body that resolves disputes out of court: Geschillencommissie",
    ),
    ({"cookies.category_scheme": "three_groups"}, "**Required:** the ones our website needs"),
    (
        {"sharing.insolvency_transfers": True, "sharing.recipients": ["service_providers", "acquirers"]},
        "A sale of our business can also happen if we become insolvent",
    ),
]


def text_with(answers: dict[str, Any]) -> str:
    project = load_preset("eu-voip-operator")
    project.answers.update(answers)
    return re.sub(r"\s+", " ", render_markdown_text(project))


@pytest.mark.parametrize(("answers", "phrase"), ADDS, ids=[next(iter(a)) for a, _ in ADDS])
def test_each_answer_adds_its_text_and_only_then(answers, phrase):
    assert phrase not in text_with({})
    assert phrase in text_with(answers)


def test_payment_methods_need_payment_details_collected():
    assert "You can also pay with PayPal" not in text_with(
        {"data.payment_methods": ["PayPal"], "data.payment.collected": False}
    )


def test_an_applicant_notice_link_replaces_the_promise_to_hand_it_over():
    text = text_with({"scope.workforce": "excluded", "links.applicant_notice_url": "https://x.example/jobs-privacy"})
    assert "x.example/jobs-privacy" in text
    assert "we give it to you when you apply" not in text


def test_google_analytics_alone_makes_cookie_consent_a_requirement():
    project = load_preset("eu-voip-operator")
    project.answers.update({"cookies.analytics_tools": [], "cookies.advertising_tools": []})
    assert "eprivacy.5.3.consent" not in {row.requirement for row in trace(plan_for(project))}
    project.answers["cookies.tools"] = ["google_analytics"]
    rows = {row.requirement: row for row in trace(plan_for(project))}
    assert rows["eprivacy.5.3.consent"].satisfied_by


def test_gpc_beyond_sale_and_share_only_where_chosen():
    base = {"cookies.honours_gpc": True}
    assert "switch off every cookie" not in text_with(base)
    assert "switch off every cookie" in text_with({**base, "cookies.gpc_scope": "all_non_required"})


def test_ad_opt_out_links_follow_the_audience_not_only_the_region():
    ads = {"cookies.advertising_tools": ["Google Ads"]}
    assert "youradchoices.ca" not in text_with(ads)
    assert "youradchoices.ca" in text_with({**ads, "cookies.ad_opt_out_links": ["canada"]})


@pytest.mark.parametrize(
    ("values", "groups"),
    [
        (RECIPIENTS, ("recipients", "recipient_names")),
        (PURPOSES, ("purposes", "purpose_names", "legitimate_interests")),
        (SECURITY_MEASURES, ("security_measures", "measure_names")),
    ],
)
def test_every_choice_has_its_wording(values, groups):
    terms = load_library().terms
    missing = [(group, value) for group in groups for value in values if value not in terms[group]]
    assert missing == []
