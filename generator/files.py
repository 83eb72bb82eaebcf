"""Reading and writing files safely: bounded reads of regular files only, atomic writes.

A reader never sees half a file and a failure leaves the old one. A write through a
symbolic link replaces the file the link points to (the link stays), keeps the file's
mode and, where the system allows, its owner. Temporary files left by a killed save
(`.NAME.XXXXXXXX.tmp`) are removed by the next save of the same file. `write_all` writes
several outputs all or none, and never over an input.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

# A temporary file older than this is a leftover of a killed save, not a save in progress.
LEFTOVER_AGE = 60.0


class UnreadableFileError(OSError):
    """The path is not a regular file (a folder, device, FIFO or socket) or is too large."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; never blocks on a FIFO or device.

    Raises UnreadableFileError with a message a user can act on; other OSErrors (missing file,
    permissions, a symbolic link loop) pass through.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            kind = "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "a pipe or socket"
            raise UnreadableFileError(f"is {kind}, not a file; give the path of a text file")
        if info.st_size > limit:
            raise UnreadableFileError(f"is {info.st_size:,} bytes; the limit is {limit:,}")
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(descriptor, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise UnreadableFileError(f"is more than {limit:,} bytes; the limit is {limit:,}")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync it, then rename it over `path`.

    A symbolic link is followed: the file it points to is replaced and the link kept.
    """
    path = Path(os.path.realpath(path)) if Path(path).is_symlink() else Path(path)
    previous = _stat_or_none(path)
    mode = stat.S_IMODE(previous.st_mode) if previous else _default_mode()
    _remove_leftovers(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, mode)
        if previous is not None and hasattr(os, "chown"):
            try:
                os.chown(temp_name, previous.st_uid, previous.st_gid)
            except PermissionError:
                pass  # only the owner's group or root can keep another owner; the mode is kept
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):
        directory = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _default_mode() -> int:
    """0o666 less the umask, as for any new file (mkstemp's 0o600 would hide published policies)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _remove_leftovers(path: Path) -> None:
    """Delete this file's temporaries from killed saves (older than LEFTOVER_AGE seconds)."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.[A-Za-z0-9_]{{8}}\.tmp$")
    now = time.time()
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if not pattern.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > LEFTOVER_AGE:
                os.unlink(entry.path)
        except OSError:
            continue


class ProtectedFileError(OSError):
    """An output would replace one of the inputs (the project file, a clause file)."""


def write_all(files: dict[Path, bytes], protect: Iterable[Path] = ()) -> list[Path]:
    """Write every file or none: all go to temporary names first, then each is renamed into place.

    A failure while writing leaves no output changed; a failure while renaming (very rare: the
    temporaries sit in the same folders) puts back the files already replaced. An output that
    would replace a file in `protect` is refused before anything is written.
    """
    protected = {_identity(Path(p)) for p in protect}
    targets = [Path(os.path.realpath(p)) if Path(p).is_symlink() else Path(p) for p in files]
    for given, target in zip(files, targets, strict=True):
        if _identity(target) in protected:
            raise ProtectedFileError(f"{given} is an input of this render; it would be overwritten")
    staged: list[tuple[Path, str, int, os.stat_result | None]] = []
    try:
        for target, data in zip(targets, files.values(), strict=True):
            previous = _stat_or_none(target)
            _remove_leftovers(target)
            handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append(
                (target, temp_name, stat.S_IMODE(previous.st_mode) if previous else _default_mode(), previous)
            )
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp_name, staged[-1][2])
    except BaseException:
        for _, temp_name, _, _ in staged:
            Path(temp_name).unlink(missing_ok=True)
        raise
    backups: list[tuple[Path, Path | None]] = []
    try:
        for target, temp_name, _, previous in staged:
            backup = None
            if previous is not None:
                backup = Path(f"{temp_name}.old")
                os.link(target, backup)
            os.replace(temp_name, target)
            backups.append((target, backup))
    except BaseException:
        for target, backup in reversed(backups):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        for _, temp_name, _, _ in staged:
            Path(temp_name).unlink(missing_ok=True)
            Path(f"{temp_name}.old").unlink(missing_ok=True)
        raise
    for _, backup in backups:
        if backup is not None:
            backup.unlink(missing_ok=True)
    return list(files)


def _identity(path: Path) -> tuple[int, int] | str:
    """The same file under any name: device and inode when it exists, else its resolved path."""
    try:
        info = path.stat()
        return (info.st_dev, info.st_ino)
    except OSError:
        return str(path.resolve())
