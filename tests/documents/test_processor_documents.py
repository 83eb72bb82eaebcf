"""Processor documents: sub-processor list, Annex II measures and the end-user notice."""

from __future__ import annotations

import pytest

from telepolicy.generator.documents.build import document_html, document_markdown
from telepolicy.generator.documents.registry import DOCUMENTS_BY_ID
from telepolicy.generator.project.presets import list_presets, load_preset
from telepolicy.generator.project.schema import SECURITY_MEASURES
from telepolicy.generator.rules.facts import derive_facts

from .conftest import build, clause_ids, errors

PROCESSOR_DOCUMENTS = ("subprocessors", "dpa-annex", "processor-notice")
CPAAS = [
    p.name
    for p in list_presets()
    if derive_facts(load_preset(p.name).answers)["processor"]
    and load_preset(p.name).answers["audience.end_users_of_customers"]
]


def findings_of(project, document_id="subprocessors"):
    return [(f.severity, f.code, f.key, f.message) for f in build(project, document_id).findings]


def test_every_cpaas_preset_renders_the_three_processor_documents_without_errors():
    assert len(CPAAS) >= 2
    for name in CPAAS:
        project = load_preset(name)
        for document_id in PROCESSOR_DOCUMENTS:
            assert DOCUMENTS_BY_ID[document_id].applies(project.answers), (name, document_id)
            result = build(project, document_id)
            assert errors(result) == [], (name, document_id)
            markdown = document_markdown(result.rendered)
            assert markdown.startswith(f"# {DOCUMENTS_BY_ID[document_id].title}\n")
            assert "## 1. " in markdown
            assert "<h1>" in document_html(result.rendered)


def test_the_list_shows_every_sub_processor_with_its_safeguard_and_date():
    project = load_preset("global-cpaas-bcr")
    markdown = document_markdown(build(project, "subprocessors").rendered)
    for entry in project.answers["roles.subprocessors"]:
        name, service, location, _ = (part.strip() for part in entry.split("|"))
        assert f"| {name} | {service} | {location} |" in markdown.replace("\\", "")
    assert "Binding Corporate Rules" in markdown
    assert "**Last updated:** 15 September 2026" in markdown
    assert "at least 30 days before the new sub-processor starts" in markdown


def test_a_sub_processor_the_policy_does_not_cover_is_an_error():
    project = load_preset("us-cpaas-sip")
    project.answers["roles.subprocessors"].append("Tallis Analytics Pvt Ltd | call analytics | India | scc")
    found = findings_of(project)
    assert ("error", "DOC-POLICY-MISMATCH", "transfers.storage_countries") in {f[:3] for f in found}

    project = load_preset("us-cpaas-sip")
    project.answers["roles.subprocessors"].append("Tallis Ltd | support | United States | bcr")
    assert ("error", "DOC-POLICY-MISMATCH", "transfers.mechanisms") in {f[:3] for f in findings_of(project)}

    project = load_preset("us-cpaas-sip")
    project.answers["sharing.recipients"].remove("service_providers")
    found = findings_of(project)
    assert sum(1 for f in found if f[:3] == ("error", "DOC-POLICY-MISMATCH", "sharing.recipients")) == 3


def test_a_group_company_the_policy_names_but_the_list_does_not_is_flagged():
    project = load_preset("global-cpaas-bcr")
    project.answers["roles.subprocessors"] = [
        e for e in project.answers["roles.subprocessors"] if not e.startswith("Meridian Cloud Communications Pte.")
    ]
    found = findings_of(project)
    assert any(f[1] == "DOC-POLICY-MISMATCH" and "Pte. Ltd." in f[3] for f in found)


def test_a_sub_processor_outside_the_eea_needs_a_safeguard():
    project = load_preset("global-cpaas-bcr")
    project.answers["roles.subprocessors"].append("Caseway Software, Inc. | ticket search | United States | none")
    assert any("has no transfer safeguard" in f[3] for f in findings_of(project) if f[0] == "error")


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("Only A Name", "has 1 part(s)"),
        ("Name | | Ireland | none", "leaves the service empty"),
        ("Name | hosting | Ireland | privacy shield", "transfer mechanism 'privacy shield' is unknown"),
    ],
)
def test_a_malformed_line_is_an_error_naming_the_line_and_the_fix(line, fragment):
    project = load_preset("us-cpaas-sip")
    project.answers["roles.subprocessors"].append(line)
    messages = [f[3] for f in findings_of(project) if f[1] == "DOC-BAD-ANSWER"]
    assert len(messages) == 1
    assert fragment in messages[0]
    assert line.split("|")[0].strip() in messages[0]


def test_an_empty_list_is_an_error_because_the_policy_mentions_sub_processors():
    project = load_preset("us-cpaas-sip")
    project.answers["roles.subprocessors"] = []
    assert ("error", "DOC-EMPTY-ANSWER", "roles.subprocessors") in {f[:3] for f in findings_of(project)}
    assert "We use no sub-processors at present." in build(project, "subprocessors").text()


def test_annex_follows_the_answers_and_names_what_is_left_to_write_by_hand():
    project = load_preset("us-cpaas-sip")
    result = build(project, "dpa-annex")
    ids = clause_ids(result)
    assert "dpa-annex.measures.certification" in ids  # soc2
    assert "dpa-annex.measures.encryption" in ids
    project.answers["security.measures"] = ["access_control"]
    result = build(project, "dpa-annex")
    ids = clause_ids(result)
    assert "dpa-annex.measures.access" in ids
    assert not {"dpa-annex.measures.encryption", "dpa-annex.measures.certification", "dpa-annex.measures.testing"} & ids
    assert "SOC 2" not in result.text()
    assert any(f.code == "DOC-ANNEX-BY-HAND" and "physical security" in f.message for f in result.findings)


def test_end_user_notice_sends_requests_to_the_business_and_lists_our_own_purposes():
    project = load_preset("global-cpaas-bcr")
    text = build(project, "processor-notice").text()
    assert "please contact the business you deal with" in text
    assert project.answers["company.privacy_email"].replace(".", "\\.") in text or "privacy" in text
    hybrid = derive_facts(project.answers)["hybrid_roles"]
    assert ("processor-notice.own_purposes.list" in clause_ids(build(project, "processor-notice"))) == hybrid


def test_processor_documents_do_not_apply_to_a_controller_only_operator():
    project = load_preset("us-local-carrier")
    for document_id in PROCESSOR_DOCUMENTS:
        document = DOCUMENTS_BY_ID[document_id]
        assert not document.applies(project.answers)
        assert any("processor" in reason for reason in document.reasons_not(project.answers))


def test_none_needed_is_explained_only_when_a_sub_processor_has_it():
    with_eea = build(load_preset("global-cpaas-bcr"), "subprocessors").text()
    assert '"None needed" means' in with_eea
    without = build(load_preset("us-cpaas-sip"), "subprocessors").text()
    assert "None needed" not in without


@pytest.mark.parametrize("measure", SECURITY_MEASURES)
def test_every_security_answer_reaches_annex_ii(measure):
    project = load_preset("us-cpaas-sip")
    project.answers["security.measures"] = [measure]
    project.answers["policy.language"] = "en-GB"  # the wording as terms.toml spells it
    result = build(project, "dpa-annex")
    wording = result.plan.library.terms["security_measures"][measure]
    assert wording in result.text().replace("\\", "")
    assert errors(result) == []
