"""Facts derived from the answers, so clause conditions stay short and declarative.

A clause says `"facts.cpni_applies" = true` instead of repeating which services
and regions make the CPNI rules apply; the rule lives here, once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from telepolicy.generator.project.schema import CATEGORY_IDS

EEA_COUNTRIES = frozenset(
    {
        "austria",
        "belgium",
        "bulgaria",
        "croatia",
        "cyprus",
        "czechia",
        "czech republic",
        "denmark",
        "estonia",
        "finland",
        "france",
        "germany",
        "greece",
        "hungary",
        "ireland",
        "italy",
        "latvia",
        "lithuania",
        "luxembourg",
        "malta",
        "netherlands",
        "the netherlands",
        "poland",
        "portugal",
        "romania",
        "slovakia",
        "slovenia",
        "spain",
        "sweden",
        "iceland",
        "liechtenstein",
        "norway",
        "eea",
        "european union",
        "eu",
    }
)
VOICE_SERVICES = frozenset({"voice", "sip_trunking", "mobile", "fixed_access", "conferencing"})
DIRECT_SOURCES = frozenset({"you", "automatic"})

Answers = Mapping[str, Any]


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


def _cpni_applies(answers: Answers) -> bool:
    return "us" in _regions(answers) and bool(VOICE_SERVICES & set(answers["services.offered"]))


def _sells_or_shares(answers: Answers) -> bool:
    return bool(answers["sharing.sells_personal_information"] or answers["cookies.advertising_tools"])


def _bases(answers: Answers) -> set[str]:
    return {answers[f"legal_bases.{purpose}"] for purpose in answers["purposes.used"]}


FACTS: dict[str, tuple[str, Callable[[Answers], Any]]] = {
    "collected_categories": ("the data categories collected", _collected),
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
    "transfers_from_eea": (
        "serves GDPR regions and stores data outside the EEA",
        lambda a: _gdpr(a) and _stores_outside_eea(a),
    ),
    "needs_eu_representative": (
        "serves EEA people with no EEA establishment",
        lambda a: "eea" in _regions(a) and not a["company.established_in_eea"],
    ),
    "needs_uk_representative": (
        "serves UK people and is established outside the UK",
        lambda a: (
            "uk" in _regions(a)
            and a["company.country"].strip().lower() not in {"uk", "united kingdom", "great britain", "gb"}
        ),
    ),
    "uses_consent": ("relies on consent for a purpose", lambda a: "consent" in _bases(a)),
    "uses_legitimate_interests": (
        "relies on legitimate interests for a purpose",
        lambda a: "legitimate_interests" in _bases(a),
    ),
    "has_dpo": ("has a Data Protection Officer", lambda a: bool(a["dpo.name"] or a["dpo.email"])),
    "tracking": (
        "uses analytics or advertising tools",
        lambda a: bool(a["cookies.analytics_tools"] or a["cookies.advertising_tools"]),
    ),
}


def derive_facts(answers: Answers) -> dict[str, Any]:
    """Compute every fact from a complete set of answers."""
    return {name: rule(answers) for name, (_, rule) in FACTS.items()}
