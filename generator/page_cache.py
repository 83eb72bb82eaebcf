"""The last page rendered for a project file, kept so the desktop app shows it at once on its next start.

The key is everything the page is made from: the file's path and bytes (its answers, and the
clause folders it names, which resolve from its folder), every file of the built-in library,
of those folders and of the page templates, and the program itself (`cache.program_key`:
version, libraries, the generator's sources). Any change to any of them is another key, so a
stored page is never stale. It follows the cache's switches (`TELEPOLICY_NO_CACHE`, `--no-cache`).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

from telepolicy.generator import cache

KIND = "page"
EVERY_FILE = ("*",)  # more than the loader reads: a file it ignores only costs a stored page


def source_folders(library_paths: Iterable[Path]) -> list[tuple[Path, tuple[str, ...]]]:
    """The folders a project's outputs are made from besides its file, each with every file: the
    built-in library, the project's clause folders and the page templates (the CLI's kept results
    use them too: generator/replay.py)."""
    folders = [Path(str(files("telepolicy.clause_library"))), *library_paths, Path(str(files("telepolicy.templates")))]
    return [(folder, EVERY_FILE) for folder in folders]


def page_key(path: Path, content: bytes, library_paths: Iterable[Path]) -> str:
    """The key of the HTML page `build(project, ["html"], check=False)` gives for this file's project."""
    contents = cache.folders_key(source_folders(library_paths))
    return cache.digest(KIND, cache.program_key(), contents, str(Path(path).resolve()), content)


def read_page(key: str) -> str | None:
    """The page stored under the key, or None (absent, damaged, or the cache is off)."""
    data = cache.read(KIND, key)
    try:
        return data.decode("utf-8") if data is not None else None
    except UnicodeDecodeError:
        return None


def write_page(key: str, html: str) -> None:
    cache.write(KIND, key, html.encode("utf-8"))
