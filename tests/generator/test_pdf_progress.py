"""The PDF print reports its progress page by page to a plain callback (the GUI's export bar uses it)."""

from __future__ import annotations

import logging
import re

import pytest

from telepolicy.generator import RenderError, build, load_preset
from telepolicy.generator.rendering.pdf import PROGRESS_LOGGER


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("TELEPOLICY_NO_CACHE", "1")  # every test prints for real


def test_progress_moves_page_by_page_and_never_back():
    seen: list[tuple[str, int | None]] = []
    build(load_preset("eu-voip-operator"), ["pdf"], check=False, on_progress=lambda words, p: seen.append((words, p)))
    percents = [percent for _words, percent in seen]
    pages = [int(m.group(1)) for words, _p in seen if (m := re.match(r"Laying out page (\d+) of about", words))]
    assert percents == sorted(percents)
    assert percents[-1] == 100
    assert pages == list(range(1, len(pages) + 1))
    assert len(pages) >= 10


def test_the_progress_logger_is_left_as_it_was():
    logger = logging.getLogger(PROGRESS_LOGGER)
    before = (logger.level, logger.propagate, list(logger.handlers))
    build(load_preset("eu-voip-operator"), ["pdf"], check=False, on_progress=lambda words, percent: None)
    assert (logger.level, logger.propagate, list(logger.handlers)) == before


def test_a_callback_that_raises_stops_the_print():
    pages: list[str] = []

    def stop_at_page_three(words: str, _percent: int | None) -> None:
        pages.append(words)
        if words.startswith("Laying out page 3 "):
            raise RuntimeError("cancelled")

    with pytest.raises(RenderError):
        build(load_preset("eu-voip-operator"), ["pdf"], check=False, on_progress=stop_at_page_three)
    assert not any(words.startswith("Laying out page 4 ") for words in pages)
