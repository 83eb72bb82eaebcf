"""Rendering stage 2b: the rendered clauses become a standalone, semantic HTML page.

Each clause's Markdown is converted by Python-Markdown; the page (header, table of
contents, sections, styles for screen and print) comes from templates/.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from telepolicy.generator.library.templating import format_date
from telepolicy.generator.rendering.clauses import RenderedPolicy
from telepolicy.generator.rendering.markdown import templates_path
from telepolicy.generator.rendering.markdown_safe import SafeContentExtension

GENERATOR = "Telepolicy"


def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "sane_lists", "toc", SafeContentExtension()],
        extension_configs={"toc": {"baselevel": 4}},
        output_format="html",
    )


_local = threading.local()


@lru_cache(maxsize=4096)
def clause_html(text: str) -> Markup:
    """HTML of one clause's Markdown. Cached: after an answer changes, most clauses read the same.

    Python-Markdown instances keep state and are not thread-safe, so each thread
    has its own, reset before every conversion.
    """
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = _converter()
    return Markup(md.reset().convert(text))  # sanitised by SafeContentExtension


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_path()),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
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
    return env.get_template("policy.html.j2").render(
        policy=policy,
        css=Markup(css),
        convert=clause_html,
        generator=f"{GENERATOR} {generator_version}",
    )
