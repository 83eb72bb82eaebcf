"""The project file's schema: every answer the wizard asks, declared once.

Validation, the project-file reference (docs/project-file.md), the library's
checks of clause conditions and variables, and the wizard's pages all read
this table, so a new answer is added in one place.
"""

from __future__ import annotations

from telepolicy.generator.project.field import Field, Kind, default_value
from telepolicy.generator.project.questions import company, cpni, data, rights, sharing, storage
from telepolicy.generator.project.vocabulary import (
    CATEGORY_IDS,
    CONTROLLER_PURPOSES,
    CPNI_PROCEDURES,
    DATA_CATEGORIES,
    DEFAULT_BASIS,
    LEGAL_BASES,
    PERIOD_HELP,
    PURPOSES,
    RECIPIENTS,
    REGIONS,
    RETENTION_KEYWORDS,
    ROLES,
    SECURITY_MEASURES,
    SERVICES,
    SOURCES,
    TRANSFER_MECHANISMS,
)

FORMAT_VERSION = 1

# Wizard pages, in order; each field names one.
PAGES: tuple[tuple[str, str], ...] = (
    ("company", "Company and contacts"),
    ("services", "Services and audience"),
    ("regions", "Regions"),
    ("data", "Data collected and its sources"),
    ("purposes", "Purposes and legal bases"),
    ("roles", "Controller and processor roles"),
    ("sharing", "Sharing"),
    ("cookies", "Cookies and tracking"),
    ("retention", "Retention"),
    ("transfers", "Storage and transfers"),
    ("children", "Children"),
    ("cpni", "CPNI"),
    ("cpni_certification", "CPNI certification"),
    ("rights", "Rights requests"),
    ("security", "Security"),
    ("policy", "Policy version and dates"),
)

# Pages asked only when they can change the policy (the clause condition language, as for fields).
PAGE_ASKED_WHEN: dict[str, dict[str, object]] = {
    "cpni": {"facts.cpni_applies": True},
    "cpni_certification": {"facts.cpni_applies": True},
}

FIELDS: tuple[Field, ...] = (
    *company.QUESTIONS,
    *data.QUESTIONS,
    *sharing.QUESTIONS,
    *storage.QUESTIONS,
    *cpni.QUESTIONS,
    *rights.QUESTIONS,
)

FIELDS_BY_KEY: dict[str, Field] = {field.key: field for field in FIELDS}

# Top-level tables that are not answers.
STRUCTURAL_KEYS = ("format", "library_paths", "clauses", "custom_clauses")

__all__ = [
    "CATEGORY_IDS",
    "CONTROLLER_PURPOSES",
    "CPNI_PROCEDURES",
    "DATA_CATEGORIES",
    "DEFAULT_BASIS",
    "FIELDS",
    "FIELDS_BY_KEY",
    "FORMAT_VERSION",
    "LEGAL_BASES",
    "PAGES",
    "PAGE_ASKED_WHEN",
    "PERIOD_HELP",
    "PURPOSES",
    "RECIPIENTS",
    "REGIONS",
    "RETENTION_KEYWORDS",
    "ROLES",
    "SECURITY_MEASURES",
    "SERVICES",
    "SOURCES",
    "STRUCTURAL_KEYS",
    "TRANSFER_MECHANISMS",
    "Field",
    "Kind",
    "default_value",
]
