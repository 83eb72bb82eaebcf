"""Each coherence rule fails on a project that shows its contradiction, and is silent once it is fixed.

Consistency rules read the answers (generator/checks/consistency.py); text rules read the
rendered policy (generator/checks/text_rules.py), so they also catch a user's own wording.
"""

from __future__ import annotations

import pytest

from telepolicy.generator import ClauseEdit, CustomClause
from tests.legal.policy_text import findings, policy_text, project, sentences


def severities(source, code):
    return [f.severity for f in findings(source, code)]


# --- consistency rules over the answers ----------------------------------------------------------


@pytest.mark.parametrize("handling", ["none", "transit"])
def test_voicemail_with_content_not_kept_is_an_error(handling):
    wrong = project("us-carrier-eea", **{"services.content_handling": handling})
    assert severities(wrong, "CONTENT-HANDLING-VS-SERVICES") == ["error"]
    assert severities("us-carrier-eea", "CONTENT-HANDLING-VS-SERVICES") == []


def test_voicemail_with_content_not_collected_is_an_error():
    wrong = project("us-carrier-eea", **{"data.content.collected": False})
    assert severities(wrong, "CONTENT-HANDLING-VS-SERVICES") == ["error"]


def test_voicemail_without_a_retention_period_is_reported_and_the_sentence_left_out():
    missing = project("us-carrier-eea", **{"retention.voicemail": ""})
    assert severities(missing, "VOICEMAIL-RETENTION-MISSING") == ["warning"]
    text = sentences(policy_text(missing))
    assert "We delete each message" not in text
    assert "voicemail messages:" not in text


def test_a_collected_category_without_retention_is_an_error_never_a_default():
    missing = project("us-carrier-eea", **{"data.device.retention": ""})
    assert [f.key for f in findings(missing, "RETENTION-MISSING")] == ["data.device.retention"]


def test_unreadable_retention_is_reported():
    odd = project("us-carrier-eea", **{"data.support.retention": "until we feel like it"})
    assert severities(odd, "RETENTION-UNREADABLE") == ["warning"]


def test_traffic_kept_less_than_toll_records_is_reported_and_the_table_says_both():
    short = project("us-carrier-eea", **{"data.traffic.retention": "6 months"})
    assert severities(short, "RETENTION-TOLL-SHORT") == ["info"]
    assert "| Traffic data | 6 months; toll call billing records: 18 months;" in sentences(policy_text(short))
    assert severities("us-carrier-eea", "RETENTION-TOLL-SHORT") == []


def test_ads_on_other_sites_without_a_tool_are_reported():
    wrong = project("global-cpaas-bcr", **{"cookies.advertising_tools": []})
    assert severities(wrong, "ADS-WITHOUT-TOOL") == ["warning"]


def test_ads_on_other_sites_need_an_opt_out_link():
    """Retargeting is sharing (1798.140(ah)): without a 'Do Not Sell or Share' link it is an error."""
    wrong = project("global-cpaas-bcr", **{"cookies.opt_out_url": ""})
    assert severities(wrong, "SALE-NO-OPT-OUT") == ["error"]


def test_uk_or_swiss_mechanism_without_those_users_is_reported():
    wrong = project("us-carrier-eea", **{"transfers.mechanisms": ["dpf", "scc", "uk_idta"]})
    assert severities(wrong, "XFER-MECHANISM-REGION") == ["warning"]


def test_cpni_opt_out_needs_a_web_page_or_phone_line():
    wrong = project("us-carrier-eea", **{"cpni.choice_url": "", "cpni.choice_phone": ""})
    assert severities(wrong, "CPNI-OPT-OUT-CHANNEL") == ["error"]


def test_selling_data_of_known_under_16s_without_opt_in_is_an_error():
    selling = {"cookies.advertising_tools": ["AdNet"], "cookies.opt_out_url": "https://example.com/opt-out"}
    assert severities(project("us-carrier-eea", **selling), "SALE-UNDER-16") == ["error"]
    opted_in = project("us-carrier-eea", **selling, **{"children.under_16_opt_in": True})
    assert severities(opted_in, "SALE-UNDER-16") == []
    assert "only if they have opted in" in sentences(policy_text(opted_in))


# --- text rules over the rendered policy ---------------------------------------------------------


def _custom(preset: str, text: str, section: str = "sharing"):
    edited = project(preset)
    edited.custom_clauses.append(CustomClause(id="custom.x", section=section, title="Our promise", text=text))
    return edited


def test_no_sale_statement_beside_retargeting_is_an_error():
    wrong = _custom("global-cpaas-bcr", "We do not sell or share your personal information with anyone.")
    assert severities(wrong, "TEXT-NO-SALE-BUT-ADS") == ["error"]


def test_silence_as_approval_beside_marketing_consent_is_an_error():
    wrong = project("us-carrier-eea")
    wrong.clause_edits["cpni.approval.opt_out"] = ClauseEdit(
        text="We send a notice. If you have not said no in 30 days, we treat this as your approval. "
        "Opting out is free, 24 hours a day."
    )
    assert severities(wrong, "TEXT-SILENCE-VS-CONSENT") == ["error"]


def test_we_do_not_keep_content_beside_voicemail_is_an_error():
    wrong = _custom("us-carrier-eea", "We do not keep content of your calls.", section="communications")
    assert severities(wrong, "TEXT-NO-CONTENT-BUT-VOICEMAIL") == ["error"]


def test_we_do_not_monitor_beside_ai_features_is_an_error():
    wrong = _custom("global-cpaas-bcr", "We never monitor your calls.", section="communications")
    assert severities(wrong, "TEXT-NO-MONITORING-BUT-ANALYSIS") == ["error"]


def test_no_sensitive_information_beside_sensitive_lists_is_an_error():
    wrong = _custom("us-carrier-eea", "We do not ask for sensitive information.", section="data_we_collect")
    assert severities(wrong, "TEXT-NO-SENSITIVE-BUT-LISTED") == ["error"]


def test_one_month_notice_to_everyone_is_an_error_without_14_5_b():
    wrong = project("us-carrier-eea")
    wrong.clause_edits["sources.other"] = ClauseEdit(
        text="Other telephone and network operators send us traffic data. We tell you within one month at the latest."
    )
    assert severities(wrong, "TEXT-ART14-ONE-MONTH") == ["error"]


def test_risk_threshold_for_an_eu_communications_provider_is_an_error():
    wrong = _custom(
        "eu-voip-operator", "We report a breach unless the breach is unlikely to put anyone at risk.", "security"
    )
    assert severities(wrong, "TEXT-ECS-BREACH-THRESHOLD") == ["error"]


def test_store_without_stores_is_an_error():
    wrong = _custom("us-carrier-eea", "Show your ID in a store.", section="cpni")
    assert severities(wrong, "TEXT-STORE-WITHOUT-STORES") == ["error"]
    assert severities(project("us-local-carrier"), "TEXT-STORE-WITHOUT-STORES") == []


def test_heading_naming_a_region_not_served_is_an_error():
    wrong = project("us-carrier-eea")
    wrong.custom_clauses.append(
        CustomClause(id="custom.uk", section="rights", title="Extra rights in the UK", text="You have rights.")
    )
    assert severities(wrong, "TEXT-REGION-NOT-SERVED") == ["error"]


def test_empty_value_in_a_sentence_is_an_error():
    wrong = _custom("us-carrier-eea", "Write to us at {{ dpo.name | default('') }}.", section="contact")
    wrong.answers["dpo.name"] = ""
    assert severities(wrong, "TEXT-EMPTY-VALUE") == ["error"]


def test_a_topic_described_twice_is_reported():
    twice = _custom(
        "us-carrier-eea",
        "We may also tell your legal guardian or close family where you are in an emergency.",
        section="emergencies_and_government",
    )
    assert severities(twice, "TEXT-REPEATED-TOPIC") == ["warning"]


def test_heading_naming_the_uk_without_uk_users_is_an_error():
    """'Your rights under European and UK law' in an EEA-only policy named a region not served."""
    wrong = project("us-carrier-eea")
    wrong.custom_clauses.append(
        CustomClause(id="custom.eu", section="rights", title="Rights under European and UK law", text="Rights.")
    )
    assert severities(wrong, "TEXT-REGION-NOT-SERVED") == ["error"]


def test_a_project_file_without_a_retention_answer_gets_a_finding_not_a_default(tmp_path):
    """GDPR Art 13(2)(a): no silent 'while your account is open' for a category the file leaves open."""
    from telepolicy.generator import load_project
    from telepolicy.generator.project.presets import presets_path

    text = (presets_path() / "us-carrier-eea.toml").read_text(encoding="utf-8")
    lines, section = [], ""
    for line in text.splitlines(keepends=True):
        section = line.strip() if line.startswith("[") else section
        if not (section == "[data.device]" and line.startswith("retention")):
            lines.append(line)
    without = "".join(lines)
    assert len(without) < len(text)
    path = tmp_path / "no-retention.toml"
    path.write_text(without, encoding="utf-8")
    loaded = load_project(path)
    assert [f.key for f in findings(loaded, "RETENTION-MISSING")] == ["data.device.retention"]
    assert "| Device, log and website usage data |" not in policy_text(loaded)


def test_an_institution_without_its_article_is_reported():
    """'The lead authority that approved them is Data Protection Commission (Ireland)' read badly."""
    wrong = _custom("global-cpaas-bcr", "The lead authority is Data Protection Commission (Ireland).", "transfers")
    assert severities(wrong, "TEXT-MISSING-ARTICLE") == ["warning"]
    assert "They were approved by our lead authority: Data Protection Commission (Ireland)." in sentences(
        policy_text("global-cpaas-bcr")
    )
