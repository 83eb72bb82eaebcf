"""Rendering stage 2c: the policy body alone, to paste into a website or a CMS.

The same rendered clauses and the same Markdown converter as the standalone page;
no <html>/<head>, scoped CSS (every rule under `.telepolicy-policy`), and section ids
that are the library's section ids, so anchors stay stable from one version to the next.
"""

from __future__ import annotations

from markupsafe import Markup

from telepolicy.generator.rendering.clauses import RenderedPolicy
from telepolicy.generator.rendering.html import clause_html, page_environment

SCOPE_CLASS = "telepolicy-policy"


def fragment_css() -> str:
    return page_environment().get_template("policy.fragment.css").render()


def render_fragment(policy: RenderedPolicy, *, css: bool = True, toc: bool = True, header: bool = True) -> str:
    """The embeddable body. Without css, toc and header it is the body of the Word document."""
    return (
        page_environment()
        .get_template("policy.fragment.html.j2")
        .render(
            policy=policy,
            css=Markup(fragment_css()) if css else "",
            toc=toc,
            header=header,
            convert=clause_html,
        )
    )
