"""The printer process the CLI starts early (generator/rendering/printer.py): it prints what this
process would, reports the same progress, warnings and errors, and is ended when not needed."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from telepolicy.generator import RenderError, build, cache, load_preset
from telepolicy.generator.rendering import pdf
from telepolicy.generator.rendering.printer import Printer, PrinterError

PAGE = "<html lang='en'><head><title>t</title></head><body><p>{text}</p></body></html>"


@pytest.fixture
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_OFF, "1")


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.setenv(cache.ENV_OFF, "0")
    monkeypatch.setattr(cache, "_switched_off", False)
    return tmp_path / "cache"


def started() -> Printer:
    printer = pdf.start_printer()
    assert printer is not None
    return printer


def test_the_printer_prints_the_same_pdf_as_this_process(no_cache):
    page = PAGE.format(text="Same bytes from either process")
    assert pdf.render_pdf(page, printer=started()) == pdf.render_pdf(page)


def test_a_stopped_printer_is_one_clear_render_error(no_cache, tmp_path):
    printer = started()
    printer._process.kill()
    with pytest.raises(RenderError) as caught:
        pdf.render_pdf(PAGE.format(text="x"), tmp_path / "p.toml", printer=printer)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'p.toml'}: the PDF could not be made: the printer process stopped")
    assert "Traceback" not in message
    assert "\n" not in message


def test_a_failed_print_in_the_printer_says_why(tmp_path):
    # No print.css in this templates folder: WeasyPrint's side fails in the printer process.
    with pytest.raises(PrinterError, match=r"print\.css"):
        started().print(PAGE.format(text="x"), tmp_path, None)


def test_the_cache_serves_an_unchanged_page_and_ends_the_unused_printer(private_cache):
    page = PAGE.format(text="Printed once")
    first = pdf.render_pdf(page, printer=started())
    unused = started()
    heard: list[str] = []
    assert pdf.render_pdf(page, on_progress=lambda words, _p: heard.append(words), printer=unused) == first
    assert heard == ["Printed before: taken from the cache"]
    assert unused._process.poll() is not None


def test_progress_and_refused_fetches_come_back_from_the_printer(no_cache, caplog):
    seen: list[tuple[str, int | None]] = []
    build(
        load_preset("eu-voip-operator"), ["pdf"], check=False, print_early=True, on_progress=lambda *s: seen.append(s)
    )
    pages = [int(m.group(1)) for words, _p in seen if (m := re.match(r"Laying out page (\d+) of about", words))]
    assert [p for _w, p in seen] == sorted(p for _w, p in seen)
    assert seen[-1] == ("The PDF is ready", 100)
    assert pages == list(range(1, len(pages) + 1))
    assert len(pages) >= 10
    page = "<html><body><img src='file:///etc/passwd'><p>text</p></body></html>"
    with caplog.at_level(logging.WARNING, logger="telepolicy.generator.rendering.pdf"):
        pdf.render_pdf(page, printer=started())
    assert any("refused to fetch file:///etc/passwd" in r.getMessage() for r in caplog.records)


def test_a_callback_that_raises_stops_the_printer(no_cache):
    printer = started()

    def cancel(words: str, _percent: int | None) -> None:
        if words.startswith("Laying out page"):
            raise RuntimeError("cancelled")

    with pytest.raises(RenderError, match="cancelled"):
        pdf.render_pdf(PAGE.format(text="<br>".join(["A line of text."] * 400)), on_progress=cancel, printer=printer)
    assert printer._process.poll() is not None
