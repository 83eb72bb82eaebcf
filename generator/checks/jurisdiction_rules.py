"""Consistency rules for establishment, representatives, transfers, emergency calls and ages.

Each rule reads the answers and facts of one plan and reports a contradiction a lawyer
would catch on reading the policy: a representative beside an EEA establishment, a lead
authority without a main establishment, safeguards for data that is never transferred,
a DPF certification without its notice items. Codes are stable; messages say what to change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from telepolicy.generator.checks.findings import Finding
from telepolicy.generator.rendering.assemble import Plan
from telepolicy.generator.rules.countries import eea_consent_ages, in_group, select_in

Answers = Mapping[str, Any]
Facts = Mapping[str, Any]
Rule = Callable[[Answers, Facts], Iterator[Finding]]


def _representatives(answers: Answers, facts: Facts) -> Iterator[Finding]:
    if facts["eea_users"] and facts["established_in_eea"] and answers["eu_representative.name"]:
        yield Finding(
            "warning",
            "EU-REP-NOT-NEEDED",
            "The company has an establishment in the EEA, so the GDPR applies to it directly and it needs "
            "no Art. 27 representative; the policy leaves the representative out. Clear the EU representative, "
            "or untick 'Established in the EEA' if the EEA office does not take part in this processing",
            "GDPR Art. 3(1), 27(1); EDPB Guidelines 3/2018",
            "eu_representative.name",
        )
    for region, prefix, needed, law in (
        ("EU", "eu_representative", facts["needs_eu_representative"], "GDPR Art. 27, 13(1)(a)"),
        ("UK", "uk_representative", facts["needs_uk_representative"], "UK GDPR Art. 27, 13(1)(a)"),
        ("Swiss", "swiss_representative", facts["needs_swiss_representative"], "FADP Art. 14(2)-(3)"),
    ):
        if not (needed and answers[f"{prefix}.name"]):
            continue
        missing = [what for what in ("address", "email") if not answers[f"{prefix}.{what}"]]
        if prefix == "swiss_representative" and "address" in missing:
            yield Finding(
                "error",
                "CH-REP-INCOMPLETE",
                "The Swiss representative has no address; the controller must publish its name and address",
                law,
                "swiss_representative.address",
                "ch.14",
            )
        elif prefix != "swiss_representative" and len(missing) == 2:
            yield Finding(
                "error",
                f"{prefix[:2].upper()}-REP-INCOMPLETE",
                f"The {region} representative is named but has no address or e-mail, so people cannot "
                "contact it; enter at least one",
                law,
                f"{prefix}.address",
            )
    if facts["needs_swiss_representative"] and not answers["swiss_representative.name"]:
        yield Finding(
            "error",
            "CH-REP-MISSING",
            "Processing of Swiss data from abroad meets the conditions of FADP Art. 14(1), but no representative "
            "in Switzerland is named; appoint one and enter its name and address",
            "FADP Art. 14-15",
            "swiss_representative.name",
            "ch.14",
        )
    elif (
        "switzerland" in answers["audience.regions"]
        and not in_group(answers["company.country"], "switzerland")
        and not answers["swiss_representative.required"]
    ):
        yield Finding(
            "info",
            "CH-REP-UNDECIDED",
            "People in Switzerland are served from abroad; a representative in Switzerland is needed when the "
            "processing is large-scale, regular, high-risk and connected with offering services there. "
            "The answers say it is not; confirm this",
            "FADP Art. 14(1)",
            "swiss_representative.required",
        )


def _lead_authority(answers: Answers, facts: Facts) -> Iterator[Finding]:
    if facts["eea_users"] and answers["supervisory_authority.name"] and not facts["eu_main_establishment"]:
        yield Finding(
            "warning",
            "LEAD-AUTHORITY-WITHOUT-MAIN-ESTABLISHMENT",
            "A lead supervisory authority is named, but the decisions for EEA users are not taken in the EEA, "
            "so there is no lead authority (a representative or sales office does not create one); the policy "
            "does not name it. Name the EEA group company that decides, or clear the authority",
            "GDPR Art. 4(16), 56(1); EDPB Guidelines 8/2022",
            "supervisory_authority.name",
        )


def _transfers(answers: Answers, facts: Facts) -> Iterator[Finding]:
    mechanisms = answers["transfers.mechanisms"]
    if facts["eea_users"] and facts["controller_outside_eea"] and not facts["transfers_from_eea"] and mechanisms:
        yield Finding(
            "warning",
            "XFER-DIRECT-COLLECTION",
            "People in the EEA give their data directly to a controller outside the EEA, which is not a "
            "transfer, and no service provider or group company outside the EEA is named; the transfer "
            "safeguards chosen are therefore not printed. Name the countries where service providers or group "
            "companies handle the data, or clear the mechanisms",
            "EDPB Guidelines 05/2021 (Example 1); GDPR Art. 3(2), 44",
            "transfers.provider_countries",
        )
    returned = answers["company.established_in_eea"] or select_in(answers["transfers.storage_countries"], "eea")
    if facts["eea_users"] and facts["controller_outside_eea"] and returned and "scc" in mechanisms:
        yield Finding(
            "info",
            "XFER-SCC-IMPORTER-UNDER-GDPR",
            "Data sent from the EEA back to the company itself goes to an importer already subject to the GDPR "
            "(Art. 3(2)); the 2021 standard contractual clauses are not made for such importers. The policy "
            "says the GDPR applies to it in full; verify whether the Commission has adopted clauses for this case",
            "Decision (EU) 2021/914, recital 7; EDPB Guidelines 05/2021",
            "transfers.mechanisms",
        )
    if facts["transfers_from_eea"] and "bcr" in mechanisms and not answers["transfers.bcr_url"]:
        yield Finding(
            "error",
            "BCR-NO-LINK",
            "Transfers rely on Binding Corporate Rules, but the policy cannot say where to read them; publish "
            "them and enter their address",
            "GDPR Art. 47(2)(e), (g)",
            "transfers.bcr_url",
            "xfer.bcr",
        )
    uk_contracts = {"uk_idta", "uk_addendum"} & set(mechanisms)
    if (
        facts["uk_users"]
        and facts["leaves_uk"]
        and "bcr" in mechanisms
        and not answers["transfers.bcr_uk_approved"]
        and not uk_contracts
    ):
        yield Finding(
            "warning",
            "BCR-NOT-UK-APPROVED",
            "Binding Corporate Rules are chosen, but without approval by the ICO they do not cover transfers "
            "from the UK; the UK part says so. Use the IDTA or the UK Addendum for group transfers from the UK, "
            "or tick 'UK BCRs approved by the ICO' once they are",
            "UK GDPR Art. 46(2)(b), 47",
            "transfers.bcr_uk_approved",
        )
    if facts["uk_users"] and facts["leaves_uk"] and not facts["uk_transfer_tools"] and "adequacy" not in mechanisms:
        yield Finding(
            "warning",
            "XFER-UK-NO-SAFEGUARD",
            "Data of people in the UK leaves the UK, but no UK transfer safeguard is chosen; choose the IDTA, "
            "the UK Addendum or UK-approved BCRs, or rely on UK adequacy regulations",
            "UK GDPR Art. 45A, 46; DPA 2018 s. 119A",
            "transfers.mechanisms",
        )


def _dpf(answers: Answers, facts: Facts) -> Iterator[Finding]:
    if not answers["transfers.dpf_certified"]:
        return
    if not answers["transfers.dpf_recourse"]:
        yield Finding(
            "error",
            "DPF-NO-RECOURSE",
            "The company is certified under the Data Privacy Framework, so its policy must name the "
            "independent recourse mechanism that handles complaints free of charge; enter it",
            "DPF Principles, Notice 1(i); Recourse, Enforcement and Liability 7",
            "transfers.dpf_recourse",
            "dpf.notice.recourse",
        )
    if not in_group(answers["company.country"], "united_states"):
        yield Finding(
            "warning",
            "DPF-NOT-US",
            "Only US organisations can certify under the Data Privacy Framework, but the company is established "
            f"in {answers['company.country']}; check the answer",
            "DPF Principles, Overview 2",
            "transfers.dpf_certified",
        )
    if facts["cpni_applies"]:
        yield Finding(
            "warning",
            "DPF-COMMON-CARRIER",
            "The company provides common-carrier telecommunications, which the FTC does not regulate; the "
            "Data Privacy Framework covers only activities under FTC (or DOT) jurisdiction. Have counsel "
            "review which data the certification covers before relying on it for call and message data",
            "15 U.S.C. 45(a)(2); DPF Principles, Overview 2",
            "transfers.dpf_certified",
        )


def _children(answers: Answers, facts: Facts) -> Iterator[Finding]:
    if not facts["eea_users"] or answers["children.directed_to_children"]:
        return
    if answers["children.eea_age"] == "same" and answers["children.minimum_age"] < 16:
        ages = "; ".join(f"{age} in {', '.join(c.name for c in group)}" for age, group in eea_consent_ages().items())
        yield Finding(
            "warning",
            "CHILD-EEA-ONE-AGE",
            f"People in the EEA from age {answers['children.minimum_age']} may use the service, but the age "
            f"at which they can consent alone to an online service is set per country ({ages}); choose "
            "'member_state' or '16' for the EEA age, or raise the minimum age to 16",
            "GDPR Art. 8(1)",
            "children.eea_age",
            "gdpr.8.1",
        )


def _dpo(answers: Answers, facts: Facts) -> Iterator[Finding]:
    monitored = [cat for cat in ("traffic", "location") if answers[f"data.{cat}.collected"]]
    if (facts["eea_users"] or facts["uk_users"]) and monitored and not facts["has_dpo"]:
        yield Finding(
            "warning",
            "DPO-MISSING",
            f"The company processes {' and '.join(monitored)} data of people in Europe, which is regular and "
            "systematic monitoring; on a large scale it requires a Data Protection Officer. Designate one and "
            "enter the contact, unless the processing is not large-scale",
            "GDPR Art. 37(1)(b), 37(7); WP243 rev.01",
            "dpo.email",
            "gdpr.13.1.b",
        )


def _emergency(answers: Answers, facts: Facts) -> Iterator[Finding]:
    served = set(answers["audience.regions"])
    if served & {"california", "us_states"}:
        served.add("us")
    extra = [r for r in answers["services.emergency_regions"] if r not in served]
    if answers["services.emergency_calling"] and extra:
        yield Finding(
            "warning",
            "EMERGENCY-REGION-NOT-SERVED",
            f"Emergency calls are said to work in {', '.join(extra)}, which the policy does not serve; "
            "remove the region or add it to the regions served",
            "EECC Art. 109; 47 CFR 9.11",
            "services.emergency_regions",
        )


RULES: tuple[Rule, ...] = (_representatives, _lead_authority, _transfers, _dpf, _children, _dpo, _emergency)


def jurisdiction_findings(plan: Plan) -> list[Finding]:
    """Findings of every jurisdiction rule for this plan."""
    answers, facts = plan.project.answers, plan.context["facts"]
    return [finding for rule in RULES for finding in rule(answers, facts)]
