"""Whole-policy assertions a telecom privacy lawyer would check, preset by preset.

Each test reads the policy as generated (no edits) and asserts what it must say and what it
must never say. The law behind each assertion is in the test's docstring.
"""

from __future__ import annotations

import re

import pytest

from tests.legal.policy_text import codes, findings, policy_text, project, sentences

US_PRESETS = ("us-carrier-eea", "us-local-carrier", "us-cpaas-sip", "global-cpaas-bcr")
ALL_PRESETS = (
    "us-carrier-eea",
    "us-local-carrier",
    "us-cpaas-sip",
    "global-cpaas-bcr",
    "eu-voip-operator",
    "non-eu-cloud-comms",
)


# --- every preset is publishable as generated ------------------------------------------------


@pytest.mark.parametrize("preset", ALL_PRESETS)
def test_no_contradiction_or_broken_text_in_any_preset(preset):
    """The coherence rules (consistency and text rules) find nothing in any preset."""
    mine = {f.code: f.message for f in findings(preset) if f.severity in ("error", "warning")}
    coherence = {
        code: message
        for code, message in mine.items()
        if code.startswith(("TEXT-", "CONTENT-", "VOICEMAIL-", "ADS-", "ROLE-", "XFER-MECHANISM", "CPNI-", "SALE-"))
    }
    assert coherence == {}


# --- CPNI (47 U.S.C. 222; 47 CFR 64.2001-64.2011) ---------------------------------------------


def test_cpni_opt_out_is_free_and_available_every_day():
    """Opt-out approval: the opt-out method is free and available 24 hours a day, 7 days a week
    (47 CFR 64.2008(d)(3)); silence is approval of CPNI use only, not consent to marketing messages."""
    text = sentences(policy_text("us-carrier-eea"))
    assert "Opting out is free, and you can do it at any time, 24 hours a day, seven days a week" in text
    assert "It is not consent to receive marketing e-mails, texts or calls" in text
    assert "If you have not said no by then, we treat this as your approval" not in text


def test_cpni_call_details_go_to_the_telephone_number_of_record():
    """Call detail over the phone without a password: only to the address or telephone number of record
    (47 CFR 64.2010(b))."""
    text = sentences(policy_text("us-carrier-eea"))
    assert "call you at the telephone number of record" in text


def test_no_store_where_the_operator_has_none():
    """In-store photo ID (64.2010(d)) is described only for an operator that serves people in person."""
    assert not re.search(r"in a store|our stores|in-store", policy_text("us-carrier-eea"), re.IGNORECASE)
    assert "Where we serve you in person, for example at our offices, we ask for a valid photo ID" in policy_text(
        "us-local-carrier"
    )


def test_cpni_duty_is_owed_by_the_us_carrier_not_a_foreign_parent():
    """47 U.S.C. 222(c)(1): the carrier that provides the service owes the duty."""
    text = sentences(policy_text("global-cpaas-bcr"))
    assert "It gives Meridian Cloud Communications, Inc., the company that provides your phone service, a duty" in text
    unnamed = project("global-cpaas-bcr", **{"cpni.carrier": ""})
    assert [f.severity for f in findings(unnamed, "CPNI-CARRIER-UNNAMED")] == ["warning"]


def test_cpni_breach_follows_the_rule_in_force_on_the_effective_date():
    """47 CFR 64.2011 as in force (the FCC 23-111 amendment has no effective date yet): USSS and FBI within
    7 business days, customers after 7 more business days unless urgent; no FCC notice promised."""
    text = sentences(policy_text("us-carrier-eea"))
    assert "we report the breach to the US Secret Service and the FBI" in text
    assert "We then wait seven full business days before we tell you" in text
    assert "We also tell the customers affected without unreasonable delay" not in text


def test_texting_customers_without_cpni_needs_no_cpni_approval():
    """64.2005(a): CPNI may be used without approval within the categories of service the customer buys;
    marketing by text that does not use CPNI needs no CPNI approval."""
    texting = project("us-carrier-eea", **{"cpni.approval": "none", "purposes.marketing_channels": ["sms"]})
    assert findings(texting, "CPNI-NO-APPROVAL-MODEL") == []
    using_cpni = project(
        "us-carrier-eea", **{"cpni.approval": "none", "roles.controller_purposes": ["billing", "cpni_marketing"]}
    )
    assert [f.severity for f in findings(using_cpni, "CPNI-NO-APPROVAL-MODEL")] == ["error"]


# --- breach notification -----------------------------------------------------------------------


def test_eu_electronic_communications_provider_reports_every_breach():
    """ePrivacy Directive Art 4(3) and Regulation 611/2013 Art 2: every personal data breach goes to the
    competent authority, within 24 hours where feasible; no risk threshold."""
    for preset in ("us-carrier-eea", "eu-voip-operator"):
        text = sentences(policy_text(preset))
        assert "we report every personal data breach to the competent authority, whatever the risk" in text
        assert "unlikely to put anyone at risk" not in text


# --- retention -----------------------------------------------------------------------------------


def test_retention_is_one_coherent_answer():
    """The table, the EEA traffic-data rule (ePrivacy Art 6), 47 CFR 42.6 and voicemail agree."""
    text = sentences(policy_text("us-carrier-eea"))
    assert '| Traffic data | 18 months; in the EEA, often less: see "Traffic data in the EEA" |' in text
    assert "| Content of communications | 90 days; voicemail messages: 30 days |" in text
    assert "never longer than 18 months" in text
    assert "We delete each message 30 days after it is left" in text
    assert "We do not read, hear or keep it" not in text


def test_toll_records_are_named_beside_a_shorter_traffic_period():
    """47 CFR 42.6: toll billing records 18 months, even where other traffic data is kept less."""
    text = sentences(policy_text("us-cpaas-sip"))
    assert "| Traffic data | 13 months; toll call billing records: 18 months;" in text


# --- US advertising, sale, sharing and sensitive data ---------------------------------------------


def test_ads_on_other_sites_are_sharing_with_an_opt_out():
    """Cal. Civ. Code 1798.140(ah): showing our ads on other sites (retargeting) is sharing."""
    text = sentences(policy_text("global-cpaas-bcr"))
    assert "We may also show you ads for our services on other websites and apps" in text
    assert '"Do Not Sell or Share My Personal Information" page' in text
    assert "We do not sell or share your personal information" not in text


def test_911_location_is_precise_geolocation():
    """Cal. Civ. Code 1798.140(ae), (w): the dispatchable location sent with a 911 call is sensitive PI."""
    text = sentences(policy_text("us-carrier-eea"))
    assert "your precise geolocation, including the location we send with an emergency call" in text
    assert "Geolocation data; sensitive personal information (precise geolocation)" in text
    assert "We do not ask for sensitive information" not in text


def test_maryland_sensitive_data_only_where_strictly_necessary():
    """Md. Code, Com. Law 14-4607(a)(1)-(2) (MODPA)."""
    text = sentences(policy_text("us-carrier-eea"))
    assert "If you live in Maryland, we collect, process and share sensitive data only where it is strictly" in text


# --- legal bases, notice and roles ---------------------------------------------------------------


def test_contract_basis_only_for_the_contracting_party():
    """EDPB Guidelines 2/2019: Art 6(1)(b) covers the contracting party only."""
    text = sentences(policy_text("us-carrier-eea"))
    assert '"Performance of our contract with you" applies only to the people who have a contract with us' in text
    assert "people who call or message our customers from other networks" in text


def test_art_14_relies_on_14_5_b_for_callers_from_other_networks():
    """GDPR Art 14(5)(b): no promise of individual notice to people we cannot reach."""
    text = sentences(policy_text("us-carrier-eea"))
    assert "(the GDPR, Article 14(5)(b))" in text


def test_directory_listing_rests_on_withdrawable_consent():
    """ePrivacy Art 12; GDPR Art 13(2)(c): consent and the right to withdraw it."""
    text = sentences(policy_text("eu-voip-operator"))
    assert "Listing you is based on your consent. You can withdraw it at any time" in text


def test_no_we_do_not_monitor_beside_automated_analysis():
    """A policy with AI features does not say 'we do not monitor your calls and messages'."""
    text = sentences(policy_text("global-cpaas-bcr"))
    assert "monitor your calls" not in text
    assert "No one at our company reads, listens to or records your calls and messages" in text
    assert "everyone taking part in the communication has consented" in text


def test_processor_using_data_for_its_own_purposes_is_its_controller():
    """GDPR Art 28(10): a category used for our own purposes cannot be 'processor' only."""
    wrong = project("us-cpaas-sip", **{"data.location.role": "processor"})
    assert [f.key for f in findings(wrong, "ROLE-PROCESSOR-OWN-USE")] == ["data.location.role"]
    assert "ROLE-PROCESSOR-OWN-USE" not in codes("us-cpaas-sip")


def test_automated_decisions_name_their_ground():
    """GDPR Art 22(2): the ground of a solely automated decision is named."""
    automated = project("us-carrier-eea", **{"purposes.automated_decisions": True})
    assert "GDPR Article 22(2)(a)" in sentences(policy_text(automated))
    consent = project(
        "us-carrier-eea",
        **{"purposes.automated_decisions": True, "purposes.automated_decisions_ground": "explicit_consent"},
    )
    assert "only with your explicit consent" in sentences(policy_text(consent))


# --- text quality ----------------------------------------------------------------------------------


def test_headings_name_only_regions_served():
    text = policy_text("us-carrier-eea")
    assert "## Information for people in the EEA\n" in text
    assert "the UK and Switzerland" not in text


def test_group_list_leaves_out_the_company_itself():
    text = sentences(policy_text("us-carrier-eea"))
    assert "The other company in our group that may receive personal information from us is Northwind Networks" in text
    assert "are Northwind Voice Communications, Inc. and" not in text


def test_us_policies_use_us_spelling_and_eu_policies_uk_spelling():
    us, eu = policy_text("us-carrier-eea"), policy_text("eu-voip-operator")
    assert "authorized" in us
    assert "authorised" not in us
    assert "authorised" in eu


def test_no_absolute_promise_on_interception():
    text = sentences(policy_text("us-carrier-eea"))
    assert "Only our own authorised staff can switch on an interception" not in text
    assert "No agency has open access" not in text


def test_each_topic_is_described_once():
    """Traffic-data rules, credit checks, 911 location and toll records: one full description each."""
    for preset in ALL_PRESETS:
        assert "TEXT-REPEATED-TOPIC" not in codes(preset), preset


def test_cpni_breach_text_follows_the_dated_regime(monkeypatch):
    """When the Federal Register gives the FCC 23-111 amendment a date, a policy effective after it states
    the amended rule (CPNI and other customer information, FCC notified, customers within 30 days)."""
    import datetime as dt

    from telepolicy.generator.rules import facts

    monkeypatch.setattr(
        facts, "CPNI_BREACH_RULES", (("original", dt.date(2007, 12, 8)), ("amended", dt.date(2026, 6, 1)))
    )
    after = sentences(policy_text(project("us-carrier-eea", **{"policy.effective_date": dt.date(2026, 9, 1)})))
    assert "we report the breach to the Federal Communications Commission, the US Secret Service and the FBI" in after
    assert "no later than 30 days after we find the breach" in after
    before = sentences(
        policy_text(
            project(
                "us-carrier-eea",
                **{"policy.effective_date": dt.date(2026, 5, 1), "policy.last_updated": dt.date(2026, 5, 1)},
            )
        )
    )
    assert "We then wait seven full business days before we tell you" in before
