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
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from telepolicy.generator import cache
from telepolicy.generator.errors import Problem, RenderError
from telepolicy.generator.rendering.markdown import templates_path

log = logging.getLogger(__name__)


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


def render_pdf(html: str, source: Path | None = None) -> bytes:
    """The page printed as a tagged PDF/UA-1, from the cache when this exact page was printed before.

    A cached PDF repeats the warnings its printing gave (refused fetches), as printing would.
    """
    key = _cache_key(html) if cache.enabled() else ""
    stored = cache.read_object("pdf", key) if key else None
    if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], bytes):
        for message in stored[1]:
            log.warning("%s", message)
        return stored[0]
    refused: list[str] = []
    pdf = _print(html, source, refused)
    if key:
        cache.write_object("pdf", key, (pdf, refused))
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
