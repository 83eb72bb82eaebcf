"""The checks of each document: required content, empty answers, and consistency with the policy.

A document's requirements (clause_library/documents/requirements.toml) are covered the
way the policy's are: by a clause of the document's plan that lists the requirement.
The checks here add what a clause condition cannot see: answers that must not be empty
for a filing, and a sub-processor list that must agree with the policy's recipients and
transfers.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from telepolicy.generator.checks.findings import Finding

if TYPE_CHECKING:
    from telepolicy.generator.documents.build import DocumentBuild

CERTIFICATION = "47 CFR 64.2009(e)"
ART_28 = "GDPR Art. 28(2), (4)"


@lru_cache(maxsize=1)
def document_rules() -> dict[str, dict[str, Any]]:
    """The documents' requirements with their conditions (read once; the loader validated the file)."""
    from telepolicy.generator.documents.library import REQUIREMENTS_FILE, documents_path

    return tomllib.loads((documents_path() / REQUIREMENTS_FILE).read_text(encoding="utf-8"))


def coverage(result: DocumentBuild) -> list[Finding]:
    """A finding for each requirement of the document that applies and no clause of its plan covers."""
    # The rules and the sub-processor parser are imported by the checks that run them: the
    # registry names these functions, and the command line reads the registry at every start.
    from telepolicy.generator.rendering.assemble import condition_values
    from telepolicy.generator.rules.conditions import condition_holds

    values = condition_values(result.answers, result.plan.context["facts"])
    covered = {rid for section in result.plan.sections for clause in section.clauses for rid in clause.requirements}
    findings = []
    for rid, rule in document_rules().items():
        if rule["document"] != result.document.id or rid in covered:
            continue
        if not condition_holds(rule.get("when", {}), rule.get("when_any", {}), values):
            continue
        findings.append(
            Finding(
                rule["severity"],
                "DOC-REQ-MISSING",
                f"The {result.document.title} does not cover requirement {rid}: {rule['element']}",
                rule["citation"],
                rule["key"],
                rid,
            )
        )
    return findings


def _missing(key: str, what: str, citation: str, severity: str = "error") -> Finding:
    return Finding(severity, "DOC-EMPTY-ANSWER", what, citation, key)


def certification_content(result: DocumentBuild) -> list[Finding]:
    """The filer and officer details, the year and the two reports must be complete before filing."""
    a = result.answers
    findings = coverage(result)
    for key, label in (
        ("cpni_certification.frn", "the filer's FCC Registration Number (FRN)"),
        ("cpni_certification.filer_499_id", "the filer's Form 499 Filer ID"),
        ("cpni_certification.officer_name", "the name of the officer who signs"),
        ("cpni_certification.officer_title", "the title of the officer who signs"),
    ):
        if not a[key].strip():
            findings.append(_missing(key, f"The CPNI certification does not give {label}", CERTIFICATION))
    if not a["cpni_certification.year"]:
        findings.append(
            _missing(
                "cpni_certification.year",
                "The CPNI certification does not say which calendar year it covers",
                CERTIFICATION,
            )
        )
    year = a["cpni_certification.year"]
    if year and year >= dt.date.today().year:
        findings.append(
            Finding(
                "warning",
                "DOC-BAD-ANSWER",
                f"The CPNI certification covers {year}, a year that has not ended; the certification due each "
                "1 March covers the previous calendar year",
                CERTIFICATION,
                "cpni_certification.year",
            )
        )
    filer_id = a["cpni_certification.filer_499_id"].strip()
    if filer_id and not (filer_id.isdigit() and len(filer_id) == 6):
        findings.append(
            Finding(
                "warning",
                "DOC-BAD-ANSWER",
                f"The Form 499 Filer ID '{filer_id}' is not six digits; copy it from the carrier's Form 499-A",
                CERTIFICATION,
                "cpni_certification.filer_499_id",
            )
        )
    frn = a["cpni_certification.frn"].strip()
    if frn and not (frn.isdigit() and len(frn) == 10):
        findings.append(
            Finding(
                "error", "DOC-BAD-ANSWER", f"The FRN '{frn}' is not ten digits", CERTIFICATION, "cpni_certification.frn"
            )
        )
    if a["cpni_certification.data_broker_actions"] and not a["cpni_certification.data_broker_narrative"].strip():
        findings.append(
            _missing(
                "cpni_certification.data_broker_narrative",
                "The CPNI certification counts actions against data brokers but does not explain them",
                CERTIFICATION,
            )
        )
    complaints = sum(
        a[f"cpni_certification.complaints_{kind}"]
        for kind in ("employee_access", "improper_disclosure", "online_access")
    )
    if complaints and not a["cpni_certification.complaints_summary"].strip():
        findings.append(
            _missing(
                "cpni_certification.complaints_summary",
                "The CPNI certification counts customer complaints but does not summarise them",
                CERTIFICATION,
            )
        )
    return findings


def notice_content(result: DocumentBuild) -> list[Finding]:
    findings = coverage(result)
    if not result.answers["company.privacy_email"].strip():
        findings.append(
            _missing(
                "company.privacy_email",
                "The end-user notice gives no address for requests",
                "GDPR Art. 12(1), 28(3)(e)",
            )
        )
    return findings


def subprocessor_entries(result: DocumentBuild) -> list[Finding]:
    """Each line of the sub-processor answer must parse; the list must not be empty."""
    from telepolicy.generator.documents.subprocessors import parse_subprocessors

    records, problems = parse_subprocessors(result.answers)
    findings = coverage(result)
    findings += [
        Finding("error", "DOC-BAD-ANSWER", f"Sub-processor {problem}", ART_28, "roles.subprocessors")
        for problem in problems
    ]
    if not records and not problems:
        findings.append(
            _missing(
                "roles.subprocessors",
                "The sub-processor list is empty, but the policy says sub-processors help provide the service; "
                "list them, one per line",
                ART_28,
            )
        )
    return findings


def _is_group_company(name: str, answers: dict[str, Any]) -> bool:
    """Group companies are named in the policy, sometimes with a note: 'Example Ltd (Ireland)'."""
    folded = name.strip().casefold()
    return any(entity.strip().casefold().startswith(folded) for entity in answers["company.group_entities"])


def subprocessors_match_policy(result: DocumentBuild) -> list[Finding]:
    """The list and the policy name the same kinds of recipient, countries and safeguards."""
    from telepolicy.generator.documents.subprocessors import NO_TRANSFER, parse_subprocessors

    a = result.answers
    records, _ = parse_subprocessors(a)
    recipients = set(a["sharing.recipients"])
    countries = {c.strip().casefold() for c in a["transfers.storage_countries"]}
    mechanisms = set(a["transfers.mechanisms"])
    facts = result.plan.context["facts"]
    findings: list[Finding] = []
    for record in records:
        affiliate = _is_group_company(record.name, a)
        needed = "affiliates" if affiliate else "service_providers"
        if needed not in recipients:
            findings.append(
                Finding(
                    "error",
                    "DOC-POLICY-MISMATCH",
                    f"Sub-processor '{record.name}' is in the sub-processor list, but the policy's recipients do not "
                    f"include {'our group companies' if affiliate else 'service providers'} ({needed})",
                    "GDPR Art. 13(1)(e), 28(2)",
                    "sharing.recipients",
                )
            )
        if facts["gdpr"] and not record.in_eea and record.location.strip().casefold() not in countries:
            findings.append(
                Finding(
                    "error",
                    "DOC-POLICY-MISMATCH",
                    f"Sub-processor '{record.name}' is in {record.location}, but the policy does not name "
                    f"{record.location} among the countries where data is stored",
                    "GDPR Art. 13(1)(f), 44",
                    "transfers.storage_countries",
                )
            )
        if record.mechanism != NO_TRANSFER and record.mechanism not in mechanisms:
            findings.append(
                Finding(
                    "error",
                    "DOC-POLICY-MISMATCH",
                    f"Sub-processor '{record.name}' relies on '{record.mechanism}', a transfer safeguard the policy "
                    "does not mention",
                    "GDPR Art. 13(1)(f), 46",
                    "transfers.mechanisms",
                )
            )
        if record.mechanism == NO_TRANSFER and facts["gdpr"] and not record.in_eea:
            findings.append(
                Finding(
                    "error",
                    "DOC-POLICY-MISMATCH",
                    f"Sub-processor '{record.name}' is outside the EEA ({record.location}) "
                    "but has no transfer safeguard",
                    "GDPR Art. 44-46",
                    "roles.subprocessors",
                )
            )
    listed = [r.name.casefold() for r in records]
    own = a["company.legal_name"].strip().casefold()
    if "affiliates" in recipients:
        for entity in a["company.group_entities"]:
            folded = entity.strip().casefold()
            if folded.startswith(own) or any(folded.startswith(name) for name in listed):
                continue
            findings.append(
                Finding(
                    "warning",
                    "DOC-POLICY-MISMATCH",
                    f"The policy names the group company '{entity}' as a recipient, but the sub-processor list "
                    "does not; if it handles business customers' data, add it to the list",
                    "GDPR Art. 13(1)(e), 28(2)",
                    "roles.subprocessors",
                )
            )
    if records and not a["roles.subprocessors_url"].strip():
        findings.append(
            Finding(
                "warning",
                "DOC-NOT-LINKED",
                "The policy does not link to the sub-processor list; publish it and give its address",
                "GDPR Art. 28(2)",
                "roles.subprocessors_url",
            )
        )
    return findings


ANNEX_HEADINGS_WITHOUT_ANSWERS = (
    "physical security of the places where personal data is processed",
    "system configuration, including default configuration",
    "data minimisation",
    "data quality",
)


def annex_coverage(result: DocumentBuild) -> list[Finding]:
    """Annex II must describe measures; headings no answer covers are named so they can be added."""
    findings = coverage(result)
    if not result.answers["security.measures"]:
        findings.append(
            _missing("security.measures", "Annex II describes no security measure", "GDPR Art. 28(3)(c), 32")
        )
    findings.append(
        Finding(
            "info",
            "DOC-ANNEX-BY-HAND",
            "Annex II says nothing about "
            + ", ".join(ANNEX_HEADINGS_WITHOUT_ANSWERS)
            + ": no answer covers these headings; describe them by hand if they apply, in specific terms",
            "Decision (EU) 2021/914, Annex II",
            None,
        )
    )
    return findings
