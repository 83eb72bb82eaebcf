"""Autosave to a recovery file, and offer it back after a crash: nothing typed is lost.

Each running app owns a session in the recovery folder: `<id>.toml` (the project,
as `project_to_toml` writes it), `<id>.json` (which file it belongs to) and
`<id>.lock`, held while the app runs. A session whose lock can be taken belongs to
an app that died, so its project is offered at the next start.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSaveFile, QStandardPaths, QTimer

from telepolicy.generator import project_to_toml
from telepolicy.gui.document import Document

AUTOSAVE_INTERVAL_MS = 30_000
AUTOSAVE_DELAY_MS = 2_000  # after the last change


def default_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) / "recovery"


def _write(path: Path, text: str) -> bool:
    """Atomic, so a crash during an autosave leaves the previous one intact."""
    file = QSaveFile(str(path))
    if not file.open(QSaveFile.OpenModeFlag.WriteOnly):
        return False
    file.write(text.encode("utf-8"))
    return file.commit()


def _locked(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long it ran
    return lock


def _read_meta(meta_path: Path, project_file: Path) -> tuple[Path | None, dt.datetime]:
    """The original file and the time of the autosave; the file's own time if the note is lost."""
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        return (Path(meta["original"]) if meta["original"] else None), dt.datetime.fromisoformat(meta["saved_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None, dt.datetime.fromtimestamp(project_file.stat().st_mtime)


@dataclass
class Orphan:
    """The autosave of an app that did not close normally, claimed by this app while it decides."""

    text: str
    original: Path | None
    saved_at: dt.datetime
    files: tuple[Path, ...]
    lock: QLockFile

    def discard(self) -> None:
        """Delete the autosave; unlocking removes the lock file."""
        for path in self.files:
            path.unlink(missing_ok=True)
        self.lock.unlock()


class Recovery(QObject):
    def __init__(self, folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder or default_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.session = f"{os.getpid()}-{time.time_ns()}"  # unique per running app
        self._lock = _locked(self.folder / f"{self.session}.lock")
        self._lock.tryLock(0)
        self._document: Document | None = None
        self._pending = False
        self._delay = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS, timeout=self.save_now)
        self._interval = QTimer(self, interval=AUTOSAVE_INTERVAL_MS, timeout=self.save_now)
        self._interval.start()

    @property
    def project_file(self) -> Path:
        return self.folder / f"{self.session}.toml"

    def watch(self, document: Document | None) -> None:
        if self._document is not None:
            self._document.changed.disconnect(self._changed)
            self._document.modified_changed.disconnect(self._modified_changed)
        self.discard()
        self._document = document
        if document is not None:
            document.changed.connect(self._changed)
            document.modified_changed.connect(self._modified_changed)
            if document.modified:
                self._changed()

    def _changed(self) -> None:
        self._pending = True
        self._delay.start()

    def _modified_changed(self, modified: bool) -> None:
        if not modified:
            self.discard()

    def save_now(self) -> None:
        document = self._document
        if document is None or not self._pending or not document.modified:
            return
        meta = {"original": str(document.path) if document.path else "", "saved_at": dt.datetime.now().isoformat()}
        if _write(self.project_file, project_to_toml(document.project)):
            _write(self.folder / f"{self.session}.json", json.dumps(meta))
            self._pending = False

    def discard(self) -> None:
        """The project is saved or closed: its autosave is no longer needed."""
        self._pending = False
        self._delay.stop()
        for suffix in (".toml", ".json"):
            (self.folder / f"{self.session}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        """A clean exit: nothing to recover next time."""
        self.watch(None)
        self._interval.stop()
        self._lock.unlock()

    def orphans(self) -> list[Orphan]:
        """Autosaves of apps that crashed, newest first; each is locked by this app until discarded."""
        found: list[Orphan] = []
        for path in self.folder.glob("*.toml"):
            session = path.stem
            if session == self.session:
                continue
            lock = _locked(self.folder / f"{session}.lock")
            if not lock.tryLock(0):
                continue  # another running app's autosave
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                lock.unlock()
                continue
            meta_path = self.folder / f"{session}.json"
            found.append(Orphan(text, *_read_meta(meta_path, path), (path, meta_path), lock))
        return sorted(found, key=lambda orphan: orphan.saved_at, reverse=True)
