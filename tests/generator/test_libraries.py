"""WeasyPrint's native libraries (generator/rendering/libraries.py): found once, then looked up,
and an answer that no longer holds never stops a print. Each load runs in a new process: a
process imports WeasyPrint once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from telepolicy.generator import cache
from telepolicy.generator.rendering import libraries

pytestmark = [
    pytest.mark.usefixtures("private_cache"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the answers are kept on Linux only"),
]

# Loads WeasyPrint in a new process and says which names were searched for (not looked up).
PROBE = """
import ctypes.util, json
searched = []
search = ctypes.util.find_library
ctypes.util.find_library = lambda name: searched.append(name) or search(name)
from telepolicy.generator.rendering.libraries import load_weasyprint
weasyprint = load_weasyprint()
print(json.dumps({"searched": searched, "pango": weasyprint.text.ffi.pango.pango_version()}))
"""


def load_in_new_process() -> dict[str, object]:
    env = {**os.environ}  # the private cache's folder and switch, set by the fixture
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def kept_answers() -> object:
    return cache.read_object(libraries.KIND, libraries._system_key())


def test_the_libraries_are_searched_once_then_looked_up():
    first = load_in_new_process()
    assert "pango-1.0" in first["searched"]  # type: ignore[operator]
    answers = kept_answers()
    assert isinstance(answers, dict)
    assert answers["pango-1.0"].startswith("libpango-1.0.so")
    second = load_in_new_process()
    assert second["searched"] == []
    assert second["pango"] == first["pango"]


def test_when_weasyprint_does_not_load_with_the_kept_answers_it_is_loaded_searching_again(
    monkeypatch: pytest.MonkeyPatch,
):
    gone = {"pango-1.0": "/gone/libpango-1.0.so.0"}
    cache.write_object(libraries.KIND, libraries._system_key(), gone)
    attempts = []

    def import_answering(answers: dict[str, str | None]) -> None:
        attempts.append(dict(answers))
        if answers.get("pango-1.0", "").startswith("/gone"):
            raise OSError("cannot load library '/gone/libpango-1.0.so.0'")
        answers["pango-1.0"] = "libpango-1.0.so.0"

    monkeypatch.setattr(libraries, "_import_answering", import_answering)
    libraries._import_with_kept_answers()
    assert attempts == [gone, {}]
    assert kept_answers() == {"pango-1.0": "libpango-1.0.so.0"}


def test_a_library_that_is_missing_is_reported_as_weasyprint_reports_it(monkeypatch: pytest.MonkeyPatch):
    def import_answering(answers: dict[str, str | None]) -> None:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(libraries, "_import_answering", import_answering)
    with pytest.raises(OSError, match="libpango"):
        libraries._import_with_kept_answers()
    assert kept_answers() is None


def test_a_damaged_entry_is_searched_again(private_cache: Path):
    cache.write_object(libraries.KIND, libraries._system_key(), ["not", "answers"])
    assert "pango-1.0" in load_in_new_process()["searched"]  # type: ignore[operator]
    assert isinstance(kept_answers(), dict)


def test_with_the_cache_off_nothing_is_kept(monkeypatch: pytest.MonkeyPatch, private_cache: Path):
    monkeypatch.setenv(cache.ENV_OFF, "1")
    assert "pango-1.0" in load_in_new_process()["searched"]  # type: ignore[operator]
    assert not (private_cache / libraries.KIND).exists()


def test_the_key_follows_the_library_cache_and_the_search_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    before = libraries._system_key()
    monkeypatch.setenv("LD_LIBRARY_PATH", str(tmp_path))
    with_path = libraries._system_key()
    assert with_path != before
    (tmp_path / "libpango-1.0.so.0").write_bytes(b"")  # a library put there: the folder changed
    os.utime(tmp_path, ns=(1, 1))
    assert libraries._system_key() != with_path
    monkeypatch.delenv("LD_LIBRARY_PATH")
    ld_cache = tmp_path / "ld.so.cache"
    ld_cache.write_bytes(b"a library cache")
    monkeypatch.setattr(libraries, "LD_CACHE", ld_cache)
    listed = libraries._system_key()
    ld_cache.write_bytes(b"a library cache after apt-get install")
    assert libraries._system_key() not in (before, listed)
