"""What a browser would make live in a page: elements, links and attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown

SAFE_TARGETS = ("http://", "https://", "mailto:", "tel:", "#")
# Attributes a browser follows or fetches (text attributes such as meta content are data).
URL_ATTRIBUTES = {
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "data",
    "poster",
    "xlink:href",
    "style",
    "background",
}


@dataclass
class Live:
    tags: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live = Live()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.live.tags.add(tag)
        for name, value in attrs:
            self.live.attributes.append((tag, name, value or ""))
            if tag == "a" and name == "href":
                self.live.links.append(value or "")


def live_html(html: str) -> Live:
    collector = _Collector()
    collector.feed(html)
    return collector.live


def live_markdown(text: str) -> Live:
    """The Markdown as a permissive renderer shows it: raw HTML allowed, as many sites do."""
    return live_html(markdown.markdown(text, extensions=["tables"]))


def problems(live: Live, baseline: Live, marker: str) -> list[str]:
    """Everything live in `live` that the clauses (the baseline) did not put there."""
    found = [f"new element <{tag}>" for tag in sorted(live.tags - baseline.tags)]
    found += [f"link to {href}" for href in live.links if marker in href or not href.startswith(SAFE_TARGETS)]
    found += [
        f"attribute {tag}.{name}={value[:60]!r}"
        for tag, name, value in live.attributes
        if name in URL_ATTRIBUTES and marker in value
    ]
    found += [f"event handler {tag}.{name}" for tag, name, _ in live.attributes if name.startswith("on")]
    if len(live.links) > len(baseline.links):
        found.append(f"{len(live.links) - len(baseline.links)} more links than the clauses write")
    return found
