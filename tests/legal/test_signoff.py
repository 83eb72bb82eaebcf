"""Sign-off reading of every preset, as counsel would before the operator publishes: statements that
must be present or absent because of the operator's own facts.

Each test names the defect found in the generated text and checks it for every preset (or for an
operator profile derived from a preset by changing the one answer the defect depends on)."""

from __future__ import annotations

import re

import pytest

from telepolicy.generator import list_presets
from tests.legal.support import codes, policy, project

PRESETS = tuple(preset.name for preset in list_presets())


def location_section(text: str) -> str:
    start = text.index("### Location data")
    return text[start : text.index("###", start + 3)]


# --- Location: a landline is not internet calling, and an address is an exact place -----------------


def test_landline_operator_does_not_describe_internet_calling():
    """A wireline (non-VoIP) carrier's location clause speaks of the installed line only."""
    text = policy(project("us-local-carrier"))
    assert "For internet calling" not in text
    assert "For a fixed line, it is the address where the line is installed. This is an exact address." in text


def test_interconnected_voip_operator_describes_the_ip_address_and_registered_address():
    text = location_section(policy(project("us-carrier-eea")))
    assert "For internet calling, it is the IP address you connect from and the address you registered" in text


def test_same_landline_with_voip_describes_internet_calling():
    text = location_section(policy(project("us-local-carrier", services__interconnected_voip=True)))
    assert "For internet calling" in text


@pytest.mark.parametrize("preset", PRESETS)
def test_an_address_is_never_called_the_general_area(preset):
    """A fixed-line installation address or a registered 911 address is precise geolocation
    (Cal. Civ. Code 1798.140(ae)); the location clause must not say it is not the exact spot."""
    text = policy(project(preset))
    if "### Location data" not in text:
        return
    section = location_section(text)
    if "the address where the line is installed" in section or "the address you registered" in section:
        assert "not your exact spot" not in section
        assert "exact" in section


def test_one_credit_agency_takes_a_singular_verb():
    """US and UK English alike: 'Equifax tells us', not 'Equifax tell us'."""
    text = policy(project("us-local-carrier"))
    assert "Equifax tells us about your credit history" in text
    assert "Equifax tell us" not in text


def test_value_added_location_services_are_not_claimed_as_offered():
    """No answer says the operator offers location-based extras; the ePrivacy Art. 9 consent
    statement must be conditional, not a claim that such services exist."""
    text = policy(project("us-carrier-eea"))
    assert "Some services use your location for more than carrying calls" not in text
    assert "If we offer a service that uses your location for more than carrying calls" in text


# --- Emergency calls carry location, so location data is collected ----------------------------------


@pytest.mark.parametrize("preset", PRESETS)
def test_location_sent_to_emergency_services_is_listed_and_kept_for_a_stated_period(preset):
    text = policy(project(preset))
    if "we send your phone number and location" not in text:
        return
    assert "- location data, such as" in text
    assert "| Location data |" in text


def test_emergency_calling_without_location_data_is_a_warning():
    item = project("eu-voip-operator", data__location__collected=False)
    assert "EMERGENCY-LOCATION-NOT-COLLECTED" in codes(item, "warning")
    assert "EMERGENCY-LOCATION-NOT-COLLECTED" not in codes(project("eu-voip-operator"))


# --- A role title in the name answer is not printed as a person's name ---------------------------------


@pytest.mark.parametrize("preset", PRESETS)
def test_dpo_sentence_does_not_repeat_the_title(preset):
    text = policy(project(preset))
    assert "Data Protection Officer (Data Protection Officer)" not in text
    assert "Data Protection Officer (Office of the Data Protection Officer)" not in text


def test_dpo_who_is_a_person_is_named():
    assert "We have appointed a Data Protection Officer (Priya Natarajan)." in policy(project("uk-fixed-voice"))


# --- US legal process words only where US users are served ----------------------------------------------


@pytest.mark.parametrize("preset", PRESETS)
def test_subpoena_appears_only_in_policies_for_us_users(preset):
    item = project(preset)
    text = policy(item)
    if {"us", "us_states"} & set(item.answers["audience.regions"]):
        assert "a subpoena, a court order or a search warrant" in text
    else:
        assert "subpoena" not in text


def test_storage_in_one_country_is_called_that_country():
    item = project("eu-voip-operator")
    item.answers["audience.regions"] = ["eea", "uk"]  # data of people in the UK leaves it: a transfers section
    text = policy(item)
    assert "We store personal information on servers in the Netherlands." in text
    assert "Our service providers handle it only in that country." in text
    assert "only in these countries" not in text


# --- Contact channels belong to the operator ----------------------------------------------------------


@pytest.mark.parametrize("preset", PRESETS)
def test_every_e_mail_address_in_the_policy_is_the_operators_or_an_outside_representatives(preset):
    """Three presets sent data-subject requests to another preset's company (a copied file)."""
    item = project(preset)
    text = policy(item)
    own = item.answers["company.privacy_email"].split("@")[1]
    outside = {
        item.answers[key].split("@")[1]
        for key in ("eu_representative.email", "uk_representative.email", "swiss_representative.email", "dpo.email")
        if item.answers.get(key)
    }
    for domain in set(re.findall(r"mailto:[^@)\s]+@([^)\s>]+)", text)):
        assert domain == own or domain in outside, domain


def test_a_request_address_on_another_companys_domain_is_a_warning():
    item = project("uk-fixed-voice", rights__request_email="privacy@poldervoip.example")
    assert "CONTACT-OTHER-DOMAIN" in codes(item, "warning")
    assert "CONTACT-OTHER-DOMAIN" not in codes(project("uk-fixed-voice"))


@pytest.mark.parametrize(
    ("preset", "citation"),
    [
        ("uk-fixed-voice", "(the UK GDPR, Article 14(5)(b))"),
        ("eu-voip-operator", "(the GDPR, Article 14(5)(b))"),
        ("global-cpaas-bcr", "(the GDPR and the UK GDPR, Article 14(5)(b))"),
    ],
)
def test_article_14_5_b_is_cited_from_the_law_that_applies(preset, citation):
    assert citation in policy(project(preset))


# --- UK-only operators: UK frameworks and bodies, no contradiction about where providers work ------------


def test_uk_only_policy_names_the_uk_extension_not_the_eu_framework_for_google():
    text = policy(project("uk-fixed-voice"))
    assert "Google LLC is certified under the UK Extension to the EU-U.S. Data Privacy Framework." in text
    assert "Where a company is certified under the UK Extension to the EU-U.S. Data Privacy Framework" in text
    assert "Google LLC is certified under the EU-U.S. Data Privacy Framework." not in text


@pytest.mark.parametrize("preset", PRESETS)
def test_providers_are_not_said_to_stay_in_the_storage_country_when_a_us_tool_is_used(preset):
    """Google's tools handle data in the US: the storage paragraph must name the US somewhere."""
    text = policy(project(preset))
    if "We use Google Analytics" in text:
        storage = text.split("### Where we store information")[1].split("###")[0]
        assert "United States" in storage


def test_us_tool_without_the_united_states_among_the_countries_is_a_warning():
    item = project("eu-mobile-mvno", transfers__provider_countries=[], transfers__mechanisms=[])
    assert "XFER-TOOL-COUNTRY" in codes(item, "warning")


def test_dispute_body_is_introduced_without_a_missing_article():
    text = policy(project("uk-fixed-voice"))
    assert (
        "you can take it to an independent body that resolves disputes out of court: [Communications Ombudsman]" in text
    )
    assert "take it to [Communications Ombudsman]" not in text


# --- Short styles: no garbled source list, no reference to a part the style leaves out ------------------


@pytest.mark.parametrize("preset", ["eu-voip-operator", "us-carrier-eea"])
def test_minimal_style_lists_sources_without_a_dangling_category(preset):
    text = policy(project(preset, policy__style="minimal"))
    assert "It comes from you and our network and systems; we also receive " in text
    assert "traffic data from other operators and number databases." in text
    assert "number databases (traffic data)" not in text


@pytest.mark.parametrize("style", ["full", "concise", "minimal"])
@pytest.mark.parametrize("preset", ["eu-voip-operator", "us-carrier-eea"])
def test_stored_content_says_itself_who_may_open_it(preset, style):
    text = policy(project(preset, policy__style=style))
    assert "Our staff open it only when you ask us to" in text
    assert '"Who may see or hear your calls and messages" says' not in text


def test_a_single_exact_address_takes_a_singular_verb():
    text = location_section(policy(project("eu-voip-operator")))
    assert "The address registered for emergency calls is exact; an IP address shows only the general area" in text


# --- Canada and Quebec ------------------------------------------------------------------------------------


def test_quebec_operator_names_the_quebec_private_sector_act_among_its_laws():
    text = policy(project("canada-quebec-operator"))
    assert (
        "for people in Quebec, Quebec's Act respecting the protection of personal information in the private sector"
        in text
    )


def test_quebec_network_location_matches_a_landline():
    """A fixed-line operator's network does not locate a 'cell or IP address' (it contradicted the
    location clause, which says the installed address is exact)."""
    text = policy(project("canada-quebec-operator"))
    assert "our network must know where your line is installed" in text
    assert "such as the cell or IP address it uses" not in text


# --- Mobile operator: identity checks said once, the summary names every country -----------------------


def test_mobile_operator_explains_identity_checks_once():
    text = policy(project("eu-mobile-mvno"))
    assert text.count("### Identity checks") == 1
    assert "### Identity checks and subscriber records" in text


def test_summary_names_the_countries_where_service_providers_handle_data():
    text = policy(project("eu-mobile-mvno"))
    assert "**Where it is kept:** Germany; our service providers also handle some of it in the United States." in text


def test_providers_in_the_storage_country_are_not_said_to_be_somewhere_else_too():
    """us-cpaas-sip stores in the US and its providers work in the US: no 'also ... in the United States'."""
    text = policy(project("us-cpaas-sip"))
    storage = "We store personal information on servers in the United States."
    assert f"{storage} Our service providers handle it only in that country." in text
    assert "Our service providers also handle some of it for us in the United States" not in text


@pytest.mark.parametrize("preset", PRESETS)
def test_breach_headings_name_only_the_countries_served(preset):
    item = project(preset)
    text = policy(item)
    regions = set(item.answers["audience.regions"])
    assert "Breach notices in North America" not in text
    assert ("### Breach notices in Canada" in text) == ("canada" in regions)
    if "### Breach notices in the United States" in text:
        assert {"us", "us_states", "california"} & regions


def test_precise_location_is_explained_once():
    """us-cpaas-sip said it twice, with two different lists of uses."""
    text = policy(project("us-cpaas-sip"))
    assert text.count("Precise location is sensitive") == 1
    assert "### Precise location" not in text
    assert "We treat precise location as sensitive" not in text
    assert "Under the CCPA, precise location is sensitive personal information." in text


@pytest.mark.parametrize("preset", PRESETS)
def test_us_word_robocalls_only_with_the_us_robocall_rules(preset):
    """'Robocalls' is US regulatory vocabulary; the purpose list uses words every reader knows."""
    parts = policy(project(preset)).split("### Fighting robocalls and fake caller ID")
    rest = parts[0] + (parts[1].split("###", 1)[1] if len(parts) > 1 else "")
    assert "robocall" not in rest.lower()


def test_eea_age_paragraph_adds_the_article_8_point_instead_of_repeating_the_age():
    text = policy(project("eu-mobile-mvno"))  # minimum age 16, consent in the EEA: GDPR Art. 8 applies
    assert "the same minimum age of 16 applies" not in text
    assert "It is at or above the age at which Article 8 of the GDPR, in every EEA country" in text


def test_canadian_policy_does_not_speak_of_gdpr_legal_bases_for_consent():
    text = policy(project("canada-quebec-operator"))
    assert "It also does not affect uses that the law allows without your consent." in text
    assert "rely on another legal basis" not in text


@pytest.mark.parametrize("style", ["full", "concise"])
def test_the_privacy_officer_is_called_by_the_operators_title_in_every_style(style):
    """dpo.title reached only the minimal notice; the contact, Canadian, Brazilian and Ukrainian clauses said DPO."""
    quebec = policy(project("canada-quebec-operator", policy__style=style))
    assert "Our person in charge of the protection of personal information is accountable" in quebec
    assert "for the attention of the person in charge of the protection of personal information" in quebec
    assert "also our person in charge" not in quebec  # the title already says so
    eu = policy(project("eu-voip-operator", policy__style=style, dpo__title="Chief Privacy Officer"))
    assert "We have appointed a Data Protection Officer, who is our Chief Privacy Officer." in eu
    assert "You can write to our Chief Privacy Officer at" in eu
    item = project("non-eu-cloud-comms", policy__style=style, dpo__title="Chief Privacy Officer")
    item.answers["audience.regions"] = ["ukraine", "eea", "brazil"]
    text = policy(item)
    assert 'Our Chief Privacy Officer is our data protection officer, called the "encarregado"' in text
    assert "our Chief Privacy Officer is responsible for organising the protection of personal data" in text
    brazil = project("non-eu-cloud-comms", policy__style=style, dpo__title="encarregado")
    brazil.answers["audience.regions"] = ["ukraine", "eea", "brazil"]
    assert "In Brazil, this person is our data protection officer" not in policy(brazil)
