"""Which wizard pages and questions apply to the answers given so far.

A question is skipped only when its answer cannot change the policy: the rules
mirror the clause library's conditions through the generator's derived facts
(`derive_facts`), so a hidden question never hides a sentence the user would see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from telepolicy.generator import derive_facts

Answers = Mapping[str, Any]
Facts = Mapping[str, Any]
Rule = Callable[[Answers, Facts], bool]


def _collected(category: str) -> Rule:
    return lambda answers, facts: bool(answers[f"data.{category}.collected"])


def _uses_source(source: str) -> Rule:
    return lambda answers, facts: any(
        source in answers[f"data.{category}.sources"] for category in facts["collected_categories"]
    )


def _purpose(purpose: str) -> Rule:
    return lambda answers, facts: purpose in answers["purposes.used"]


def _legal_basis_asked(purpose: str) -> Rule:
    """Legal bases are stated for GDPR regions, Brazil and Ukraine (clause purposes.legal_bases)."""
    return lambda answers, facts: (
        purpose in answers["purposes.used"]
        and bool(facts["gdpr"] or {"brazil", "ukraine"} & set(answers["audience.regions"]))
    )


def _fact(name: str) -> Rule:
    return lambda answers, facts: bool(facts[name])


def _cookies(rule: Rule | None = None) -> Rule:
    """Cookie questions matter only when the website or apps use cookies or similar technologies."""
    return lambda answers, facts: bool(answers["cookies.used"]) and (rule is None or rule(answers, facts))


PAGE_RULES: dict[str, Rule] = {"cpni": _fact("cpni_applies"), "cpni_certification": _fact("cpni_applies")}

FIELD_RULES: dict[str, Rule] = {
    "eu_representative.name": _fact("needs_eu_representative"),
    "eu_representative.address": _fact("needs_eu_representative"),
    "eu_representative.email": _fact("needs_eu_representative"),
    "uk_representative.name": _fact("needs_uk_representative"),
    "uk_representative.address": _fact("needs_uk_representative"),
    "uk_representative.email": _fact("needs_uk_representative"),
    "supervisory_authority.name": _fact("gdpr"),
    "supervisory_authority.url": _fact("gdpr"),
    "services.emergency_calling": _fact("voice"),
    "data.traffic_fields": _collected("traffic"),
    "data.location_precision": _collected("location"),
    "data.social_networks": _uses_source("social_networks"),
    "data.credit_agencies": lambda answers, facts: (
        bool(answers["data.credit.collected"]) or _uses_source("credit_agencies")(answers, facts)
    ),
    "purposes.marketing_channels": _purpose("marketing"),
    "roles.controller_purposes": _fact("hybrid_roles"),
    "roles.dpa_url": _fact("processor"),
    "roles.subprocessors_url": _fact("processor"),
    "roles.subprocessors": _fact("processor"),
    "roles.subprocessors_updated": _fact("processor"),
    "roles.subprocessor_change_notice": _fact("processor"),
    "roles.subprocessor_notice_days": _fact("processor"),
    "cookies.opt_out_url": _fact("sells_or_shares"),
    "transfers.mechanisms": _fact("transfers_from_eea"),
    "transfers.bcr_lead_authority": lambda answers, facts: (
        bool(facts["transfers_from_eea"]) and "bcr" in answers["transfers.mechanisms"]
    ),
    "children.eea_age": _fact("eea_users"),
    "company.telecom_act": _fact("gdpr"),
    "cookies.analytics_tools": _cookies(),
    "cookies.advertising_tools": _cookies(),
    "cookies.tools": _cookies(),
    "cookies.functional": _cookies(),
    "cookies.category_scheme": _cookies(),
    "cookies.fingerprinting": _cookies(),
    "cookies.consent_tool": _cookies(),
    "cookies.policy_url": _cookies(),
    "cookies.honours_dnt": lambda answers, facts: bool(answers["cookies.used"] or facts["california"]),
    "cookies.gpc_scope": _cookies(lambda answers, facts: bool(answers["cookies.honours_gpc"])),
    "cookies.ad_opt_out_links": _cookies(lambda answers, facts: bool(answers["cookies.advertising_tools"])),
    "data.payment_methods": _collected("payment"),
    "data.social_login_extras": _uses_source("social_networks"),
    "data.vendor_data": _uses_source("data_vendors"),
    "data.number_intelligence": _uses_source("carriers"),
    "rights.marketing_opt_out_days": _purpose("marketing"),
    "rights.us_all_states": _fact("us_users"),
    "sharing.insolvency_transfers": lambda answers, facts: "acquirers" in answers["sharing.recipients"],
    "links.dpa_country_terms": _fact("processor"),
    "rights.dispute_body_url": lambda answers, facts: bool(answers["rights.dispute_body"]),
    "eu_representative.phone": _fact("needs_eu_representative"),
    "eu_representative.form_url": _fact("needs_eu_representative"),
    "links.cpni_notice_url": _fact("cpni_applies"),
    "links.bcr_summary_url": lambda answers, facts: "bcr" in answers["transfers.mechanisms"],
    "security.sim_swap_protection": lambda answers, facts: (
        "mobile" in answers["services.offered"] and not facts["cpni_applies"]
    ),
}


def _category_rule(key: str) -> Rule | None:
    """Sources, role and retention of a data category are asked only when it is collected."""
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "data" and parts[2] in ("sources", "role", "retention"):
        return _collected(parts[1])
    if parts[0] == "legal_bases":
        return _legal_basis_asked(parts[1])
    return None


class _EveryFact(dict[str, Any]):
    def __missing__(self, key: str) -> Any:
        return True


class Applicability:
    """The answers' facts, computed once per change, and the rules that read them."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        try:
            self.facts: Mapping[str, Any] = derive_facts(answers)
        except (TypeError, ValueError, KeyError):
            # An answer set aside at opening (a date the file had wrong) leaves a gap the facts cannot
            # be derived over: then every question is asked, so none that matters is hidden.
            self.facts = _EveryFact()

    def page_applies(self, page: str) -> bool:
        rule = PAGE_RULES.get(page)
        return rule is None or rule(self.answers, self.facts)

    def field_applies(self, key: str) -> bool:
        rule = FIELD_RULES.get(key) or _category_rule(key)
        return rule is None or rule(self.answers, self.facts)
