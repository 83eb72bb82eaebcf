"""Consistency rules: answers and facts that cannot all be true of one operator.

Requirement coverage (requirements.py) asks whether the policy says something; these rules
ask whether what the answers make it say can be true together: the roles against the uses,
the services against what happens to content, retention against the data collected and the
law, advertising against "we do not sell or share", storage against regions and mechanisms.
Each rule has a stable code, a severity and the law it rests on; each has a test that fails
on a project showing the contradiction (tests/legal/).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from telepolicy.generator.checks.findings import Finding
from telepolicy.generator.project.schema import RETENTION_KEYWORDS
from telepolicy.generator.rendering.assemble import Plan

Answers = Mapping[str, Any]
Facts = Mapping[str, Any]

# Services that keep the content of communications for the customer.
STORING_SERVICES = ("voicemail", "call_recording", "fax")
# Categories a processor also uses for its own purposes, and the purposes that make it a controller.
OWN_USES = {
    "traffic": {"billing", "fraud_prevention", "network_security", "legal_compliance", "service_improvement"},
    "device": {"fraud_prevention", "network_security", "service_improvement"},
    "location": {"fraud_prevention", "network_security"},
    "content": {"service_improvement"},
}
_PERIOD = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?\s*$", re.IGNORECASE)
_MONTHS = {"day": 1 / 30.4, "week": 7 / 30.4, "month": 1.0, "year": 12.0}


def period_months(value: str) -> float | None:
    """A retention answer like "90 days" in months; None for a criterion or unreadable text."""
    match = _PERIOD.match(str(value or ""))
    if not match:
        return None
    return int(match.group(1)) * _MONTHS[match.group(2).lower()]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    citation: str
    test: Callable[[Answers, Facts], Iterator[tuple[str, str]]]  # yields (message, answer key to change)


def _content_vs_services(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    storing = [s for s in STORING_SERVICES if s in a["services.offered"]]
    if storing and a["services.content_handling"] in ("none", "transit"):
        yield (
            f"The services include {', '.join(storing)}, which keep the content of communications, but content "
            f"handling is '{a['services.content_handling']}', so the policy would say we do not keep content; "
            "choose 'stored' (or 'analysed')",
            "services.content_handling",
        )
    if storing and not a["data.content.collected"]:
        yield (
            f"The services include {', '.join(storing)}, but the content of communications is not marked as "
            "collected, so it has no sources, role or retention in the policy; mark it collected",
            "data.content.collected",
        )


def _voicemail_retention(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    if "voicemail" in a["services.offered"] and not str(a["retention.voicemail"] or "").strip():
        yield (
            "Voicemail is offered but no retention period for messages is given; the voicemail text leaves the "
            "period out. Enter how long messages are kept",
            "retention.voicemail",
        )


def _toll_records(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    if not (f["cpni_applies"] and a["data.traffic.collected"] and a["retention.style"] == "periods"):
        return
    months = period_months(a["data.traffic.retention"])
    if months is not None and months < 18:
        yield (
            f"Traffic data is kept for {a['data.traffic.retention']}, but toll billing records must be kept for 18 "
            "months (47 CFR 42.6); the retention table says so beside the traffic period. If you bill no toll "
            "calls, that sentence does not apply to you: tell your lawyer before publishing",
            "data.traffic.retention",
        )


def _ads_without_tool(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    online_ads = "marketing" in a["purposes.used"] and "online_ads" in a["purposes.marketing_channels"]
    if online_ads and not a["cookies.advertising_tools"] and "advertising_partners" not in a["sharing.recipients"]:
        yield (
            "Marketing shows our ads on other websites and apps, but no advertising tool or partner is named; "
            "the cookie text would say no advertising company tracks visitors. Name the tools in "
            "cookies.advertising_tools",
            "cookies.advertising_tools",
        )


def _processor_own_use(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    own = set(a["roles.controller_purposes"])
    for cat in f["collected_categories"]:
        uses = OWN_USES.get(cat, set()) & own & set(a["purposes.used"])
        if a[f"data.{cat}.role"] == "processor" and uses:
            yield (
                f"'{cat}' data is marked processor only, but we also use it for our own purposes "
                f"({', '.join(sorted(uses))}); for those uses we are its controller, so set its role to 'both'",
                f"data.{cat}.role",
            )


def _unused_mechanisms(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    regions = set(a["audience.regions"])
    for mechanism, region, place in (
        ("uk_idta", "uk", "the UK"),
        ("uk_addendum", "uk", "the UK"),
        ("swiss_scc", "switzerland", "Switzerland"),
    ):
        if mechanism in a["transfers.mechanisms"] and region not in regions:
            yield (
                f"The transfer mechanisms include '{mechanism}', a safeguard for transfers from {place}, but the "
                f"policy does not serve people in {place}; remove it, or add the region",
                "transfers.mechanisms",
            )


def _cpni_opt_out_channel(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    if f["cpni_applies"] and a["cpni.approval"] == "opt_out" and not (a["cpni.choice_url"] or a["cpni.choice_phone"]):
        yield (
            "CPNI opt-out approval needs an opt-out method available to every customer at no cost, 24 hours a "
            "day, seven days a week; give a web page or a toll-free number",
            "cpni.choice_url",
        )


def _cpni_carrier(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    home = a["company.country"].strip().lower()
    if f["cpni_applies"] and home not in {"us", "usa", "united states", "united states of america"}:
        if not a["cpni.carrier"].strip():
            yield (
                f"The company is in {a['company.country']}, but the CPNI duty is owed by the carrier that provides "
                "the US service; name it (often a US subsidiary), or the policy names the foreign parent",
                "cpni.carrier",
            )


def _retention_answers(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    for cat in f["collected_categories"]:
        value = str(a[f"data.{cat}.retention"] or "").strip()
        if value and value not in RETENTION_KEYWORDS and period_months(value) is None:
            yield (
                f"The retention of '{cat}' data ('{value}') is neither a period like \"18 months\" nor one of "
                f"{', '.join(RETENTION_KEYWORDS)}; the table would print it as written",
                f"data.{cat}.retention",
            )


def _emergency_location(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    if a["services.emergency_calling"] and not a["data.location.collected"]:
        yield (
            "Emergency calls are connected, and the policy says the caller's location goes to the emergency "
            "services with each call, but location data is not marked as collected, so the lists of data "
            "and the retention table leave it out; mark location data collected and give its retention",
            "data.location.collected",
        )


# The operator's own channels: an address here on another company's domain is usually left over from a
# copied project file, and the policy would send people's requests to that company.
OWN_CHANNELS = ("rights.request_email", "rights.request_url", "company.unsubscribe_email", "cpni.choice_url")
_DOMAIN = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/]*@)?(?:www\.)?([^/:?#\s]+)", re.IGNORECASE)


def _domain(value: str) -> str:
    match = _DOMAIN.match(str(value or "").strip())
    return match.group(1).lower() if match else ""


def _foreign_channels(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    own = {_domain(a["company.website"]), _domain(a["company.privacy_email"])} - {""}
    if not own:
        return
    for key in OWN_CHANNELS:
        if key.startswith("cpni.") and not f["cpni_applies"]:
            continue
        domain = _domain(a[key])
        if domain and not any(domain == d or domain.endswith("." + d) or d.endswith("." + domain) for d in own):
            yield (
                f"'{a[key]}' is on {domain}, not on the company's own domain ({', '.join(sorted(own))}); "
                "people would send their requests there. Correct it, or keep it if that service acts for you",
                key,
            )


# Named website tools and the country their provider handles the data in.
TOOL_COUNTRIES = {"google_analytics": "United States", "google_tag_manager": "United States"}


def _tool_countries(a: Answers, f: Facts) -> Iterator[tuple[str, str]]:
    if not a["cookies.used"]:
        return
    listed = {
        str(c).strip().lower()
        for key in ("transfers.storage_countries", "transfers.provider_countries", "transfers.group_countries")
        for c in a[key]
    }
    named = [str(t) for t in (*a["cookies.analytics_tools"], *a["cookies.advertising_tools"])]
    tools = list(a["cookies.tools"]) + [t for t in named if "google" in t.lower()]
    for tool in tools:
        country = TOOL_COUNTRIES.get(tool, "United States" if "google" in tool.lower() else None)
        if country and country.lower() not in listed:
            listed.add(country.lower())
            yield (
                f"The website uses {tool}, whose provider handles data in {country}, but {country} is not among "
                "the countries where data is stored or handled, so the policy would say service providers keep "
                f"it only in {', '.join(a['transfers.storage_countries']) or 'the storage countries'}; "
                f"add {country} to the service providers' countries and choose its transfer safeguard",
                "transfers.provider_countries",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        "CONTENT-HANDLING-VS-SERVICES",
        "error",
        "GDPR Art 5(1)(a), 13(1)(c); ePrivacy Directive Art 5(1)",
        _content_vs_services,
    ),
    Rule(
        "VOICEMAIL-RETENTION-MISSING",
        "warning",
        "GDPR Art 13(2)(a); Cal. Civ. Code 1798.100(a)(3)",
        _voicemail_retention,
    ),
    Rule("RETENTION-TOLL-SHORT", "info", "47 CFR 42.6 (toll billing records, 18 months)", _toll_records),
    Rule("ADS-WITHOUT-TOOL", "warning", "Cal. Civ. Code 1798.140(ah); ePrivacy Directive Art 5(3)", _ads_without_tool),
    Rule("ROLE-PROCESSOR-OWN-USE", "warning", "GDPR Art 28(10); EDPB Guidelines 07/2020", _processor_own_use),
    Rule("XFER-MECHANISM-REGION", "warning", "UK GDPR Art 46; FADP Art 16(2)", _unused_mechanisms),
    Rule("CPNI-OPT-OUT-CHANNEL", "error", "47 CFR 64.2008(d)(3)", _cpni_opt_out_channel),
    Rule("CPNI-CARRIER-UNNAMED", "warning", "47 U.S.C. 222(a), (c)(1)", _cpni_carrier),
    Rule("RETENTION-UNREADABLE", "warning", "GDPR Art 13(2)(a)", _retention_answers),
    Rule(
        "CONTACT-OTHER-DOMAIN",
        "warning",
        "GDPR Art 12(2), 13(1)(a); Cal. Civ. Code 1798.130(a)(1)",
        _foreign_channels,
    ),
    Rule("XFER-TOOL-COUNTRY", "warning", "GDPR Art 13(1)(f); UK GDPR Art 13(1)(f)", _tool_countries),
    Rule(
        "EMERGENCY-LOCATION-NOT-COLLECTED",
        "warning",
        "EECC Art 109(6); 47 U.S.C. 222(d)(4); GDPR Art 13(1)(c)",
        _emergency_location,
    ),
)


def consistency_findings(plan: Plan) -> list[Finding]:
    """Findings of every consistency rule for this plan."""
    answers, facts = plan.project.answers, plan.context["facts"]
    return [
        Finding(rule.severity, rule.code, message, rule.citation, key)
        for rule in RULES
        for message, key in rule.test(answers, facts)
    ]
