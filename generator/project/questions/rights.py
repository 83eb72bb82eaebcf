"""Rights requests, security, and the policy's own version and dates."""

from __future__ import annotations

from telepolicy.generator.project.field import Field
from telepolicy.generator.project.vocabulary import (
    SECURITY_MEASURES,
)

QUESTIONS: tuple[Field, ...] = (
    # --- rights -----------------------------------------------------------------
    Field(
        key="rights.request_url",
        kind="url",
        label="Rights request form",
        help="How requests are made (GDPR Art. 12(2); CCPA 1798.130).",
        page="rights",
        default="",
    ),
    Field(
        key="rights.request_email",
        kind="email",
        label="Rights request e-mail",
        help="Defaults to the privacy contact e-mail.",
        page="rights",
        default="",
    ),
    Field(
        key="rights.request_phone",
        kind="text",
        label="Rights request phone (toll-free)",
        help="CCPA businesses usually need a toll-free number (1798.130(a)(1)).",
        page="rights",
        default="",
    ),
    Field(
        key="rights.dispute_body",
        kind="text",
        label="Out-of-court dispute resolution body",
        help="The ADR body or ombudsman that handles complaints about the service, e.g. a national telecoms "
        "dispute committee (European Electronic Communications Code Art. 25; Directive 2013/11/EU).",
        page="rights",
        default="",
    ),
    Field(
        key="rights.dispute_body_url",
        kind="url",
        label="Dispute resolution body website",
        help="Where a complaint to that body is made.",
        page="rights",
        default="",
        asked_when={"rights.dispute_body": {"set": True}},
    ),
    Field(
        key="rights.authorised_agents",
        kind="bool",
        label="Accept requests from authorised agents",
        help="California and several states let an agent act for the consumer (CCPA Regs 7063).",
        page="rights",
        default=True,
    ),
    Field(
        key="rights.marketing_opt_out_days",
        kind="int",
        label="Days to act on a marketing opt-out",
        help="The longest time an unsubscribe takes to work, e.g. 3 business days; 0 = not stated. CAN-SPAM "
        "allows at most 10 business days (15 U.S.C. 7704(a)(4)); GDPR Art. 21(3) requires stopping.",
        page="rights",
        default=0,
        minimum=0,
        maximum=10,
        asked_when={"purposes.used": "marketing"},
    ),
    Field(
        key="rights.us_all_states",
        kind="bool",
        label="Give state privacy rights to residents of every US state",
        help="Access, correction, deletion and copy for any US resident, whether or not their state has a "
        "privacy law (a choice; the law requires it only in the states with such laws).",
        page="rights",
        default=False,
        asked_when={"facts.us_users": True},
    ),
    # --- security -----------------------------------------------------------------
    Field(
        key="security.measures",
        kind="choices",
        label="Security measures",
        help="A description of the measures taken (GDPR Art. 32).",
        page="security",
        default=["encryption_in_transit", "access_control", "staff_training"],
        choices=SECURITY_MEASURES,
    ),
    Field(
        key="security.sim_swap_protection",
        kind="choices",
        label="Protection against SIM swaps and number theft",
        help="For mobile service in any country: the protections the operator gives before a SIM change or a "
        "port-out (ePrivacy Art. 4 information on network risks; BEREC and national guidance on SIM-swap "
        "fraud). US carriers under the CPNI rules get the FCC's own clause instead (47 CFR 64.2010(h), 52.37).",
        page="security",
        default=[],
        choices=("verify_identity", "notify_changes", "account_lock", "port_out_pin"),
        asked_when={"services.offered": "mobile", "facts.cpni_applies": False},
    ),
    Field(
        key="security.toms_url",
        kind="url",
        label="Technical and organisational measures URL",
        help="A published description of the measures, if any.",
        page="security",
        default="",
    ),
    # --- policy -----------------------------------------------------------------------
    Field(
        key="policy.title",
        kind="text",
        label="Title",
        help="The document title.",
        page="policy",
        default="Privacy Policy",
    ),
    Field(
        key="policy.style",
        kind="choice",
        label="Document style",
        help="full: every topic with explanations; concise: only the clauses that serve a legal requirement "
        "applying to this operator, so explanations the law does not ask for drop out; minimal: an "
        "article-numbered notice with only what the law requires for this operator plus what the "
        "answers add. The information GDPR Art. 13 and 14 require stays in every style (EDPB-endorsed "
        "WP29 Guidelines on transparency, WP260 rev.01, para. 8-10).",
        page="policy",
        default="full",
        choices=("full", "concise", "minimal"),
    ),
    Field(
        key="policy.at_a_glance",
        kind="bool",
        label="Summary 'at a glance' at the top",
        help="A short first layer: who we are, what we collect, why, who receives it, how long, your "
        "rights and how to reach us (WP260 rev.01, para. 35-38 on layered notices).",
        page="policy",
        default=False,
    ),
    Field(
        key="policy.definitions",
        kind="bool",
        label="Definitions section",
        help="Explains the terms the policy uses, such as traffic data, CPNI or processor "
        "(GDPR Art. 12(1): clear and plain language; WP260 rev.01, para. 12).",
        page="policy",
        default=False,
    ),
    Field(
        key="policy.version",
        kind="text",
        label="Version",
        help="Shown in the header and footer of every page.",
        page="policy",
        default="1.0",
    ),
    Field(
        key="policy.effective_date",
        kind="date",
        label="Effective date",
        help="When this version takes effect (WP260 rev.01; CCPA 1798.130(a)(5)).",
        page="policy",
        required=True,
    ),
    Field(
        key="policy.last_updated",
        kind="date",
        label="Last updated",
        help="Defaults to the effective date.",
        page="policy",
        default=None,
    ),
    Field(
        key="policy.change_notice_days",
        kind="int",
        label="Days of notice before material changes",
        help="Material changes are announced in advance rather than 'with or without notice'.",
        page="policy",
        default=30,
        minimum=0,
        maximum=365,
    ),
    Field(
        key="policy.change_notice_channels",
        kind="choices",
        label="How material changes are announced",
        help="The policy says you announce a material change by one or more of these: an e-mail to account "
        "holders, a notice in the app or customer portal, a notice on the website (WP260 rev.01, EDPB-endorsed "
        "transparency guidelines, on changes to Art. 13 information; FTC Act s. 5). Leave empty to name no channel.",
        page="policy",
        default=["email", "website", "in_app"],
        choices=("email", "in_app", "website"),
    ),
    Field(
        key="policy.list_changes",
        kind="bool",
        label="List what changed in each version",
        help="When on, 'Changes to this policy' lists what changed since the previous published version "
        "(policy.changes); `telepolicy publish` and File > Publish write that list from the redline.",
        page="policy",
        default=False,
    ),
    Field(
        key="policy.changes",
        kind="text_list",
        label="What changed in this version",
        help="One line each, shown when policy.list_changes is on. Publishing replaces it with the redline's summary "
        "against the previous published version; edit the lines before publishing the next version if needed.",
        page="policy",
        default=[],
    ),
    Field(
        key="policy.page_size",
        kind="choice",
        label="PDF page size",
        help="Paper size of the PDF.",
        page="policy",
        default="A4",
        choices=("A4", "Letter"),
    ),
    Field(
        key="policy.language",
        kind="choice",
        label="English spelling",
        help='US English ("en-US": authorized, center, honor) for policies whose main audience is in the US; '
        'UK English ("en-GB": authorised, centre, honour) for the UK and Europe. Only spelling changes.',
        page="policy",
        default="en-GB",
        choices=("en-GB", "en-US"),
    ),
)
