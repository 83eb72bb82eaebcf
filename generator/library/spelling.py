"""English spelling variants of the clause library: one text, spelt for the policy's audience.

The library is written in UK English. A project with `policy.language = "en-US"` gets the
clause texts respelt before they are compiled ("authorised" becomes "authorized"). Only the
library's own words change: Jinja tags, and so every answer printed through them, are left as
they are, so a company called "Organisation Ltd" keeps its name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# UK spelling -> US spelling of the words the library uses; lower case, whole words.
US_SPELLING: dict[str, str] = {
    "analyse": "analyze",
    "analysed": "analyzed",
    "analyses": "analyzes",
    "analysing": "analyzing",
    "anonymise": "anonymize",
    "anonymised": "anonymized",
    "anonymising": "anonymizing",
    "authorise": "authorize",
    "authorised": "authorized",
    "authorising": "authorizing",
    "authorisation": "authorization",
    "behaviour": "behavior",
    "behavioural": "behavioral",
    "catalogue": "catalog",
    "centre": "center",
    "centres": "centers",
    "colour": "color",
    "defence": "defense",
    "dialling": "dialing",
    "favour": "favor",
    "fulfil": "fulfill",
    "honour": "honor",
    "honoured": "honored",
    "honours": "honors",
    "labelled": "labeled",
    "labelling": "labeling",
    "licence": "license",
    "metres": "meters",
    "minimise": "minimize",
    "organisation": "organization",
    "organisations": "organizations",
    "organising": "organizing",
    "programme": "program",
    "programmes": "programs",
    "pseudonymisation": "pseudonymization",
    "pseudonymised": "pseudonymized",
    "recognise": "recognize",
    "recognised": "recognized",
    "reorganise": "reorganize",
    "travelling": "traveling",
}
SPELLINGS: dict[str, Mapping[str, str]] = {"en-GB": {}, "en-US": US_SPELLING}
LANGUAGES = tuple(SPELLINGS)
_TAGS = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)
_WORD = re.compile(r"\b[A-Za-z]+\b")


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
