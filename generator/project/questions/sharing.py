"""Controller and processor roles, and who receives the data."""

from __future__ import annotations

from telepolicy.generator.project.field import Field
from telepolicy.generator.project.vocabulary import (
    CONTROLLER_PURPOSES,
    RECIPIENTS,
    TRANSFER_MECHANISMS,
)

QUESTIONS: tuple[Field, ...] = (
    # --- roles --------------------------------------------------------------
    Field(
        key="roles.controller_purposes",
        kind="choices",
        label="Purposes for which we decide over usage data",
        help="When traffic data is handled in both roles, the controller purposes are listed "
        "(EDPB Guidelines 07/2020).",
        page="roles",
        default=["billing", "fraud_prevention", "network_security", "legal_compliance"],
        choices=CONTROLLER_PURPOSES,
        asked_when={"facts.hybrid_roles": True},
    ),
    Field(
        key="roles.dpa_url",
        kind="url",
        label="Data processing agreement URL",
        help="Where business customers find the Art. 28 agreement.",
        page="roles",
        default="",
        asked_when={"facts.processor": True},
    ),
    Field(
        key="roles.dpa_offer",
        kind="choice",
        label="How business customers get the data processing agreement",
        help="Processing for a business customer must be governed by a contract that sets out the processor's "
        "duties (GDPR Art. 28(3), (9)): part of the terms every customer accepts, the same with a signed copy "
        "on request, or accepted online when the customer signs up. The link is the data processing agreement URL.",
        page="roles",
        default="in_terms",
        choices=("in_terms", "signed_on_request", "click_through"),
        asked_when={"facts.processor": True},
    ),
    Field(
        key="roles.end_user_requests",
        kind="choice",
        label="Requests from a business customer's end users",
        help="As a processor you help the business customer answer its end users' requests (GDPR Art. 28(3)(e)); "
        "the customer, as controller, answers them (Art. 12). Tell end users to contact the customer, pass on "
        "what reaches you, or both.",
        page="roles",
        default="ask_and_forward",
        choices=("ask_and_forward", "forward", "contact_customer"),
        asked_when={"facts.processor": True},
    ),
    Field(
        key="roles.end_user_request_days",
        kind="int",
        label="Days to pass on or answer an end user's request",
        help="How soon a request sent to you reaches the business customer (or the person hears whom to ask); "
        "0 leaves the time unsaid. Keep it short: the customer has one month to answer (GDPR Art. 12(3)).",
        page="roles",
        default=0,
        minimum=0,
        maximum=30,
        asked_when={"facts.processor": True},
    ),
    Field(
        key="roles.subprocessors_url",
        kind="url",
        label="Sub-processor list URL",
        help="Where the list of sub-processors is published (GDPR Art. 28(2)).",
        page="roles",
        default="",
        asked_when={"facts.processor": True},
    ),
    Field(
        key="roles.subprocessors",
        kind="text_list",
        label="Sub-processors",
        help="One line per sub-processor: name | service | location | transfer mechanism, e.g. "
        '"Example Cloud Ltd | hosting | Ireland | none". The mechanism is one of: none, '
        + ", ".join(TRANSFER_MECHANISMS)
        + ". Feeds the sub-processor list (GDPR Art. 28(2), (4)); each must fit the policy's recipients "
        "and transfers.",
        page="roles",
        default=[],
        asked_when={"facts.processor": True},
    ),
    Field(
        key="roles.subprocessors_updated",
        kind="date",
        label="Sub-processor list last updated",
        help="The date the list last changed; defaults to the policy's last-updated date (GDPR Art. 28(2)).",
        page="roles",
        default=None,
        asked_when={"facts.processor": True},
    ),
    Field(
        key="roles.subprocessor_change_notice",
        kind="choice",
        label="How business customers hear of sub-processor changes",
        help="A general authorisation needs notice of intended changes so the customer can object (GDPR Art. 28(2)).",
        page="roles",
        default="email",
        choices=("email", "subscription", "customer_portal"),
        asked_when={"facts.processor": True},
    ),
    Field(
        key="roles.subprocessor_notice_days",
        kind="int",
        label="Days of notice before a new sub-processor",
        help="How long before a new or replacement sub-processor starts that customers are told (GDPR Art. 28(2)).",
        page="roles",
        default=30,
        minimum=0,
        maximum=180,
        asked_when={"facts.processor": True},
    ),
    # --- sharing ------------------------------------------------------------
    Field(
        key="sharing.recipients",
        kind="choices",
        label="Recipients",
        help="Recipients or their categories must be listed (GDPR Art. 13(1)(e); CCPA 1798.110).",
        page="sharing",
        default=["service_providers", "interconnect_carriers", "professional_advisers", "authorities", "acquirers"],
        choices=RECIPIENTS,
    ),
    Field(
        key="sharing.law_enforcement",
        kind="choice",
        label="Answering law-enforcement requests",
        help="How requests from police, courts and other authorities are answered. The policy names the "
        "lawful-access laws of the company's country, and the US laws when it serves people in the United States "
        "(GDPR Art. 13(1)(e); clause_library/countries.toml).",
        page="sharing",
        default="as_required",
        choices=("as_required", "notify_and_challenge"),
    ),
    Field(
        key="sharing.transparency_report_url",
        kind="url",
        label="Transparency report URL",
        help="Where request statistics are published, if they are.",
        page="sharing",
        default="",
    ),
    Field(
        key="scope.event_registrants",
        kind="bool",
        label="Covers people who register for our events",
        help="The policy names each group it covers (GDPR Art. 13; WP260 rev.01, para. 35).",
        page="services",
        default=False,
    ),
    Field(
        key="scope.workforce",
        kind="choice",
        label="Employees, applicants and contractors",
        help="excluded: the policy says they have their own notice (links.applicant_notice_url); "
        "not_mentioned: the policy is silent (CCPA 1798.145(m) exemption expired on 1 January 2023).",
        page="services",
        default="not_mentioned",
        choices=("not_mentioned", "excluded"),
    ),
    Field(
        key="scope.public_forums",
        kind="bool",
        label="Discussion forums or other public areas",
        help="What people post there is public (GDPR Art. 13(1)(e): the public as recipient).",
        page="services",
        default=False,
    ),
    Field(
        key="scope.testimonials",
        kind="bool",
        label="Testimonials and case studies, with consent",
        help="Publishing a customer's name, role, company or words needs consent that can be withdrawn "
        "(GDPR Art. 6(1)(a), 7(3)).",
        page="services",
        default=False,
    ),
    Field(
        key="scope.business_numbers_not_personal",
        kind="bool",
        label="Say that a business's own phone number is not personal data",
        help="Data about a company is not personal data, but a number that reaches a named person is "
        "(GDPR Recital 14; CJEU C-434/16 Nowak on identifiability).",
        page="services",
        default=False,
    ),
    Field(
        key="links.terms_url",
        kind="url",
        label="Terms of service URL",
        help="Linked where the policy refers to the contract (GDPR Art. 13(2)(e)).",
        page="company",
        default="",
    ),
    Field(
        key="links.cpni_notice_url",
        kind="url",
        label="CPNI notice URL",
        help="The separate notice sent before CPNI approval is sought (47 CFR 64.2008).",
        page="company",
        default="",
        asked_when={"facts.cpni_applies": True},
    ),
    Field(
        key="links.product_docs_url",
        kind="url",
        label="API or product documentation URL",
        help="Where product-specific privacy details, such as storage settings, are documented.",
        page="company",
        default="",
    ),
    Field(
        key="links.retention_policy_url",
        kind="url",
        label="Record-retention policy URL",
        help="A published retention schedule (GDPR Art. 13(2)(a)).",
        page="company",
        default="",
    ),
    Field(
        key="links.applicant_notice_url",
        kind="url",
        label="Applicant and employee privacy notice URL",
        help="Where job applicants and staff find their own notice (GDPR Art. 13; CCPA 1798.100).",
        page="company",
        default="",
    ),
    Field(
        key="links.dpa_country_terms",
        kind="bool",
        label="Country-specific terms are in the data processing agreement",
        help="Says that terms a country's law requires (e.g. Brazil, Switzerland) are in the DPA at "
        "roles.dpa_url (GDPR Art. 28(3)).",
        page="company",
        default=False,
        asked_when={"facts.processor": True},
    ),
    Field(
        key="links.bcr_summary_url",
        kind="url",
        label="Binding Corporate Rules summary URL",
        help="Where the BCRs or their summary are published (GDPR Art. 47(2)(g)).",
        page="company",
        default="",
        asked_when={"transfers.mechanisms": "bcr"},
    ),
    Field(
        key="company.unsubscribe_email",
        kind="email",
        label="Unsubscribe e-mail address",
        help="A separate address for marketing opt-outs, if there is one (GDPR Art. 21(3); CAN-SPAM 15 U.S.C. 7704).",
        page="company",
        default="",
    ),
    Field(
        key="eu_representative.phone",
        kind="text",
        label="EU representative phone",
        help="A phone number for the Art. 27 representative, if it has one (GDPR Art. 27(4)).",
        page="company",
        default="",
        asked_when={"facts.needs_eu_representative": True},
    ),
    Field(
        key="eu_representative.form_url",
        kind="url",
        label="EU representative web form",
        help="The representative's contact form, if it has one (GDPR Art. 27(4)).",
        page="company",
        default="",
        asked_when={"facts.needs_eu_representative": True},
    ),
    Field(
        key="sharing.insolvency_transfers",
        kind="bool",
        label="Say that a business transfer can happen in insolvency",
        help="Adds that an administrator or court may sell the business, with its customer records, in "
        "insolvency or bankruptcy proceedings (GDPR Art. 13(1)(e); FTC guidance on data in bankruptcy sales).",
        page="sharing",
        default=False,
        asked_when={"sharing.recipients": "acquirers"},
    ),
    Field(
        key="sharing.sells_personal_information",
        kind="bool",
        label="Sells personal information",
        help="Sale for money or other value (CCPA 1798.140(ad)). Sharing for ads follows from the advertising tools.",
        page="sharing",
        default=False,
    ),
)
