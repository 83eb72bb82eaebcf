"""Answer rules: combinations of answers, and wording in the user's own text, that are risky or wrong.

Each rule is a small generator over one plan; its code is stable (scripts filter on it)
and its message says what to change. Requirement coverage lives in generator/checks.py.

Retention: a period answer has no default, so a collected category whose file (or the
GUI) gives no period is an error here (RETENTION-MISSING), never a silent default.
"while_account_open" is a criterion, which GDPR Art 13(2)(a) and CCPA 1798.100(a)(3)
accept, so it is flagged only where a stricter rule applies: traffic data of EEA users
under ePrivacy Art 6 (RETENTION-TRAFFIC-OPEN-ENDED).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from telepolicy.generator.checks.findings import Finding
from telepolicy.generator.rendering.assemble import Plan, PlannedClause
from telepolicy.generator.rules.countries import in_group
from telepolicy.generator.targets import ClauseTarget, CustomClauseTarget

STALE_AFTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class _Context:
    plan: Plan
    answers: Mapping[str, Any]
    facts: Mapping[str, Any]
    today: dt.date

    def citation(self, requirement: str) -> str:
        """Citations come from requirements.toml, so the law is written down once."""
        return self.plan.library.requirements[requirement].citation


Rule = Callable[[_Context], Iterator[Finding]]


def _transfers(ctx: _Context) -> Iterator[Finding]:
    # Countries with a full EU adequacy decision need no other safeguard (GDPR Art 45(1)), as the
    # transfers text says; only the others need a mechanism.
    outside = [c for c in ctx.facts["eea_transfer_countries"] if not in_group(c, "eu_adequate")]
    if ctx.facts["transfers_from_eea"] and outside and not ctx.answers["transfers.mechanisms"]:
        yield Finding(
            "error",
            "XFER-NO-MECHANISM",
            f"People in the EEA, UK or Switzerland are served and data goes to {', '.join(outside)}, "
            "but no transfer mechanism is chosen; choose adequacy, the Data Privacy Framework, standard "
            "contractual clauses, binding corporate rules or another safeguard",
            "GDPR Art 44-49; UK GDPR Art 44-49",
            "transfers.mechanisms",
        )


def _sale(ctx: _Context) -> Iterator[Finding]:
    facts, answers = ctx.facts, ctx.answers
    if not facts["sells_or_shares"] or not (facts["california"] or facts["us_state_laws"]):
        return
    law = "ccpa.135.links" if facts["california"] else "states.sale_targeted_ads"
    if not answers["cookies.opt_out_url"]:
        yield Finding(
            "error",
            "SALE-NO-OPT-OUT",
            "Personal information is sold or shared for advertising, but there is no 'Do Not Sell or Share' "
            "opt-out link; publish one and enter its address",
            ctx.citation(law),
            "cookies.opt_out_url",
            law,
        )
    if answers["children.directed_to_children"]:
        yield _under_16(
            ctx,
            "error",
            "Personal information is sold or shared for advertising by a service directed to children; "
            "the data of anyone under 16 may be sold or shared only with their opt-in (a parent's under 13), "
            "so stop selling and sharing",
        )
    elif answers["children.minimum_age"] < 16 and not answers["children.under_16_opt_in"]:
        yield _under_16(
            ctx,
            "error",
            "Personal information is sold or shared for advertising and people from age "
            f"{answers['children.minimum_age']} may use the service, with no opt-in for consumers known to be "
            "under 16; selling or sharing their data without it is unlawful. Obtain their opt-in (a parent's "
            "under 13) and say so (children.under_16_opt_in), or raise the minimum age to 16",
        )


def _under_16(ctx: _Context, severity: str, message: str) -> Finding:
    """An error when children are certain to be users (child-directed), a warning when only allowed."""
    return Finding(
        severity,
        "SALE-UNDER-16",
        message,
        ctx.citation("ccpa.7011.minors_process"),
        "children.minimum_age",
        "ccpa.7011.minors_process",
    )


def _cpni(ctx: _Context) -> Iterator[Finding]:
    # Marketing by phone or text does not by itself use CPNI, and CPNI may be used without approval to
    # market within the categories of service the customer already buys (47 CFR 64.2005(a)). Approval is
    # needed only when CPNI is used to market other services: the "cpni_marketing" purpose.
    answers = ctx.answers
    if not ctx.facts["cpni_applies"] or answers["cpni.approval"] != "none":
        return
    if "cpni_marketing" in answers["roles.controller_purposes"]:
        yield Finding(
            "error",
            "CPNI-NO-APPROVAL-MODEL",
            "CPNI is used to market services the customer does not already buy, but no CPNI approval is "
            "chosen; that use needs opt-out or opt-in approval (use within the categories of service the "
            "customer buys does not)",
            "47 U.S.C. 222(c)(1); 47 CFR 64.2005(a), 64.2007(b)",
            "cpni.approval",
            "fcc.2007.approval",
        )


def _representatives(ctx: _Context) -> Iterator[Finding]:
    for region, fact, requirement, law in (
        ("EU", "needs_eu_representative", "gdpr.27.1", "GDPR Art 27"),
        ("UK", "needs_uk_representative", "uk.27", "UK GDPR Art 27"),
    ):
        prefix = region.lower()
        if ctx.facts[fact] and not ctx.answers[f"{prefix}_representative.name"]:
            yield Finding(
                "error",
                f"{region}-REP-MISSING",
                f"The company serves people in the {region} from outside it but names no {region} representative; "
                f"appoint one (unless processing is only occasional) and enter its name and contact details",
                law,
                f"{prefix}_representative.name",
                requirement,
            )


def _retention(ctx: _Context) -> Iterator[Finding]:
    answers = ctx.answers
    for cat in ctx.facts["collected_categories"]:
        key = f"data.{cat}.retention"
        if not str(answers[key] or "").strip():
            yield Finding(
                "error",
                "RETENTION-MISSING",
                f"'{cat}' data is collected but has no retention period; enter a period or a criterion",
                "GDPR Art 13(2)(a); Cal. Civ. Code 1798.100(a)(3)",
                key,
                "gdpr.13.2.a",
            )
        elif answers[key] == "customer_instructions" and answers[f"data.{cat}.role"] == "controller":
            yield Finding(
                "warning",
                "RETENTION-ROLE-MISMATCH",
                f"'{cat}' data is kept as business customers instruct, but we are its controller; "
                "enter our own period or change the role to processor",
                "GDPR Art 5(1)(e), 28(3)(g)",
                key,
            )
    if (
        ctx.facts["eea_users"]
        and answers["data.traffic.collected"]
        and answers["data.traffic.retention"] == ("while_account_open")
    ):
        yield Finding(
            "warning",
            "RETENTION-TRAFFIC-OPEN-ENDED",
            "Traffic data of people in the EEA is kept while the account is open; it must be erased or "
            "anonymised once no longer needed to carry the communication or to bill it",
            ctx.citation("eprivacy.6.2"),
            "data.traffic.retention",
            "eprivacy.6.2",
        )


def _policy_dates(ctx: _Context) -> Iterator[Finding]:
    answers = ctx.answers
    latest = max(answers["policy.effective_date"], answers["policy.last_updated"] or answers["policy.effective_date"])
    if latest < ctx.today - STALE_AFTER:
        yield Finding(
            "warning",
            "POLICY-STALE",
            f"The policy was last updated on {latest.isoformat()}, more than a year ago; review it and set "
            "a new effective date",
            "Cal. Civ. Code 1798.130(a)(5) (update at least every 12 months); WP260 rev.01",
            "policy.effective_date",
        )


def _stale_edits(ctx: _Context) -> Iterator[Finding]:
    for clause in _planned(ctx.plan):
        if clause.stale:
            yield Finding(
                "warning",
                "CLAUSE-STALE-EDIT",
                f"Your edit of the clause '{clause.title}' was made against an older library text, which has "
                "changed since; compare the new text with your edit and update it",
                "",
                ClauseTarget(clause.id),
            )


# (code, severity, pattern, what it says, requirement or citation). Patterns read the user's own
# text only: library clauses are reviewed against the same list (docs/clause-authoring.md).
_NOT = r"(?<!not )(?<!never )(?<!cannot )(?<!can't )(?<!can\u2019t )"
TEXT_RULES: tuple[tuple[str, str, re.Pattern[str], str, str], ...] = (
    (
        "XFER-PRIVACY-SHIELD",
        "error",
        re.compile(r"privacy\s+shield|safe\s+harbou?r", re.IGNORECASE),
        "relies on the Privacy Shield or Safe Harbor, which are invalid; name the Data Privacy Framework or SCCs",
        "redflag.privacy_shield",
    ),
    (
        "TEXT-OUTDATED-LAW",
        "error",
        re.compile(r"95/46/EC|Data Protection Act 1998", re.IGNORECASE),
        "cites a repealed law; cite the GDPR or the UK Data Protection Act 2018",
        "redflag.repealed_law",
    ),
    (
        "TEXT-OUTDATED-LAW",
        "error",
        re.compile(r"2010/87/EU|2001/497/EC|2004/915/EC", re.IGNORECASE),
        "cites the repealed standard contractual clauses; cite the 2021 SCCs (Decision (EU) 2021/914)",
        "redflag.old_scc",
    ),
    (
        "TEXT-RISKY-WORDING",
        "warning",
        re.compile(r"with\s+or\s+without\s+(prior\s+)?notice", re.IGNORECASE),
        "says the policy may change 'with or without notice'; say how material changes are announced",
        "gdpr.bp.versioning",
    ),
    (
        "TEXT-RISKY-WORDING",
        "warning",
        re.compile(
            r"\bby\s+(using|accessing|visiting)\b[^.]{0,80}?\byou\s+(hereby\s+)?(consent|agree)\b"
            r"|\byou\s+(hereby\s+)?(consent|agree)\b[^.]{0,80}?\bby\s+(using|accessing|visiting)\b",
            re.IGNORECASE,
        ),
        "treats using the service as consent, which is not valid consent; ask for consent separately",
        "redflag.consent_by_use",
    ),
    (
        "TEXT-RISKY-WORDING",
        "warning",
        re.compile(
            r"\b(we|will)\s+guarantee\b|" + _NOT + r"\bguarantee[sd]?\s+(the\s+)?(security|safety)\b"
            r"|\b(100%|completely|perfectly|totally)\s+secure\b",
            re.IGNORECASE,
        ),
        "guarantees security, which no one can promise; describe the measures instead",
        "gdpr.32.security",
    ),
)


def _user_texts(ctx: _Context) -> Iterator[Finding]:
    for clause in _planned(ctx.plan):
        if clause.origin == "library":
            continue
        text = " ".join(clause.text.split())
        target = CustomClauseTarget(clause.id) if clause.origin == "custom" else ClauseTarget(clause.id)
        for code, severity, pattern, says, requirement in TEXT_RULES:
            if pattern.search(text):
                yield Finding(
                    severity,
                    code,
                    f"Your text of the clause '{clause.title}' {says}",
                    ctx.citation(requirement),
                    target,
                    requirement,
                )


def _planned(plan: Plan) -> Iterator[PlannedClause]:
    return (clause for section in plan.sections for clause in section.clauses)


RULES: tuple[Rule, ...] = (
    _transfers,
    _sale,
    _cpni,
    _representatives,
    _retention,
    _policy_dates,
    _stale_edits,
    _user_texts,
)


def answer_findings(plan: Plan, today: dt.date) -> list[Finding]:
    """Findings of every answer rule for this plan."""
    ctx = _Context(plan, plan.project.answers, plan.context["facts"], today)
    return [finding for rule in RULES for finding in rule(ctx)]
