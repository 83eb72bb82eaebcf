"""Readable labels for the schema's choice values (`sip_trunking` → "SIP trunking").

Display only: the project stores the values themselves.
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
