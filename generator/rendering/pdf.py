"""Rendering stage 3: WeasyPrint prints the HTML page to PDF.

WeasyPrint is imported here only, when a PDF is asked for: it is slow to import
and the Markdown/HTML paths (and the GUI's start-up) must not pay for it.
Every fetch goes through a restricted fetcher, which allows only files inside
the application's templates folder: nothing from the network, nothing else on disk.
A printed PDF is kept in the user cache, keyed by the exact HTML, the templates folder
and the program: printing an unchanged page again costs no WeasyPrint work.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from telepolicy.generator import cache
from telepolicy.generator.errors import Problem, RenderError
from telepolicy.generator.rendering.markdown import templates_path

log = logging.getLogger(__name__)

# Progress of one print: what is being done, in words, and the percentage done (None: not known yet).
# It is called in the printing thread; an exception it raises stops the print (a RenderError follows).
Progress = Callable[[str, "int | None"], None]
PROGRESS_LOGGER = "weasyprint.progress"  # WeasyPrint names each step there: "Step 5 - Creating layout - Page 3"
CHARACTERS_PER_PAGE = 2800  # of the HTML page, measured on the presets (34 pages for 95,000 characters)
STEP_WORDS = {
    "1": ("Reading the page", 1),
    "2": ("Reading the print styles", 2),
    "3": ("Applying the styles", 3),
    "4": ("Building the document", 5),
    "6": ("Writing the PDF file", 92),
    "7": ("Adding the PDF's title and language", 97),
}


class _ProgressRelay(logging.Handler):
    """Hands WeasyPrint's progress messages to the callback of the thread that is printing."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.watchers: dict[int, Callable[[logging.LogRecord], None]] = {}
        self.saved: tuple[int, bool] = (logging.NOTSET, True)

    def emit(self, record: logging.LogRecord) -> None:
        watcher = self.watchers.get(record.thread or 0)
        if watcher is not None:
            watcher(record)  # not caught: a cancelled export stops the print here


_RELAY = _ProgressRelay()
_RELAY_LOCK = threading.Lock()


def _reader(on_progress: Progress, expected_pages: int) -> Callable[[logging.LogRecord], None]:
    """Turns WeasyPrint's step messages into words and a percentage that never goes back."""
    done = pages = 0

    def read(record: logging.LogRecord) -> None:
        nonlocal done, pages
        message = str(record.msg)
        step = message.removeprefix("Step ")[:1]
        if step == "5":
            found = record.args[0] if "Page" in message and isinstance(record.args, tuple) and record.args else 0
            page = found if isinstance(found, int) else 0
            if page <= pages:
                return  # a repagination pass: the pages come again, mostly up to date
            pages = page
            words = f"Laying out page {page} of about {max(page, expected_pages)}"
            percent = 5 + int(85 * min(page / max(expected_pages, page + 1), 0.99))
        elif step in STEP_WORDS:
            words, percent = STEP_WORDS[step]
        else:
            return
        done = max(done, percent)
        on_progress(words, done)

    return read


@contextmanager
def _reporting(on_progress: Progress | None, html: str) -> Iterator[None]:
    """While this thread prints: WeasyPrint's progress messages go to `on_progress`, and nowhere else."""
    if on_progress is None:
        yield
        return
    logger = logging.getLogger(PROGRESS_LOGGER)
    me = threading.get_ident()
    with _RELAY_LOCK:
        if not _RELAY.watchers:
            _RELAY.saved = (logger.level, logger.propagate)
            logger.addHandler(_RELAY)
            logger.setLevel(logging.INFO)  # WeasyPrint logs its steps at INFO, below the usual level
            logger.propagate = False  # so they reach no other handler (the CLI's prints ERROR and up)
        _RELAY.watchers[me] = _reader(on_progress, max(1, round(len(html) / CHARACTERS_PER_PAGE)))
    try:
        yield
    finally:
        with _RELAY_LOCK:
            del _RELAY.watchers[me]
            if not _RELAY.watchers:
                logger.removeHandler(_RELAY)
                logger.setLevel(_RELAY.saved[0])
                logger.propagate = _RELAY.saved[1]


def _restricted_fetcher(refused: list[str] | None = None) -> Any:
    """A WeasyPrint URL fetcher that serves only files inside the templates folder.

    Each refusal is logged and, when `refused` is given, its message is added to it.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = Path(templates_path()).resolve()

    class RestrictedFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            parsed = urlparse(url)
            if parsed.scheme == "file":
                target = Path(unquote(parsed.path)).resolve()
                if target.is_relative_to(allowed) and target.is_file():
                    return URLFetcherResponse(url, target.read_bytes())
            message = f"refused to fetch {url}: only the application's templates may be loaded"
            log.warning("%s", message)
            if refused is not None:
                refused.append(message)
            raise PermissionError(f"refused to fetch {url}")

    return RestrictedFetcher(allowed_protocols=("file",), allow_redirects=False)


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
    refused: list[str] = []
    with _reporting(on_progress, html):
        if on_progress is not None:
            on_progress("Starting the PDF printer", 0)
        pdf = _print(html, source, refused)
    if key:
        cache.write_object("pdf", key, (pdf, refused))
    if on_progress is not None:
        on_progress("The PDF is ready", 100)
    return pdf


def _print(html: str, source: Path | None, refused: list[str]) -> bytes:
    """Print the page as a tagged PDF/UA-1; fetches are restricted and base_url points at the templates."""
    import weasyprint

    try:
        document = weasyprint.HTML(
            string=html, base_url=Path(templates_path()).as_uri() + "/", url_fetcher=_restricted_fetcher(refused)
        )
        # Paged-media rules only WeasyPrint knows stay out of the HTML page (templates/print.css).
        print_css = weasyprint.CSS(string=(Path(templates_path()) / "print.css").read_text(encoding="utf-8"))
        # Tagged PDF/UA-1: structure tree, /Lang from <html lang>, title shown, XMP pdfuaid:part 1.
        return document.write_pdf(pdf_variant="pdf/ua-1", stylesheets=[print_css])
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
