"""English spelling variants of the clause library: one text, spelt for the policy's audience.

The library is written in UK English. A project with `policy.language = "en-US"` gets the
clause texts respelt before they are compiled ("authorised" becomes "authorized"). Only the
library's own words change: Jinja tags, and so every answer printed through them, are left as
they are, so a company called "Organisation Ltd" keeps its name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from telepolicy.generator import cache

# UK spelling -> US spelling of the words the library uses; lower case, whole words.
US_SPELLING: dict[str, str] = {
    "analyse": "analyze",
    "analysed": "analyzed",
    "analyser": "analyzer",
    "analyses": "analyzes",
    "analysing": "analyzing",
    "anonymisation": "anonymization",
    "anonymise": "anonymize",
    "anonymised": "anonymized",
    "anonymising": "anonymizing",
    "apologise": "apologize",
    "authorisation": "authorization",
    "authorisations": "authorizations",
    "authorise": "authorize",
    "authorised": "authorized",
    "authorises": "authorizes",
    "authorising": "authorizing",
    "behaviour": "behavior",
    "behavioural": "behavioral",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "catalogue": "catalog",
    "categorise": "categorize",
    "categorised": "categorized",
    "centralised": "centralized",
    "centre": "center",
    "centres": "centers",
    "colour": "color",
    "customise": "customize",
    "customised": "customized",
    "defence": "defense",
    "dialled": "dialed",
    "dialling": "dialing",
    "emphasise": "emphasize",
    "enrolment": "enrollment",
    "favour": "favor",
    "favourite": "favorite",
    "finalise": "finalize",
    "fulfil": "fulfill",
    "harmonised": "harmonized",
    "honour": "honor",
    "honoured": "honored",
    "honours": "honors",
    "itemised": "itemized",
    "judgement": "judgment",
    "labelled": "labeled",
    "labelling": "labeling",
    "labour": "labor",
    "licence": "license",
    "metres": "meters",
    "minimise": "minimize",
    "minimised": "minimized",
    "minimising": "minimizing",
    "modelled": "modeled",
    "neighbour": "neighbor",
    "optimise": "optimize",
    "optimised": "optimized",
    "organisation": "organization",
    "organisational": "organizational",
    "organisations": "organizations",
    "organise": "organize",
    "organised": "organized",
    "organises": "organizes",
    "organising": "organizing",
    "practise": "practice",
    "prioritise": "prioritize",
    "programme": "program",
    "programmes": "programs",
    "pseudonymisation": "pseudonymization",
    "pseudonymised": "pseudonymized",
    "recognise": "recognize",
    "recognised": "recognized",
    "recognising": "recognizing",
    "reorganisation": "reorganization",
    "reorganise": "reorganize",
    "signalling": "signaling",
    "specialised": "specialized",
    "standardised": "standardized",
    "summarise": "summarize",
    "summarised": "summarized",
    "travelled": "traveled",
    "travelling": "traveling",
    "utilise": "utilize",
}
SPELLINGS: dict[str, Mapping[str, str]] = {"en-GB": {}, "en-US": US_SPELLING}
LANGUAGES = tuple(SPELLINGS)
_TAGS = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)
_WORD = re.compile(r"\b[A-Za-z]+\b")


@cache.stored("respell")  # a pure function of its text: kept between runs
def respell(source: str, language: str) -> str:
    """The clause template with its own words spelt for `language`; tags and answers untouched."""
    table = SPELLINGS.get(language) or {}
    if not table:
        return source

    def word(match: re.Match[str]) -> str:
        found = match.group(0)
        new = table.get(found.lower())
        if new is None:
            return found
        if found.isupper() and len(found) > 1:
            return new.upper()
        return new.capitalize() if found[0].isupper() else new

    parts = _TAGS.split(source)
    return "".join(part if index % 2 else _WORD.sub(word, part) for index, part in enumerate(parts))
