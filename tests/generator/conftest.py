"""Shared by the cache tests: a private cache folder, and a way to forget what this process holds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from telepolicy.generator import cache
from telepolicy.generator.library import loader
from telepolicy.generator.rendering import html, markdown


def forget_this_process() -> None:
    """As a new process would start: nothing in memory, only what is on disk."""
    loader._loaded.clear()
    cache._manifests.clear()
    for module in (html, markdown):
        module._environment.cache_clear()


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The cache in this test's own folder, switched on, with nothing of it in memory."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    monkeypatch.setenv(cache.ENV_OFF, "0")  # and restored after a test that switches the cache off
    monkeypatch.setattr(cache, "_switched_off", False)
    forget_this_process()
    yield folder
    monkeypatch.undo()  # a test may have replaced the program key; the real one forgets its value
    forget_this_process()
    cache.program_key.cache_clear()
