"""Rendering stage 2b: the rendered clauses become a standalone, semantic HTML page.

Each clause's Markdown is converted by Python-Markdown; the page (header, table of
contents, sections, styles for screen and print) comes from templates/. A clause's
HTML depends on its Markdown alone, so it is kept in the user cache (generator/cache.py)
and Python-Markdown is imported only when a text was never converted before.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from telepolicy.generator import cache
from telepolicy.generator.library.templating import format_date
from telepolicy.generator.project.values import visible
from telepolicy.generator.rendering import templates_path
from telepolicy.generator.rendering.clauses import RenderedPolicy
from telepolicy.generator.rendering.safe_markdown import safe_markdown

if TYPE_CHECKING:
    import markdown

GENERATOR = "Telepolicy"


def _converter() -> markdown.Markdown:
    import markdown
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.extensions.toc import TocExtension

    from telepolicy.generator.rendering.markdown_safe import SafeContentExtension

    # Extensions as objects, not names: a name is looked up among the installed packages' entry
    # points, and importing importlib.metadata to do so costs more than a clause's conversion.
    extensions = [TableExtension(), SaneListExtension(), TocExtension(baselevel=4), SafeContentExtension()]
    return markdown.Markdown(extensions=extensions, output_format="html")


_local = threading.local()
_stored: cache.StoredMap[str] = cache.StoredMap("html")


@lru_cache(maxsize=4096)
def clause_html(text: str) -> Markup:
    """HTML of one clause's Markdown. Cached: after an answer changes, most clauses read the same.

    Python-Markdown instances keep state and are not thread-safe, so each thread
    has its own, reset before every conversion.
    """
    html = _stored.get(text)
    if html is None:
        md = getattr(_local, "md", None)
        if md is None:
            md = _local.md = _converter()
        html = md.reset().convert(safe_markdown(text))
        _stored.put(text, html)
    return Markup(html)  # sanitised by SafeContentExtension


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_path()),
        undefined=StrictUndefined,
        finalize=visible,  # titles and metadata come from answers: no bidi or control characters
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=cache.jinja_bytecode_cache(),
    )
    env.filters.update(date=format_date)
    return env


def page_environment() -> Environment:
    """The HTML templates' Jinja environment (autoescaped), shared by the page, the fragment and the redline."""
    return _environment()


def render_html(policy: RenderedPolicy, generator_version: str) -> str:
    """The standalone page; WeasyPrint prints this same page for the PDF."""
    env = _environment()
    css = env.get_template("policy.css").render(policy=policy)
    page = env.get_template("policy.html.j2").render(
        policy=policy,
        css=Markup(css),
        convert=clause_html,
        generator=f"{GENERATOR} {generator_version}",
    )
    _stored.save(least=8)  # a few new clauses (an edit in the app) wait for the exit
    return page
