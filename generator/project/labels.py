"""Readable labels for the schema's choice values (`sip_trunking` → "SIP trunking").

Display only: the project stores the values themselves. The wizard, the clause editor and the
project-file reference all name a choice this way (`Field.option_label`).
"""

from __future__ import annotations

_WORDS = {
    "api": "API",
    "bcr": "BCR",
    "cpaas": "CPaaS",
    "cpni": "CPNI",
    "dpf": "Data Privacy Framework (DPF)",
    "eea": "EEA",
    "idta": "IDTA",
    "ip": "IP",
    "iso27001": "ISO 27001",
    "mfa": "multi-factor authentication",
    "ott": "OTT",
    "scc": "SCC",
    "sip": "SIP",
    "sms": "SMS",
    "soc2": "SOC 2",
    "uk": "UK",
    "us": "US",
}
_WHOLE = {
    "us": "United States",
    "us_states": "Other US states with privacy laws",
    "eea": "EEA (European Economic Area)",
    "uk": "United Kingdom",
    "rest_of_world": "Rest of the world",
    "scc": "Standard Contractual Clauses (SCC)",
    "uk_idta": "UK IDTA",
    "uk_addendum": "UK Addendum to the SCC",
    "swiss_scc": "Swiss SCC",
    "bcr": "Binding Corporate Rules (BCR)",
    "you": "The person themselves",
    "automatic": "Collected automatically",
    "as_required": "As required by law",
    "notify_and_challenge": "Notify the customer and challenge where possible",
    "not_intended": "Not intended to be collected",
    "same": "Same as the minimum age",
    "member_state": "The member state's age",
    "16": "16",
    # cpni_certification.procedures: each names the CPNI rule it satisfies
    "training_discipline": "Staff training and a disciplinary process (64.2009(b))",
    "approval_status_system": "Records show each customer's approval status (64.2009(a))",
    "marketing_records": "Records of CPNI campaigns and disclosures, kept 1 year (64.2009(c))",
    "supervisory_review": "Supervisory review of outbound marketing (64.2009(d))",
    "authentication": "Customer authentication and pretexting safeguards (64.2010(a)-(e))",
    "account_change_notice": "Notice of account changes (64.2010(f))",
    "breach_procedure": "Breach notification procedure (64.2011)",
    "opt_out_failure_reporting": "Opt-out failures reported within 5 business days (64.2009(f))",
    "sim_port_protection": "SIM-change and port-out protection (64.2010(h))",
    # issue 11: document style, cookies, inventory, scope and options
    "full": "Full: every topic, with explanations",
    "concise": "Concise: only what the law asks of this operator",
    "minimal": "Minimal: a short article-numbered notice",
    "google_tag_manager": "Google Tag Manager",
    "google_analytics": "Google Analytics",
    "sale_share": "Opt out of sale and sharing only",
    "all_non_required": "Also turn off every cookie the website does not need",
    "europe": "Europe (Your Online Choices)",
    "canada": "Canada",
    "job_title_company": "Job title and company",
    "domain_host": "Domain and host name",
    "support_screenshots": "Screenshots and files sent to support",
    "phone_verification": "Phone number verification code",
    "onboarding_call": "Onboarding call (unless declined)",
    "professional": "Professional details",
    "demographic": "Demographic details",
    "interests": "Interests",
    "not_mentioned": "Not mentioned",
    "excluded": "Excluded, with a pointer to their own notice",
    "export_controls": "Export-control and sanctions checks",
    "legal_claims": "Legal claims",
    "protect_life": "Protecting life in an emergency (vital interests)",
    "dispute_bodies": "Dispute bodies, mediators and ombudsmen",
    "internet_providers": "Internet service providers",
    "platform_providers": "Operating system and app store providers",
    "marketplace_partners": "Marketplace add-on makers",
    "resilience": "Integrity, availability and resilience",
    "verify_identity": "Strong identity check before a SIM change or port-out",
    "notify_changes": "Notify the customer of SIM and port-out requests",
    "account_lock": "Free account lock",
    "port_out_pin": "Port-out code given only to the customer",
    "troubleshooting": "Troubleshooting a reported fault",
    "enforcing_terms": "Enforcing our terms",
    "by_purpose": "By purpose, without group names",
    "three_groups": "Required, Functional, Advertising",
    "four_groups": "Necessary, Analytics, Functional, Advertising",
    # roles.dpa_offer, roles.end_user_requests, policy.change_notice_channels
    "in_terms": "Part of the terms every business customer accepts",
    "signed_on_request": "Part of the terms, and signed on request",
    "click_through": "Accepted online when the customer signs up",
    "ask_and_forward": "Ask them to contact the customer, and pass on what reaches us",
    "forward": "Pass their requests on to the customer",
    "contact_customer": "Tell them to contact the customer",
    "in_app": "Notice in the app or customer portal",
    "website": "Notice on the website",
    # roles.subprocessor_change_notice
    "subscription": "E-mail to subscribers of the list",
    "customer_portal": "Notice in the customer portal",
}


def choice_label(value: str) -> str:
    """A sentence-case label for a stored value."""
    if value in _WHOLE:
        return _WHOLE[value]
    words = [_WORDS.get(word, word) for word in value.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]
