"""Grammars and limits for answers that land in links, headings and metadata.

A policy is published under the operator's name, so an answer must never turn into a
link, an image or markup the clause did not write. These checks are strict on purpose:
an e-mail address, a web address or a phone number may hold only the characters its
grammar allows unescaped, and free text may not hold control or bidi-override
characters that reorder what a reader sees. The loader, the editor and the renderer all
call the same functions, so a value the loader refuses is never printed as a link.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

# Sizes a user can act on: a name or an address is far below 10 KB, a clause below 100 KB.
MAX_TEXT = 10_000
MAX_CLAUSE = 100_000
MAX_LIST_ITEMS = 500
MAX_FILE_BYTES = 4_000_000

# Bidi embedding, override and isolate controls, plus the line and paragraph separators.
# Zero-width joiners (U+200C, U+200D) stay allowed: several scripts and emoji need them.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")
_ALLOWED_FORMAT = frozenset("\u200c\u200d")

_LOCAL = re.compile(r"^[A-Za-z0-9_%+\-]+(\.[A-Za-z0-9_%+\-]+)*$")
_LABEL = re.compile(r"^[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?$")
_TLD = re.compile(r"^[^\W\d_]{2,63}$|^xn--[a-z0-9\-]{1,59}$", re.IGNORECASE)
# RFC 3986 path, query and fragment characters, less the sub-delimiters that Markdown
# reads as syntax ( ) [ ] ! * ' and with %XX escapes: write %28 for "(".
_URL_REST = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#@&=+$,;]|%[0-9A-Fa-f]{2})*$")
_PHONE = re.compile(
    r"^\+?(?:\([0-9]{1,6}\) ?)?[0-9]"
    r"(?:[0-9]|[ .\-](?=[0-9(])|\([0-9]{1,6}\)[ .\-]?(?=[0-9]))*"
    r"(?: (?:ext\.?|x) ?[0-9]{1,6})?$"
)


def hidden_character(text: str) -> str | None:
    """Name the first control, bidi or other invisible format character in `text`, if any."""
    for char in text:
        if char in "\n\t":
            continue
        category = unicodedata.category(char)
        if char in _BIDI or category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and char not in _ALLOWED_FORMAT):
            name = unicodedata.name(char, "control character")
            return f"U+{ord(char):04X} {name}"
    return None


# The same characters as one pattern, for stripping whole pages quickly (soft hyphens stay).
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e"
    "\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)


def strip_hidden(text: str) -> str:
    """`text` without control and bidi characters, which could hide or reorder what follows them."""
    return _HIDDEN.sub("", text)


def visible(value: Any) -> Any:
    """Jinja `finalize` for pages: printed text loses hidden characters; Markup stays Markup."""
    if isinstance(value, str):
        cleaned = strip_hidden(value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


def _host_problem(host: str) -> str | None:
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2:
        return "needs a domain with a dot, like example.com"
    if not all(_LABEL.match(label) for label in labels) or not _TLD.match(labels[-1]):
        return "has a domain that is not a valid host name"
    return None


def email_problem(value: str) -> str | None:
    """Why `value` is not a plain e-mail address (local@domain.tld), or None."""
    if len(value) > 254 or value.count("@") != 1:
        return "needs exactly one @, like privacy@example.com"
    local, host = value.split("@")
    if not _LOCAL.match(local) or len(local) > 64:
        return "may use only letters, digits and . _ % + - before the @"
    # Dot-separated atoms before the @ and host labels after it: every such address reads back whole
    # through email.utils.parseaddr (a test holds it to that), so the parser is not imported here.
    return _host_problem(host)


def url_problem(value: str) -> str | None:
    """Why `value` is not a plain http(s) web address, or None."""
    if len(value) > 2000:
        return "is longer than 2,000 characters"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return "cannot be read as a web address"
    if parts.scheme not in ("http", "https") or not value.lower().startswith(("http://", "https://")):
        return "must start with https:// (or http://)"
    if "@" in parts.netloc:
        return "must not contain a user name or @ before the domain"
    if port is not None and parts.netloc.count(":") != 1:
        return "has a malformed port"
    host = parts.hostname or ""
    problem = _host_problem(host)
    if problem:
        return problem
    if not _URL_REST.match(value[len(parts.scheme) + 3 :].replace(parts.netloc, "", 1)):
        return (
            "contains a character a web address cannot hold unescaped (spaces, quotes, ( ) [ ] < > ! * '); "
            "write %28 for ( and so on"
        )
    return None


def phone_problem(value: str) -> str | None:
    """Why `value` is not a phone number (digits, spaces, + - . and an area code in brackets), or None."""
    if len(value) > 40 or not _PHONE.match(value) or sum(c.isdigit() for c in value) < 3:
        return "may hold only digits, spaces, + - . and an area code in brackets, like +1 (800) 555-0142 ext. 12"
    return None
