"""Rendering stage 3: WeasyPrint prints the HTML page to PDF.

WeasyPrint is imported only when a PDF is printed (generator/rendering/printing.py): it is
slow to import and the Markdown/HTML paths (and the GUI's start-up) must not pay for it. The
CLI rendering one project loads it (`load_printer`) while another process builds the page,
so that import overlaps the build; every fetch is restricted to the application's templates folder.
A printed PDF is kept in the user cache, keyed by the exact HTML, the templates folder
and the program: printing an unchanged page again costs no WeasyPrint work.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from telepolicy.generator import cache
from telepolicy.generator.errors import Problem, RenderError
from telepolicy.generator.rendering import templates_path
from telepolicy.generator.rendering.libraries import load_weasyprint
from telepolicy.generator.rendering.printing import PROGRESS_LOGGER, Progress, print_page, reporting

__all__ = ["PROGRESS_LOGGER", "Progress", "is_cached", "load_printer", "prepare_in_background", "render_pdf"]

log = logging.getLogger(__name__)


def load_printer() -> None:
    """Import WeasyPrint now (about half a second), for a caller with other work running meanwhile, so
    that the print which follows starts at once. A printer that does not load is reported by that print."""
    try:
        load_weasyprint()
    except Exception:  # a missing native library (Pango): printing raises it again as a RenderError
        log.debug("WeasyPrint did not load ahead of the print", exc_info=True)


def _cache_key(html: str) -> str:
    templates = cache.folders_key([(Path(templates_path()), ("*",))])
    printers = (cache.installed(name) for name in ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fontTools"))
    return cache.digest(cache.program_key(), *printers, templates, html)


def render_pdf(html: str, source: Path | None = None, on_progress: Progress | None = None) -> bytes:
    """The page printed as a tagged PDF/UA-1, from the cache when this exact page was printed before.

    A cached PDF repeats the warnings its printing gave (refused fetches), as printing would.
    `on_progress` hears each step of the print, page by page during the layout, then 100 at the end.
    """
    key = _cache_key(html) if cache.enabled() else ""
    stored = cache.read_object("pdf", key) if key else None
    if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], bytes):
        for message in stored[1]:
            log.warning("%s", message)
        if on_progress is not None:
            on_progress("Printed before: taken from the cache", 100)
        return stored[0]
    if on_progress is not None:
        on_progress("Starting the PDF printer", 0)
    pdf, refused = _print(html, source, on_progress)
    if key:
        cache.write_object("pdf", key, (pdf, refused))
    if on_progress is not None:
        on_progress("The PDF is ready", 100)
    return pdf


def _print(html: str, source: Path | None, on_progress: Progress | None) -> tuple[bytes, list[str]]:
    """Print the page in this process; the PDF and the refused fetches' messages."""
    refused: list[str] = []
    try:
        with reporting(on_progress, html):
            return print_page(html, Path(templates_path()), refused), refused
    except Exception as error:  # WeasyPrint raises many kinds; the user needs one message
        raise RenderError(Problem(source, f"the PDF could not be made: {error}")) from error


def is_cached(html: str) -> bool:
    """Whether printing this page would come from the cache."""
    return cache.enabled() and cache.read("pdf", _cache_key(html)) is not None


def prepare_in_background(html: str) -> subprocess.Popen[bytes] | None:
    """Start a low-priority process that prints the page into the cache, so an export of this
    same page is immediate; None when the cache is off, already holds it, or the program is a
    frozen bundle (no interpreter to start)."""
    if getattr(sys, "frozen", False) or not cache.enabled() or is_cached(html):
        return None
    handle, name = tempfile.mkstemp(prefix="telepolicy-page-", suffix=".html")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(html)
    command = [sys.executable, "-m", "telepolicy.generator.rendering.pdf", name]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _prepare(page: Path) -> None:
    """In the background process: print the page (then delete it) at the lowest priority."""
    if hasattr(os, "nice"):
        os.nice(19)
    try:
        html = page.read_text(encoding="utf-8")
    finally:
        page.unlink(missing_ok=True)
    try:
        render_pdf(html)
    except RenderError:
        pass  # the export that follows prints the page itself and reports the problem


if __name__ == "__main__":  # python -m telepolicy.generator.rendering.pdf PAGE.html
    _prepare(Path(sys.argv[1]))
