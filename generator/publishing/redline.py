"""A redline between two published Markdown versions: per section, words inserted and deleted.

1. Both documents are split into their numbered sections (`## 9. Title`); the title block and
   the contents list are left out: they change with every version and say nothing new.
2. Sections are aligned by title without the number (a new section earlier in the policy
   renumbers the rest); a renamed section with a similar body is diffed as changed.
3. Each changed section is diffed word by word on its HTML: every tag of the new version is
   kept and only text runs are wrapped in <del>/<ins>, so lists and tables never break and the
   page nests exactly like the new HTML.
4. Every change gets a one-line description with its place (section, clause title, table row);
   together they are the summary ("Section 12 (How long we keep information), row “Traffic
   data”: “18 months” → “12 months”").
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

import markdown
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

from telepolicy.generator.rendering.markdown_safe import SafeContentExtension

SIMILAR = 0.5  # word similarity for a renamed section to count as changed rather than removed + added
MAX_QUOTE_WORDS = 14
MAX_CHANGES_PER_LINE = 4
UNITS = {f"{unit}{s}" for unit in ("hour", "day", "week", "month", "year", "business day") for s in ("", "s")} | {"%"}
_SECTION = re.compile(r"^##\s+(?:(\d+)\.\s+)?(.*?)\s*#*\s*$")
TOKEN = re.compile(r"<[^>]+>|&[#\w]+;|\w+(?:[\u2019'-]\w+)*|\s+|[^\w\s<&]", re.UNICODE)

Status = Literal["unchanged", "changed", "added", "removed"]


@dataclass(frozen=True)
class Change:
    """One run of deleted and/or inserted words, where it is, and how to say it in one line.

    A routine change is the version number or date moving on: marked in the text, left out
    of the summary, which says what changed in substance.
    """

    deleted: str
    inserted: str
    where: str
    routine: bool = False

    def describe(self) -> str:
        if self.deleted and self.inserted:
            what = f"{_quote(self.deleted)} → {_quote(self.inserted)}"
        elif self.inserted:
            what = f"added {_quote(self.inserted)}"
        else:
            what = f"removed {_quote(self.deleted)}"
        return f"{self.where}: {what}" if self.where else what


@dataclass
class SectionDiff:
    number: str
    title: str
    status: Status
    html: str
    changes: list[Change] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Section {self.number} ({self.title})" if self.number else self.title

    @property
    def anchor(self) -> str:
        return "change-" + (re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-") or "section")

    def summary(self) -> str | None:
        if self.status == "added":
            return f"{self.label}: new section."
        if self.status == "removed":
            return f"{self.label}: section removed."
        changes = [c for c in self.changes if not c.routine]
        if not changes:
            return None
        parts = [c.describe() for c in changes[:MAX_CHANGES_PER_LINE]]
        more = len(changes) - MAX_CHANGES_PER_LINE
        tail = f"; and {more} more change{'s' if more > 1 else ''}" if more > 0 else ""
        return f"{self.label}: " + "; ".join(parts) + tail + "."


@dataclass
class Redline:
    sections: list[SectionDiff]

    @property
    def changed(self) -> list[SectionDiff]:
        """Sections with a change of substance (not only a new version number or date)."""
        return [s for s in self.sections if s.summary()]

    @property
    def changes(self) -> list[Change]:
        """Every change of substance, in document order."""
        return [c for s in self.sections for c in s.changes if not c.routine]

    def summary(self) -> list[str]:
        return [line for s in self.sections if (line := s.summary())]


def _quote(text: str) -> str:
    words = text.split()
    short = " ".join(words[:MAX_QUOTE_WORDS]) + (" …" if len(words) > MAX_QUOTE_WORDS else "")
    return f"“{short}”"


def _converter() -> markdown.Markdown:
    # Objects, not names: a name is looked up in the installed entry points (importlib.metadata, slow).
    extensions = [TableExtension(), SaneListExtension(), SafeContentExtension()]
    return markdown.Markdown(extensions=extensions, output_format="html")


def split_sections(md: str) -> list[tuple[str, str, str]]:
    """The numbered sections: [(number, title, body markdown without the heading)]."""
    sections: list[tuple[str, str, str]] = []
    current: tuple[str, str] | None = None
    body: list[str] = []
    fence = False
    for line in md.splitlines(keepends=True):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else _SECTION.match(line)
        if match:
            if current:
                sections.append((*current, "".join(body)))
            current, body = ((match.group(1), match.group(2)) if match.group(1) else None), []
        elif current:
            body.append(line)
    if current:
        sections.append((*current, "".join(body)))
    return sections


def _text(tokens: list[str]) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", "".join(t for t in tokens if not t.startswith("<")))).strip()


def _wrap(tokens: list[str], tag: str, keep_tags: bool) -> str:
    """Wrap each run of text tokens in <tag>; keep tags (new structure) outside, or drop them."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            text = "".join(run)
            out.append(f"<{tag}>{text}</{tag}>" if text.strip() else text)
            run.clear()

    for token in tokens:
        if token.startswith("<"):
            flush()
            if keep_tags:
                out.append(token)
        else:
            run.append(token)
    flush()
    return "".join(out)


Opcode = tuple[str, int, int, int, int]


def _coalesce(ops: Sequence[Opcode], a: list[str]) -> list[Opcode]:
    """Merge 'change, whitespace, change' into one replace, so a phrase reads as one change."""
    out: list[Opcode] = []
    for op in ops:
        out.append(op)
        while len(out) >= 3 and out[-1][0] != "equal" and out[-3][0] != "equal" and out[-2][0] == "equal":
            _, i1, i2, _, _ = out[-2]
            if "".join(a[i1:i2]).strip():
                break
            last, _, first = out.pop(), out.pop(), out.pop()
            out.append(("replace", first[1], last[2], first[3], last[4]))
    return out


def _contexts(tokens: list[str]) -> tuple[list[str], list[str]]:
    """For each token position: where it is (clause title and table row), and the clause title alone."""
    places: list[str] = []
    headings: list[str] = []
    heading = row = ""
    capture: str | None = None
    buffer: list[str] = []
    first_cell = False
    for token in tokens:
        lower = token.lower()
        if lower.startswith("<h3") or lower.startswith("<h4"):
            capture, buffer, row = "heading", [], ""
        elif lower.startswith("<tr"):
            row, first_cell = "", True
        elif (lower.startswith("<td") or lower.startswith("<th")) and first_cell:
            capture, buffer, first_cell = "row", [], False
        elif lower.startswith(("</h3", "</h4")) and capture == "heading":
            heading, capture = _text(buffer), None
        elif lower.startswith(("</td", "</th")) and capture == "row":
            row, capture = _text(buffer), None
        elif lower.startswith("</table"):
            row = ""
        elif capture and not token.startswith("<"):
            buffer.append(token)
        place = f"“{heading}”" if heading else ""
        if row:
            place = f"{place}, row “{row}”" if place else f"row “{row}”"
        places.append(place)
        headings.append(heading)
    return places, headings


def _word_bounds(tokens: list[str], start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words: '+31 30' rather than '31 30' when only the digits changed."""
    while start > 0 and not tokens[start - 1].isspace() and not tokens[start - 1].startswith("<"):
        start -= 1
    while end < len(tokens) and not tokens[end].isspace() and not tokens[end].startswith("<"):
        end += 1
    return start, end


def _described(tokens: list[str], start: int, end: int, present: bool) -> str:
    """The changed words as a reader would quote them; a bare number keeps its unit ('18 months')."""
    if not present:
        return ""
    start, end = _word_bounds(tokens, start, end)
    text = _text(tokens[start:end])
    if text.replace(",", "").replace(".", "").isdigit():
        following = [t for t in tokens[end : end + 4] if not t.startswith("<")]
        if len(following) >= 2 and following[0].isspace() and following[1].lower() in UNITS:
            text = f"{text} {following[1]}"
    return text


def diff_html(
    old_html: str,
    new_html: str,
    where: str = "",
    routine: frozenset[tuple[str, str]] = frozenset(),
    routine_places: frozenset[str] = frozenset(),
) -> tuple[str, list[Change]]:
    a, b = TOKEN.findall(old_html), TOKEN.findall(new_html)
    places, headings = _contexts(b)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    out: list[str] = []
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in _coalesce(matcher.get_opcodes(), a):
        if op == "equal":
            out.append("".join(b[j1:j2]))
            continue
        deleted, inserted = _described(a, i1, i2, op != "insert"), _described(b, j1, j2, op != "delete")
        if op in ("delete", "replace"):
            out.append(_wrap(a[i1:i2], "del", keep_tags=False))
        if op in ("insert", "replace"):
            out.append(_wrap(b[j1:j2], "ins", keep_tags=True))
        if deleted or inserted:
            index = min(max(j2 - 1, j1), len(places) - 1)
            place = places[index] if places else ""
            bare = (_text(a[i1:i2]), _text(b[j1:j2]))
            is_routine = bare in routine or (deleted, inserted) in routine or headings[index] in routine_places
            changes.append(Change(deleted, inserted, ", ".join(p for p in (where, place) if p), is_routine))
    return "".join(out), changes


def redline(
    old_md: str,
    new_md: str,
    routine: frozenset[tuple[str, str]] = frozenset(),
    routine_places: frozenset[str] = frozenset(),
) -> Redline:
    """Compare two rendered Markdown versions section by section.

    `routine` holds (old, new) texts that change with every version, such as the version
    number and the effective date, and `routine_places` clause titles whose text does (the
    list of what changed): marked in the text but left out of the summary.
    """
    convert = _converter()

    def render(text: str) -> str:
        return convert.reset().convert(text)

    old, new = split_sections(old_md), split_sections(new_md)
    matcher = SequenceMatcher(None, [t for _, t, _ in old], [t for _, t, _ in new], autojunk=False)
    result: list[SectionDiff] = []

    def changed(o: tuple[str, str, str], n: tuple[str, str, str]) -> SectionDiff:
        number, title, body = n
        if o[1] == title and o[2] == body:
            return SectionDiff(number, title, "unchanged", render(body))
        html, changes = diff_html(render(o[2]), render(body), routine=routine, routine_places=routine_places)
        if o[1] != title:
            changes.insert(0, Change(o[1], title, "section title"))
        return SectionDiff(number, title, "changed", html, changes)

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result += [changed(o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)]
        elif (
            op == "replace"
            and i2 - i1 == j2 - j1
            and all(
                SequenceMatcher(None, o[2].split(), n[2].split(), autojunk=False).ratio() >= SIMILAR
                for o, n in zip(old[i1:i2], new[j1:j2], strict=True)
            )
        ):
            result += [changed(o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            for number, title, body in old[i1:i2]:
                html = _wrap(TOKEN.findall(render(body)), "del", keep_tags=True)
                result.append(SectionDiff(number, title, "removed", html))
            for number, title, body in new[j1:j2]:
                html = _wrap(TOKEN.findall(render(body)), "ins", keep_tags=True)
                result.append(SectionDiff(number, title, "added", html))
    return Redline(result)
