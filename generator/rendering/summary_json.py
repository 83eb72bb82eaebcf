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

from telepolicy.generator.project.schema import (
    CATEGORY_IDS,
    DATA_CATEGORIES,
    FIELDS_BY_KEY,
    LEGAL_BASES,
    PURPOSES,
    RECIPIENTS,
    REGIONS,
    RETENTION_KEYWORDS,
    ROLES,
    SOURCES,
    TRANSFER_MECHANISMS,
)
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


def practices_schema() -> dict[str, Any]:
    """The JSON Schema of `practices()`, with the project schema's vocabularies (docs/practices.schema.json)."""

    def text(**extra: Any) -> dict[str, Any]:
        return {"type": "string", **extra}

    def nullable(schema: dict[str, Any]) -> dict[str, Any]:
        return {"anyOf": [schema, {"type": "null"}]}

    def closed(properties: dict[str, Any], required: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "object", "additionalProperties": False}
        if required:
            schema["required"] = list(required)
        return {**schema, **extra, "properties": properties}

    texts = {"type": "array", "items": text()}
    period = closed(
        {
            "text": text(description='As written in the project file, e.g. "18 months".'),
            "amount": {"type": "integer", "minimum": 1},
            "unit": text(enum=["day", "week", "month", "year"]),
            "rule": text(
                enum=list(RETENTION_KEYWORDS),
                description="while_account_open: kept while the account is open; as_required_by_law: the period "
                "the law sets; customer_instructions: as the business customer instructs.",
            ),
        },
        ("text",),
        description="A retention period (amount and unit), or a rule instead of a fixed period.",
    )
    person = nullable(closed({"name": text(), "email": text(), "address": text()}))
    laws = sorted({law for law, _ in RIGHT_CLAUSES.values()})
    rights = sorted({right for _, right in RIGHT_CLAUSES.values()})
    policy_keys = ("title", "company", "version", "effective_date", "last_updated", "language", "url", "sections")
    section = closed(
        {
            "id": text(description="Stable anchor id, the same in the HTML page and the fragment."),
            "number": {"type": "integer", "minimum": 1},
            "title": text(),
        },
        ("id", "number", "title"),
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Telepolicy practices summary",
        "description": "What a Telepolicy privacy policy states, machine-readable (telepolicy render --format json "
        "writes <stem>.json). Built from the same answers and plan as the policy text. Identifiers are the "
        "project file's vocabulary (docs/project-file.md). Generated by "
        "`python -m telepolicy.generator.rendering.summary_json`.",
        **closed(
            {
                "schema": {"const": SCHEMA_ID},
                "generator": text(description="The program and version that wrote the file."),
                "policy": closed(
                    {
                        "title": text(),
                        "company": text(description="The name the policy uses: the trading name, or the legal name."),
                        "version": text(),
                        "effective_date": text(format="date"),
                        "last_updated": text(format="date"),
                        "language": text(),
                        "url": nullable(text(description="The company website where the policy is published.")),
                        "sections": {"type": "array", "items": section},
                    },
                    policy_keys,
                ),
                "controller": closed(
                    {
                        "legal_name": text(),
                        "trading_name": nullable(text()),
                        "address": text(),
                        "country": text(),
                        "group_entities": texts,
                    },
                    ("legal_name", "trading_name", "address", "country", "group_entities"),
                ),
                "regions": {"type": "array", "items": text(enum=list(REGIONS))},
                "data_categories": {
                    "type": "array",
                    "description": "The categories of personal data collected.",
                    "items": closed(
                        {
                            "id": text(enum=list(CATEGORY_IDS)),
                            "label": text(),
                            "sources": {"type": "array", "items": text(enum=list(SOURCES))},
                            "role": text(enum=list(ROLES), description="controller, processor, or both."),
                            "retention": period,
                        },
                        ("id", "label", "sources", "role", "retention"),
                    ),
                },
                "purposes": {
                    "type": "array",
                    "items": closed(
                        {
                            "id": text(enum=list(PURPOSES)),
                            "legal_basis": text(enum=list(LEGAL_BASES), description="GDPR Art. 6(1) basis stated."),
                        },
                        ("id", "legal_basis"),
                    ),
                },
                "recipients": {"type": "array", "items": text(enum=list(RECIPIENTS))},
                "retention": closed(
                    {
                        "style": text(enum=list(FIELDS_BY_KEY["retention.style"].choices)),
                        "end_action": text(enum=list(FIELDS_BY_KEY["retention.end_action"].choices)),
                        "backup_days": {"type": "integer", "minimum": 0},
                        "by_category": {
                            "type": "object",
                            "propertyNames": {"enum": list(CATEGORY_IDS)},
                            "additionalProperties": period,
                        },
                    },
                    ("style", "end_action", "backup_days", "by_category"),
                ),
                "transfers": closed(
                    {
                        "storage_countries": texts,
                        "outside_eea": {"type": "boolean"},
                        "mechanisms": {"type": "array", "items": text(enum=list(TRANSFER_MECHANISMS))},
                    },
                    ("storage_countries", "outside_eea", "mechanisms"),
                ),
                "rights": {
                    "type": "array",
                    "description": "Each right the policy states, with its law and the clause that states it "
                    "(law 'all': offered to everyone).",
                    "items": closed(
                        {"law": text(enum=laws), "right": text(enum=rights), "clause": text()},
                        ("law", "right", "clause"),
                    ),
                },
                "sale_and_sharing": closed(
                    {
                        "sells_personal_information": {"type": "boolean"},
                        "shares_for_cross_context_advertising": {"type": "boolean"},
                        "advertising_tools": texts,
                        "analytics_tools": texts,
                        "honours_gpc": {"type": "boolean"},
                    },
                    (
                        "sells_personal_information",
                        "shares_for_cross_context_advertising",
                        "advertising_tools",
                        "analytics_tools",
                        "honours_gpc",
                    ),
                ),
                "contacts": closed(
                    {
                        "privacy_email": text(),
                        "phone": nullable(text()),
                        "rights_requests": closed({"url": text(), "email": text(), "phone": text()}),
                        "dpo": person,
                        "eu_representative": person,
                        "uk_representative": person,
                        "supervisory_authority": nullable(closed({"name": text(), "url": text()})),
                    },
                    (
                        "privacy_email",
                        "phone",
                        "rights_requests",
                        "dpo",
                        "eu_representative",
                        "uk_representative",
                        "supervisory_authority",
                    ),
                ),
            },
            (
                "schema",
                "generator",
                "policy",
                "controller",
                "regions",
                "data_categories",
                "purposes",
                "recipients",
                "retention",
                "transfers",
                "rights",
                "sale_and_sharing",
                "contacts",
            ),
        ),
    }


if __name__ == "__main__":  # regenerate docs/practices.schema.json
    print(json.dumps(practices_schema(), indent=2, ensure_ascii=False))
