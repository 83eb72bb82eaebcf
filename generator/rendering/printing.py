"""WeasyPrint's part of the PDF stage: print one page, with restricted fetches and progress in words.

It imports nothing of the program but the cache, and WeasyPrint only when it prints (through
libraries.py, which spares that import its search for native libraries), so loading it ahead of a
print costs nothing else. Every fetch goes through a restricted fetcher, which allows only files
inside the application's templates folder: nothing from the network, nothing else on disk.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from telepolicy.generator.rendering.libraries import load_weasyprint

# Refused fetches are reported under the PDF stage's name, wherever the page is printed.
log = logging.getLogger("telepolicy.generator.rendering.pdf")

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
def reporting(on_progress: Progress | None, html: str) -> Iterator[None]:
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


# The garbage collector's thresholds while a print runs. WeasyPrint keeps most of what it makes (the
# boxes of every page), so collecting the youngest generation every 700 new objects mostly walks
# survivors: 280 collections, 0.2 s of a 34-page print. Every 20,000: 8 collections, 0.04 s, 5 MB more.
# A finished print's layout (~80,000 objects) is then left to the collector's next full pass, which
# a process that prints again would put off print after print (8 prints in one process: 116 MB
# became 194 MB); so the next print collects it first (0.1 s), and a process that prints once never does.
# Only in the main thread: in the app's export thread, freeing a Qt object's wrapper needs the
# interpreter while the GUI thread holds it and waits on that object's lock (a deadlock, seen in
# tests/gui); there the app's own collections, in its GUI thread, free the layout.
PRINTING_THRESHOLDS = (20_000, 10, 10)
_collections = threading.Lock()
_prints_running = 0
_printed_before = False
_thresholds_before = gc.get_threshold()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """While this (and any other) print runs, the garbage collector runs less often; then as before."""
    global _prints_running, _printed_before, _thresholds_before
    with _collections:
        if not _prints_running:
            if _printed_before and threading.current_thread() is threading.main_thread():
                gc.collect()  # what the last print left
            _thresholds_before = gc.get_threshold()
            gc.set_threshold(*PRINTING_THRESHOLDS)
        _prints_running += 1
    try:
        yield
    finally:
        with _collections:
            _prints_running -= 1
            _printed_before = True
            if not _prints_running:
                gc.set_threshold(*_thresholds_before)


def restricted_fetcher(templates: Path, refused: list[str] | None = None) -> Any:
    """A WeasyPrint URL fetcher that serves only files inside the templates folder.

    Each refusal is logged and, when `refused` is given, its message is added to it.
    """
    load_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = templates.resolve()

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


def print_page(html: str, templates: Path, refused: list[str]) -> bytes:
    """The page as a tagged PDF/UA-1, relative URLs read from `templates`; WeasyPrint's errors pass through."""
    weasyprint = load_weasyprint()
    with fewer_collections():
        document = weasyprint.HTML(
            string=html, base_url=templates.as_uri() + "/", url_fetcher=restricted_fetcher(templates, refused)
        )
        # Paged-media rules only WeasyPrint knows stay out of the HTML page (templates/print.css).
        print_css = weasyprint.CSS(string=(templates / "print.css").read_text(encoding="utf-8"))
        # Tagged PDF/UA-1: structure tree, /Lang from <html lang>, title shown, XMP pdfuaid:part 1.
        return document.write_pdf(pdf_variant="pdf/ua-1", stylesheets=[print_css])
