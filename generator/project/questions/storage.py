"""Cookies and tracking, how long data is kept, and where it is stored and sent."""

from __future__ import annotations

from telepolicy.generator.project.field import Field
from telepolicy.generator.project.vocabulary import (
    TRANSFER_MECHANISMS,
)

QUESTIONS: tuple[Field, ...] = (
    # --- cookies ------------------------------------------------------------
    Field(
        key="cookies.used",
        kind="bool",
        label="Our website or apps use cookies or similar technologies",
        help="Anything stored on or read from a device, even a session cookie, must be described "
        "(ePrivacy Directive Art. 5(3); UK PECR reg. 6). Without any, the cookies section is left out.",
        page="cookies",
        default=True,
    ),
    Field(
        key="cookies.analytics_tools",
        kind="text_list",
        label="Analytics tools",
        help="Each tool is named with its purpose (ePrivacy Art. 5(3)).",
        page="cookies",
        default=[],
        asked_when={"cookies.used": True},
    ),
    Field(
        key="cookies.advertising_tools",
        kind="text_list",
        label="Advertising tools",
        help="Third-party advertising cookies are usually 'sharing' under CPRA.",
        page="cookies",
        default=[],
        asked_when={"cookies.used": True},
    ),
    Field(
        key="cookies.tools",
        kind="choices",
        label="Common tools we use",
        help="Each named tool gets its own paragraph: what it does, what it receives and how to opt out "
        "(ePrivacy Art. 5(3); GDPR Art. 13(1)(e)). Google Analytics needs consent in the EEA and UK "
        "(CNIL and Austrian DSB decisions of 2022 on transfers; EDPB Guidelines 2/2023).",
        page="cookies",
        default=[],
        choices=("google_tag_manager", "google_analytics"),
        asked_when={"cookies.used": True},
    ),
    Field(
        key="cookies.category_scheme",
        kind="choice",
        label="How cookies are grouped for choices",
        help="by_purpose: one part per purpose, no group names; three_groups: Required, Functional and "
        "Advertising; four_groups: Necessary, Analytics, Functional and Advertising. The names must match "
        "the cookie banner (ePrivacy Art. 5(3); EDPB Guidelines 05/2020 on consent, para. 55-58).",
        page="cookies",
        default="by_purpose",
        choices=("by_purpose", "three_groups", "four_groups"),
        asked_when={"cookies.used": True},
    ),
    Field(
        key="cookies.functional",
        kind="bool",
        label="Functional cookies",
        help="Cookies that remember choices such as language or a half-filled form. Unless the user asked "
        "for the feature, they need consent in the EEA and UK (ePrivacy Art. 5(3); WP29 Opinion 04/2012).",
        page="cookies",
        default=False,
        asked_when={"cookies.used": True},
    ),
    Field(
        key="cookies.fingerprinting",
        kind="bool",
        label="Device fingerprinting",
        help="Reading device characteristics (screen size, fonts, settings) to recognise a device. It needs the "
        "same prior consent as cookies (EDPB Guidelines 2/2023 on Art. 5(3) ePrivacy; WP29 Opinion 9/2014).",
        page="cookies",
        default=False,
        asked_when={"cookies.used": True},
    ),
    Field(
        key="cookies.ad_opt_out_links",
        kind="choices",
        label="Industry ad opt-out links to show",
        help="Chosen by audience, not only by region: US (DAA YourAdChoices, NAI), Canada (DAAC YourAdChoices) "
        "and Europe (EDAA Your Online Choices). Shown with advertising tools.",
        page="cookies",
        default=[],
        choices=("us", "canada", "europe"),
        asked_when={"cookies.used": True, "cookies.advertising_tools": {"set": True}},
    ),
    Field(
        key="cookies.consent_tool",
        kind="choice",
        label="How cookie choices are made",
        help="Non-essential cookies need prior consent in the EEA and UK (Planet49, C-673/17).",
        page="cookies",
        default="banner",
        choices=("banner", "browser_settings"),
        asked_when={"cookies.used": True},
    ),
    Field(
        key="cookies.policy_url",
        kind="url",
        label="Cookie policy URL",
        help="A separate cookie notice, if any.",
        page="cookies",
        default="",
        asked_when={"cookies.used": True},
    ),
    Field(
        key="cookies.honours_dnt",
        kind="bool",
        label="Honours Do Not Track",
        help="CalOPPA requires saying how Do Not Track signals are treated (Bus. & Prof. Code 22575(b)(5)).",
        page="cookies",
        default=False,
        asked_when_any={"cookies.used": True, "facts.california": True},
    ),
    Field(
        key="cookies.honours_gpc",
        kind="bool",
        label="Honours Global Privacy Control",
        help="Opt-out preference signals must be honoured under CCPA Regs 7025.",
        page="cookies",
        default=True,
    ),
    Field(
        key="cookies.gpc_status_shown",
        kind="bool",
        label="Website shows whether a GPC signal was processed",
        help="A business that sells or shares must display whether it has processed the opt-out preference signal, "
        'e.g. "Opt-Out Request Honored" (11 CCR 7025(c)(6), as amended from 1 Jan 2026). Turn on only when '
        "the website does this: the policy then says so.",
        page="cookies",
        default=False,
    ),
    Field(
        key="cookies.gpc_scope",
        kind="choice",
        label="What a Global Privacy Control signal turns off",
        help="sale_share: the opt-out of sale and sharing the law requires (CCPA Regs 7025; Colorado Rule 5.06); "
        "all_non_required: also every cookie the website does not need, for everyone who sends it.",
        page="cookies",
        default="sale_share",
        choices=("sale_share", "all_non_required"),
        asked_when={"cookies.used": True, "cookies.honours_gpc": True},
    ),
    Field(
        key="cookies.opt_out_url",
        kind="url",
        label="'Do Not Sell or Share' link",
        help="The opt-out link required when data is sold or shared (CCPA 1798.135).",
        page="cookies",
        default="",
        asked_when={"facts.sells_or_shares": True},
    ),
    # --- retention ----------------------------------------------------------
    Field(
        key="retention.style",
        kind="choice",
        label="How retention is stated",
        help="Periods per category (recommended; required by CPRA) or the criteria used.",
        page="retention",
        default="periods",
        choices=("periods", "criteria"),
    ),
    Field(
        key="retention.end_action",
        kind="choice",
        label="What happens at the end",
        help="Data is deleted, or anonymised so it no longer identifies anyone.",
        page="retention",
        default="delete",
        choices=("delete", "anonymise"),
    ),
    Field(
        key="retention.reactivation_days",
        kind="int",
        label="Days a closed account can be reopened",
        help="A grace period after closure during which the account and its data can be restored; the "
        "retention periods start after it. 0 = none (GDPR Art. 13(2)(a), 5(1)(e)).",
        page="retention",
        default=0,
        minimum=0,
        maximum=365,
    ),
    Field(
        key="retention.extra_holds",
        kind="choices",
        label="Other reasons to keep data longer",
        help="Besides orders, disputes, unpaid bills, investigations and audits: troubleshooting a reported "
        "fault, and enforcing our terms (GDPR Art. 17(3)(e), 13(2)(a)).",
        page="retention",
        default=[],
        choices=("troubleshooting", "enforcing_terms"),
    ),
    Field(
        key="retention.backup_days",
        kind="int",
        label="Days until backups are overwritten",
        help="Backups keep deleted data for a while; saying how long avoids a false promise.",
        page="retention",
        default=35,
        minimum=0,
        maximum=3650,
    ),
    Field(
        key="retention.voicemail",
        kind="text",
        label="How long voicemail messages are kept",
        help='A period such as "30 days" after which saved and unheard messages are deleted, or '
        '"while_account_open". Needed when voicemail is offered: it is content of communications '
        "and its retention must be stated (GDPR Art. 13(2)(a); CCPA 1798.100(a)(3)). Empty leaves the "
        "sentence out and the check reports it.",
        page="retention",
        default="",
    ),
    # --- transfers ----------------------------------------------------------
    Field(
        key="transfers.storage_countries",
        kind="text_list",
        label="Where data is stored",
        help="Third countries must be named (GDPR Art. 13(1)(f)).",
        page="transfers",
        default=["United States"],
    ),
    Field(
        key="transfers.mechanisms",
        kind="choices",
        label="Transfer mechanisms",
        help="The safeguard for each transfer out of the EEA or UK (GDPR Art. 45-49).",
        page="transfers",
        default=[],
        choices=TRANSFER_MECHANISMS,
        asked_when={"facts.transfers_from_eea": True},
    ),
    Field(
        key="transfers.bcr_lead_authority",
        kind="text",
        label="BCR lead authority",
        help="The authority that approved the Binding Corporate Rules (GDPR Art. 47).",
        page="transfers",
        default="",
        asked_when={"facts.transfers_from_eea": True, "transfers.mechanisms": "bcr"},
    ),
    Field(
        key="transfers.provider_countries",
        kind="text_list",
        label="Where service providers handle data",
        help="Countries, other than the storage countries, where our service providers (processors) handle "
        "personal data for us; each is a data flow the transfers text names (GDPR Art. 13(1)(f)).",
        page="transfers",
        default=[],
    ),
    Field(
        key="transfers.group_countries",
        kind="text_list",
        label="Where group companies receive data",
        help="Countries, other than the storage countries, of the group companies that receive personal data "
        "from us (GDPR Art. 13(1)(e), (f)).",
        page="transfers",
        default=[],
    ),
    Field(
        key="transfers.bcr_url",
        kind="url",
        label="Binding Corporate Rules URL",
        help="Where people read the BCRs and the rights they give (GDPR Art. 47(2)(e), (g)).",
        page="transfers",
        default="",
        asked_when={"transfers.mechanisms": "bcr"},
    ),
    Field(
        key="transfers.bcr_uk_approved",
        kind="bool",
        label="UK BCRs approved by the ICO",
        help="Transfers out of the UK can rely on BCRs only if the ICO approved them (UK GDPR Art. 47).",
        page="transfers",
        default=False,
        asked_when={"transfers.mechanisms": "bcr", "audience.regions": "uk"},
    ),
    Field(
        key="transfers.dpf_certified",
        kind="bool",
        label="We are certified under the Data Privacy Framework",
        help="Whether the company itself self-certified with the US Department of Commerce; if so, its policy "
        "must give the DPF Notice Principle statements (DPF Principles, Notice 1(a)-(m)).",
        page="transfers",
        default=False,
        asked_when={"facts.gdpr": True},
    ),
    Field(
        key="transfers.dpf_recourse",
        kind="text",
        label="DPF independent recourse mechanism",
        help="The independent body that handles DPF complaints free of charge, with its website "
        "(DPF Principles, Notice 1(i); Recourse 7).",
        page="transfers",
        default="",
        asked_when={"transfers.dpf_certified": True},
    ),
)
