"""WeasyPrint's import, without searching the system for its native libraries on every print.

WeasyPrint opens GObject, Pango, HarfBuzz and fontconfig by trying several names for each, most
of them the names used on Windows and macOS. cffi hands each name that is not a file to
`ctypes.util.find_library`, which on Linux runs ldconfig, then gcc and ld, for it: about 50
processes and 0.3-0.4 s of every print's start. The answers depend only on the names, the
system's library cache (/etc/ld.so.cache, rewritten whenever a library is installed or removed)
and the library search paths, so on Linux they are kept in the user cache under those.

A kept answer that no longer holds cannot stop a print: when WeasyPrint does not load with the
kept answers, it is loaded again searching as usual, and those answers are kept instead.
"""

from __future__ import annotations

import ctypes.util
import logging
import os
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import TypeGuard

from telepolicy.generator import cache

log = logging.getLogger(__name__)

KIND = "libraries"  # the cache's folder for the answers
LD_CACHE = Path("/etc/ld.so.cache")
SEARCH_PATHS = ("LD_LIBRARY_PATH", "LIBRARY_PATH")  # where ld and gcc also look (ctypes.util)
Answers = dict[str, "str | None"]

_loading = threading.Lock()


def load_weasyprint() -> ModuleType:
    """The `weasyprint` module, imported on the first call; its errors (a missing Pango) pass through."""
    with _loading:
        if "weasyprint" not in sys.modules and sys.platform.startswith("linux") and cache.enabled():
            _import_with_kept_answers()
        import weasyprint

        return weasyprint


def _import_with_kept_answers() -> None:
    key = _system_key()
    stored = cache.read_object(KIND, key)
    kept: Answers = stored if _are_answers(stored) else {}
    answers = dict(kept)
    try:
        _import_answering(answers)
    except OSError:
        if not kept:
            raise
        log.debug("WeasyPrint did not load with the kept library answers; searching again", exc_info=True)
        answers = {}
        _import_answering(answers)
    if answers != kept:
        cache.write_object(KIND, key, answers)


def _import_answering(answers: Answers) -> None:
    """Import WeasyPrint while find_library answers from `answers`, searching (and adding) the names it lacks."""
    search = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        if name not in answers:
            answers[name] = search(name)
        return answers[name]

    ctypes.util.find_library = find_library
    try:
        import weasyprint  # noqa: F401
    finally:
        ctypes.util.find_library = search


def _system_key() -> str:
    """What find_library's answers depend on: Python, the library cache and the search paths' contents."""
    try:
        ld_cache = LD_CACHE.read_bytes()
    except OSError:
        ld_cache = b""
    parts: list[str | bytes] = [sys.version, ld_cache]
    for variable in SEARCH_PATHS:
        value = os.environ.get(variable, "")
        parts.append(f"{variable}={value}")
        for folder in filter(None, value.split(os.pathsep)):
            try:
                parts.append(f"{folder} {os.stat(folder).st_mtime_ns}")
            except OSError:
                parts.append(f"{folder} missing")
    return cache.digest(*parts)


def _are_answers(value: object) -> TypeGuard[Answers]:
    return isinstance(value, dict) and all(
        isinstance(name, str) and (path is None or isinstance(path, str)) for name, path in value.items()
    )
