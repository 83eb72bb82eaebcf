"""The compliance checker: requirement coverage and trace, answer rules, text rules, and the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from telepolicy.generator import (
    ClauseEdit,
    ClauseLibraryError,
    CustomClause,
    Finding,
    Project,
    check,
    list_presets,
    load_library,
    load_preset,
    load_project,
    plan_for,
    save_project,
    trace,
)
from telepolicy.generator.checks.requirements import load_rules, read_rules
from telepolicy.generator.cli import main
from telepolicy.generator.targets import AnswerTarget, ClauseTarget, CustomClauseTarget

EXAMPLE = "us-carrier-eea"
PRESETS = [p.name for p in list_presets()]
JURISDICTIONS = ("gdpr.", "uk.", "ccpa.", "states.", "fcc.", "coppa.", "eprivacy.", "pipeda.", "lgpd.")


def example(**answers: object) -> Project:
    project = load_preset(EXAMPLE)
    project.answers.update(answers)
    return project


def found(project: Project, code: str, today: dt.date | None = None) -> list[Finding]:
    return [f for f in check(project, today=today) if f.code == code]


def clause_listing(project: Project, requirement: str) -> str:
    """The id of the planned clause that satisfies a requirement, read from the plan, not hard-coded."""
    plan = plan_for(project)
    return next(c.id for s in plan.sections for c in s.clauses if requirement in c.requirements)


# --- requirement rules and the trace ----------------------------------------------------------


def test_rules_load_and_cover_every_jurisdiction():
    rules = load_rules(load_library())
    for prefix in JURISDICTIONS:
        assert any(rid.startswith(prefix) for rid in rules), prefix


# Art 13(1)(e) is law; its "[best practice]" note is only about naming recipients rather than categories.
LAW_DESPITE_BEST_PRACTICE_NOTE = {"gdpr.13.1.e"}


def test_best_practice_requirements_are_never_errors():
    library = load_library()
    errors = [
        rid
        for rid, rule in load_rules(library).items()
        if rule.severity == "error" and "[best practice" in library.requirements[rid].citation
    ]
    assert set(errors) == LAW_DESPITE_BEST_PRACTICE_NOTE


def test_library_clauses_contain_the_phrases_their_requirements_need():
    """Otherwise any edit of the clause, even a typo fix, would look like it removed the requirement."""
    library = load_library()
    rules = load_rules(library)
    missing = [
        (rule.id, clause.id, group)
        for rule in rules.values()
        for clause in library.clauses.values()
        if rule.id in clause.requirements
        for group in rule.phrases
        if not any(phrase.casefold() in " ".join(clause.text.split()).casefold() for phrase in group)
    ]
    assert missing == []


def test_trace_lists_applicable_requirements_with_the_clauses_that_satisfy_them():
    project = example()
    rows = {row.requirement: row for row in trace(plan_for(project))}
    cpni = clause_listing(project, "fcc.2008.c3")
    assert any(clause == cpni for _, clause in rows["fcc.2008.c3"].satisfied_by)
    assert rows["gdpr.13.2.d"].citation.startswith("GDPR Art 13(2)(d)")
    assert "coppa.vpc" not in rows  # the service is not directed to children
    assert "pipeda.4.2" not in rows  # no Canadian users
    rows_without_eea = {row.requirement for row in trace(plan_for(example(**{"audience.regions": ["us"]})))}
    assert "gdpr.13.2.d" not in rows_without_eea


def test_requirement_not_covered_is_reported_with_its_citation_and_key():
    library = load_library()
    without = dataclasses.replace(
        library, clauses={cid: c for cid, c in library.clauses.items() if "gdpr.13.2.d" not in c.requirements}
    )
    [finding] = [f for f in check(example(), without) if f.requirement == "gdpr.13.2.d"]
    assert (finding.severity, finding.code) == ("error", "REQ-MISSING")
    assert finding.citation == library.requirements["gdpr.13.2.d"].citation
    assert finding.target == AnswerTarget("supervisory_authority.name")
    assert "complaint with a supervisory authority" in finding.message
    assert [f for f in check(example(), library) if f.requirement == "gdpr.13.2.d"] == []


def test_findings_are_sorted_by_severity_then_code():
    project = example(**{"transfers.mechanisms": [], "eu_representative.name": ""})
    project.clause_edits["cpni.approval.opt_out"] = ClauseEdit(text="We may use your data.", base_hash="0")
    findings = check(project)
    order = ["error", "warning", "info"]
    keys = [(order.index(f.severity), f.code) for f in findings]
    assert keys == sorted(keys)
    assert findings[0].severity == "error"


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_passes_the_check_with_no_error(name):
    errors = [f for f in check(load_preset(name)) if f.severity == "error"]
    assert errors == []


# --- clause edits ------------------------------------------------------------------------------


def test_edit_that_deletes_the_cpni_approval_text_names_the_requirement_it_breaks():
    project = example()
    clause_id = clause_listing(project, "fcc.2008.c3")
    project.clause_edits[clause_id] = ClauseEdit(text="We may use your data.")
    broken = {f.requirement: f for f in found(project, "EDIT-REMOVES-REQUIREMENT")}
    assert "fcc.2008.c3" in broken
    finding = broken["fcc.2008.c3"]
    assert finding.severity == "error"
    assert finding.target == ClauseTarget(clause_id)
    assert "64.2008(c)(3)" in finding.citation
    assert "fcc.2008.c3" in finding.message
    assert not [f for f in found(project, "REQ-MISSING") if f.requirement == "fcc.2008.c3"]


def test_edit_that_keeps_the_required_words_still_satisfies_the_requirement():
    project = example()
    clause_id = clause_listing(project, "fcc.2008.c3")
    library_text = load_library().clauses[clause_id].text
    project.clause_edits[clause_id] = ClauseEdit(text=library_text.replace("We then wait", "Then we wait"))
    assert found(project, "EDIT-REMOVES-REQUIREMENT") == []
    rows = {row.requirement: row for row in trace(plan_for(project))}
    assert (clause_id in {c for _, c in rows["fcc.2008.c3"].satisfied_by}) is True


def test_omitting_the_only_clause_for_a_requirement_is_an_edit_that_removes_it():
    project = example()
    clause_id = clause_listing(project, "fcc.2008.c3")
    project.clause_edits[clause_id] = ClauseEdit(omit=True)
    removed = [f for f in found(project, "EDIT-REMOVES-REQUIREMENT") if f.requirement == "fcc.2008.c3"]
    assert [f.target for f in removed] == [ClauseTarget(clause_id)]
    assert "leaves out" in removed[0].message


def test_stale_clause_edit():
    library = load_library()
    project = example()
    project.clause_edits["cpni.definition"] = ClauseEdit(text=library.clauses["cpni.definition"].text, base_hash="0")
    assert [f.target for f in found(project, "CLAUSE-STALE-EDIT")] == [ClauseTarget("cpni.definition")]
    project.clause_edits["cpni.definition"].base_hash = library.clauses["cpni.definition"].text_hash
    assert found(project, "CLAUSE-STALE-EDIT") == []


# --- answer rules ----------------------------------------------------------------------------


def test_transfer_without_mechanism():
    [finding] = found(example(**{"transfers.mechanisms": []}), "XFER-NO-MECHANISM")
    assert (finding.severity, finding.key) == ("error", "transfers.mechanisms")
    assert "United States" in finding.message
    assert found(example(**{"transfers.mechanisms": ["scc"]}), "XFER-NO-MECHANISM") == []
    # An EEA controller keeping data in the EEA makes no transfer (clause_library/countries.toml decides).
    eea_only = example(
        **{
            "transfers.mechanisms": [],
            "transfers.storage_countries": ["Ireland"],
            "transfers.provider_countries": [],
            "company.country": "Ireland",
        }
    )
    assert found(eea_only, "XFER-NO-MECHANISM") == []


def test_sale_without_opt_out_link():
    selling = {"cookies.advertising_tools": ["AdNet"], "children.minimum_age": 16}
    [finding] = found(example(**selling), "SALE-NO-OPT-OUT")
    assert (finding.severity, finding.key) == ("error", "cookies.opt_out_url")
    assert "1798.135" in finding.citation
    [other_states] = found(example(**selling, **{"audience.regions": ["us", "us_states"]}), "SALE-NO-OPT-OUT")
    assert "59.1-578" in other_states.citation
    linked = example(**selling, **{"cookies.opt_out_url": "https://example.com/do-not-sell"})
    assert found(linked, "SALE-NO-OPT-OUT") == []
    assert found(example(), "SALE-NO-OPT-OUT") == []


def test_sale_with_users_under_16():
    selling = {"cookies.advertising_tools": ["AdNet"], "cookies.opt_out_url": "https://example.com/opt-out"}
    [directed] = found(example(**selling, **{"children.directed_to_children": True}), "SALE-UNDER-16")
    assert (directed.severity, directed.key) == ("error", "children.minimum_age")
    # Selling or sharing the data of consumers known to be under 16 without opt-in is unlawful: an error.
    [allowed] = found(example(**selling, **{"children.minimum_age": 13}), "SALE-UNDER-16")
    assert allowed.severity == "error"
    opted_in = {"children.minimum_age": 13, "children.under_16_opt_in": True}
    assert found(example(**selling, **opted_in), "SALE-UNDER-16") == []
    assert found(example(**selling, **{"children.minimum_age": 16}), "SALE-UNDER-16") == []


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # Texting customers does not use CPNI: no approval needed (47 CFR 64.2005(a)).
        ({"cpni.approval": "none", "purposes.marketing_channels": ["sms"]}, 0),
        (
            {
                "cpni.approval": "none",
                "purposes.marketing_channels": ["email"],
                "roles.controller_purposes": ["cpni_marketing"],
            },
            1,
        ),
        ({"cpni.approval": "none", "purposes.marketing_channels": ["email"]}, 0),
        ({"cpni.approval": "opt_in", "purposes.marketing_channels": ["sms", "phone"]}, 0),
    ],
)
def test_cpni_marketing_without_approval_model(answers, expected):
    findings = found(example(**answers), "CPNI-NO-APPROVAL-MODEL")
    assert len(findings) == expected
    if findings:
        assert (findings[0].severity, findings[0].key) == ("error", "cpni.approval")
        assert "64.2007" in findings[0].citation


def test_representatives():
    # The example has an Irish sales office; without it the company needs an EU representative.
    not_established = {"company.established_in_eea": False}
    [eu] = found(example(**not_established, **{"eu_representative.name": ""}), "EU-REP-MISSING")
    assert (eu.severity, eu.key) == ("error", "eu_representative.name")
    established = example(**{"eu_representative.name": "", "company.established_in_eea": True})
    assert found(established, "EU-REP-MISSING") == []
    assert found(example(), "EU-REP-MISSING") == []
    uk = {"audience.regions": ["us", "eea", "uk"]}
    assert [f.key for f in found(example(**uk), "UK-REP-MISSING")] == ["uk_representative.name"]
    assert found(example(**uk, **{"uk_representative.name": "UK Rep Ltd"}), "UK-REP-MISSING") == []


def test_retention_missing_for_a_collected_category():
    [finding] = found(example(**{"data.contact.retention": ""}), "RETENTION-MISSING")
    assert (finding.severity, finding.key) == ("error", "data.contact.retention")
    not_collected = example(**{"data.kyc.collected": False, "data.kyc.retention": ""})
    assert found(not_collected, "RETENTION-MISSING") == []


def test_open_ended_traffic_retention_under_eprivacy():
    open_ended = {"data.traffic.retention": "while_account_open"}
    [finding] = found(example(**open_ended), "RETENTION-TRAFFIC-OPEN-ENDED")
    assert (finding.severity, finding.key) == ("warning", "data.traffic.retention")
    assert found(example(**open_ended, **{"audience.regions": ["us"]}), "RETENTION-TRAFFIC-OPEN-ENDED") == []
    assert found(example(), "RETENTION-TRAFFIC-OPEN-ENDED") == []


def test_customer_instructions_retention_for_data_we_control():
    mismatch = {"data.support.retention": "customer_instructions"}
    assert [f.key for f in found(example(**mismatch), "RETENTION-ROLE-MISMATCH")] == ["data.support.retention"]
    processor = example(**mismatch, **{"data.support.role": "processor"})
    assert found(processor, "RETENTION-ROLE-MISMATCH") == []


def test_stale_policy():
    project = example(**{"policy.effective_date": dt.date(2025, 1, 10), "policy.last_updated": None})
    [finding] = found(project, "POLICY-STALE", today=dt.date(2026, 2, 1))
    assert (finding.severity, finding.key) == ("warning", "policy.effective_date")
    assert found(project, "POLICY-STALE", today=dt.date(2025, 12, 1)) == []
    updated = example(**{"policy.effective_date": dt.date(2025, 1, 10), "policy.last_updated": dt.date(2025, 12, 1)})
    assert found(updated, "POLICY-STALE", today=dt.date(2026, 2, 1)) == []


# --- the user's own text ----------------------------------------------------------------------


def custom(text: str) -> Project:
    project = example()
    project.custom_clauses.append(CustomClause("custom.extra", "transfers", "Our transfers", text))
    return project


def test_privacy_shield_in_a_custom_clause_or_an_edit():
    [finding] = found(custom("We rely on the EU-US Privacy Shield."), "XFER-PRIVACY-SHIELD")
    assert (finding.severity, finding.target) == ("error", CustomClauseTarget("custom.extra"))
    assert finding.key == "custom clause custom.extra"
    assert "Schrems II" in finding.citation
    edited = example()
    edited.clause_edits["transfers.storage"] = ClauseEdit(text="Data goes to the US under Safe Harbor.")
    assert [f.target for f in found(edited, "XFER-PRIVACY-SHIELD")] == [ClauseTarget("transfers.storage")]
    assert found(custom("We rely on the EU-US Data Privacy Framework."), "XFER-PRIVACY-SHIELD") == []


def test_repealed_law_in_user_text():
    assert [f.severity for f in found(custom("We comply with Directive 95/46/EC."), "TEXT-OUTDATED-LAW")] == ["error"]
    [old_scc] = found(custom("Transfers use the clauses of Decision 2010/87/EU."), "TEXT-OUTDATED-LAW")
    assert "2021/914" in old_scc.citation
    assert found(custom("We comply with the GDPR."), "TEXT-OUTDATED-LAW") == []


@pytest.mark.parametrize(
    ("text", "risky"),
    [
        ("We may change this policy at any time, with or without notice.", True),
        ("By using our services, you consent to this policy.", True),
        ("You agree to this policy by accessing our website.", True),
        ("We guarantee the security of your data.", True),
        ("Our network is 100% secure.", True),
        ("We will tell you 30 days before a material change.", False),
        ("You do not agree to anything by reading it or by using our website or services.", False),
        ("No system is perfect, so we cannot guarantee the security of your data.", False),
    ],
)
def test_risky_wording_in_user_text(text, risky):
    findings = found(custom(text), "TEXT-RISKY-WORDING")
    assert bool(findings) is risky
    assert all(f.severity == "warning" for f in findings)


def test_library_text_is_not_checked_for_wording():
    assert [f for f in check(example()) if f.code.startswith(("TEXT-", "XFER-PRIVACY"))] == []


# --- the rules file ----------------------------------------------------------------------------


def test_broken_rules_file_names_file_line_and_key(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(
        '["gdpr.13.1.a"]\nwhen = { "facts.eea_users" = true }\nseverity = "error"\n\n'
        '["gdpr.nope"]\nwhen = {}\nseverity = "error"\n\n'
        '["gdpr.13.1.b"]\nwhen = { "cpni.approval" = "always" }\nseverity = "fatal"\nkey = "dpo.mail"\n'
        "phrases = [1]\ncolour = 1\n",
        encoding="utf-8",
    )
    with pytest.raises(ClauseLibraryError) as caught:
        read_rules(path, frozenset({"gdpr.13.1.a", "gdpr.13.1.b"}))
    lines = [str(p) for p in caught.value.problems]
    assert f"{path}:5: gdpr.nope: unknown requirement 'gdpr.nope'; see clause_library/requirements.toml" in lines
    assert any(
        line.startswith(f"{path}:10: gdpr.13.1.b.when.cpni.approval: 'always' can never match") for line in lines
    )
    assert any(line.startswith(f"{path}:11: gdpr.13.1.b.severity: severity must be one of") for line in lines)
    assert any(line.startswith(f"{path}:12: gdpr.13.1.b.key: 'dpo.mail' is not an answer key") for line in lines)
    assert any(line.startswith(f"{path}:13: gdpr.13.1.b.phrases:") for line in lines)
    assert any(line.startswith(f"{path}:14: gdpr.13.1.b.colour: unknown key") for line in lines)
    assert len(lines) == 6


# --- the command line --------------------------------------------------------------------------


def project_file(tmp_path: Path, name: str = "policy", **answers: object) -> Path:
    project = example(**answers)
    target = tmp_path / f"{name}.toml"
    save_project(project, target)
    return target


def test_check_command_exit_codes_and_grouped_output(tmp_path, capsys):
    good = project_file(tmp_path, "good")
    assert main(["check", str(good)]) == 0
    assert "errors:" not in capsys.readouterr().out
    bad = project_file(tmp_path, "bad", **{"company.established_in_eea": False})
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{bad}: 1 errors, ")
    assert "errors:\n  EU-REP-MISSING The company serves people in the EU" in out
    assert "(GDPR Art 27) [eu_representative.name]" in out
    assert main(["check", str(good), str(bad)]) == 1


def test_check_json_is_a_list_of_findings_with_a_typed_target(tmp_path, capsys):
    bad = project_file(tmp_path, **{"company.established_in_eea": False})
    assert main(["check", str(bad), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert isinstance(findings, list)
    assert findings
    assert all(set(f) == {"severity", "code", "message", "citation", "key", "target"} for f in findings)
    first = findings[0]
    assert {"severity": "error", "code": "EU-REP-MISSING", "key": "eu_representative.name"}.items() <= first.items()
    assert first["target"] == {"kind": "answer", "key": "eu_representative.name"}


def test_check_bad_input_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n[company]\nlegal_name = 3\n", encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    assert "company.legal_name" in capsys.readouterr().err


def test_render_strict_refuses_to_write_when_the_check_finds_errors(tmp_path, capsys):
    bad = project_file(tmp_path, **{"transfers.mechanisms": []})
    out = tmp_path / "out"
    assert main(["render", str(bad), "--format", "md", "--out", str(out), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "error: " in err
    assert "XFER-NO-MECHANISM" in err
    assert "not rendered" in err
    assert not out.exists()
    assert main(["render", str(bad), "--format", "md", "--out", str(out)]) == 0
    assert (out / "policy.md").is_file()


def test_render_prints_check_warnings_and_writes_the_trace(tmp_path, capsys):
    path = project_file(tmp_path, **{"data.traffic.retention": "while_account_open"})
    out = tmp_path / "out"
    assert main(["render", str(path), "--format", "md", "--out", str(out), "--trace", "--strict"]) == 0
    captured = capsys.readouterr()
    assert f"warning: {path}: data.traffic.retention: RETENTION-TRAFFIC-OPEN-ENDED" in captured.err
    assert f"wrote {out / 'policy.trace.md'}" in captured.out
    table = (out / "policy.trace.md").read_text(encoding="utf-8")
    assert "| Requirement | Citation | Satisfied by |" in table
    cpni_row = next(line for line in table.splitlines() if line.startswith("| `fcc.2008.c3`"))
    assert clause_listing(load_project(path), "fcc.2008.c3") in cpni_row
    assert "not satisfied" not in cpni_row


def test_render_trace_in_parallel_workers(tmp_path):
    first = project_file(tmp_path, "first")
    second = project_file(tmp_path, "second", **{"company.established_in_eea": False})
    out = tmp_path / "out"
    args = ["render", str(first), str(second), "--format", "md", "--out", str(out), "--trace", "--jobs", "2"]
    assert main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == ["first.md", "first.trace.md", "second.md", "second.trace.md"]
    assert main([*args, "--strict"]) == 1
