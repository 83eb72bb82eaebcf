"""Children, and the US rules on customer proprietary network information (CPNI), with the annual certification."""

from __future__ import annotations

from telepolicy.generator.project.field import Field
from telepolicy.generator.project.vocabulary import (
    CPNI_PROCEDURES,
)

QUESTIONS: tuple[Field, ...] = (
    # --- children -----------------------------------------------------------
    Field(
        key="children.minimum_age",
        kind="int",
        label="Minimum age",
        help="The age under which the service is not offered: 13 (COPPA), 16 or 18.",
        page="children",
        default=13,
        minimum=13,
        maximum=18,
    ),
    Field(
        key="children.eea_age",
        kind="choice",
        label="Age used for people in the EEA",
        help="GDPR Art. 8: 16 unless the member state set 13 to 15.",
        page="children",
        default="same",
        choices=("same", "16", "member_state"),
        asked_when={"facts.eea_users": True},
    ),
    Field(
        key="children.parental_guidance",
        kind="bool",
        label="Guidance for parents",
        help="Adds advice to parents and guardians on children's use of online services, beside the "
        "promise to delete what a child gave us (FTC COPPA guidance; UK Age Appropriate Design Code).",
        page="children",
        default=False,
    ),
    Field(
        key="children.directed_to_children",
        kind="bool",
        label="Service directed to children",
        help="A service for children under 13 must follow COPPA's parental-consent rules.",
        page="children",
        default=False,
    ),
    Field(
        key="children.under_16_opt_in",
        kind="bool",
        label="Opt-in before selling or sharing data of consumers known to be under 16",
        help="A business that sells or shares personal information must have the opt-in of a consumer it knows to "
        "be 13 to 15, or a parent's for under 13 (CCPA Civ. Code 1798.120(c)-(d); 11 CCR 7070-7071). "
        "Leave off when you do not sell or share their data at all.",
        page="children",
        default=False,
    ),
    # --- CPNI -----------------------------------------------------------------
    Field(
        key="cpni.approval",
        kind="choice",
        label="Use of CPNI for marketing",
        help="None beyond what the law allows without approval, opt-out for "
        "communications-related services, or opt-in (47 CFR 64.2005, 64.2007).",
        page="cpni",
        default="none",
        choices=("none", "opt_out", "opt_in"),
    ),
    Field(
        key="cpni.shared_with",
        kind="choices",
        label="Who may use CPNI for marketing",
        help="Named in the CPNI notice (47 CFR 64.2008(c)(2)).",
        page="cpni",
        default=["carrier"],
        choices=("carrier", "affiliates", "agents", "joint_venture_partners"),
    ),
    Field(
        key="cpni.choice_url",
        kind="url",
        label="Where customers approve or deny CPNI use",
        help="The precise steps to grant or deny approval (47 CFR 64.2008(c)(3)).",
        page="cpni",
        default="",
    ),
    Field(
        key="cpni.choice_phone",
        kind="text",
        label="Phone number for CPNI choices",
        help="A toll-free number is one common way to record approval or denial.",
        page="cpni",
        default="",
    ),
    Field(
        key="cpni.carrier",
        kind="text",
        label="Carrier that owes the CPNI duty",
        help="The US carrier or interconnected VoIP provider that provides the service and owes the duty to "
        "protect CPNI (47 U.S.C. 222(a), (c)); name it when it is not the company this policy is from, "
        "e.g. a US subsidiary of a foreign parent. Empty means the company's legal name.",
        page="cpni",
        default="",
    ),
    Field(
        key="cpni.in_person",
        kind="bool",
        label="Customers are served in person (stores, kiosks)",
        help="Only then does the policy describe photo-ID checks for in-store CPNI access (47 CFR 64.2010(d)); "
        "leave off when there are no stores, so the policy promises nothing that does not exist.",
        page="cpni",
        default=False,
    ),
    # --- CPNI annual certification (47 CFR 64.2009(e)) ---------------------------
    Field(
        key="cpni_certification.filer_name",
        kind="text",
        label="Filer (company) name",
        help="The carrier named on the annual certificate filed in EB Docket No. 06-36 (47 CFR 64.2009(e)); "
        "empty means the legal name.",
        page="cpni_certification",
        default="",
    ),
    Field(
        key="cpni_certification.frn",
        kind="text",
        label="FCC Registration Number (FRN)",
        help="The filer's 10-digit FRN, shown on the certificate (47 CFR 64.2009(e)).",
        page="cpni_certification",
        default="",
    ),
    Field(
        key="cpni_certification.filer_499_id",
        kind="text",
        label="Form 499 Filer ID",
        help="The filer's FCC Form 499 Filer ID, shown on the certificate (47 CFR 64.2009(e)).",
        page="cpni_certification",
        default="",
    ),
    Field(
        key="cpni_certification.officer_name",
        kind="text",
        label="Certifying officer",
        help="An officer, as agent of the carrier, signs with personal knowledge of the procedures "
        "(47 CFR 64.2009(e)).",
        page="cpni_certification",
        default="",
    ),
    Field(
        key="cpni_certification.officer_title",
        kind="text",
        label="Certifying officer's title",
        help="The officer's corporate title, e.g. Chief Executive Officer (47 CFR 64.2009(e)).",
        page="cpni_certification",
        default="",
    ),
    Field(
        key="cpni_certification.year",
        kind="int",
        label="Calendar year covered",
        help="The previous calendar year; the certificate is filed by 1 March (47 CFR 64.2009(e)). 0 = not yet stated.",
        page="cpni_certification",
        default=0,
        minimum=0,
        maximum=2100,
    ),
    Field(
        key="cpni_certification.procedures",
        kind="choices",
        label="Procedures the officer can confirm",
        help="The statement describes only procedures confirmed here; each one the rules require and not confirmed "
        "is an error (47 CFR 64.2005-64.2011).",
        page="cpni_certification",
        default=[],
        choices=CPNI_PROCEDURES,
    ),
    Field(
        key="cpni_certification.data_broker_actions",
        kind="int",
        label="Actions taken against data brokers",
        help="Proceedings instituted or petitions filed against data brokers in the year (47 CFR 64.2009(e)).",
        page="cpni_certification",
        default=0,
        minimum=0,
        maximum=100000,
    ),
    Field(
        key="cpni_certification.data_broker_narrative",
        kind="text",
        label="What those actions were",
        help="Court, agency and outcome of each action; required when there was any (47 CFR 64.2009(e)).",
        page="cpni_certification",
        default="",
    ),
    Field(
        key="cpni_certification.complaints_employee_access",
        kind="int",
        label="Complaints: improper access by employees",
        help="Customer complaints in the year about unauthorised release of CPNI, by category (47 CFR 64.2009(e)).",
        page="cpni_certification",
        default=0,
        minimum=0,
        maximum=1000000,
    ),
    Field(
        key="cpni_certification.complaints_improper_disclosure",
        kind="int",
        label="Complaints: disclosure to unauthorised people",
        help="Complaints about CPNI given to someone not authorised to receive it (47 CFR 64.2009(e)).",
        page="cpni_certification",
        default=0,
        minimum=0,
        maximum=1000000,
    ),
    Field(
        key="cpni_certification.complaints_online_access",
        kind="int",
        label="Complaints: improper online access",
        help="Complaints about unauthorised people viewing CPNI online (47 CFR 64.2009(e)).",
        page="cpni_certification",
        default=0,
        minimum=0,
        maximum=1000000,
    ),
    Field(
        key="cpni_certification.complaints_summary",
        kind="text",
        label="Summary of those complaints",
        help="How the complaints were resolved; required when there was any (47 CFR 64.2009(e)).",
        page="cpni_certification",
        default="",
    ),
    Field(
        key="cpni_certification.pretexting_narrative",
        kind="text",
        label="What is known about pretexters' methods",
        help="Information the carrier has on how pretexters try to obtain CPNI (EPIC CPNI Order, FCC 07-22); "
        "empty: the statement says none.",
        page="cpni_certification",
        default="",
    ),
)
