"""Rendering stage 2b: the rendered clauses become a standalone, semantic HTML page.

Each clause's Markdown is converted by Python-Markdown; the page (header, table of
contents, sections, styles for screen and print) comes from templates/.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.markdown_safe import SafeContentExtension
from generator.render_markdown import templates_path
from generator.render_text import RenderedPolicy
from generator.templating import format_date

GENERATOR = "Telepolicy"


def _converter() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "sane_lists", "toc", SafeContentExtension()],
        extension_configs={"toc": {"baselevel": 4}},
        output_format="html",
    )


class _ClauseConverter:
    """One Markdown instance reset between clauses (Python-Markdown keeps state otherwise)."""

    def __init__(self) -> None:
        self._md = _converter()

    def __call__(self, text: str) -> Markup:
        return Markup(self._md.reset().convert(text))  # noqa: S704 (sanitised by SafeContentExtension)


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


def render_html(policy: RenderedPolicy, generator_version: str) -> str:
    """The standalone page; WeasyPrint prints this same page for the PDF."""
    env = _environment()
    css = env.get_template("policy.css").render(policy=policy)
    return env.get_template("policy.html.j2").render(
        policy=policy,
        css=Markup(css),  # noqa: S704 (our own stylesheet)
        convert=_ClauseConverter(),
        generator=f"{GENERATOR} {generator_version}",
    )
