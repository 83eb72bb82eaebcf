"""Rendering stage 2d: the practices the policy states, as JSON for a website's or an app's privacy label.

Built from the same plan as every other format: the answers give the facts (categories,
purposes and bases, recipients, retention, transfers, sale/share, contacts); the plan's
clauses give the rights, so the JSON never names a right the rendered policy does not state.
The shape is documented by docs/practices.schema.json.
"""

from __future__ import annotations

import json
import re
from typing import Any

from telepolicy.generator.project.schema import DATA_CATEGORIES, RETENTION_KEYWORDS
from telepolicy.generator.rendering.assemble import Plan
from telepolicy.generator.rendering.clauses import RenderedPolicy

SCHEMA_ID = "telepolicy-practices/1"

# Library clause id -> (law, right). A right is listed when its clause is in the plan.
RIGHT_CLAUSES: dict[str, tuple[str, str]] = {
    "eea_uk.right.access": ("gdpr", "access"),
    "eea_uk.right.rectification": ("gdpr", "rectification"),
    "eea_uk.right.erasure": ("gdpr", "erasure"),
    "eea_uk.right.restriction": ("gdpr", "restriction"),
    "eea_uk.right.portability": ("gdpr", "portability"),
    "eea_uk.right.objection": ("gdpr", "objection"),
    "eea_uk.right.object_marketing": ("gdpr", "objection_to_direct_marketing"),
    "eea_uk.right.automated_decisions": ("gdpr", "human_review_of_automated_decisions"),
    "eea_uk.complaint.eea": ("gdpr", "complaint_to_authority"),
    "eea_uk.complaint.uk": ("uk_gdpr", "complaint_to_authority"),
    "eea_uk.complaint.switzerland": ("swiss_fadp", "complaint_to_authority"),
    "california.right.know": ("ccpa", "know"),
    "california.right.delete": ("ccpa", "delete"),
    "california.right.correct": ("ccpa", "correct"),
    "california.right.opt_out": ("ccpa", "opt_out_of_sale_and_sharing"),
    "california.right.limit": ("ccpa", "limit_sensitive_information"),
    "california.right.non_discrimination": ("ccpa", "non_discrimination"),
    "us_states.rights": ("us_state_laws", "state_privacy_rights"),
    "us_states.appeal": ("us_state_laws", "appeal"),
    "canada.access": ("pipeda", "access_and_correction"),
    "canada.quebec.rights": ("quebec_law_25", "quebec_rights"),
    "brazil.rights": ("lgpd", "lgpd_rights"),
    "ukraine.rights": ("ukraine_pdp", "ukrainian_rights"),
    "rights.update_details": ("all", "update_details"),
    "rights.close_account": ("all", "close_account"),
    "rights.complaints": ("all", "complaint_to_us"),
    "rights.no_discrimination": ("all", "non_discrimination"),
}

_PERIOD = re.compile(r"^(\d+) (day|week|month|year)s?$")


def retention(value: str) -> dict[str, Any]:
    """'18 months' -> {'text', 'amount': 18, 'unit': 'month'}; keywords -> {'text', 'rule'}."""
    match = _PERIOD.match(value)
    if match:
        return {"text": value, "amount": int(match.group(1)), "unit": match.group(2)}
    if value in RETENTION_KEYWORDS:
        return {"text": value, "rule": value}
    return {"text": value}


def _present(**values: str) -> dict[str, str] | None:
    """The non-empty values, or None when every one is empty."""
    return {k: v for k, v in values.items() if v} or None


def _person(name: str, email: str, address: str = "") -> dict[str, str] | None:
    return _present(name=name, email=email, address=address)


def practices(plan: Plan, policy: RenderedPolicy, generator: str) -> dict[str, Any]:
    """The machine-readable summary of one policy."""
    a = plan.project.answers
    facts = plan.context["facts"]
    clause_ids = [c.id for s in plan.sections for c in s.clauses]
    categories = [
        {
            "id": cat,
            "label": label,
            "sources": list(a[f"data.{cat}.sources"]),
            "role": a[f"data.{cat}.role"],
            "retention": retention(a[f"data.{cat}.retention"]),
        }
        for cat, label in DATA_CATEGORIES
        if a[f"data.{cat}.collected"]
    ]
    return {
        "schema": SCHEMA_ID,
        "generator": generator,
        "policy": {
            "title": policy.title,
            "company": policy.company,
            "version": policy.version,
            "effective_date": policy.effective_date.isoformat(),
            "last_updated": policy.last_updated.isoformat(),
            "language": policy.language,
            "url": a["company.website"] or None,
            "sections": [{"id": s.id, "number": s.number, "title": s.title} for s in policy.sections],
        },
        "controller": {
            "legal_name": a["company.legal_name"],
            "trading_name": a["company.trading_name"] or None,
            "address": a["company.address"],
            "country": a["company.country"],
            "group_entities": list(a["company.group_entities"]),
        },
        "regions": list(a["audience.regions"]),
        "data_categories": categories,
        "purposes": [{"id": p, "legal_basis": a[f"legal_bases.{p}"]} for p in a["purposes.used"]],
        "recipients": list(a["sharing.recipients"]),
        "retention": {
            "style": a["retention.style"],
            "end_action": a["retention.end_action"],
            "backup_days": a["retention.backup_days"],
            "by_category": {c["id"]: c["retention"] for c in categories},
        },
        "transfers": {
            "storage_countries": list(a["transfers.storage_countries"]),
            "outside_eea": bool(facts["stores_outside_eea"]),
            "mechanisms": list(a["transfers.mechanisms"]),
        },
        "rights": [
            {"law": RIGHT_CLAUSES[cid][0], "right": RIGHT_CLAUSES[cid][1], "clause": cid}
            for cid in clause_ids
            if cid in RIGHT_CLAUSES
        ],
        "sale_and_sharing": {
            "sells_personal_information": bool(a["sharing.sells_personal_information"]),
            "shares_for_cross_context_advertising": bool(a["cookies.advertising_tools"]),
            "advertising_tools": list(a["cookies.advertising_tools"]),
            "analytics_tools": list(a["cookies.analytics_tools"]),
            "honours_gpc": bool(a["cookies.honours_gpc"]),
        },
        "contacts": {
            "privacy_email": a["company.privacy_email"],
            "phone": a["company.phone"] or None,
            "rights_requests": _present(
                url=a["rights.request_url"], email=a["rights.request_email"], phone=a["rights.request_phone"]
            )
            or {},
            "dpo": _person(a["dpo.name"], a["dpo.email"]),
            "eu_representative": _person(
                a["eu_representative.name"], a["eu_representative.email"], a["eu_representative.address"]
            ),
            "uk_representative": _person(
                a["uk_representative.name"], a["uk_representative.email"], a["uk_representative.address"]
            ),
            "supervisory_authority": _present(name=a["supervisory_authority.name"], url=a["supervisory_authority.url"]),
        },
    }


def render_json(plan: Plan, policy: RenderedPolicy, generator: str) -> str:
    return json.dumps(practices(plan, policy, generator), ensure_ascii=False, indent=2) + "\n"
