"""The vocabularies the answers choose from: data categories, sources, purposes, regions and the rest.

The values are what project files store; `labels.py` says them in words.
"""

from __future__ import annotations

DATA_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("contact", "Identity and contact details"),
    ("account", "Account, login and API credentials"),
    ("payment", "Payment and billing details"),
    ("kyc", "Identity verification and subscriber records"),
    ("credit", "Credit checks"),
    ("traffic", "Traffic data (call and message records)"),
    ("location", "Location data"),
    ("content", "Content of communications"),
    ("device", "Device, log and website usage data"),
    ("support", "Support and correspondence"),
    ("marketing", "Marketing preferences"),
)
CATEGORY_IDS = tuple(cat for cat, _ in DATA_CATEGORIES)

SOURCES = (
    "you",
    "automatic",
    "business_customers",
    "carriers",
    "credit_agencies",
    "social_networks",
    "data_vendors",
    "public_sources",
    "partners",
)
ROLES = ("controller", "processor", "both")
PURPOSES = (
    "provide_service",
    "billing",
    "support",
    "service_messages",
    "fraud_prevention",
    "network_security",
    "interconnect_settlement",
    "emergency_services",
    "service_improvement",
    "analytics",
    "marketing",
    "credit_checks",
    "legal_compliance",
    "export_controls",
    "legal_claims",
    "protect_life",
)
LEGAL_BASES = ("contract", "legal_obligation", "legitimate_interests", "consent", "vital_interests")
DEFAULT_BASIS = {
    "provide_service": "contract",
    "billing": "contract",
    "support": "contract",
    "service_messages": "contract",
    "fraud_prevention": "legitimate_interests",
    "network_security": "legitimate_interests",
    "interconnect_settlement": "legitimate_interests",
    "emergency_services": "legal_obligation",
    "service_improvement": "legitimate_interests",
    "analytics": "consent",
    "marketing": "consent",
    "credit_checks": "legitimate_interests",
    "legal_compliance": "legal_obligation",
    "export_controls": "legal_obligation",
    "legal_claims": "legitimate_interests",
    "protect_life": "vital_interests",
}
REGIONS = (
    "us",
    "california",
    "us_states",
    "eea",
    "uk",
    "switzerland",
    "canada",
    "brazil",
    "ukraine",
    "rest_of_world",
)
SERVICES = (
    "voice",
    "messaging",
    "voicemail",
    "conferencing",
    "call_recording",
    "fax",
    "cpaas_api",
    "sip_trunking",
    "mobile",
    "fixed_access",
    "number_porting",
    "directory_listing",
)
TRANSFER_MECHANISMS = (
    "adequacy",
    "dpf",
    "scc",
    "uk_idta",
    "uk_addendum",
    "swiss_scc",
    "bcr",
    "derogations",
)
RECIPIENTS = (
    "service_providers",
    "interconnect_carriers",
    "ott_providers",
    "affiliates",
    "business_customers",
    "payment_processors",
    "credit_agencies",
    "professional_advisers",
    "authorities",
    "acquirers",
    "advertising_partners",
    "dispute_bodies",
    "legal_claims",
    "internet_providers",
    "platform_providers",
    "social_networks",
    "marketplace_partners",
)
SECURITY_MEASURES = (
    "encryption_in_transit",
    "encryption_at_rest",
    "access_control",
    "mfa",
    "pseudonymisation",
    "logging_monitoring",
    "staff_training",
    "security_testing",
    "incident_response",
    "iso27001",
    "soc2",
    "resilience",
)
CPNI_PROCEDURES = (
    "training_discipline",
    "approval_status_system",
    "marketing_records",
    "supervisory_review",
    "authentication",
    "account_change_notice",
    "breach_procedure",
    "opt_out_failure_reporting",
    "sim_port_protection",
)
CONTROLLER_PURPOSES = (
    "billing",
    "fraud_prevention",
    "network_security",
    "legal_compliance",
    "service_improvement",
    "cpni_marketing",
)

PERIOD_HELP = (
    'A period such as "90 days", "18 months" or "7 years", or one of: '
    '"while_account_open", "as_required_by_law", "customer_instructions".'
)
RETENTION_KEYWORDS = ("while_account_open", "as_required_by_law", "customer_instructions")
