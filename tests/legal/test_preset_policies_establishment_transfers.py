"""Whole-policy reading of each preset, as counsel would before publishing: who the controller is,
who represents it, where data goes and on what safeguard, which emergency numbers work, and no
finding from the jurisdiction rules that the operator still has to act on."""

from __future__ import annotations

import pytest

from telepolicy.generator import list_presets
from tests.legal.support import TODAY, check, policy, project

PRESETS = tuple(preset.name for preset in list_presets())
# Codes of generator/checks/jurisdiction_rules.py and the transfer answer rule.
PART_A_CODES = {
    "EU-REP-NOT-NEEDED",
    "EU-REP-INCOMPLETE",
    "UK-REP-INCOMPLETE",
    "CH-REP-INCOMPLETE",
    "CH-REP-MISSING",
    "LEAD-AUTHORITY-WITHOUT-MAIN-ESTABLISHMENT",
    "XFER-DIRECT-COLLECTION",
    "XFER-NO-MECHANISM",
    "XFER-SCC-IMPORTER-UNDER-GDPR",
    "XFER-UK-NO-SAFEGUARD",
    "BCR-NO-LINK",
    "BCR-NOT-UK-APPROVED",
    "DPF-NO-RECOURSE",
    "DPF-NOT-US",
    "DPF-COMMON-CARRIER",
    "CHILD-EEA-ONE-AGE",
    "DPO-MISSING",
    "EMERGENCY-REGION-NOT-SERVED",
}


@pytest.mark.parametrize("preset", PRESETS)
def test_no_error_and_no_jurisdiction_warning(preset):
    findings = check(project(preset), today=TODAY)
    assert [f.message for f in findings if f.severity == "error"] == []
    assert [f.message for f in findings if f.severity == "warning" and f.code in PART_A_CODES] == []


def test_us_carrier_with_an_irish_sales_office():
    text = policy(project("us-carrier-eea"))
    # Art. 3(1) establishment: no Art. 27 representative, and no lead authority without a main establishment.
    assert "representative in the EU" not in text
    assert "lead supervisory authority" not in text
    # Data given directly to the US controller is not a transfer; its US service providers are.
    assert "the GDPR does not treat this as an international transfer" in text
    assert "some of your information goes to the United States" in text
    assert "### Standard Contractual Clauses" in text
    # A US VoIP service: 911 only.
    assert "112" not in text
    assert "Limits of 911 on internet calling" in text


def test_eu_voip_operator():
    text = policy(project("eu-voip-operator"))
    assert "Our lead supervisory authority is [Autoriteit Persoonsgegevens]" in text
    assert "in the European Economic Area: 112" in text
    assert "Transfers out of the EEA" not in text
    assert "Our Data Protection Officer" in text
    assert "911" not in text


def test_global_cpaas_with_binding_corporate_rules():
    text = policy(project("global-cpaas-bcr"))
    assert "Meridian Cloud Communications Ireland Limited (Ireland) decides why and how" in text
    assert "There is no adequacy decision for Singapore." in text
    assert "the United Kingdom protects personal information" in text
    assert "You can read our Binding Corporate Rules at" in text
    assert "do not cover transfers from the UK" in text
    assert "As controller, we are responsible for:" in text
    assert "in Brazil: 190, 192 or 193" in text


def test_non_eu_cloud_comms_from_ukraine():
    text = policy(project("non-eu-cloud-comms"))
    assert "Our representative in the EU" in text
    assert "lead supervisory authority" not in text
    # Data kept for the Ukrainian controller in Germany and sent back to it is a transfer.
    assert "some of your information goes to Ukraine" in text
    assert "We store personal data in Ukraine and also outside Ukraine, in Germany." in text
    assert "### Emergency calls" not in text


def test_us_cpaas_sip():
    text = policy(project("us-cpaas-sip"))
    assert "Our representative in the EU" in text
    assert "lead supervisory authority" not in text
    assert "112" not in text


def test_us_local_landline_carrier():
    text = policy(project("us-local-carrier"))
    assert "Limits of 911 on internet calling" not in text
    assert "911 calls in the United States" in text
    assert "GDPR" not in text
