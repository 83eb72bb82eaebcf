"""Facts derived from the answers, so clause conditions stay short and declarative.

A clause says `"facts.cpni_applies" = true` instead of repeating which services
and regions make the CPNI rules apply; the rule lives here, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from telepolicy.generator.project.schema import CATEGORY_IDS
from telepolicy.generator.rules.countries import (
    adequacy_scopes,
    consent_ages_outside_eea,
    eea_consent_ages,
    emergency_numbers,
    in_group,
    lawful_access,
    leaves,
    load_countries,
    regulators,
    select_in,
    select_not_in,
    us_privacy_states,
)

# Every spelling of an EEA country (clause_library/countries.toml), lowercase.
EEA_COUNTRIES = frozenset(s for c in load_countries().countries if c.eea for s in c.spellings)
VOICE_SERVICES = frozenset({"voice", "sip_trunking", "mobile", "fixed_access", "conferencing"})
# Publicly available electronic communications services (EECC Art 2(4)): voice, messaging, access.
ECS_SERVICES = VOICE_SERVICES | {"messaging", "fax", "cpaas_api"}
# 47 CFR 64.2011 (CPNI breach notification): each text and the date it took effect. The original rule
# (EPIC CPNI Order, FCC 07-22) took effect on 8 Dec 2007. FCC 23-111 (89 FR 9968, 12 Feb 2024) amended it,
# but the amendment's effective date was "delayed indefinitely" pending OMB approval and no effective-date
# notice has been found (verified 2026-12-03): enter its date here once the Federal Register announces it.
CPNI_BREACH_RULES: tuple[tuple[str, dt.date | None], ...] = (
    ("original", dt.date(2007, 12, 8)),
    ("amended", None),
)
DIRECT_SOURCES = frozenset({"you", "automatic"})
# Demands for information where the data names no law for the operator's country.
GENERAL_DEMANDS = "a court order, a warrant or another binding demand made under the law"

Answers = Mapping[str, Any]
# Facts whose value is a table: clause texts read their keys (`facts.brazil_storage.abroad`);
# conditions cannot test them.
DICT_FACTS: dict[str, tuple[str, ...]] = {
    "eu_destinations": ("adequate", "scoped", "us", "unprotected"),
    "brazil_storage": ("home", "abroad", "eea", "other"),
    "canada_storage": ("home", "abroad", "eea", "other"),
    "ukraine_storage": ("home", "abroad", "eea", "other"),
    "regulators": ("uk", "switzerland"),
    "lawful_access": ("demands", "intercept", "intercept_us", "emergency", "elsewhere", "laws"),
}
# Facts whose value is a list: a condition on them tests membership, like a list answer.
LIST_FACTS = frozenset(
    {
        "collected_categories",
        "sources_used",
        "gdpr_regions",
        "eea_transfer_countries",
        "emergency_abroad_regions",
        "uk_transfer_tools",
    }
)


def _collected(answers: Answers) -> list[str]:
    return [cat for cat in CATEGORY_IDS if answers[f"data.{cat}.collected"]]


def _roles(answers: Answers) -> set[str]:
    return {answers[f"data.{cat}.role"] for cat in _collected(answers)}


def _regions(answers: Answers) -> set[str]:
    return set(answers["audience.regions"])


def _gdpr(answers: Answers) -> bool:
    return bool(_regions(answers) & {"eea", "uk", "switzerland"})


def _stores_outside_eea(answers: Answers) -> bool:
    return any(c.strip().lower() not in EEA_COUNTRIES for c in answers["transfers.storage_countries"])


def _consent_ages() -> list[dict[str, Any]]:
    return [
        {"age": age, "countries": sorted((c.name for c in group), key=lambda n: n.removeprefix("the "))}
        for age, group in eea_consent_ages().items()
    ]


def _flow_countries(answers: Answers) -> list[str]:
    """Every country personal data is kept in or sent to: storage, service providers, group companies."""
    return [
        *answers["transfers.storage_countries"],
        *answers["transfers.provider_countries"],
        *answers["transfers.group_countries"],
    ]


def _eu_main_establishment(answers: Answers) -> bool:
    return in_group(answers["company.country"], "eea") or bool(answers["company.eea_controller"].strip())


def _established_in_eea(answers: Answers) -> bool:
    return bool(answers["company.established_in_eea"]) or _eu_main_establishment(answers)


def _eea_transfer_countries(answers: Answers) -> list[str]:
    """Countries outside the EEA that data goes to from the EEA. A controller outside the EEA that
    collects directly from people makes no transfer by storing at home (EDPB Guidelines 05/2021, Example 1)."""
    storage = list(answers["transfers.storage_countries"])
    if _eu_main_establishment(answers):
        own = storage
    else:
        # Data that our office in the EEA, or a service provider keeping it for us there, sends to us
        # is a transfer (EDPB Guidelines 05/2021).
        from_eea = answers["company.established_in_eea"] or any(in_group(c, "eea") for c in storage)
        own = [answers["company.country"]] if from_eea else []
    found: list[str] = []
    seen: set[str] = set()
    for name in [*own, *answers["transfers.provider_countries"], *answers["transfers.group_countries"]]:
        country = load_countries().find(name)
        key = country.id if country else name.strip().lower()
        if key not in seen and not in_group(name, "eea"):
            seen.add(key)
            found.append(name)
    return found


def _eu_destinations(answers: Answers) -> dict[str, Any]:
    """The countries data goes to from the EEA, sorted by the EU's adequacy decisions."""
    destinations = _eea_transfer_countries(answers)
    return {
        "adequate": select_in(destinations, "eu_adequate"),
        "scoped": adequacy_scopes(select_in(destinations, "eu_adequate")),
        "us": bool(select_in(destinations, "dpf")),
        "unprotected": select_in(destinations, "no_eu_adequacy"),
    }


def _storage_from(home: str) -> Callable[[Answers], dict[str, Any]]:
    """Storage seen from one country: whether data is kept there, and where else (EEA countries first)."""

    def view(answers: Answers) -> dict[str, Any]:
        storage = list(answers["transfers.storage_countries"])
        abroad = select_not_in(storage, home)
        eea, other = select_in(abroad, "eea"), select_not_in(abroad, "eea")
        return {"home": bool(select_in(storage, home)), "abroad": eea + other, "eea": eea, "other": other}

    return view


def _emergency_regions(answers: Answers) -> list[str]:
    chosen = answers["services.emergency_regions"]
    if not answers["services.emergency_calling"]:
        return []
    if chosen:
        return list(chosen)
    served = set(_regions(answers)) | ({"us"} if _regions(answers) & {"california", "us_states"} else set())
    return [r for r in load_countries().regions if r in served]


def _lawful_access(answers: Answers) -> dict[str, Any]:
    """The lawful-access laws the policy names: the operator's country's, and the US's when serving people
    there (CALEA and the Stored Communications Act reach providers serving the US); `elsewhere` when other
    regions served have laws of their own the policy does not name."""
    home = load_countries().find(answers["company.country"])
    own = lawful_access(answers["company.country"])
    covered = {home.id, *(["eea"] if home.eea else [])} if home else set()
    us = lawful_access("united states") if "us" in _regions(answers) and "united_states" not in covered else None
    covered |= {"united_states"} if us else set()
    demands = own.demands if own else GENERAL_DEMANDS
    if us:
        demands = f"{demands}; for our services in the United States, {us.demands}"
    regimes = [regime for regime in (own, us) if regime]
    table = load_countries().regions
    served = {("eea" if region == "eea" else table[region].country) for region in _regions(answers) if region in table}
    return {
        "demands": demands,
        "intercept": own.intercept if own else "",
        "intercept_us": us.intercept if us else "",
        "emergency": own.emergency if own else "",
        "elsewhere": bool(served - covered),
        "laws": "; ".join(regime.laws for regime in regimes),
    }


def _e_evidence(answers: Answers) -> bool:
    """Regulation (EU) 2023/1543 reaches every provider offering services in the EU, from the date it applies."""
    start = load_countries().e_evidence_from
    return "eea" in _regions(answers) and start is not None and answers["policy.effective_date"] >= start


def _cpni_applies(answers: Answers) -> bool:
    return "us" in _regions(answers) and bool(VOICE_SERVICES & set(answers["services.offered"]))


def _shares_for_ads(answers: Answers) -> bool:
    """Cross-context behavioural advertising, e.g. retargeting our ads on other sites, is "sharing"
    (CCPA Civ. Code 1798.140(ah)) and "targeted advertising" under the other state laws."""
    ads_on_other_sites = (
        "marketing" in answers["purposes.used"] and "online_ads" in answers["purposes.marketing_channels"]
    )
    return (
        bool(answers["cookies.advertising_tools"])
        or "advertising_partners" in answers["sharing.recipients"]
        or ads_on_other_sites
    )


def _sells_or_shares(answers: Answers) -> bool:
    return bool(answers["sharing.sells_personal_information"]) or _shares_for_ads(answers)


def _cpni_breach_rule(answers: Answers) -> str:
    """The text of 47 CFR 64.2011 in force on the policy's effective date."""
    effective = answers["policy.effective_date"]
    in_force = [name for name, start in CPNI_BREACH_RULES if start is not None and start <= effective]
    return in_force[-1] if in_force else CPNI_BREACH_RULES[0][0]


def _precise_location(answers: Answers) -> bool:
    """Precise geolocation (CCPA 1798.140(w), (ae)): GPS-level location, or the dispatchable 911 location."""
    if not answers["data.location.collected"]:
        return False
    return answers["data.location_precision"] == "precise" or bool(answers["services.emergency_calling"])


def _bases(answers: Answers) -> set[str]:
    return {answers[f"legal_bases.{purpose}"] for purpose in answers["purposes.used"]}


def _children_statement(answers: Answers) -> bool:
    """Whether the policy needs its children section: the service is for children, admits people under 16
    (the age of GDPR Art. 8(1) and CCPA 1798.120(c)), sells data of consumers known to be under 16, the
    operator asked for guidance to parents, or a rule of requirement_rules.toml that children clauses serve
    applies: COPPA's general-audience statement (US), CCPA 11 CCR 7011 (California), GDPR Art. 8 (consent, EEA)."""
    regions = _regions(answers)
    return bool(
        answers["children.directed_to_children"]
        or answers["children.minimum_age"] < 16
        or answers["children.under_16_opt_in"]
        or answers["children.parental_guidance"]
        or regions & {"us", "california"}
        or ("eea" in regions and "consent" in _bases(answers))
    )


# Served regions whose law governs data leaving them, and the country (or group) they stand for.
TRANSFER_REGIONS = {
    "eea": "eea",
    "uk": "united_kingdom",
    "switzerland": "switzerland",
    "canada": "canada",
    "brazil": "brazil",
    "ukraine": "ukraine",
}


def _transfers_abroad(answers: Answers) -> bool:
    """Whether personal data is kept or handled outside the operator's own country (the EEA, for an operator
    there) or outside a served region whose law governs transfers; calls to other countries alone are not."""
    flows = _flow_countries(answers)
    home = load_countries().find(answers["company.country"])
    if home is None:
        own = answers["company.country"].strip().lower()
        leaves_home = any(c.strip().lower() != own for c in flows)
    else:
        leaves_home = leaves(flows, "eea" if home.eea else home.id)
    regions = _regions(answers)
    served = [group for region, group in TRANSFER_REGIONS.items() if region in regions]
    # A controller outside the EEA that keeps data in the EEA still receives it there (EDPB Guidelines 05/2021).
    from_eea = "eea" in regions and bool(_eea_transfer_countries(answers))
    return leaves_home or from_eea or any(leaves(flows, group) for group in served)


FACTS: dict[str, tuple[str, Callable[[Answers], Any]]] = {
    "collected_categories": ("the data categories collected", _collected),
    "sources_used": (
        "where the collected data comes from, over all categories",
        lambda a: sorted({source for cat in _collected(a) for source in a[f"data.{cat}.sources"]}),
    ),
    "us_users": ("serves people in the US", lambda a: "us" in _regions(a)),
    "california": ("serves California residents", lambda a: "california" in _regions(a)),
    "us_state_laws": (
        "serves residents of US states with comprehensive privacy laws other than California",
        lambda a: "us_states" in _regions(a),
    ),
    "eea_users": ("serves people in the EEA", lambda a: "eea" in _regions(a)),
    "uk_users": ("serves people in the UK", lambda a: "uk" in _regions(a)),
    "gdpr": ("the GDPR, UK GDPR or Swiss FADP applies", _gdpr),
    "voice": ("offers a voice service", lambda a: bool(VOICE_SERVICES & set(a["services.offered"]))),
    "cpni_applies": ("is a US voice carrier or interconnected VoIP provider", _cpni_applies),
    "e911": (
        "offers US voice with emergency calling",
        lambda a: _cpni_applies(a) and bool(a["services.emergency_calling"]),
    ),
    "processor": ("acts as a processor for some data", lambda a: bool(_roles(a) & {"processor", "both"})),
    "hybrid_roles": ("acts as both controller and processor for some data", lambda a: "both" in _roles(a)),
    "indirect_sources": (
        "receives data from sources other than the person",
        lambda a: any(set(a[f"data.{cat}.sources"]) - DIRECT_SOURCES for cat in _collected(a)),
    ),
    "sells_or_shares": ("sells personal information or shares it for advertising", _sells_or_shares),
    "stores_outside_eea": ("stores data outside the EEA", _stores_outside_eea),
    "gdpr_regions": (
        "the regions served where the GDPR, UK GDPR or Swiss FADP applies",
        lambda a: [r for r in a["audience.regions"] if r in ("eea", "uk", "switzerland")],
    ),
    "eea_consent_ages": (
        "the EEA countries grouped by their age of digital consent (GDPR Art. 8(1))",
        lambda a: _consent_ages(),
    ),
    "consent_ages_elsewhere": (
        "served regions outside the EEA whose law sets an age of digital consent: name, age and law (UK GDPR Art. 8)",
        lambda a: consent_ages_outside_eea(a["audience.regions"]),
    ),
    "regulators": ("the authority to complain to, per region (clause_library/countries.toml)", lambda a: regulators()),
    "us_privacy_states": (
        "US states other than California whose comprehensive privacy law is in force on the effective date",
        lambda a: us_privacy_states(a["policy.effective_date"]),
    ),
    "eu_destinations": ("countries data goes to from the EEA: adequate, the US, unprotected", _eu_destinations),
    "brazil_storage": ("storage seen from Brazil: home, abroad, eea, other", _storage_from("brazil")),
    "canada_storage": ("storage seen from Canada: home, abroad, eea, other", _storage_from("canada")),
    "ukraine_storage": ("storage seen from Ukraine: home, abroad, eea, other", _storage_from("ukraine")),
    "leaves_brazil": ("stores or sends data outside Brazil", lambda a: leaves(_flow_countries(a), "brazil")),
    "leaves_canada": ("stores or sends data outside Canada", lambda a: leaves(_flow_countries(a), "canada")),
    "leaves_ukraine": ("stores or sends data outside Ukraine", lambda a: leaves(_flow_countries(a), "ukraine")),
    "leaves_uk": ("stores or sends data outside the UK", lambda a: leaves(_flow_countries(a), "united_kingdom")),
    "leaves_switzerland": (
        "stores or sends data outside Switzerland",
        lambda a: leaves(_flow_countries(a), "switzerland"),
    ),
    "established_in_eea": ("has an establishment in the EEA (GDPR Art. 3(1))", _established_in_eea),
    "eu_main_establishment": (
        "the decisions for EEA users are taken in the EEA (GDPR Art. 4(16), 56)",
        _eu_main_establishment,
    ),
    "controller_outside_eea": (
        "the controller for EEA users is outside the EEA",
        lambda a: not _eu_main_establishment(a),
    ),
    "eea_transfer_countries": (
        "countries outside the EEA that personal data is sent to from the EEA (GDPR Chapter V)",
        _eea_transfer_countries,
    ),
    "transfers_from_eea": (
        "serves GDPR regions and sends data to countries outside the EEA",
        lambda a: _gdpr(a) and bool(_eea_transfer_countries(a)),
    ),
    "needs_eu_representative": (
        "serves EEA people with no EEA establishment (GDPR Art. 27)",
        lambda a: "eea" in _regions(a) and not _established_in_eea(a),
    ),
    "needs_swiss_representative": (
        "a controller abroad whose processing of Swiss data meets FADP Art. 14(1)",
        lambda a: (
            "switzerland" in _regions(a)
            and not in_group(a["company.country"], "switzerland")
            and bool(a["swiss_representative.required"])
        ),
    ),
    "uk_transfer_tools": (
        "the safeguards usable for transfers from the UK: IDTA, Addendum, and BCRs only if the ICO approved them",
        lambda a: [
            m
            for m in a["transfers.mechanisms"]
            if m in ("uk_idta", "uk_addendum") or (m == "bcr" and a["transfers.bcr_uk_approved"])
        ],
    ),
    "emergency_abroad_regions": (
        "regions outside the US whose emergency numbers the service reaches",
        lambda a: [r for r in _emergency_regions(a) if r != "us"],
    ),
    "emergency_abroad": (
        "for each region outside the US the service reaches: its emergency numbers",
        lambda a: [{"region": r, "numbers": emergency_numbers([r])} for r in _emergency_regions(a) if r != "us"],
    ),
    "needs_uk_representative": (
        "serves UK people and is established outside the UK",
        lambda a: "uk" in _regions(a) and not in_group(a["company.country"], "united_kingdom"),
    ),
    "uses_consent": ("relies on consent for a purpose", lambda a: "consent" in _bases(a)),
    "uses_legitimate_interests": (
        "relies on legitimate interests for a purpose",
        lambda a: "legitimate_interests" in _bases(a),
    ),
    "has_dpo": ("has a Data Protection Officer", lambda a: bool(a["dpo.name"] or a["dpo.email"])),
    "ecs_provider_eu_uk": (
        "provides a public electronic communications service to people in the EEA or the UK "
        "(ePrivacy Directive, UK PECR)",
        lambda a: bool(_regions(a) & {"eea", "uk"}) and bool(ECS_SERVICES & set(a["services.offered"])),
    ),
    "lawful_access": (
        "the orders for information and interception the law of our country (and of the US, if served) allows",
        _lawful_access,
    ),
    "lawful_intercept": (
        "the law of our country (or of the US, if served) provides for intercepting communications",
        lambda a: bool(_lawful_access(a)["intercept"] or _lawful_access(a)["intercept_us"]),
    ),
    "e_evidence": (
        "serves people in the EU on or after the date Regulation (EU) 2023/1543 applies (countries.toml)",
        _e_evidence,
    ),
    "cpni_breach_rule": ("the text of 47 CFR 64.2011 in force on the effective date", _cpni_breach_rule),
    "shares_for_ads": (
        "lets advertising tools or partners use personal information for cross-context behavioural advertising",
        _shares_for_ads,
    ),
    "precise_location": ("holds precise geolocation, including the 911 dispatchable location", _precise_location),
    "tracking": (
        "uses analytics or advertising tools, Google Analytics or device fingerprinting",
        lambda a: bool(
            a["cookies.analytics_tools"]
            or a["cookies.advertising_tools"]
            or "google_analytics" in a["cookies.tools"]
            or a["cookies.fingerprinting"]
        ),
    ),
    "children_statement": (
        "the policy needs a children section: a service for children, people under 16 admitted or their data "
        "sold, parental guidance chosen, or a law that asks for a statement (COPPA, CCPA, GDPR Art. 8)",
        _children_statement,
    ),
    "transfers_abroad": (
        "keeps or sends personal data outside the operator's country (the EEA, for an operator there) "
        "or outside a served region whose law governs transfers",
        _transfers_abroad,
    ),
}


def derive_facts(answers: Answers) -> dict[str, Any]:
    """Compute every fact from a complete set of answers."""
    return {name: rule(answers) for name, (_, rule) in FACTS.items()}
