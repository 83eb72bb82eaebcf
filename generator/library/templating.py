"""The sandboxed Jinja environment that clause texts run in.

Answers reach a clause only as data: every value printed with `{{ }}` is escaped
for Markdown, so `{{ 7*7 }} Smith & Sons <Telecom> *Ltd*` typed as a company name
prints literally. Helpers that build Markdown on purpose return `MarkdownText`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from telepolicy.generator.rules.countries import FILTERS as COUNTRY_FILTERS

_ESCAPE = re.compile(r"([\\`*_\[\]|])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(#|>|[+\-=](?=\s|$)|\d+\.(?=\s))")


class MarkdownText(str):
    """Markdown built by a trusted helper; printed without escaping."""


def escape_markdown(text: str) -> str:
    """Make `text` print literally in Markdown and in the HTML made from it."""
    text = " ".join(line.strip() for line in text.splitlines() if line.strip()) if "\n" in text else text
    text = _ESCAPE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    return _LINE_START.sub(r"\\\1", text)


def format_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def finalize_value(value: Any) -> Any:
    if isinstance(value, MarkdownText):
        return value
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return escape_markdown(value)
    if isinstance(value, (list, tuple)):
        return MarkdownText(", ".join(str(finalize_value(item)) for item in value))
    return value


# Options shared by every environment that writes Markdown: a missing answer fails loudly,
# printed values are escaped for Markdown, and block tags leave no stray blank lines.
MARKDOWN_OPTIONS: dict[str, Any] = {
    "undefined": StrictUndefined,
    "finalize": finalize_value,
    "autoescape": False,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


def _join_words(items: Iterable[Any], conjunction: str = "and") -> MarkdownText:
    words = [str(finalize_value(item)) for item in items]
    if len(words) <= 2:
        return MarkdownText(f" {conjunction} ".join(words))
    return MarkdownText(", ".join(words[:-1]) + f" {conjunction} " + words[-1])


def _mailto(address: str) -> MarkdownText:
    return MarkdownText(f"[{escape_markdown(address)}](mailto:{address})")


def _link(url: str, text: str | None = None) -> MarkdownText:
    return MarkdownText(f"[{escape_markdown(text or url)}](<{url}>)")


def make_environment(terms: Mapping[str, Mapping[str, str]]) -> ImmutableSandboxedEnvironment:
    """One environment per library: its `term` helper reads that library's terms."""

    def term(value: Any, group: str) -> MarkdownText:
        try:
            return MarkdownText(terms[group][str(value)])
        except KeyError:
            raise KeyError(f"no term for {value!r} in [{group}] of terms.toml") from None

    def terms_for(values: Iterable[Any], group: str) -> list[MarkdownText]:
        return [term(value, group) for value in values]

    env = ImmutableSandboxedEnvironment(**MARKDOWN_OPTIONS, keep_trailing_newline=False)

    def period(value: str) -> Any:
        return term(value, "retention_keywords") if value in terms.get("retention_keywords", {}) else value

    env.filters.update(
        join_words=_join_words,
        mailto=_mailto,
        link=_link,
        term=term,
        terms=terms_for,
        date=format_date,
        period=period,
        **COUNTRY_FILTERS,
    )
    env.globals.update(term=term)
    return env


def referenced_paths(template: nodes.Template, roots: set[str]) -> list[tuple[str, int]]:
    """Dotted paths like `company.legal_name` read from context roots, with their lines."""
    found: list[tuple[str, int]] = []
    for node in template.find_all(nodes.Getattr):
        chain: list[str] = []
        current: nodes.Node = node
        while isinstance(current, nodes.Getattr):
            chain.append(current.attr)
            current = current.node
        if isinstance(current, nodes.Name) and current.name in roots:
            found.append((".".join([current.name, *reversed(chain)]), node.lineno))
    # Only the longest chain of each expression matters.
    longest = [item for item in found if not any(o[0].startswith(item[0] + ".") for o in found)]
    return sorted(set(longest), key=lambda item: item[1])
