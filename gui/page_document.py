"""The preview's page in a QTextDocument, updated part by part.

Parsing the whole page (~140 KB for the largest preset) with setHtml costs tens of
milliseconds on the UI thread, yet after an answer changes usually one section differs.
The page is cut into parts (the header and contents, each section, the footer); only the
parts whose HTML changed are parsed and put in place of the old ones. The whole page is set
only when its frame changed (styles, body, the list of sections) or the parts cannot be
found. Both ways give the same document: tests/gui/test_preview.py compares their toHtml().
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QTextCursor, QTextDocument, QTextDocumentFragment

RUNNING_HEADER = re.compile(r'<div class="running-header"[^>]*>.*?</div>', re.DOTALL)
# The section's own id moves into its heading, so a part starts with its heading's block:
# Qt gives a block element's id to the end of the block before it.
SECTION_START = re.compile(r'<section id="([^"]+)"([^>]*)>\s*<h2 id="([^"]+)">')
BLOCKS = "html|head|body|main|header|footer|nav|section|div|p|ol|ul|li|dl|dt|dd|table|thead|tbody|tr|th|td|h[1-6]"
# Whitespace before a block's tag (or at the end) shows nothing in a browser, but Qt keeps it as a space at the
# end of the block before: where a part ends, that would differ with the way it was parsed.
BEFORE_BLOCK = re.compile(rf"\s+(?=</?(?:{BLOCKS})\b|$)")
BODY = re.compile(r"<body\b[^>]*>")
STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
PART_NAME = re.compile(r'<a name="([^"]+)"></a>')
MOVE = QTextCursor.MoveMode.KeepAnchor
TITLE_INFO = QTextDocument.MetaInformation.DocumentTitle


@lru_cache(maxsize=4)
def screen_html(page: str) -> str:
    """The page as the preview shows it: the same text and anchors, in a form Qt parses part by part.

    The running header goes (the CSS keeps it for print, and Qt's rich text ignores `display: none`).
    Kept for the last few pages: the render worker makes it (preview.render_for_screen), so the UI
    thread only looks it up.
    """
    page = RUNNING_HEADER.sub("", page, count=1)
    page = SECTION_START.sub(r'<section\2><h2 id="\3"><a name="\1"></a>', page)
    return BEFORE_BLOCK.sub("", page)


@dataclass(frozen=True)
class Layout:
    """A screen page cut into parts: `frame` (styles and body) wraps each part into a page of its own."""

    frame: str
    title: str
    keys: tuple[str, ...]  # "front", each section's id, "footer"
    parts: tuple[str, ...]

    def page_of(self, index: int) -> str:
        """The part alone, as a page with the same styles and ancestors."""
        part = self.parts[index]
        inner = f"<main>{part}</main>" if 0 < index < len(self.parts) - 1 else part
        return f"{self.frame}{inner}</body></html>"


def cut(screen: str) -> Layout | None:
    """The parts of a screen page, or None when it is not made as templates/policy.html.j2 makes it."""
    body, style, title = BODY.search(screen), STYLE.search(screen), TITLE.search(screen)
    end = screen.rfind("</body>")
    if body is None or style is None or end < body.end():
        return None
    inner = screen[body.end() : end]
    main, main_end = inner.find("<main>"), inner.rfind("</main>")
    if main < 0 or main_end < main:
        return None
    sections = ["<section" + piece for piece in inner[main + len("<main>") : main_end].split("<section")[1:]]
    names = [PART_NAME.search(section) for section in sections]
    if not sections or any(name is None for name in names):
        return None
    keys = ("front", *(name.group(1) for name in names if name), "footer")
    parts = (inner[:main], *sections, inner[main_end + len("</main>") :])
    rebuilt = f"{parts[0]}<main>{''.join(sections)}</main>{parts[-1]}"
    if rebuilt != inner or len(set(keys)) != len(keys):
        return None
    frame = f"<html><head>{style.group(0)}</head>{body.group(0)}"
    return Layout(frame, html.unescape(title.group(1)) if title else "", keys, parts)


class PageDocument:
    """Keeps a QTextDocument showing a page, replacing only the parts that changed."""

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        document.setUndoRedoEnabled(False)  # edits are the app's, not the reader's: nothing to keep
        self.layout: Layout | None = None
        self._starts: list[int] | None = []  # None: not looked for since the whole page was set

    @property
    def starts(self) -> list[int]:
        """Where each part begins in the document; looked for on first use after a whole page is set,
        so the first page paints without walking its blocks."""
        if self._starts is None:
            self._starts = self._find_starts(self.layout) if self.layout is not None else []
        return self._starts

    def clear(self) -> None:
        self.layout = None
        self._starts = []

    def show(self, screen: str) -> bool:
        """Show a screen page; True when only its changed parts were replaced."""
        layout = cut(screen)
        old = self.layout
        if layout is not None and old is not None and self.starts and _same_frame(old, layout):
            self._replace(old, layout)
            self.layout = layout
            return True
        self.document.setHtml(screen)
        self.layout = layout
        self._starts = None
        return False

    def place(self, position: int) -> tuple[int, int] | None:
        """(part, characters into it) of a document position, to find the same text after an update."""
        if not self.starts:
            return None
        index = max(i for i, start in enumerate(self.starts) if start <= position) if position >= 0 else 0
        return index, position - self.starts[index]

    def position(self, part: int, offset: int) -> int:
        """The document position `offset` characters into a part, kept inside it."""
        end = self.starts[part + 1] - 1 if part + 1 < len(self.starts) else self.document.characterCount() - 1
        return min(self.starts[part] + offset, end)

    def _replace(self, old: Layout, new: Layout) -> None:
        """Each changed part in an edit block of its own: one block around parts far apart (the header
        and the footer, as a new company name changes) would lay out again all the text between them."""
        document = self.document
        cursor = QTextCursor(document)
        shift = 0
        for index, (before, after) in enumerate(zip(old.parts, new.parts, strict=True)):
            self.starts[index] += shift
            if before == after:
                continue
            start = self.starts[index]
            size = document.characterCount()
            end = self.starts[index + 1] + shift - 1 if index + 1 < len(self.starts) else size - 1
            cursor.beginEditBlock()
            cursor.setPosition(start)
            cursor.setPosition(end, MOVE)
            _insert_page(cursor, new.page_of(index))
            cursor.endEditBlock()
            shift += document.characterCount() - size
        document.setMetaInformation(TITLE_INFO, new.title)

    def _find_starts(self, layout: Layout) -> list[int]:
        """Each part's first position: a section's heading carries its name; the footer ends the document.
        Empty (every update sets the whole page) when a part is not where it should be."""
        wanted = {key: index for index, key in enumerate(layout.keys)}
        starts = [0] + [-1] * (len(layout.keys) - 1)
        block = self.document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2:
                fragments = block.begin()
                if not fragments.atEnd():
                    for name in fragments.fragment().charFormat().anchorNames():
                        if name in wanted:
                            starts[wanted[name]] = block.position()
            block = block.next()
        footer = QTextDocument()
        footer.setHtml(layout.page_of(len(layout.parts) - 1))
        first = self.document.findBlockByNumber(self.document.blockCount() - footer.blockCount())
        starts[-1] = first.position()
        tail = self.document.characterCount() - first.position()
        if -1 in starts or starts != sorted(starts) or tail != footer.characterCount():
            return []
        return starts


def _same_frame(old: Layout, new: Layout) -> bool:
    return old.frame == new.frame and old.keys == new.keys


def _insert_page(cursor: QTextCursor, page: str) -> None:
    """Put a part's page in place of the selection, its first block formatted as its own page has it.

    The selection ends where the part's last block ends, so the first inserted block takes the
    place of the part's first one and keeps its old format unless it is set again.
    """
    source = QTextDocument()
    source.setHtml(page)
    start = cursor.selectionStart()
    cursor.removeSelectedText()
    cursor.insertFragment(QTextDocumentFragment(source))
    first = QTextCursor(cursor.document())
    first.setPosition(start)
    first.setBlockFormat(source.begin().blockFormat())
    first.setBlockCharFormat(source.begin().charFormat())
