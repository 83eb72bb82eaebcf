"""Rendering stage 2a: the rendered clauses become one Markdown document."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader

from telepolicy.generator import cache
from telepolicy.generator.library.templating import MARKDOWN_OPTIONS, MarkdownText, format_date
from telepolicy.generator.rendering import templates_path
from telepolicy.generator.rendering.clauses import RenderedPolicy, RenderedSection
from telepolicy.generator.rendering.safe_markdown import safe_markdown


def slugify(value: str, separator: str) -> str:
    """Python-Markdown's `toc.slugify`, without importing Python-Markdown for it (tests compare the two)."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(rf"[{separator}\s]+", separator, value)


def section_slug(section: RenderedSection) -> str:
    """The anchor GitHub and Python-Markdown both give the section heading."""
    return slugify(f"{section.number}. {section.title}", "-")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_path()),
        **MARKDOWN_OPTIONS,
        keep_trailing_newline=True,
        bytecode_cache=cache.jinja_bytecode_cache(),
    )
    # Clause text may come from a user or an organisation: the same policy as the HTML (markdown_safe).
    env.filters.update(date=format_date, markdown=lambda text: MarkdownText(safe_markdown(text)))
    env.globals.update(slug=section_slug)
    return env


def render_markdown(policy: RenderedPolicy) -> str:
    """The whole policy as Markdown, with a linked table of contents."""
    return _environment().get_template("policy.md.j2").render(policy=policy)
