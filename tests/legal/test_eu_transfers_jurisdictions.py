"""Establishment, representatives, transfers, emergency calls and other jurisdictions (issue 10, part A).

Each test builds the operator profile that showed a defect and states, in a lawyer's terms,
what the generated policy and the checker must say for it.
"""

from __future__ import annotations

from telepolicy.generator import plan_for
from telepolicy.generator.checks.requirements import load_rules, trace
from telepolicy.generator.library.loader import load_library
from tests.legal.support import codes, finding, policy, project

US_REP = {
    "eu_representative__name": "EuroRep Privacy Services B.V.",
    "eu_representative__address": "Keizersgracht 100, 1015 CV Amsterdam, the Netherlands",
    "eu_representative__email": "northwind@eurorep.example",
}


# --- establishment and representatives ------------------------------------------------------


def test_an_eea_sales_office_means_no_art_27_representative():
    item = project("us-carrier-eea", company__established_in_eea=True, **US_REP)
    text = policy(item)
    assert "Our representative in the EU" not in text
    assert "Article 27" not in text
    assert finding(item, "EU-REP-NOT-NEEDED").severity == "warning"


def test_a_representative_creates_no_lead_supervisory_authority():
    item = project(
        "us-carrier-eea",
        company__established_in_eea=False,
        supervisory_authority__name="Autoriteit Persoonsgegevens",
        **US_REP,
    )
    text = policy(item)
    assert "Our representative in the EU" in text
    assert "lead supervisory authority" not in text
    assert finding(item, "LEAD-AUTHORITY-WITHOUT-MAIN-ESTABLISHMENT").severity == "warning"


def test_the_eea_controller_is_named_and_is_the_basis_of_the_lead_authority():
    text = policy(project("global-cpaas-bcr"))
    assert "our group company Meridian Cloud Communications Ireland Limited (Ireland) decides" in text
    assert "Our lead supervisory authority is [Data Protection Commission (Ireland)]" in text


def test_an_eu_representative_without_address_or_email_is_an_error():
    item = project(
        "us-carrier-eea",
        company__established_in_eea=False,
        eu_representative__name="EuroRep Privacy Services B.V.",
        eu_representative__address="",
        eu_representative__email="",
    )
    assert finding(item, "EU-REP-INCOMPLETE").severity == "error"


def test_swiss_representative_when_fadp_art_14_applies():
    required = {"swiss_representative__required": True}
    missing = project("global-cpaas-bcr", **required)
    assert finding(missing, "CH-REP-MISSING").severity == "error"
    named = project(
        "global-cpaas-bcr",
        swiss_representative__name="Helvetic Rep AG",
        swiss_representative__address="Bahnhofstrasse 1, 8001 Zurich",
        **required,
    )
    text = policy(named)
    assert "Our representative in Switzerland" in text
    assert "Helvetic Rep AG, Bahnhofstrasse 1, 8001 Zurich" in text
    assert "CH-REP-MISSING" not in codes(named)
    assert "Our representative in Switzerland" not in policy(project("global-cpaas-bcr"))


# --- transfers ----------------------------------------------------------------------------------


def test_direct_collection_by_a_controller_outside_the_eea_is_not_a_transfer():
    item = project("us-cpaas-sip", transfers__provider_countries=[])
    text = policy(item)
    assert "the GDPR does not treat this as an international transfer" in text
    assert "Transfers out of the EEA" not in text
    assert "### Standard Contractual Clauses" not in text
    assert finding(item, "XFER-DIRECT-COLLECTION").severity == "warning"


def test_the_2021_sccs_are_said_to_serve_importers_not_subject_to_the_gdpr():
    text = policy(project("us-carrier-eea"))
    assert "only with recipients whose handling of the information is not already subject to the GDPR" in text


def test_the_transfers_text_names_each_data_flow():
    item = project(
        "eu-voip-operator",
        transfers__provider_countries=["India"],
        transfers__group_countries=["United States"],
        transfers__mechanisms=["scc"],
    )
    text = policy(item)
    assert "Our service providers also handle some of it for us in India" in text
    assert "Our group companies in the United States receive some of it" in text
    assert "some of your information goes to India and the United States" in text
    assert "There is no adequacy decision for India." in text


def test_binding_corporate_rules_are_linked_and_their_enforcement_explained():
    text = policy(project("global-cpaas-bcr"))
    assert "You can read our Binding Corporate Rules at [https://www.meridiancloud.example/legal/" in text
    assert "you can complain to a data protection authority" in text
    assert "claim compensation" in text
    unlinked = project("global-cpaas-bcr", transfers__bcr_url="")
    assert finding(unlinked, "BCR-NO-LINK").severity == "error"


def test_uk_transfers_rely_on_bcrs_only_when_the_ico_approved_them():
    text = policy(project("global-cpaas-bcr"))
    assert "Our Binding Corporate Rules do not cover transfers from the UK" in text
    only_bcr = project("global-cpaas-bcr", transfers__mechanisms=["bcr", "adequacy", "scc", "swiss_scc"])
    assert finding(only_bcr, "BCR-NOT-UK-APPROVED").severity == "warning"
    approved = policy(project("global-cpaas-bcr", transfers__bcr_uk_approved=True))
    assert "do not cover transfers from the UK" not in approved


def test_uk_transfer_tools_come_with_a_transfer_risk_assessment():
    text = policy(project("global-cpaas-bcr"))
    assert "UK Addendum" in text
    assert "transfer risk assessment" in text
    assert "not materially lower than in the UK" in text


def test_the_dpf_uk_extension_and_swiss_framework_appear_only_for_those_users():
    eea_only = policy(project("us-carrier-eea"))
    assert "Data Privacy Framework (DPF)" in eea_only
    assert "UK Extension" not in eea_only
    assert "Swiss-U.S." not in eea_only
    with_uk = policy(project("us-carrier-eea", audience__regions=["us", "california", "us_states", "eea", "uk"]))
    assert "for information from the UK on its UK Extension" in with_uk


def test_a_dpf_certified_company_must_give_the_notice_items():
    rules = load_rules(load_library())
    assert {rules[f"dpf.notice.{k}"].severity for k in ("participation", "recourse", "arbitration")} == {"error"}
    certified = project("us-carrier-eea", transfers__dpf_certified=True)
    text = policy(certified)
    assert "takes part in the EU-U.S. Data Privacy Framework" in text
    assert "Federal Trade Commission" in text
    assert finding(certified, "DPF-NO-RECOURSE").severity == "error"
    assert finding(certified, "DPF-COMMON-CARRIER").severity == "warning"
    complete = project("us-carrier-eea", transfers__dpf_certified=True, transfers__dpf_recourse="BBB National Programs")
    assert "free of charge to our independent recourse mechanism, BBB National Programs" in policy(complete)
    assert "DPF-NO-RECOURSE" not in codes(complete)
    assert "DPF-COMMON-CARRIER" not in codes(project("us-carrier-eea"))


def _applies(item, requirement: str) -> bool:
    return requirement in {row.requirement for row in trace(plan_for(item))}


def test_cross_border_rules_fire_whenever_any_data_leaves_the_country():
    both = ["Canada", "Brazil", "Ukraine", "Switzerland", "United States"]
    regions = ["canada", "brazil", "ukraine", "switzerland"]
    item = project("global-cpaas-bcr", audience__regions=regions, transfers__storage_countries=both)
    for requirement in ("pipeda.xborder", "lgpd.33", "ua.29.transfer", "ch.19.4"):
        assert _applies(item, requirement), requirement
    home = project("eu-voip-operator", audience__regions=["canada"], transfers__storage_countries=["Canada"])
    assert not _applies(home, "pipeda.xborder")


def test_canada_adequacy_preview_and_checker_agree():
    item = project("eu-voip-operator", transfers__storage_countries=["Netherlands", "Canada"], transfers__mechanisms=[])
    text = policy(item)
    assert "The European Commission has decided that Canada protects personal information" in text
    assert "For Canada, the decision covers organisations subject to PIPEDA" in text
    assert "XFER-NO-MECHANISM" not in codes(item)
    unprotected = project("eu-voip-operator", transfers__storage_countries=["Singapore"], transfers__mechanisms=[])
    assert finding(unprotected, "XFER-NO-MECHANISM").severity == "error"


# --- emergency calls ------------------------------------------------------------------------


def test_a_us_voip_service_names_only_911():
    text = policy(project("us-carrier-eea"))
    assert "112" not in text
    assert "911 calls in the United States" in text


def test_a_landline_gets_no_internet_calling_limits():
    text = policy(project("us-local-carrier"))
    assert "Limits of 911 on internet calling" not in text
    assert "911 calls over the internet" not in text
    assert "registered address on your account" not in text
    assert "REQ-MISSING" not in codes(project("us-local-carrier"), "error")


def test_national_emergency_numbers_come_from_data():
    item = project("global-cpaas-bcr")
    text = policy(item)
    assert "in Brazil: 190, 192 or 193" in text
    assert "in the United Kingdom: 999 or 112" in text
    narrowed = policy(project("global-cpaas-bcr", services__emergency_regions=["us", "uk"]))
    assert "in Brazil:" not in narrowed
    assert "in the United Kingdom: 999 or 112" in narrowed


# --- other jurisdictions ----------------------------------------------------------------------


def test_lgpd_controller_states_its_responsibilities():
    text = policy(project("global-cpaas-bcr"))
    assert "As controller, we are responsible for:" in text
    assert "(controlador)" in text


def test_minnesota_profiling_rights():
    item = project("us-carrier-eea", purposes__automated_decisions=True)
    text = policy(item)
    assert "question the result of the profiling" in text
    assert "review the personal data we used in the profiling" in text
    assert "question the result of the profiling" not in policy(project("us-carrier-eea"))


def test_art_8_ages_are_stated_and_one_age_of_13_for_the_eea_is_a_warning():
    item = project("eu-voip-operator", children__minimum_age=13, children__eea_age="same")
    text = policy(item)
    assert "Article 8 of the GDPR" in text
    assert "14 in Austria, Bulgaria, Cyprus, Italy, Lithuania and Spain;" in text
    warning = finding(item, "CHILD-EEA-ONE-AGE")
    assert warning.severity == "warning"
    assert "16 in Croatia" in warning.message
    assert "CHILD-EEA-ONE-AGE" not in codes(project("eu-voip-operator"))


def test_brazil_wording_leaves_no_age_gap():
    text = policy(project("global-cpaas-bcr", children__minimum_age=13))
    assert "children (under 12) or of adolescents younger than 13" in text
    assert "Adolescents aged 13 to 17 may use our services" in text


def test_marco_civil_periods_follow_the_service_type():
    app_only = policy(project("global-cpaas-bcr"))
    assert "keep these logs for six months" in app_only
    assert "Connection records" not in app_only
    offered = ["voice", "cpaas_api", "fixed_access"]
    connection = policy(project("global-cpaas-bcr", services__offered=offered))
    assert "keep these records for one year" in connection
    assert "We do not record which websites or apps you use over the connection we provide" in connection


def test_casl_for_canadian_marketing():
    item = project("global-cpaas-bcr")
    assert "Canada's Anti-Spam Legislation (CASL)" in policy(item)


def test_large_scale_traffic_data_without_a_dpo_is_a_warning():
    item = project("eu-voip-operator", dpo__name="", dpo__email="")
    assert finding(item, "DPO-MISSING").severity == "warning"
    assert "DPO-MISSING" not in codes(project("eu-voip-operator"))


def test_data_returned_to_a_controller_under_art_3_2_is_flagged_for_the_scc_gap():
    returned = project("non-eu-cloud-comms")
    info = finding(returned, "XFER-SCC-IMPORTER-UNDER-GDPR")
    assert info.severity == "info"
    assert "recital 7" in info.citation
    assert "XFER-SCC-IMPORTER-UNDER-GDPR" not in codes(project("us-cpaas-sip"))
