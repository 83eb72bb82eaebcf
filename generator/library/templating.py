"""The sandboxed Jinja environment that clause texts run in.

Answers reach a clause only as data: every value printed with `{{ }}` is escaped
for Markdown, so `{{ 7*7 }} Smith & Sons <Telecom> *Ltd*` typed as a company name
prints literally. Helpers that build Markdown on purpose return `MarkdownText`;
`mailto` and `link` make a link only of an address that passes the answer grammar.

Clause texts may come from a user or an organisation folder, so the environment is the
bounded sandbox of `sandbox.py`: a clause over a limit fails with a `TemplateLimitError`
(the renderer names the clause); a render stopped through `render_limits(cancelled=...)`
raises `RenderCancelled`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from jinja2 import StrictUndefined, nodes, pass_context
from jinja2.runtime import Context

from telepolicy.generator.library.sandbox import BoundedSandbox
from telepolicy.generator.library.spelling import respell
from telepolicy.generator.project.values import email_problem, strip_hidden, url_problem
from telepolicy.generator.rules.countries import FILTERS as COUNTRY_FILTERS

_ESCAPE = re.compile(r"([\\`*_\[\]|!])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(#|>|[+\-=](?=\s|$)|\d+\.(?=\s))")
# Text a Markdown renderer with autolinking (GitHub) would turn into a link: dots between
# word characters are escaped in such a value, which every renderer prints as a plain dot.
_AUTOLINK_HINT = re.compile(r"(?i)://|\bwww\.|@")
_WORD_DOT = re.compile(r"(?<=\w)\.(?=\w)")


class MarkdownText(str):
    """Markdown built by a trusted helper; printed without escaping."""


def escape_markdown(text: str, *, in_link: bool = False) -> str:
    """Make `text` print literally in Markdown and in the HTML made from it.

    Outside a link, a value that looks like a web or mail address gets its dots escaped, so a
    renderer that links bare addresses (GitHub) does not make a link the clause did not write.
    """
    text = strip_hidden(text)
    text = " ".join(line.strip() for line in text.splitlines() if line.strip()) if "\n" in text else text
    text = _ESCAPE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    if not in_link and _AUTOLINK_HINT.search(text):
        text = _WORD_DOT.sub(r"\\.", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    """`# x` and `- x` get a backslash in front; `1. x` gets it before the dot (`\\1.` would print the backslash)."""
    marker = match.group(1)
    return marker[:-1] + "\\." if marker.endswith(".") else "\\" + marker


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
    """A mail link, only for an address the e-mail grammar accepts; anything else prints as text."""
    address = str(address)
    if email_problem(address):
        return MarkdownText(escape_markdown(address))
    return MarkdownText(f"[{escape_markdown(address, in_link=True)}](mailto:{address})")


def _link(url: str, text: str | None = None) -> MarkdownText:
    """A web link, only for an http(s) address the URL grammar accepts; anything else prints as text."""
    url = str(url)
    if url_problem(url):
        return MarkdownText(escape_markdown(str(text or url)))
    return MarkdownText(f"[{escape_markdown(str(text or url), in_link=True)}](<{url}>)")


# --- limits ------------------------------------------------------------------------


def make_environment(terms: Mapping[str, Mapping[str, str]]) -> BoundedSandbox:
    """One environment per library: its `term` helper reads that library's terms."""

    def wording(value: Any, group: str, language: str) -> MarkdownText:
        try:
            return MarkdownText(respell(terms[group][str(value)], language))
        except KeyError:
            raise KeyError(f"no term for {value!r} in [{group}] of terms.toml") from None

    def language(context: Context) -> str:
        """The project's spelling (policy.language); terms are library text, spelt like the clauses."""
        policy = context.get("policy")
        return str(policy.get("language", "en-GB")) if isinstance(policy, Mapping) else "en-GB"

    @pass_context
    def term(context: Context, value: Any, group: str) -> MarkdownText:
        return wording(value, group, language(context))

    @pass_context
    def terms_for(context: Context, values: Iterable[Any], group: str) -> list[MarkdownText]:
        return [wording(value, group, language(context)) for value in values]

    env = BoundedSandbox(**MARKDOWN_OPTIONS, keep_trailing_newline=False)

    @pass_context
    def period(context: Context, value: str) -> Any:
        if value in terms.get("retention_keywords", {}):
            return wording(value, "retention_keywords", language(context))
        return value

    # What these read of the context, so a clause's kept output (model.ClauseTemplate) depends on it.
    for reader in (term, terms_for, period):
        reader.context_reads = ("policy.language",)  # type: ignore[union-attr]
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
    env.bound_filters()
    env.globals.update(term=term)
    return env


def attribute_chain(node: nodes.Getattr) -> tuple[nodes.Node, list[str]]:
    """What an attribute chain starts from and its names in reading order:
    `company.address.city` gives (Name company, ["address", "city"])."""
    names: list[str] = []
    current: nodes.Node = node
    while isinstance(current, nodes.Getattr):
        names.append(current.attr)
        current = current.node
    return current, names[::-1]


def referenced_paths(template: nodes.Template, roots: set[str]) -> list[tuple[str, int]]:
    """Dotted paths like `company.legal_name` read from context roots, with their lines."""
    found: list[tuple[str, int]] = []
    for node in template.find_all(nodes.Getattr):
        base, names = attribute_chain(node)
        if isinstance(base, nodes.Name) and base.name in roots:
            found.append((".".join([base.name, *names]), node.lineno))
    # Only the longest chain of each expression matters.
    longest = [item for item in found if not any(o[0].startswith(item[0] + ".") for o in found)]
    return sorted(set(longest), key=lambda item: item[1])
