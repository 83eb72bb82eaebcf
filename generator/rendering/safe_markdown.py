"""The policy of markdown_safe.py applied to Markdown text itself, for the published .md.

The .md is published as it is (GitHub, static sites), so clause text written by a user or an
organisation is made safe as text: every "<" becomes "&lt;" (no raw HTML, comments or
autolinks), an image becomes its alt text, and a link or reference target that is not web,
mail, phone or an anchor becomes "#". The HTML conversion gets the same text, so both
formats show the same thing. Imports no Python-Markdown, so the Markdown path stays light.
"""

from __future__ import annotations

import re

from telepolicy.generator import cache

SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#")
_REFERENCE = re.compile(r"^([ \t>*+\-0-9.]*)\[([^\]\n]+)\]:([ \t]*)(\S+)", re.MULTILINE)


def _is_safe(target: str) -> bool:
    inner = target.strip()
    if inner.startswith("<") and inner.endswith(">"):
        inner = inner[1:-1]
    return not re.search(r"[<>\s]", inner) and inner.lower().startswith(SAFE_SCHEMES)


def _closing_bracket(text: str, start: int) -> int:
    """Index of the "]" that closes the "[" at `start`, or -1."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _destination_end(text: str, start: int) -> int:
    """Index just past the link destination that starts at `start` (after "(" and spaces)."""
    if text.startswith("<", start):
        end = text.find(">", start)
        newline = text.find("\n", start)
        return end + 1 if end != -1 and (newline == -1 or end < newline) else start
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char.isspace():
            break
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        index += 1
    return index


@cache.stored("safe-markdown")  # a pure function of its text: kept between runs
def safe_markdown(text: str) -> str:
    """Clause Markdown with the HTML output's policy applied to the text itself."""
    text = _REFERENCE.sub(
        lambda m: m.group(0) if _is_safe(m.group(4)) else f"{m.group(1)}[{m.group(2)}]:{m.group(3)}#",
        text,
    )
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            # Python-Markdown does not read "\<" as an escape: it would leave a live tag.
            out.append("&lt;" if text[index + 1] == "<" else text[index : index + 2])
            index += 2
        elif char == "<":
            out.append("&lt;")
            index += 1
        elif char == "!" and text.startswith("[", index + 1):
            close = _closing_bracket(text, index + 1)
            after = close + 1
            if close != -1 and text.startswith(("(", "["), after):
                end = text.find(")" if text[after] == "(" else "]", after)
                if text[after] == "(":
                    start = after + 1 + len(text[after + 1 :]) - len(text[after + 1 :].lstrip())
                    end = _destination_end(text, start)
                    end = text.find(")", end)
                if end != -1:
                    out.append(safe_markdown(text[index + 2 : close]))  # the alt text, as text
                    index = end + 1
                    continue
            out.append("\\!")
            index += 1
        elif text.startswith("](", index):
            start = index + 2
            while start < len(text) and text[start] in " \t\n":
                start += 1
            end = _destination_end(text, start)
            target = text[start:end]
            out.append(text[index:start])
            out.append(target if _is_safe(target) else "#")
            index = end
        else:
            out.append(char)
            index += 1
    return "".join(out)
