"""Rendering stage 3: WeasyPrint prints the HTML page to PDF.

WeasyPrint is imported here only, when a PDF is asked for: it is slow to import
and the Markdown/HTML paths (and the GUI's start-up) must not pay for it.
Every fetch goes through a restricted fetcher, which allows only files inside
the application's templates folder: nothing from the network, nothing else on disk.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from telepolicy.generator.errors import Problem, RenderError
from telepolicy.generator.rendering.markdown import templates_path

log = logging.getLogger(__name__)


def _restricted_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves only files inside the templates folder."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = Path(templates_path()).resolve()

    class RestrictedFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            parsed = urlparse(url)
            if parsed.scheme == "file":
                target = Path(unquote(parsed.path)).resolve()
                if target.is_relative_to(allowed) and target.is_file():
                    return URLFetcherResponse(url, target.read_bytes())
            log.warning("refused to fetch %s: only the application's templates may be loaded", url)
            raise PermissionError(f"refused to fetch {url}")

    return RestrictedFetcher(allowed_protocols=("file",), allow_redirects=False)


def render_pdf(html: str, source: Path | None = None) -> bytes:
    """Print the page as a tagged PDF/UA-1; fetches are restricted and base_url points at the templates."""
    import weasyprint

    try:
        document = weasyprint.HTML(
            string=html, base_url=Path(templates_path()).as_uri() + "/", url_fetcher=_restricted_fetcher()
        )
        # Tagged PDF/UA-1: structure tree, /Lang from <html lang>, title shown, XMP pdfuaid:part 1.
        return document.write_pdf(pdf_variant="pdf/ua-1")
    except Exception as error:  # WeasyPrint raises many kinds; the user needs one message
        raise RenderError(Problem(source, f"the PDF could not be made: {error}")) from error
