"""The data collected, per category, where it comes from and why it is used."""

from __future__ import annotations

from telepolicy.generator.project.field import Field
from telepolicy.generator.project.vocabulary import (
    DATA_CATEGORIES,
    DEFAULT_BASIS,
    LEGAL_BASES,
    PERIOD_HELP,
    PURPOSES,
    ROLES,
    SOURCES,
)


def _category_fields() -> list[Field]:
    fields: list[Field] = []
    for cat, label in DATA_CATEGORIES:
        base = f"data.{cat}"
        collected = {f"{base}.collected": True}  # sources, role and retention are asked of collected data
        fields += [
            Field(
                key=f"{base}.collected",
                kind="bool",
                label=f"{label}: collected",
                help="Each collected category is listed with its sources, role and retention "
                "(GDPR Art. 13(1)(c), 14(1)(d); CCPA Civ. Code 1798.100(a)).",
                page="data",
                default=cat in ("contact", "account", "device", "support"),
            ),
            Field(
                key=f"{base}.sources",
                kind="choices",
                label=f"{label}: sources",
                help="Where this data comes from; data not from the person needs its source named "
                "(GDPR Art. 14(2)(f)).",
                page="data",
                default=["you"] if cat not in ("traffic", "device", "location") else ["automatic"],
                choices=SOURCES,
                asked_when=collected,
            ),
            Field(
                key=f"{base}.role",
                kind="choice",
                label=f"{label}: our role",
                help="Controller decides why and how data is used; processor handles it for a "
                "business customer (GDPR Art. 4(7)-(8), 28).",
                page="roles",
                default="controller",
                choices=ROLES,
                asked_when=collected,
            ),
            Field(
                key=f"{base}.retention",
                kind="period",
                label=f"{label}: how long it is kept",
                help="Retention period or the criteria for it, per category "
                "(GDPR Art. 13(2)(a); CCPA Civ. Code 1798.100(a)(3)). "
                + PERIOD_HELP
                + " No default: a collected category without an answer is reported, never given a period "
                "silently.",
                page="retention",
                default="",
                asked_when=collected,
            ),
        ]
    return fields


QUESTIONS: tuple[Field, ...] = (
    # --- data (per category) ---------------------------------------------
    *_category_fields(),
    Field(
        key="data.traffic_fields",
        kind="choices",
        label="Traffic data recorded",
        help="The fields of call and message records (ePrivacy Art. 6; 47 U.S.C. 222(h)(1)).",
        page="data",
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
        asked_when={"data.traffic.collected": True},
    ),
    Field(
        key="data.location_precision",
        kind="choice",
        label="Location precision",
        help="Precise geolocation is sensitive personal information (CCPA 1798.140(ae)).",
        page="data",
        default="network",
        choices=("network", "precise"),
        asked_when={"data.location.collected": True},
    ),
    Field(
        key="data.special_categories",
        kind="choice",
        label="Special category data",
        help="Whether special categories are processed and on what condition (GDPR Art. 9).",
        page="data",
        default="not_intended",
        choices=("not_intended", "explicit_consent"),
    ),
    Field(
        key="data.social_networks",
        kind="text_list",
        label="Social sign-in providers",
        help="Named when social networks are a source (GDPR Art. 14(2)(f)).",
        page="data",
        default=[],
        asked_when={"facts.sources_used": "social_networks"},
    ),
    Field(
        key="data.credit_agencies",
        kind="text_list",
        label="Credit reference agencies",
        help="Named when credit checks are made (GDPR Art. 14; FCRA).",
        page="data",
        default=[],
        asked_when_any={"data.credit.collected": True, "facts.sources_used": "credit_agencies"},
    ),
    Field(
        key="data.extra_items",
        kind="choices",
        label="Other details we collect",
        help="Each is named with why it is needed (GDPR Art. 13(1)(c), 14(1)(d); CCPA 1798.100(a)(1)): date of "
        "birth (age and identity checks), job title and company (business accounts), domain and host names "
        "(visits and API calls), screenshots and files sent to support.",
        page="data",
        default=[],
        choices=("date_of_birth", "job_title_company", "domain_host", "support_screenshots"),
    ),
    Field(
        key="data.payment_methods",
        kind="text_list",
        label="Named payment methods",
        help='Payment methods other than cards, such as "PayPal" or "SEPA direct debit"; each provider is a '
        "recipient and a source of the billing address (GDPR Art. 13(1)(e), 14(2)(f)).",
        page="data",
        default=[],
        asked_when={"data.payment.collected": True},
    ),
    Field(
        key="data.signup_checks",
        kind="choices",
        label="Checks at sign-up",
        help="phone_verification: a code sent to the phone number to confirm it; onboarding_call: staff may call "
        "a new customer to help, unless the customer declines (GDPR Art. 13(1)(c), 21).",
        page="data",
        default=[],
        choices=("phone_verification", "onboarding_call"),
    ),
    Field(
        key="data.short_code_applications",
        kind="bool",
        label="Short-code applications",
        help="An application for an SMS short code collects details of the sender's business, use case and "
        "sample messages, which carriers review (CTIA Short Code Monitoring Handbook; GDPR Art. 13(1)(e)).",
        page="data",
        default=False,
    ),
    Field(
        key="data.social_login_extras",
        kind="bool",
        label="Friends lists and likes from social sign-in, only if the user opts in",
        help="Beyond basic profile details, only with a separate opt-in (GDPR Art. 5(1)(c), 6(1)(a), 14).",
        page="data",
        default=False,
        asked_when={"facts.sources_used": "social_networks"},
    ),
    Field(
        key="data.vendor_data",
        kind="choices",
        label="What data vendors supply",
        help="professional: job title, employer, business e-mail and phone; demographic: age band, region and "
        "similar; interests: topics a person is interested in. The source and categories must be named "
        "(GDPR Art. 14(1)(d), 14(2)(f)).",
        page="data",
        default=[],
        choices=("professional", "demographic", "interests"),
        asked_when={"facts.sources_used": "data_vendors"},
    ),
    Field(
        key="data.number_intelligence",
        kind="bool",
        label="Number look-ups from carriers and number databases",
        help="Device type, whether a phone is reachable, roaming status, network operator and country for a "
        "number, to route and deliver messages (GDPR Art. 14(1)(d), 14(2)(f)).",
        page="data",
        default=False,
        asked_when={"facts.sources_used": "carriers"},
    ),
    Field(
        key="data.crm_integrations",
        kind="bool",
        label="CRM and other connected software as a source",
        help="Customer relationship and help-desk software a customer connects to the service passes contact "
        "details to it (GDPR Art. 14(2)(f)).",
        page="data",
        default=False,
    ),
    Field(
        key="data.events_surveys",
        kind="bool",
        label="Events, webinars and surveys",
        help="Registration and survey forms collect contact details and answers (GDPR Art. 13(1)(c)).",
        page="data",
        default=False,
    ),
    # --- purposes ---------------------------------------------------------
    Field(
        key="purposes.used",
        kind="choices",
        label="Purposes",
        help="Each purpose is stated with its legal basis (GDPR Art. 13(1)(c)).",
        page="purposes",
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
            key=f"legal_bases.{purpose}",
            kind="choice",
            label=f"Legal basis: {purpose.replace('_', ' ')}",
            help="The lawful basis for this purpose (GDPR Art. 6(1)).",
            page="purposes",
            default=DEFAULT_BASIS[purpose],
            choices=LEGAL_BASES,
            # Stated for GDPR regions, Brazil and Ukraine (clause purposes.legal_bases).
            asked_when={"purposes.used": purpose},
            asked_when_any={"facts.gdpr": True, "audience.regions": ["brazil", "ukraine"]},
        )
        for purpose in PURPOSES
    ),
    Field(
        key="purposes.marketing_channels",
        kind="choices",
        label="Marketing channels",
        help="Marketing texts and calls need consent and a STOP opt-out (TCPA 47 U.S.C. 227).",
        page="purposes",
        default=["email"],
        choices=("email", "sms", "phone", "online_ads"),
        asked_when={"purposes.used": "marketing"},
    ),
    Field(
        key="purposes.automated_decisions",
        kind="bool",
        label="Solely automated decisions with legal effect",
        help="Must be disclosed with the logic and the right to human review (GDPR Art. 22).",
        page="purposes",
        default=False,
    ),
    Field(
        key="purposes.automated_decisions_ground",
        kind="choice",
        label="Why solely automated decisions are allowed",
        help="A solely automated decision with legal or similarly significant effect is allowed only if it is "
        "necessary for a contract with the person, authorised by law, or based on their explicit consent "
        "(GDPR Art. 22(2)(a)-(c)); the policy names the ground.",
        page="purposes",
        default="contract",
        choices=("contract", "law", "explicit_consent"),
    ),
)
