"""A Python-Markdown extension that keeps clause text from smuggling in HTML or fetches.

Clause files and overrides may come from someone else: raw HTML is shown as text,
images become their alt text, and links keep only web, mail and phone targets.
`safe_markdown` (rendering/safe_markdown.py, which needs no Python-Markdown) applies the
same policy to the Markdown text itself, for the .md output and before this conversion.
"""

from __future__ import annotations

from xml.etree import ElementTree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from telepolicy.generator.rendering.safe_markdown import SAFE_SCHEMES


class _SafeTree(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    span = ElementTree.Element("span")
                    span.text = child.get("alt", "")
                    span.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, span)
                elif child.tag == "a" and not child.get("href", "").lower().startswith(SAFE_SCHEMES):
                    child.attrib.pop("href", None)


class SafeContentExtension(Extension):
    """Register as `SafeContentExtension()`; removes raw HTML handling and unsafe targets."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeTree(md), "telepolicy_safe", 1)
