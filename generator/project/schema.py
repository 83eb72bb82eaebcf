"""The project file's schema: every answer the wizard asks, declared once.

Validation, the project-file reference (docs/project-file.md), the library's
checks of clause conditions and variables, and the wizard's pages all read
this table, so a new answer is added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["text", "email", "url", "bool", "int", "date", "choice", "choices", "text_list", "period"]


@dataclass(frozen=True)
class Field:
    """One answer: its dotted key, type, allowed values and what it changes."""

    key: str
    kind: Kind
    label: str
    help: str
    page: str
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]


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

_PERIOD_HELP = (
    'A period such as "90 days", "18 months" or "7 years", or one of: '
    '"while_account_open", "as_required_by_law", "customer_instructions".'
)
RETENTION_KEYWORDS = ("while_account_open", "as_required_by_law", "customer_instructions")


def _category_fields() -> list[Field]:
    fields: list[Field] = []
    for cat, label in DATA_CATEGORIES:
        base = f"data.{cat}"
        fields += [
            Field(
                f"{base}.collected",
                "bool",
                f"{label}: collected",
                "Each collected category is listed with its sources, role and retention "
                "(GDPR Art. 13(1)(c), 14(1)(d); CCPA Civ. Code 1798.100(a)).",
                "data",
                default=cat in ("contact", "account", "device", "support"),
            ),
            Field(
                f"{base}.sources",
                "choices",
                f"{label}: sources",
                "Where this data comes from; data not from the person needs its source named (GDPR Art. 14(2)(f)).",
                "data",
                default=["you"] if cat not in ("traffic", "device", "location") else ["automatic"],
                choices=SOURCES,
            ),
            Field(
                f"{base}.role",
                "choice",
                f"{label}: our role",
                "Controller decides why and how data is used; processor handles it for a "
                "business customer (GDPR Art. 4(7)-(8), 28).",
                "roles",
                default="controller",
                choices=ROLES,
            ),
            Field(
                f"{base}.retention",
                "period",
                f"{label}: how long it is kept",
                "Retention period or the criteria for it, per category "
                "(GDPR Art. 13(2)(a); CCPA Civ. Code 1798.100(a)(3)). " + _PERIOD_HELP
                + " No default: a collected category without an answer is reported, never given a period "
                "silently.",
                "retention",
                default="",
            ),
        ]
    return fields


FIELDS: tuple[Field, ...] = (
    # --- company ----------------------------------------------------------
    Field(
        "company.legal_name",
        "text",
        "Legal name",
        "The controller's identity must be stated (GDPR Art. 13(1)(a); COPPA 312.4(d)(1)).",
        "company",
        required=True,
    ),
    Field(
        "company.trading_name",
        "text",
        "Trading name",
        "The brand customers know, if it differs from the legal name.",
        "company",
        default="",
    ),
    Field(
        "company.address",
        "text",
        "Registered address",
        "A postal address for the controller (GDPR Art. 13(1)(a)).",
        "company",
        required=True,
    ),
    Field(
        "company.country",
        "text",
        "Country of establishment",
        "Where the company is established; decides whether an EU representative is needed (GDPR Art. 3, 27).",
        "company",
        required=True,
    ),
    Field(
        "company.telecom_act",
        "text",
        "National telecommunications act",
        "The national law on electronic communications the operator follows, named in full, e.g. "
        '"Dutch Telecommunications Act (Telecommunicatiewet)"; empty: the policy speaks of the national '
        "rules on privacy in electronic communications (ePrivacy Directive 2002/58/EC as transposed).",
        "company",
        default="",
    ),
    Field(
        "company.established_in_eea",
        "bool",
        "Established in the EEA",
        "Any stable establishment in the EEA, even a sales office, brings the processing in its context under "
        "the GDPR directly, and then no Art. 27 representative is needed (GDPR Art. 3(1); EDPB Guidelines 3/2018).",
        "company",
        default=False,
    ),
    Field(
        "company.eea_controller",
        "text",
        "Group company in the EEA that decides for EEA users",
        "Name and country of the group company in the EEA that decides why and how the data of people in "
        "the EEA is used (its main establishment, GDPR Art. 4(16), 56; named as controller, Art. 13(1)(a)). "
        "Leave empty when those decisions are taken outside the EEA: then there is no lead supervisory "
        "authority (EDPB Guidelines 8/2022), whatever offices or representative the company has in the EEA.",
        "company",
        default="",
    ),
    Field("company.website", "url", "Website", "Where the policy is published.", "company", default=""),
    Field(
        "company.privacy_email",
        "email",
        "Privacy contact e-mail",
        "A contact channel is mandatory; several seeds left it blank (GDPR Art. 13(1)(a)).",
        "company",
        required=True,
    ),
    Field(
        "company.phone",
        "text",
        "Privacy contact phone",
        "A toll-free number is required for some CCPA businesses (Civ. Code 1798.130(a)(1)).",
        "company",
        default="",
    ),
    Field(
        "company.group_entities",
        "text_list",
        "Group companies",
        "Affiliates that may receive data, named for transparency (GDPR Art. 13(1)(e)).",
        "company",
        default=[],
    ),
    Field(
        "dpo.name",
        "text",
        "Data Protection Officer",
        "Name of the DPO, where one is designated (GDPR Art. 37).",
        "company",
        default="",
    ),
    Field(
        "dpo.title",
        "text",
        "Title of the privacy officer",
        "The title the operator uses, printed where the policy names the officer: e.g. Chief Privacy "
        "Officer, the person in charge of the protection of personal information (Quebec Law 25, s. 3.1) "
        "or encarregado (LGPD Art. 41). Empty: data protection officer (GDPR Art. 37-39).",
        "company",
        default="",
    ),
    Field(
        "dpo.email",
        "email",
        "DPO e-mail",
        "The DPO's contact details must be published (GDPR Art. 13(1)(b), 37(7)).",
        "company",
        default="",
    ),
    Field(
        "eu_representative.name",
        "text",
        "EU representative",
        "A company outside the EU serving people in the EU names a representative (GDPR Art. 27).",
        "company",
        default="",
    ),
    Field(
        "eu_representative.address",
        "text",
        "EU representative address",
        "GDPR Art. 27 with Art. 13(1)(a).",
        "company",
        default="",
    ),
    Field(
        "eu_representative.email",
        "email",
        "EU representative e-mail",
        "GDPR Art. 27 with Art. 13(1)(a).",
        "company",
        default="",
    ),
    Field(
        "uk_representative.name",
        "text",
        "UK representative",
        "A company outside the UK serving people in the UK names one (UK GDPR Art. 27).",
        "company",
        default="",
    ),
    Field("uk_representative.address", "text", "UK representative address", "UK GDPR Art. 27.", "company", default=""),
    Field("uk_representative.email", "email", "UK representative e-mail", "UK GDPR Art. 27.", "company", default=""),
    Field(
        "swiss_representative.required",
        "bool",
        "Swiss representative required",
        "A controller abroad needs a representative in Switzerland when its processing of Swiss data is "
        "connected with offering services there, large-scale, regular and high-risk (FADP Art. 14(1)).",
        "company",
        default=False,
    ),
    Field(
        "swiss_representative.name",
        "text",
        "Swiss representative",
        "Its name and address must be published (FADP Art. 14(3)).",
        "company",
        default="",
    ),
    Field(
        "swiss_representative.address",
        "text",
        "Swiss representative address",
        "FADP Art. 14(3).",
        "company",
        default="",
    ),
    Field(
        "swiss_representative.email",
        "email",
        "Swiss representative e-mail",
        "The contact point for people in Switzerland and the FDPIC (FADP Art. 14(2)).",
        "company",
        default="",
    ),
    Field(
        "supervisory_authority.name",
        "text",
        "Lead supervisory authority",
        "Naming the authority helps people use their right to complain (GDPR Art. 77). Printed as the lead "
        "authority only where the decisions for EEA users are taken in the EEA (Art. 56; EDPB Guidelines 8/2022).",
        "company",
        default="",
    ),
    Field(
        "supervisory_authority.url",
        "url",
        "Supervisory authority website",
        "Where a complaint can be made.",
        "company",
        default="",
    ),
    # --- services and audience -------------------------------------------
    Field(
        "services.offered",
        "choices",
        "Services offered",
        "Decides the telecom sections: CPNI and E911 for US voice, traffic data, recordings, porting, directories.",
        "services",
        default=["voice"],
        choices=SERVICES,
    ),
    Field(
        "services.describe",
        "bool",
        "Describe the services in the policy",
        "Lists the services chosen above near the start, so readers know what the policy is about "
        "(WP260 rev.01, para. 8-10: the context of the processing).",
        "services",
        default=False,
    ),
    Field(
        "services.emergency_calling",
        "bool",
        "Emergency calling (911/112)",
        "Emergency calls share location with emergency services (47 U.S.C. 222(d)(4); 47 CFR 9.11).",
        "services",
        default=True,
    ),
    Field(
        "services.emergency_regions",
        "choices",
        "Where the service connects emergency calls",
        "The regions whose emergency numbers the service reaches (from clause_library/countries.toml, e.g. "
        "911 in the US, 112 in the EEA, 190/192/193 in Brazil); empty means every region served that has "
        "emergency numbers. Name only what the service supports (EECC Art. 109; 47 CFR 9.11).",
        "services",
        default=[],
        choices=("us", "eea", "uk", "switzerland", "canada", "brazil", "ukraine"),
    ),
    Field(
        "services.interconnected_voip",
        "bool",
        "Voice calls run over the internet (interconnected VoIP)",
        "Internet calling has 911 limits customers must be told about (47 CFR 9.11); a traditional "
        "landline (wireline) or mobile service does not.",
        "services",
        default=True,
    ),
    Field(
        "services.content_handling",
        "choice",
        "What happens to call and message content",
        "How much content of communications the service touches decides the content and role clauses.",
        "services",
        default="transit",
        choices=("none", "transit", "stored", "analysed"),
    ),
    Field(
        "audience.customers",
        "choice",
        "Customers",
        "Consumers, businesses or both; business-only services still serve people.",
        "services",
        default="both",
        choices=("consumers", "businesses", "both"),
    ),
    Field(
        "audience.end_users_of_customers",
        "bool",
        "Serves end users of business customers",
        "A CPaaS or wholesale operator handles its customers' end users as a processor "
        "(GDPR Art. 28; EDPB Guidelines 07/2020).",
        "services",
        default=False,
    ),
    Field(
        "audience.regions",
        "choices",
        "Where the people served are",
        "Decides which laws apply and which regional sections appear.",
        "regions",
        default=["us"],
        choices=REGIONS,
    ),
    # --- data (per category) ---------------------------------------------
    *_category_fields(),
    Field(
        "data.traffic_fields",
        "choices",
        "Traffic data recorded",
        "The fields of call and message records (ePrivacy Art. 6; 47 U.S.C. 222(h)(1)).",
        "data",
        default=["numbers", "date_time", "duration", "route", "ip_address"],
        choices=(
            "numbers",
            "date_time",
            "duration",
            "route",
            "ip_address",
            "cell_location",
            "message_size",
            "completion_status",
        ),
    ),
    Field(
        "data.location_precision",
        "choice",
        "Location precision",
        "Precise geolocation is sensitive personal information (CCPA 1798.140(ae)).",
        "data",
        default="network",
        choices=("network", "precise"),
    ),
    Field(
        "data.special_categories",
        "choice",
        "Special category data",
        "Whether special categories are processed and on what condition (GDPR Art. 9).",
        "data",
        default="not_intended",
        choices=("not_intended", "explicit_consent"),
    ),
    Field(
        "data.social_networks",
        "text_list",
        "Social sign-in providers",
        "Named when social networks are a source (GDPR Art. 14(2)(f)).",
        "data",
        default=[],
    ),
    Field(
        "data.credit_agencies",
        "text_list",
        "Credit reference agencies",
        "Named when credit checks are made (GDPR Art. 14; FCRA).",
        "data",
        default=[],
    ),
    Field(
        "data.extra_items",
        "choices",
        "Other details we collect",
        "Each is named with why it is needed (GDPR Art. 13(1)(c), 14(1)(d); CCPA 1798.100(a)(1)): date of "
        "birth (age and identity checks), job title and company (business accounts), domain and host names "
        "(visits and API calls), screenshots and files sent to support.",
        "data",
        default=[],
        choices=("date_of_birth", "job_title_company", "domain_host", "support_screenshots"),
    ),
    Field(
        "data.payment_methods",
        "text_list",
        "Named payment methods",
        'Payment methods other than cards, such as "PayPal" or "SEPA direct debit"; each provider is a '
        "recipient and a source of the billing address (GDPR Art. 13(1)(e), 14(2)(f)).",
        "data",
        default=[],
    ),
    Field(
        "data.signup_checks",
        "choices",
        "Checks at sign-up",
        "phone_verification: a code sent to the phone number to confirm it; onboarding_call: staff may call "
        "a new customer to help, unless the customer declines (GDPR Art. 13(1)(c), 21).",
        "data",
        default=[],
        choices=("phone_verification", "onboarding_call"),
    ),
    Field(
        "data.short_code_applications",
        "bool",
        "Short-code applications",
        "An application for an SMS short code collects details of the sender's business, use case and "
        "sample messages, which carriers review (CTIA Short Code Monitoring Handbook; GDPR Art. 13(1)(e)).",
        "data",
        default=False,
    ),
    Field(
        "data.social_login_extras",
        "bool",
        "Friends lists and likes from social sign-in, only if the user opts in",
        "Beyond basic profile details, only with a separate opt-in (GDPR Art. 5(1)(c), 6(1)(a), 14).",
        "data",
        default=False,
    ),
    Field(
        "data.vendor_data",
        "choices",
        "What data vendors supply",
        "professional: job title, employer, business e-mail and phone; demographic: age band, region and "
        "similar; interests: topics a person is interested in. The source and categories must be named "
        "(GDPR Art. 14(1)(d), 14(2)(f)).",
        "data",
        default=[],
        choices=("professional", "demographic", "interests"),
    ),
    Field(
        "data.number_intelligence",
        "bool",
        "Number look-ups from carriers and number databases",
        "Device type, whether a phone is reachable, roaming status, network operator and country for a "
        "number, to route and deliver messages (GDPR Art. 14(1)(d), 14(2)(f)).",
        "data",
        default=False,
    ),
    Field(
        "data.crm_integrations",
        "bool",
        "CRM and other connected software as a source",
        "Customer relationship and help-desk software a customer connects to the service passes contact "
        "details to it (GDPR Art. 14(2)(f)).",
        "data",
        default=False,
    ),
    Field(
        "data.events_surveys",
        "bool",
        "Events, webinars and surveys",
        "Registration and survey forms collect contact details and answers (GDPR Art. 13(1)(c)).",
        "data",
        default=False,
    ),
    # --- purposes ---------------------------------------------------------
    Field(
        "purposes.used",
        "choices",
        "Purposes",
        "Each purpose is stated with its legal basis (GDPR Art. 13(1)(c)).",
        "purposes",
        default=[
            "provide_service",
            "billing",
            "support",
            "service_messages",
            "fraud_prevention",
            "network_security",
            "legal_compliance",
        ],
        choices=PURPOSES,
    ),
    *(
        Field(
            f"legal_bases.{purpose}",
            "choice",
            f"Legal basis: {purpose.replace('_', ' ')}",
            "The lawful basis for this purpose (GDPR Art. 6(1)).",
            "purposes",
            default=DEFAULT_BASIS[purpose],
            choices=LEGAL_BASES,
        )
        for purpose in PURPOSES
    ),
    Field(
        "purposes.marketing_channels",
        "choices",
        "Marketing channels",
        "Marketing texts and calls need consent and a STOP opt-out (TCPA 47 U.S.C. 227).",
        "purposes",
        default=["email"],
        choices=("email", "sms", "phone", "online_ads"),
    ),
    Field(
        "purposes.automated_decisions",
        "bool",
        "Solely automated decisions with legal effect",
        "Must be disclosed with the logic and the right to human review (GDPR Art. 22).",
        "purposes",
        default=False,
    ),
    Field(
        "purposes.automated_decisions_ground",
        "choice",
        "Why solely automated decisions are allowed",
        "A solely automated decision with legal or similarly significant effect is allowed only if it is "
        "necessary for a contract with the person, authorised by law, or based on their explicit consent "
        "(GDPR Art. 22(2)(a)-(c)); the policy names the ground.",
        "purposes",
        default="contract",
        choices=("contract", "law", "explicit_consent"),
    ),
    # --- roles --------------------------------------------------------------
    Field(
        "roles.controller_purposes",
        "choices",
        "Purposes for which we decide over usage data",
        "When traffic data is handled in both roles, the controller purposes are listed (EDPB Guidelines 07/2020).",
        "roles",
        default=["billing", "fraud_prevention", "network_security", "legal_compliance"],
        choices=CONTROLLER_PURPOSES,
    ),
    Field(
        "roles.dpa_url",
        "url",
        "Data processing agreement URL",
        "Where business customers find the Art. 28 agreement.",
        "roles",
        default="",
    ),
    Field(
        "roles.subprocessors_url",
        "url",
        "Sub-processor list URL",
        "Where the list of sub-processors is published (GDPR Art. 28(2)).",
        "roles",
        default="",
    ),
    Field(
        "roles.subprocessors",
        "text_list",
        "Sub-processors",
        "One line per sub-processor: name | service | location | transfer mechanism, e.g. "
        '"Example Cloud Ltd | hosting | Ireland | none". The mechanism is one of: none, '
        + ", ".join(TRANSFER_MECHANISMS)
        + ". Feeds the sub-processor list (GDPR Art. 28(2), (4)); each must fit the policy's recipients "
        "and transfers.",
        "roles",
        default=[],
    ),
    Field(
        "roles.subprocessors_updated",
        "date",
        "Sub-processor list last updated",
        "The date the list last changed; defaults to the policy's last-updated date (GDPR Art. 28(2)).",
        "roles",
        default=None,
    ),
    Field(
        "roles.subprocessor_change_notice",
        "choice",
        "How business customers hear of sub-processor changes",
        "A general authorisation needs notice of intended changes so the customer can object (GDPR Art. 28(2)).",
        "roles",
        default="email",
        choices=("email", "subscription", "customer_portal"),
    ),
    Field(
        "roles.subprocessor_notice_days",
        "int",
        "Days of notice before a new sub-processor",
        "How long before a new or replacement sub-processor starts that customers are told (GDPR Art. 28(2)).",
        "roles",
        default=30,
        minimum=0,
        maximum=180,
    ),
    # --- sharing ------------------------------------------------------------
    Field(
        "sharing.recipients",
        "choices",
        "Recipients",
        "Recipients or their categories must be listed (GDPR Art. 13(1)(e); CCPA 1798.110).",
        "sharing",
        default=["service_providers", "interconnect_carriers", "professional_advisers", "authorities", "acquirers"],
        choices=RECIPIENTS,
    ),
    Field(
        "sharing.law_enforcement",
        "choice",
        "Answering law-enforcement requests",
        "How government requests are handled (CALEA; 18 U.S.C. 2702-2703).",
        "sharing",
        default="as_required",
        choices=("as_required", "notify_and_challenge"),
    ),
    Field(
        "sharing.transparency_report_url",
        "url",
        "Transparency report URL",
        "Where request statistics are published, if they are.",
        "sharing",
        default="",
    ),
    Field(
        "scope.event_registrants",
        "bool",
        "Covers people who register for our events",
        "The policy names each group it covers (GDPR Art. 13; WP260 rev.01, para. 35).",
        "services",
        default=False,
    ),
    Field(
        "scope.workforce",
        "choice",
        "Employees, applicants and contractors",
        "excluded: the policy says they have their own notice (links.applicant_notice_url); "
        "not_mentioned: the policy is silent (CCPA 1798.145(m) exemption expired on 1 January 2023).",
        "services",
        default="not_mentioned",
        choices=("not_mentioned", "excluded"),
    ),
    Field(
        "scope.public_forums",
        "bool",
        "Discussion forums or other public areas",
        "What people post there is public (GDPR Art. 13(1)(e): the public as recipient).",
        "services",
        default=False,
    ),
    Field(
        "scope.testimonials",
        "bool",
        "Testimonials and case studies, with consent",
        "Publishing a customer's name, role, company or words needs consent that can be withdrawn "
        "(GDPR Art. 6(1)(a), 7(3)).",
        "services",
        default=False,
    ),
    Field(
        "scope.business_numbers_not_personal",
        "bool",
        "Say that a business's own phone number is not personal data",
        "Data about a company is not personal data, but a number that reaches a named person is "
        "(GDPR Recital 14; CJEU C-434/16 Nowak on identifiability).",
        "services",
        default=False,
    ),
    Field(
        "links.terms_url",
        "url",
        "Terms of service URL",
        "Linked where the policy refers to the contract (GDPR Art. 13(2)(e)).",
        "company",
        default="",
    ),
    Field(
        "links.cpni_notice_url",
        "url",
        "CPNI notice URL",
        "The separate notice sent before CPNI approval is sought (47 CFR 64.2008).",
        "company",
        default="",
    ),
    Field(
        "links.product_docs_url",
        "url",
        "API or product documentation URL",
        "Where product-specific privacy details, such as storage settings, are documented.",
        "company",
        default="",
    ),
    Field(
        "links.retention_policy_url",
        "url",
        "Record-retention policy URL",
        "A published retention schedule (GDPR Art. 13(2)(a)).",
        "company",
        default="",
    ),
    Field(
        "links.applicant_notice_url",
        "url",
        "Applicant and employee privacy notice URL",
        "Where job applicants and staff find their own notice (GDPR Art. 13; CCPA 1798.100).",
        "company",
        default="",
    ),
    Field(
        "links.dpa_country_terms",
        "bool",
        "Country-specific terms are in the data processing agreement",
        "Says that terms a country's law requires (e.g. Brazil, Switzerland) are in the DPA at "
        "roles.dpa_url (GDPR Art. 28(3)).",
        "company",
        default=False,
    ),
    Field(
        "links.bcr_summary_url",
        "url",
        "Binding Corporate Rules summary URL",
        "Where the BCRs or their summary are published (GDPR Art. 47(2)(g)).",
        "company",
        default="",
    ),
    Field(
        "company.unsubscribe_email",
        "email",
        "Unsubscribe e-mail address",
        "A separate address for marketing opt-outs, if there is one (GDPR Art. 21(3); CAN-SPAM 15 U.S.C. 7704).",
        "company",
        default="",
    ),
    Field(
        "eu_representative.phone",
        "text",
        "EU representative phone",
        "A phone number for the Art. 27 representative, if it has one (GDPR Art. 27(4)).",
        "company",
        default="",
    ),
    Field(
        "eu_representative.form_url",
        "url",
        "EU representative web form",
        "The representative's contact form, if it has one (GDPR Art. 27(4)).",
        "company",
        default="",
    ),
    Field(
        "sharing.insolvency_transfers",
        "bool",
        "Say that a business transfer can happen in insolvency",
        "Adds that an administrator or court may sell the business, with its customer records, in "
        "insolvency or bankruptcy proceedings (GDPR Art. 13(1)(e); FTC guidance on data in bankruptcy sales).",
        "sharing",
        default=False,
    ),
    Field(
        "sharing.sells_personal_information",
        "bool",
        "Sells personal information",
        "Sale for money or other value (CCPA 1798.140(ad)). Sharing for ads follows from the advertising tools.",
        "sharing",
        default=False,
    ),
    # --- cookies ------------------------------------------------------------
    Field(
        "cookies.used",
        "bool",
        "Our website or apps use cookies or similar technologies",
        "Anything stored on or read from a device, even a session cookie, must be described "
        "(ePrivacy Directive Art. 5(3); UK PECR reg. 6). Without any, the cookies section is left out.",
        "cookies",
        default=True,
    ),
    Field(
        "cookies.analytics_tools",
        "text_list",
        "Analytics tools",
        "Each tool is named with its purpose (ePrivacy Art. 5(3)).",
        "cookies",
        default=[],
    ),
    Field(
        "cookies.advertising_tools",
        "text_list",
        "Advertising tools",
        "Third-party advertising cookies are usually 'sharing' under CPRA.",
        "cookies",
        default=[],
    ),
    Field(
        "cookies.tools",
        "choices",
        "Common tools we use",
        "Each named tool gets its own paragraph: what it does, what it receives and how to opt out "
        "(ePrivacy Art. 5(3); GDPR Art. 13(1)(e)). Google Analytics needs consent in the EEA and UK "
        "(CNIL and Austrian DSB decisions of 2022 on transfers; EDPB Guidelines 2/2023).",
        "cookies",
        default=[],
        choices=("google_tag_manager", "google_analytics"),
    ),
    Field(
        "cookies.category_scheme",
        "choice",
        "How cookies are grouped for choices",
        "by_purpose: one part per purpose, no group names; three_groups: Required, Functional and "
        "Advertising; four_groups: Necessary, Analytics, Functional and Advertising. The names must match "
        "the cookie banner (ePrivacy Art. 5(3); EDPB Guidelines 05/2020 on consent, para. 55-58).",
        "cookies",
        default="by_purpose",
        choices=("by_purpose", "three_groups", "four_groups"),
    ),
    Field(
        "cookies.functional",
        "bool",
        "Functional cookies",
        "Cookies that remember choices such as language or a half-filled form. Unless the user asked "
        "for the feature, they need consent in the EEA and UK (ePrivacy Art. 5(3); WP29 Opinion 04/2012).",
        "cookies",
        default=False,
    ),
    Field(
        "cookies.fingerprinting",
        "bool",
        "Device fingerprinting",
        "Reading device characteristics (screen size, fonts, settings) to recognise a device. It needs the "
        "same prior consent as cookies (EDPB Guidelines 2/2023 on Art. 5(3) ePrivacy; WP29 Opinion 9/2014).",
        "cookies",
        default=False,
    ),
    Field(
        "cookies.ad_opt_out_links",
        "choices",
        "Industry ad opt-out links to show",
        "Chosen by audience, not only by region: US (DAA YourAdChoices, NAI), Canada (DAAC YourAdChoices) "
        "and Europe (EDAA Your Online Choices). Shown with advertising tools.",
        "cookies",
        default=[],
        choices=("us", "canada", "europe"),
    ),
    Field(
        "cookies.consent_tool",
        "choice",
        "How cookie choices are made",
        "Non-essential cookies need prior consent in the EEA and UK (Planet49, C-673/17).",
        "cookies",
        default="banner",
        choices=("banner", "browser_settings"),
    ),
    Field("cookies.policy_url", "url", "Cookie policy URL", "A separate cookie notice, if any.", "cookies", default=""),
    Field(
        "cookies.honours_dnt",
        "bool",
        "Honours Do Not Track",
        "CalOPPA requires saying how Do Not Track signals are treated (Bus. & Prof. Code 22575(b)(5)).",
        "cookies",
        default=False,
    ),
    Field(
        "cookies.honours_gpc",
        "bool",
        "Honours Global Privacy Control",
        "Opt-out preference signals must be honoured under CCPA Regs 7025.",
        "cookies",
        default=True,
    ),
    Field(
        "cookies.gpc_status_shown",
        "bool",
        "Website shows whether a GPC signal was processed",
        'A business that sells or shares must display whether it has processed the opt-out preference signal, '
        'e.g. "Opt-Out Request Honored" (11 CCR 7025(c)(6), as amended from 1 Jan 2026). Turn on only when '
        "the website does this: the policy then says so.",
        "cookies",
        default=False,
    ),
    Field(
        "cookies.gpc_scope",
        "choice",
        "What a Global Privacy Control signal turns off",
        "sale_share: the opt-out of sale and sharing the law requires (CCPA Regs 7025; Colorado Rule 5.06); "
        "all_non_required: also every cookie the website does not need, for everyone who sends it.",
        "cookies",
        default="sale_share",
        choices=("sale_share", "all_non_required"),
    ),
    Field(
        "cookies.opt_out_url",
        "url",
        "'Do Not Sell or Share' link",
        "The opt-out link required when data is sold or shared (CCPA 1798.135).",
        "cookies",
        default="",
    ),
    # --- retention ----------------------------------------------------------
    Field(
        "retention.style",
        "choice",
        "How retention is stated",
        "Periods per category (recommended; required by CPRA) or the criteria used.",
        "retention",
        default="periods",
        choices=("periods", "criteria"),
    ),
    Field(
        "retention.end_action",
        "choice",
        "What happens at the end",
        "Data is deleted, or anonymised so it no longer identifies anyone.",
        "retention",
        default="delete",
        choices=("delete", "anonymise"),
    ),
    Field(
        "retention.reactivation_days",
        "int",
        "Days a closed account can be reopened",
        "A grace period after closure during which the account and its data can be restored; the "
        "retention periods start after it. 0 = none (GDPR Art. 13(2)(a), 5(1)(e)).",
        "retention",
        default=0,
        minimum=0,
        maximum=365,
    ),
    Field(
        "retention.extra_holds",
        "choices",
        "Other reasons to keep data longer",
        "Besides orders, disputes, unpaid bills, investigations and audits: troubleshooting a reported "
        "fault, and enforcing our terms (GDPR Art. 17(3)(e), 13(2)(a)).",
        "retention",
        default=[],
        choices=("troubleshooting", "enforcing_terms"),
    ),
    Field(
        "retention.backup_days",
        "int",
        "Days until backups are overwritten",
        "Backups keep deleted data for a while; saying how long avoids a false promise.",
        "retention",
        default=35,
        minimum=0,
        maximum=3650,
    ),
    Field(
        "retention.voicemail",
        "text",
        "How long voicemail messages are kept",
        'A period such as "30 days" after which saved and unheard messages are deleted, or '
        '"while_account_open". Needed when voicemail is offered: it is content of communications '
        "and its retention must be stated (GDPR Art. 13(2)(a); CCPA 1798.100(a)(3)). Empty leaves the "
        "sentence out and the check reports it.",
        "retention",
        default="",
    ),
    # --- transfers ----------------------------------------------------------
    Field(
        "transfers.storage_countries",
        "text_list",
        "Where data is stored",
        "Third countries must be named (GDPR Art. 13(1)(f)).",
        "transfers",
        default=["United States"],
    ),
    Field(
        "transfers.mechanisms",
        "choices",
        "Transfer mechanisms",
        "The safeguard for each transfer out of the EEA or UK (GDPR Art. 45-49).",
        "transfers",
        default=[],
        choices=TRANSFER_MECHANISMS,
    ),
    Field(
        "transfers.bcr_lead_authority",
        "text",
        "BCR lead authority",
        "The authority that approved the Binding Corporate Rules (GDPR Art. 47).",
        "transfers",
        default="",
    ),
    Field(
        "transfers.provider_countries",
        "text_list",
        "Where service providers handle data",
        "Countries, other than the storage countries, where our service providers (processors) handle "
        "personal data for us; each is a data flow the transfers text names (GDPR Art. 13(1)(f)).",
        "transfers",
        default=[],
    ),
    Field(
        "transfers.group_countries",
        "text_list",
        "Where group companies receive data",
        "Countries, other than the storage countries, of the group companies that receive personal data "
        "from us (GDPR Art. 13(1)(e), (f)).",
        "transfers",
        default=[],
    ),
    Field(
        "transfers.bcr_url",
        "url",
        "Binding Corporate Rules URL",
        "Where people read the BCRs and the rights they give (GDPR Art. 47(2)(e), (g)).",
        "transfers",
        default="",
    ),
    Field(
        "transfers.bcr_uk_approved",
        "bool",
        "UK BCRs approved by the ICO",
        "Transfers out of the UK can rely on BCRs only if the ICO approved them (UK GDPR Art. 47).",
        "transfers",
        default=False,
    ),
    Field(
        "transfers.dpf_certified",
        "bool",
        "We are certified under the Data Privacy Framework",
        "Whether the company itself self-certified with the US Department of Commerce; if so, its policy "
        "must give the DPF Notice Principle statements (DPF Principles, Notice 1(a)-(m)).",
        "transfers",
        default=False,
    ),
    Field(
        "transfers.dpf_recourse",
        "text",
        "DPF independent recourse mechanism",
        "The independent body that handles DPF complaints free of charge, with its website "
        "(DPF Principles, Notice 1(i); Recourse 7).",
        "transfers",
        default="",
    ),
    # --- children -----------------------------------------------------------
    Field(
        "children.minimum_age",
        "int",
        "Minimum age",
        "The age under which the service is not offered: 13 (COPPA), 16 or 18.",
        "children",
        default=13,
        minimum=13,
        maximum=18,
    ),
    Field(
        "children.eea_age",
        "choice",
        "Age used for people in the EEA",
        "GDPR Art. 8: 16 unless the member state set 13 to 15.",
        "children",
        default="same",
        choices=("same", "16", "member_state"),
    ),
    Field(
        "children.parental_guidance",
        "bool",
        "Guidance for parents",
        "Adds advice to parents and guardians on children's use of online services, beside the "
        "promise to delete what a child gave us (FTC COPPA guidance; UK Age Appropriate Design Code).",
        "children",
        default=False,
    ),
    Field(
        "children.directed_to_children",
        "bool",
        "Service directed to children",
        "A service for children under 13 must follow COPPA's parental-consent rules.",
        "children",
        default=False,
    ),
    Field(
        "children.under_16_opt_in",
        "bool",
        "Opt-in before selling or sharing data of consumers known to be under 16",
        "A business that sells or shares personal information must have the opt-in of a consumer it knows to "
        "be 13 to 15, or a parent's for under 13 (CCPA Civ. Code 1798.120(c)-(d); 11 CCR 7070-7071). "
        "Leave off when you do not sell or share their data at all.",
        "children",
        default=False,
    ),
    # --- CPNI -----------------------------------------------------------------
    Field(
        "cpni.approval",
        "choice",
        "Use of CPNI for marketing",
        "None beyond what the law allows without approval, opt-out for "
        "communications-related services, or opt-in (47 CFR 64.2005, 64.2007).",
        "cpni",
        default="none",
        choices=("none", "opt_out", "opt_in"),
    ),
    Field(
        "cpni.shared_with",
        "choices",
        "Who may use CPNI for marketing",
        "Named in the CPNI notice (47 CFR 64.2008(c)(2)).",
        "cpni",
        default=["carrier"],
        choices=("carrier", "affiliates", "agents", "joint_venture_partners"),
    ),
    Field(
        "cpni.choice_url",
        "url",
        "Where customers approve or deny CPNI use",
        "The precise steps to grant or deny approval (47 CFR 64.2008(c)(3)).",
        "cpni",
        default="",
    ),
    Field(
        "cpni.choice_phone",
        "text",
        "Phone number for CPNI choices",
        "A toll-free number is one common way to record approval or denial.",
        "cpni",
        default="",
    ),
    Field(
        "cpni.carrier",
        "text",
        "Carrier that owes the CPNI duty",
        "The US carrier or interconnected VoIP provider that provides the service and owes the duty to "
        "protect CPNI (47 U.S.C. 222(a), (c)); name it when it is not the company this policy is from, "
        "e.g. a US subsidiary of a foreign parent. Empty means the company's legal name.",
        "cpni",
        default="",
    ),
    Field(
        "cpni.in_person",
        "bool",
        "Customers are served in person (stores, kiosks)",
        "Only then does the policy describe photo-ID checks for in-store CPNI access (47 CFR 64.2010(d)); "
        "leave off when there are no stores, so the policy promises nothing that does not exist.",
        "cpni",
        default=False,
    ),
    # --- CPNI annual certification (47 CFR 64.2009(e)) ---------------------------
    Field(
        "cpni_certification.filer_name",
        "text",
        "Filer (company) name",
        "The carrier named on the annual certificate filed in EB Docket No. 06-36 (47 CFR 64.2009(e)); "
        "empty means the legal name.",
        "cpni_certification",
        default="",
    ),
    Field(
        "cpni_certification.frn",
        "text",
        "FCC Registration Number (FRN)",
        "The filer's 10-digit FRN, shown on the certificate (47 CFR 64.2009(e)).",
        "cpni_certification",
        default="",
    ),
    Field(
        "cpni_certification.filer_499_id",
        "text",
        "Form 499 Filer ID",
        "The filer's FCC Form 499 Filer ID, shown on the certificate (47 CFR 64.2009(e)).",
        "cpni_certification",
        default="",
    ),
    Field(
        "cpni_certification.officer_name",
        "text",
        "Certifying officer",
        "An officer, as agent of the carrier, signs with personal knowledge of the procedures (47 CFR 64.2009(e)).",
        "cpni_certification",
        default="",
    ),
    Field(
        "cpni_certification.officer_title",
        "text",
        "Certifying officer's title",
        "The officer's corporate title, e.g. Chief Executive Officer (47 CFR 64.2009(e)).",
        "cpni_certification",
        default="",
    ),
    Field(
        "cpni_certification.year",
        "int",
        "Calendar year covered",
        "The previous calendar year; the certificate is filed by 1 March (47 CFR 64.2009(e)). 0 = not yet stated.",
        "cpni_certification",
        default=0,
        minimum=0,
        maximum=2100,
    ),
    Field(
        "cpni_certification.procedures",
        "choices",
        "Procedures the officer can confirm",
        "The statement describes only procedures confirmed here; each one the rules require and not confirmed "
        "is an error (47 CFR 64.2005-64.2011).",
        "cpni_certification",
        default=[],
        choices=CPNI_PROCEDURES,
    ),
    Field(
        "cpni_certification.data_broker_actions",
        "int",
        "Actions taken against data brokers",
        "Proceedings instituted or petitions filed against data brokers in the year (47 CFR 64.2009(e)).",
        "cpni_certification",
        default=0,
        minimum=0,
        maximum=100000,
    ),
    Field(
        "cpni_certification.data_broker_narrative",
        "text",
        "What those actions were",
        "Court, agency and outcome of each action; required when there was any (47 CFR 64.2009(e)).",
        "cpni_certification",
        default="",
    ),
    Field(
        "cpni_certification.complaints_employee_access",
        "int",
        "Complaints: improper access by employees",
        "Customer complaints in the year about unauthorised release of CPNI, by category (47 CFR 64.2009(e)).",
        "cpni_certification",
        default=0,
        minimum=0,
        maximum=1000000,
    ),
    Field(
        "cpni_certification.complaints_improper_disclosure",
        "int",
        "Complaints: disclosure to unauthorised people",
        "Complaints about CPNI given to someone not authorised to receive it (47 CFR 64.2009(e)).",
        "cpni_certification",
        default=0,
        minimum=0,
        maximum=1000000,
    ),
    Field(
        "cpni_certification.complaints_online_access",
        "int",
        "Complaints: improper online access",
        "Complaints about unauthorised people viewing CPNI online (47 CFR 64.2009(e)).",
        "cpni_certification",
        default=0,
        minimum=0,
        maximum=1000000,
    ),
    Field(
        "cpni_certification.complaints_summary",
        "text",
        "Summary of those complaints",
        "How the complaints were resolved; required when there was any (47 CFR 64.2009(e)).",
        "cpni_certification",
        default="",
    ),
    Field(
        "cpni_certification.pretexting_narrative",
        "text",
        "What is known about pretexters' methods",
        "Information the carrier has on how pretexters try to obtain CPNI (EPIC CPNI Order, FCC 07-22); "
        "empty: the statement says none.",
        "cpni_certification",
        default="",
    ),
    # --- rights -----------------------------------------------------------------
    Field(
        "rights.request_url",
        "url",
        "Rights request form",
        "How requests are made (GDPR Art. 12(2); CCPA 1798.130).",
        "rights",
        default="",
    ),
    Field(
        "rights.request_email",
        "email",
        "Rights request e-mail",
        "Defaults to the privacy contact e-mail.",
        "rights",
        default="",
    ),
    Field(
        "rights.request_phone",
        "text",
        "Rights request phone (toll-free)",
        "CCPA businesses usually need a toll-free number (1798.130(a)(1)).",
        "rights",
        default="",
    ),
    Field(
        "rights.dispute_body",
        "text",
        "Out-of-court dispute resolution body",
        "The ADR body or ombudsman that handles complaints about the service, e.g. a national telecoms "
        "dispute committee (European Electronic Communications Code Art. 25; Directive 2013/11/EU).",
        "rights",
        default="",
    ),
    Field(
        "rights.dispute_body_url",
        "url",
        "Dispute resolution body website",
        "Where a complaint to that body is made.",
        "rights",
        default="",
    ),
    Field(
        "rights.authorised_agents",
        "bool",
        "Accept requests from authorised agents",
        "California and several states let an agent act for the consumer (CCPA Regs 7063).",
        "rights",
        default=True,
    ),
    Field(
        "rights.marketing_opt_out_days",
        "int",
        "Days to act on a marketing opt-out",
        "The longest time an unsubscribe takes to work, e.g. 3 business days; 0 = not stated. CAN-SPAM "
        "allows at most 10 business days (15 U.S.C. 7704(a)(4)); GDPR Art. 21(3) requires stopping.",
        "rights",
        default=0,
        minimum=0,
        maximum=10,
    ),
    Field(
        "rights.us_all_states",
        "bool",
        "Give state privacy rights to residents of every US state",
        "Access, correction, deletion and copy for any US resident, whether or not their state has a "
        "privacy law (a choice; the law requires it only in the states with such laws).",
        "rights",
        default=False,
    ),
    # --- security -----------------------------------------------------------------
    Field(
        "security.measures",
        "choices",
        "Security measures",
        "A description of the measures taken (GDPR Art. 32).",
        "security",
        default=["encryption_in_transit", "access_control", "staff_training"],
        choices=SECURITY_MEASURES,
    ),
    Field(
        "security.sim_swap_protection",
        "choices",
        "Protection against SIM swaps and number theft",
        "For mobile service in any country: the protections the operator gives before a SIM change or a "
        "port-out (ePrivacy Art. 4 information on network risks; BEREC and national guidance on SIM-swap "
        "fraud). US carriers under the CPNI rules get the FCC's own clause instead (47 CFR 64.2010(h), 52.37).",
        "security",
        default=[],
        choices=("verify_identity", "notify_changes", "account_lock", "port_out_pin"),
    ),
    Field(
        "security.toms_url",
        "url",
        "Technical and organisational measures URL",
        "A published description of the measures, if any.",
        "security",
        default="",
    ),
    # --- policy -----------------------------------------------------------------------
    Field("policy.title", "text", "Title", "The document title.", "policy", default="Privacy Policy"),
    Field(
        "policy.style",
        "choice",
        "Document style",
        "full: every topic with explanations; concise: only the clauses that serve a legal requirement "
        "applying to this operator, so explanations the law does not ask for drop out; minimal: an "
        "article-numbered notice with only what the law requires for this operator plus what the "
        "answers add. The information GDPR Art. 13 and 14 require stays in every style (EDPB-endorsed "
        "WP29 Guidelines on transparency, WP260 rev.01, para. 8-10).",
        "policy",
        default="full",
        choices=("full", "concise", "minimal"),
    ),
    Field(
        "policy.at_a_glance",
        "bool",
        "Summary 'at a glance' at the top",
        "A short first layer: who we are, what we collect, why, who receives it, how long, your "
        "rights and how to reach us (WP260 rev.01, para. 35-38 on layered notices).",
        "policy",
        default=False,
    ),
    Field(
        "policy.definitions",
        "bool",
        "Definitions section",
        "Explains the terms the policy uses, such as traffic data, CPNI or processor "
        "(GDPR Art. 12(1): clear and plain language; WP260 rev.01, para. 12).",
        "policy",
        default=False,
    ),
    Field(
        "policy.version", "text", "Version", "Shown in the header and footer of every page.", "policy", default="1.0"
    ),
    Field(
        "policy.effective_date",
        "date",
        "Effective date",
        "When this version takes effect (WP260 rev.01; CCPA 1798.130(a)(5)).",
        "policy",
        required=True,
    ),
    Field("policy.last_updated", "date", "Last updated", "Defaults to the effective date.", "policy", default=None),
    Field(
        "policy.change_notice_days",
        "int",
        "Days of notice before material changes",
        "Material changes are announced in advance rather than 'with or without notice'.",
        "policy",
        default=30,
        minimum=0,
        maximum=365,
    ),
    Field(
        "policy.list_changes",
        "bool",
        "List what changed in each version",
        "When on, 'Changes to this policy' lists what changed since the previous published version "
        "(policy.changes); `telepolicy publish` and File > Publish write that list from the redline.",
        "policy",
        default=False,
    ),
    Field(
        "policy.changes",
        "text_list",
        "What changed in this version",
        "One line each, shown when policy.list_changes is on. Publishing replaces it with the redline's summary "
        "against the previous published version; edit the lines before publishing the next version if needed.",
        "policy",
        default=[],
    ),
    Field(
        "policy.page_size",
        "choice",
        "PDF page size",
        "Paper size of the PDF.",
        "policy",
        default="A4",
        choices=("A4", "Letter"),
    ),
    Field(
        "policy.language",
        "choice",
        "English spelling",
        'US English ("en-US": authorized, center, honor) for policies whose main audience is in the US; '
        'UK English ("en-GB": authorised, centre, honour) for the UK and Europe. Only spelling changes.',
        "policy",
        default="en-GB",
        choices=("en-GB", "en-US"),
    ),
)

FIELDS_BY_KEY: dict[str, Field] = {field.key: field for field in FIELDS}

# Top-level tables that are not answers.
STRUCTURAL_KEYS = ("format", "library_paths", "clauses", "custom_clauses")


def default_value(field: Field) -> Any:
    """A fresh copy of the default, so callers may mutate lists safely."""
    if isinstance(field.default, list):
        return list(field.default)
    return field.default
