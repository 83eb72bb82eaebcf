"""The FCC CPNI annual compliance certification (47 CFR 64.2009(e)) built from a project's answers."""

from __future__ import annotations

import datetime as dt

import pytest

from telepolicy.generator.documents.build import document_markdown
from telepolicy.generator.documents.registry import DOCUMENTS_BY_ID
from telepolicy.generator.project.presets import list_presets, load_preset
from telepolicy.generator.rules.facts import derive_facts

from .conftest import build, clause_ids, complete_filing, errors

CERTIFICATION = "cpni-certification"
US_CARRIERS = [p.name for p in list_presets() if derive_facts(load_preset(p.name).answers)["cpni_applies"]]

# Each rule of 47 CFR 64.2001-64.2011 the statement must address, and the paragraph that does.
ALWAYS = {
    "64.2001": "cpni-certification.statement.scope",
    "64.2005": "cpni-certification.statement.uses",
    "64.2009(a)": "cpni-certification.statement.approval_status",
    "64.2009(b)": "cpni-certification.statement.training",
    "64.2009(c)": "cpni-certification.statement.records",
    "64.2009(d)": "cpni-certification.statement.supervisory",
    "64.2010(a)": "cpni-certification.statement.pretexting",
    "64.2010(b)": "cpni-certification.statement.authentication",
    "64.2010(f)": "cpni-certification.statement.account_changes",
    "64.2011": "cpni-certification.statement.breach",
}
BY_MODEL = {
    "none": {"64.2007": "cpni-certification.statement.approval_none"},
    "opt_out": {
        "64.2007": "cpni-certification.statement.approval_opt_out",
        "64.2009(f)": "cpni-certification.statement.opt_out_failure",
    },
    "opt_in": {"64.2007": "cpni-certification.statement.approval_opt_in"},
}
MODEL_CLAUSES = {clause for rules in BY_MODEL.values() for clause in rules.values()}


def test_every_us_carrier_preset_gets_a_complete_certification():
    assert len(US_CARRIERS) >= 3
    for name in US_CARRIERS:
        project = load_preset(name)
        assert DOCUMENTS_BY_ID[CERTIFICATION].applies(project.answers)
        result = build(project, CERTIFICATION)
        expected = {**ALWAYS, **BY_MODEL[project.answers["cpni.approval"]]}
        ids = clause_ids(result)
        text = result.text()
        for rule, clause in expected.items():
            assert clause in ids, f"{name}: no paragraph for 47 CFR {rule}"
            assert rule in text, f"{name}: the statement does not cite 47 CFR {rule}"
        assert errors(result) == [], name


@pytest.mark.parametrize("model", ["none", "opt_out", "opt_in"])
def test_each_approval_model_gets_its_own_paragraphs_and_no_others(model):
    project = complete_filing(load_preset("us-local-carrier"))
    project.answers["cpni.approval"] = model
    result = build(project, CERTIFICATION)
    ids = clause_ids(result)
    wanted = set(BY_MODEL[model].values())
    assert wanted <= ids
    assert not (MODEL_CLAUSES - wanted) & ids
    assert set(ALWAYS.values()) <= ids
    assert errors(result) == []
    text = result.text()
    if model == "none":
        assert "does not use CPNI for marketing" in text
        assert "opt-out" not in text
    if model == "opt_out":
        assert "within five business days" in text
        assert "at least 30 days" in text
        assert "every two years" in text
    if model == "opt_in":
        assert "affirmative, express consent" in text
        assert "within five business days" not in text


def test_missing_filing_details_are_errors_and_print_as_blanks():
    project = load_preset("us-local-carrier")
    for key in ("frn", "filer_499_id", "officer_name", "officer_title"):
        project.answers[f"cpni_certification.{key}"] = ""
    project.answers["cpni_certification.year"] = 0
    result = build(project, CERTIFICATION)
    keys = {f.key for f in result.findings if f.severity == "error"}
    assert {
        "cpni_certification.frn",
        "cpni_certification.filer_499_id",
        "cpni_certification.officer_name",
        "cpni_certification.officer_title",
        "cpni_certification.year",
    } <= keys
    assert "| FCC Registration Number (FRN) | (to be completed before filing) |" in result.text()


def test_a_procedure_the_officer_cannot_confirm_leaves_its_paragraph_out_and_is_an_error():
    project = complete_filing(load_preset("us-carrier-eea"))
    project.answers["cpni_certification.procedures"].remove("supervisory_review")
    result = build(project, CERTIFICATION)
    assert "cpni-certification.statement.supervisory" not in clause_ids(result)
    assert any("fcc.2009d.supervisory" in line for line in errors(result))
    assert "Supervisory review" not in result.text()


def test_reports_need_their_narratives_when_there_is_something_to_report():
    project = complete_filing(load_preset("us-local-carrier"))
    project.answers["cpni_certification.data_broker_actions"] = 2
    project.answers["cpni_certification.complaints_online_access"] = 3
    result = build(project, CERTIFICATION)
    keys = {f.key for f in result.findings if f.severity == "error"}
    assert {"cpni_certification.data_broker_narrative", "cpni_certification.complaints_summary"} <= keys

    project.answers["cpni_certification.data_broker_narrative"] = "Petition vs *Acme Data* <Brokers> & Co"
    project.answers["cpni_certification.complaints_summary"] = "Three accounts; passwords reset."
    result = build(project, CERTIFICATION)
    assert errors(result) == []
    markdown = document_markdown(result.rendered)
    assert "took 2 action(s) against data brokers" in markdown
    assert "| Total | 3 |" in markdown
    assert "received 3 customer complaint(s)" in markdown
    assert r"Petition vs \*Acme Data\* &lt;Brokers> & Co" in markdown


def test_no_reports_say_none_for_the_year():
    result = build(complete_filing(load_preset("us-local-carrier")), CERTIFICATION)
    text = result.text()
    assert "In 2026, the company took no action against data brokers." in text
    assert "The company received no such complaint in 2026." in text


def test_sim_swap_paragraph_only_for_wireless_and_marked_unconfirmed():
    project = complete_filing(load_preset("us-local-carrier"))
    assert "cpni-certification.statement.sim" not in clause_ids(build(project, CERTIFICATION))
    project.answers["services.offered"] = [*project.answers["services.offered"], "mobile"]
    result = build(project, CERTIFICATION)
    assert "cpni-certification.statement.sim" in clause_ids(result)
    assert result.plan.library.clauses["cpni-certification.statement.sim"].unconfirmed


def test_no_certification_without_us_voice_and_the_reason_says_why():
    project = load_preset("eu-voip-operator")
    document = DOCUMENTS_BY_ID[CERTIFICATION]
    assert not document.applies(project.answers)
    (reason,) = document.reasons_not(project.answers)
    assert "serves no one in the US" in reason


def test_implausible_filing_details_are_flagged():
    project = complete_filing(load_preset("us-local-carrier"))
    project.answers["cpni_certification.year"] = dt.date.today().year
    project.answers["cpni_certification.filer_499_id"] = "81234"
    project.answers["cpni_certification.frn"] = "12345"
    found = {(f.severity, f.key) for f in build(project, CERTIFICATION).findings}
    assert ("warning", "cpni_certification.year") in found
    assert ("warning", "cpni_certification.filer_499_id") in found
    assert ("error", "cpni_certification.frn") in found
