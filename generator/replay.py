"""A command's result kept for exactly its inputs: an unchanged project renders and checks from the cache.

`telepolicy render` (text formats) and `telepolicy check` of a project whose file, clause
library, organisation folders, templates, program and date are all as before give what they
gave last time, without the pipeline: importing the renderers alone costs more than the
whole replay. A result is filed under a key of the request (the command, its options, the
project file's path and bytes, today's date, the program) and stored with the folders it was
built from and their content key (`cache.folders_key`); it is used only while that key still
holds, so an edited clause file, organisation folder or template is never served stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telepolicy.generator import cache
from telepolicy.generator.files import read_regular_file
from telepolicy.generator.project.values import MAX_FILE_BYTES

KIND = "result"
Folders = Sequence[tuple[Path, tuple[str, ...]]]


@dataclass(frozen=True)
class Request:
    """One command on one project file, with the options that shape its result."""

    command: str
    project_path: str
    options: tuple[object, ...] = ()

    def key(self) -> str:
        """The key of this request now, or "" (nothing kept) when the cache is off or the project file
        cannot be read: the pipeline then runs and reports why."""
        if not cache.enabled():
            return ""
        path = Path(self.project_path)
        try:  # as the loader reads it: a device, pipe or huge file is refused there, with a message
            content = read_regular_file(path, MAX_FILE_BYTES)
            where = str(path.resolve())
        except (OSError, RuntimeError):
            return ""
        stamp = (self.command, self.project_path, where, dt.date.today().isoformat(), repr(self.options))
        return cache.digest(cache.program_key(), *stamp, content)


def recall(key: str) -> Any | None:
    """The result kept under `key`, or None when there is none or a folder it was built from changed."""
    entry = cache.read_object(KIND, key) if key else None
    if not (isinstance(entry, tuple) and len(entry) == 3):
        return None
    folders, folders_key, result = entry
    try:
        unchanged = cache.folders_key(folders) == folders_key
    except (OSError, TypeError, ValueError):  # a damaged entry: build again
        return None
    return result if unchanged else None


def record(request: Request, key: str, folders: Folders, folders_key: str, result: Any) -> None:
    """Keep `result` under `key`, built from `folders` while their key was `folders_key`.

    Take `folders_key` before the build: a file changed during the build then makes the entry
    miss rather than serve old text. Nothing is kept when the project file changed since `key`.
    """
    if key and request.key() == key:
        cache.write_object(KIND, key, (tuple(folders), folders_key, result))
