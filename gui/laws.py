"""“What does this mean?”: the official text of the law a finding cites, and findings in plain words.

A citation is matched by its leading words (the way requirements.toml writes them);
each law links to its official publication. Internal ids (requirement ids, answer
keys) are taken out of a finding's sentence for the list and kept for its tooltip.
"""

from __future__ import annotations

import re

from telepolicy.generator import FIELDS_BY_KEY

# Leading words of a citation -> the law's name and its official text.
LAWS: tuple[tuple[str, str, str], ...] = (
    ("UK GDPR", "UK GDPR", "https://www.legislation.gov.uk/eur/2016/679/contents"),
    ("GDPR", "General Data Protection Regulation (EU) 2016/679", "https://eur-lex.europa.eu/eli/reg/2016/679/oj"),
    ("ePrivacy", "ePrivacy Directive 2002/58/EC", "https://eur-lex.europa.eu/eli/dir/2002/58/oj"),
    ("PECR", "Privacy and Electronic Communications Regulations 2003", "https://www.legislation.gov.uk/uksi/2003/2426"),
    (
        "Civ. Code",
        "California Consumer Privacy Act (Civil Code 1798.100 ff.)",
        "https://leginfo.legislature.ca.gov/faces/codes_displayText.xhtml?division=3.&part=4.&lawCode=CIV&title=1.81.5",
    ),
    ("11 CCR", "CCPA regulations (11 CCR 7000 ff.)", "https://cppa.ca.gov/regulations/"),
    (
        "Cal. Bus.",
        "California Online Privacy Protection Act (Bus. & Prof. Code 22575)",
        "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=BPC&sectionNum=22575",
    ),
    (
        "47 CFR",
        "FCC CPNI rules (47 CFR 64.2001 ff.)",
        "https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-U",
    ),
    ("47 U.S.C. 227", "Telephone Consumer Protection Act", "https://www.law.cornell.edu/uscode/text/47/227"),
    ("TCPA", "Telephone Consumer Protection Act", "https://www.law.cornell.edu/uscode/text/47/227"),
    ("47 U.S.C.", "Communications Act, 47 U.S.C. 222", "https://www.law.cornell.edu/uscode/text/47/222"),
    ("16 CFR", "COPPA Rule (16 CFR Part 312)", "https://www.ecfr.gov/current/title-16/chapter-I/subchapter-C/part-312"),
    (
        "LGPD",
        "Lei Geral de Proteção de Dados (Lei 13.709/2018)",
        "https://www.planalto.gov.br/ccivil_03/_ato2015-2018/2018/lei/l13709.htm",
    ),
    ("PIPEDA", "PIPEDA (Canada)", "https://laws-lois.justice.gc.ca/eng/acts/P-8.6/"),
    ("CASL", "Canada's Anti-Spam Legislation", "https://laws-lois.justice.gc.ca/eng/acts/E-1.6/"),
    (
        "CQLR",
        "Quebec Act respecting the protection of personal information",
        "https://www.legisquebec.gouv.qc.ca/en/document/cs/P-39.1",
    ),
    ("FADP", "Swiss Federal Act on Data Protection", "https://www.fedlex.admin.ch/eli/cc/2022/491/en"),
    ("DPF", "EU-U.S. Data Privacy Framework Principles", "https://www.dataprivacyframework.gov/"),
    (
        "Decision (EU) 2021/914",
        "Standard Contractual Clauses, Decision (EU) 2021/914",
        "https://eur-lex.europa.eu/eli/dec_impl/2021/914/oj",
    ),
    ("Law No.", "Law of Ukraine on Personal Data Protection", "https://zakon.rada.gov.ua/laws/show/2297-17"),
    (
        "Va. Code",
        "Virginia Consumer Data Protection Act",
        "https://law.lis.virginia.gov/vacodefull/title59.1/chapter53/",
    ),
)

_REQUIREMENT = re.compile(r"\brequirement [a-z0-9_]+(?:\.[A-Za-z0-9_]+)+:\s*")
_KEY = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")


def law_of(citation: str) -> tuple[str, str] | None:
    """The name and official address of the law a citation starts with, or None."""
    text = citation.strip()
    for prefix, name, url in LAWS:
        if text.startswith(prefix):
            return name, url
    return None


def plain_citation(citation: str) -> str:
    """The law column without the clause id some findings start it with."""
    text = re.sub(r"^clause [\w.-]+,?\s*", "", citation)
    return text[:1].upper() + text[1:]


def plain(message: str) -> str:
    """A finding's sentence without internal ids: requirement ids dropped, answer keys named by their label."""
    text = _REQUIREMENT.sub("this requirement: ", message)

    def label(match: re.Match[str]) -> str:
        key = match.group(0)
        return f"“{FIELDS_BY_KEY[key].label}”" if key in FIELDS_BY_KEY else key

    return _KEY.sub(label, text)
