"""Autosave to a recovery file, and offer it back after a crash: nothing typed is lost.

Each running app owns a session in the recovery folder: `<id>.toml` (the project,
as `project_to_toml` writes it), `<id>.json` (which file it belongs to) and
`<id>.lock`, held while the app runs. A session whose lock can be taken belongs to
an app that died, so its project is offered at the next start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSaveFile, QStandardPaths, QTimer

from telepolicy.generator import Project, TelepolicyError, project_to_toml
from telepolicy.gui.document import Document

AUTOSAVE_INTERVAL_MS = 30_000
AUTOSAVE_DELAY_MS = 2_000  # after the last change
AUTOSAVE_END = "# end of the Telepolicy autosave"  # its last line: without it, the file was cut short


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


def _take(lock: QLockFile) -> bool:
    """Take a crashed app's lock; a lock file that names no process (garbage, cut short) is stale too."""
    if lock.tryLock(0):
        return True
    pid, _host, _app = lock.getLockInfo()
    return not pid and lock.removeStaleLockFile() and lock.tryLock(0)


def _aware(moment: dt.datetime) -> dt.datetime:
    """Times with and without a time zone compare: a naive time is the computer's local time."""
    return moment.astimezone() if moment.tzinfo is None else moment


def _read_meta(meta_path: Path, project_file: Path) -> tuple[Path | None, dt.datetime]:
    """The original file and the time of the autosave; the file's own time if the note is lost."""
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        saved_at = _aware(dt.datetime.fromisoformat(meta["saved_at"]))
        return (Path(meta["original"]) if meta["original"] else None), saved_at
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, dt.datetime.fromtimestamp(project_file.stat().st_mtime).astimezone()


@dataclass
class Orphan:
    """The autosave of an app that did not close normally, claimed by this app while it decides."""

    text: str
    original: Path | None
    saved_at: dt.datetime
    files: tuple[Path, ...]
    lock: QLockFile
    notes: tuple[str, ...] = ()  # what could not be recovered as it was

    def discard(self) -> None:
        """Delete the autosave; unlocking removes the lock file."""
        for path in self.files:
            path.unlink(missing_ok=True)
        self.lock.unlock()


class Recovery(QObject):
    def __init__(self, folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder or default_folder()
        self.session = f"{os.getpid()}-{time.time_ns()}"  # unique per running app
        self.unreadable: list[str] = []  # autosaves found but not offered, and why
        with contextlib.suppress(OSError):  # a folder that cannot be made: `available` below says so
            self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = _locked(self.folder / f"{self.session}.lock")
        # A data folder that cannot be written (read-only home, full disk): the app runs without autosave.
        self.available = self._lock.tryLock(0) and os.access(self.folder, os.W_OK)
        self._document: Document | None = None
        self._pending = False
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(AUTOSAVE_DELAY_MS)
        self._delay.timeout.connect(self.save_now)
        self._interval = QTimer(self)
        self._interval.setInterval(AUTOSAVE_INTERVAL_MS)
        self._interval.timeout.connect(self.save_now)
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
        if document is None or not self._pending or not document.modified or not self.available:
            return
        saved_at = dt.datetime.now(dt.UTC).isoformat()
        meta = {"original": str(document.path) if document.path else "", "saved_at": saved_at}
        if _write(self.project_file, project_to_toml(document.project) + f"\n{AUTOSAVE_END}\n"):
            _write(self.folder / f"{self.session}.json", json.dumps(meta))
            self._pending = False

    def discard(self) -> None:
        """The project is saved or closed: its autosave is no longer needed."""
        self._pending = False
        self._delay.stop()
        for suffix in (".toml", ".json"):
            try:
                (self.folder / f"{self.session}{suffix}").unlink(missing_ok=True)
            except OSError:
                pass  # a folder we cannot write holds no autosave of ours

    def close(self) -> None:
        """A clean exit: nothing to recover next time."""
        self.watch(None)
        self._interval.stop()
        self._lock.unlock()

    def orphans(self) -> list[Orphan]:
        """Autosaves of apps that crashed, newest first; each is locked by this app until discarded."""
        found: list[Orphan] = []
        self.unreadable = []
        try:
            paths = sorted(self.folder.glob("*.toml"))
        except OSError:
            return []
        for path in paths:
            session = path.stem
            if session == self.session:
                continue
            lock = _locked(self.folder / f"{session}.lock")
            if not _take(lock):
                continue  # another running app's autosave
            notes: list[str] = []
            try:
                data = path.read_bytes()
            except OSError as error:
                self.unreadable.append(f"{path.name}: {error.strerror or error}")
                lock.unlock()
                continue
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("utf-8", errors="replace")
                notes.append("Some characters of the autosave could not be read; they show as “\ufffd”.")
            if AUTOSAVE_END not in text:
                notes.append(
                    f"The autosave was cut short after {len(text.splitlines())} lines: what came after "
                    "(later answers, clause edits) was not saved and has its default value. Check the later "
                    "pages of the wizard and the clauses."
                )
            meta_path = self.folder / f"{session}.json"
            original, saved_at = _read_meta(meta_path, path)
            found.append(Orphan(text, original, saved_at, (path, meta_path), lock, tuple(notes)))
        return sorted(found, key=lambda orphan: orphan.saved_at, reverse=True)


def read_orphan(orphan: Orphan, parse: Callable[[str], Project]) -> tuple[Project, list[str]]:
    """The autosave's project, and what could not be recovered; a file cut short gives back what it has.

    Raises the parser's error when not even the beginning of the file is a project.
    """
    notes = list(orphan.notes)
    try:
        return parse(orphan.text), notes
    except TelepolicyError as first:
        lines = orphan.text.splitlines()
        for end in range(len(lines) - 1, 0, -1):
            try:
                project = parse("\n".join(lines[:end]) + "\n")
            except TelepolicyError:
                continue
            notes.append(f"Lines {end + 1} to {len(lines)} of the autosave could not be read and were left out.")
            return project, notes
        raise first
