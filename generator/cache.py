"""The on-disk cache: checked clause libraries, rendered clauses, command results and printed PDFs, kept between runs.

Entries live in the user cache folder (`$XDG_CACHE_HOME/telepolicy` or `~/.cache/telepolicy`
on Linux, `~/Library/Caches/telepolicy` on macOS, `%LOCALAPPDATA%\\telepolicy\\Cache` on
Windows; `TELEPOLICY_CACHE_DIR` overrides it). Every key includes the program's fingerprint,
so a new version never reads an old entry. Entries are written to a temporary file and
renamed into place, so concurrent writers never leave half a file; each carries a checksum
of its content, and an entry that is damaged or unreadable is ignored and rebuilt, never an
error. `TELEPOLICY_NO_CACHE=1` (or `--no-cache`) turns the cache off; `telepolicy cache clear`
removes it.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import pickle
import re
import sys
import time
from collections.abc import Callable, Iterable
from fnmatch import translate
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from jinja2.bccache import BytecodeCache


def _note(message: str, *args: object) -> None:
    """Say at INFO level why an entry was ignored or not written (logging is imported only then)."""
    import logging

    logging.getLogger(__name__).info(message, *args)


ENV_OFF = "TELEPOLICY_NO_CACHE"
ENV_DIR = "TELEPOLICY_CACHE_DIR"
MAGIC = b"telepolicy-cache-1\n"
DIGEST = hashlib.sha256().digest_size
# Entries kept per kind; the oldest written go first.
LIMITS = {
    "library": 16,
    "result": 32,
    "countries": 4,
    "manifest": 16,
    "pdf": 64,
    "html": 8,
    "jinja": 64,
    "clause-code": 8,
    "respell": 8,
    "safe-markdown": 8,
}
# A file whose modification time is this close to when it was hashed is hashed again next
# time: an edit in the same clock tick would otherwise keep the same size and time.
RACY_NS = 2_000_000_000

_switched_off = False
V = TypeVar("V")
_manifests: dict[str, dict[str, tuple[int, int, int, str]]] = {}  # this process's view of the files


def enabled() -> bool:
    """False under `--no-cache` or TELEPOLICY_NO_CACHE set to anything but 0/false/no."""
    value = os.environ.get(ENV_OFF, "").strip().lower()
    return not _switched_off and value in ("", "0", "false", "no", "off")


def switch_off() -> None:
    """Turn the cache off for this process and the worker processes it starts."""
    global _switched_off
    _switched_off = True
    os.environ[ENV_OFF] = "1"


def cache_dir() -> Path:
    """The user's cache folder for Telepolicy, by the platform's conventions."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "telepolicy" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "telepolicy"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "telepolicy"


def clear() -> Path:
    """Remove every entry; returns the folder that was cleared."""
    import shutil

    folder = cache_dir()
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def _entry(kind: str, key: str) -> Path:
    return cache_dir() / kind / f"{key}.bin"


def read(kind: str, key: str) -> bytes | None:
    """The stored bytes, or None when absent, unreadable or damaged (the entry is then removed)."""
    if not enabled():
        return None
    path = _entry(kind, key)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC)
    payload = data[head + DIGEST :]
    if data[:head] == MAGIC and data[head : head + DIGEST] == hashlib.sha256(payload).digest():
        return payload
    _note("ignoring a damaged cache entry %s", path)
    path.unlink(missing_ok=True)
    return None


def write(kind: str, key: str, payload: bytes) -> None:
    """Store the bytes atomically; a cache that cannot be written is skipped, never an error."""
    if not enabled():
        return
    folder = cache_dir() / kind
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = str(folder / f".{key}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
        with open(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as stream:
            stream.write(MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(temp, folder / f"{key}.bin")
        temp = None
        _prune(folder, LIMITS.get(kind, 16))
    except OSError as error:
        _note("cache not written (%s): %s", folder, error)
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def _prune(folder: Path, limit: int) -> None:
    entries = []
    for entry in os.scandir(folder):
        try:
            entries.append((entry.stat().st_mtime_ns, entry.path))
        except OSError:
            continue
    for _, path in sorted(entries)[: max(0, len(entries) - limit)]:
        Path(path).unlink(missing_ok=True)


def read_object(kind: str, key: str) -> Any | None:
    """An unpickled entry, or None; an entry written by other code is ignored, never an error."""
    payload = read(kind, key)
    if payload is None:
        return None
    try:
        return pickle.loads(payload)
    except Exception as error:  # any damage or stale class layout means: rebuild
        _note("ignoring a cache entry that cannot be loaded: %s", error)
        _entry(kind, key).unlink(missing_ok=True)
        return None


def write_object(kind: str, key: str, value: Any) -> None:
    write(kind, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@lru_cache(maxsize=32)
def installed(package: str) -> str:
    """What identifies an installed package, without importing it or importlib.metadata (slow to import).

    The names of its distribution's metadata folders carry the version, and the size and time of
    its `__init__.py` change with every reinstall.
    """
    from importlib.util import find_spec

    spec = find_spec(package)
    if spec is None or spec.origin is None:
        return f"{package} missing"
    origin = Path(spec.origin)
    try:
        stat = origin.stat()
    except OSError:  # inside an archive, as in a frozen app: the version is the program's
        return f"{package} {origin}"
    site = origin.parent.parent
    prefix = package.lower().replace("-", "_") + "-"
    try:
        metadata = sorted(name for name in os.listdir(site) if name.lower().startswith(prefix))
    except OSError:
        metadata = []
    return f"{package} {origin} {stat.st_size} {stat.st_mtime_ns} {' '.join(metadata)}"


@lru_cache(maxsize=1)
def program_key() -> str:
    """The program's identity: version, Python, the libraries that shape outputs and this code.

    The sizes and times of the generator's own sources are part of it, so a developer's
    change to the checks or the rendering is never hidden behind an old entry. A running
    program does not change, so this is worked out once per process.
    """
    from telepolicy.generator import version

    parts = [version.__version__, sys.version, *(installed(name) for name in ("jinja2", "markdown", "markupsafe"))]
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        parts.append(f"{path.relative_to(package).as_posix()} {stat.st_size} {stat.st_mtime_ns}")
    return digest(*parts)


def _files(folder: Path, patterns: tuple[str, ...]) -> list[tuple[str, str, os.stat_result]]:
    """(name relative to the folder, path, stat) of each regular file a pattern matches, sorted:
    a glob (`*.md`) in every subfolder, as Path.rglob finds it; a plain name in the folder itself.

    The app checks the library's files before every preview render, so this is one scandir per
    folder and one stat per matching file, with the globs as one regular expression."""
    case = re.IGNORECASE if os.path.normcase("A") == "a" else 0  # as fnmatch matches on this platform
    globs = re.compile("|".join(translate(p) for p in patterns if p.startswith("*")) or "(?!)", case)
    names = {p for p in patterns if not p.startswith("*")}
    found: list[tuple[str, str, os.stat_result]] = []
    seen: set[tuple[int, int]] = set()  # folders walked, so a link back up the tree is not followed

    def walk(directory: str, inside: str) -> None:
        try:
            stat = os.stat(directory)
            if (stat.st_dev, stat.st_ino) in seen:
                return
            seen.add((stat.st_dev, stat.st_ino))
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            return
        subfolders = []
        for entry in entries:
            try:
                if entry.is_dir():
                    subfolders.append(entry)
                    continue
                if (inside or entry.name not in names) and not globs.match(entry.name):
                    continue
                stat = entry.stat()
            except OSError:
                continue
            if S_ISREG(stat.st_mode):
                found.append((f"{inside}/{entry.name}" if inside else entry.name, entry.path, stat))
        for entry in subfolders:
            walk(entry.path, f"{inside}/{entry.name}" if inside else entry.name)

    walk(str(folder), "")
    return sorted(found)


def folders_key(folders: Iterable[tuple[Path, tuple[str, ...]]]) -> str:
    """A key for the files of some folders: their names and the hashes of their content.

    Each (folder, patterns) pair lists the files that matter, by glob (`*.md`, searched in
    subfolders too) or by name. A content hash is reused from the last run only when the
    file's size and modification time are unchanged and the file was not modified within
    two seconds before that hash was taken; every other file is read and hashed again.
    """
    folders = [(Path(folder).resolve(), patterns) for folder, patterns in folders]
    manifest_key = digest(*(str(folder) for folder, _ in folders))
    manifest = _manifests.get(manifest_key)
    if manifest is None:
        stored = read_object("manifest", manifest_key) if enabled() else None
        manifest = stored if isinstance(stored, dict) else {}
    updated: dict[str, tuple[int, int, int, str]] = {}
    parts: list[str] = []
    for folder, patterns in folders:
        parts.append(f"folder {folder}")
        if not folder.is_dir():
            parts.append("missing")
            continue
        for relative, name, stat in _files(folder, patterns):
            known = manifest.get(name)
            if (
                isinstance(known, tuple)
                and known[:2] == (stat.st_size, stat.st_mtime_ns)
                and stat.st_mtime_ns + RACY_NS < known[2]
            ):
                updated[name] = known
            else:
                try:
                    content = Path(name).read_bytes()
                except OSError:
                    continue
                updated[name] = (stat.st_size, stat.st_mtime_ns, time.time_ns(), hashlib.sha256(content).hexdigest())
            parts.append(f"{relative} {updated[name][3]}")
    if updated != manifest:
        write_object("manifest", manifest_key, updated)
    _manifests[manifest_key] = updated
    return digest(*parts)


class StoredMap(Generic[V]):
    """Text to a value, kept in one cache entry per program: loaded on first use, saved when it grew.

    For results that depend on their text alone, like a clause's HTML made from its Markdown.
    Concurrent savers may each drop the other's new items: a later run adds them again.
    """

    def __init__(self, kind: str, limit: int = 5000, value_type: type[V] = str) -> None:  # type: ignore[assignment]
        self.kind, self.limit, self.value_type = kind, limit, value_type
        self._items: dict[str, V] | None = None
        self._used: dict[str, V] = {}
        self._new: dict[str, V] = {}
        atexit.register(self.save)

    def _loaded(self) -> dict[str, V]:
        if self._items is None:
            stored = read_object(self.kind, program_key()) if enabled() else None
            self._items = stored if isinstance(stored, dict) else {}
        return self._items

    def get(self, text: str) -> V | None:
        value = self._loaded().get(text)
        if isinstance(value, self.value_type):
            self._used[text] = value
            return value
        return None

    def put(self, text: str, value: V) -> None:
        self._loaded()[text] = self._used[text] = self._new[text] = value

    def save(self, *, least: int = 1) -> None:
        """Write the items added since the last save, merged with what other processes saved;
        with `least`, only once that many are new (the rest are saved at exit)."""
        if len(self._new) < least and enabled():
            return
        if not self._new or not enabled():
            self._new.clear()
            return
        stored = read_object(self.kind, program_key())
        merged = stored if isinstance(stored, dict) else {}
        merged.update(self._new)
        if len(merged) > self.limit:  # start again from what this process used
            merged = dict(self._used)
        write_object(self.kind, program_key(), merged)
        self._items = merged
        self._new.clear()


def jinja_bytecode_cache() -> BytecodeCache | None:
    """Jinja's bytecode cache for the page templates, stored in this cache; None when it is off.

    Jinja checks each entry against its template's source, so an edited template is compiled again.
    """
    if not enabled():
        return None
    from jinja2.bccache import Bucket, BytecodeCache

    class Stored(BytecodeCache):
        def load_bytecode(self, bucket: Bucket) -> None:
            data = read("jinja", digest(program_key(), bucket.key))
            if data is not None:
                try:
                    bucket.bytecode_from_string(data)
                except Exception:  # damaged: compile again
                    bucket.reset()

        def dump_bytecode(self, bucket: Bucket) -> None:
            write("jinja", digest(program_key(), bucket.key), bucket.bytecode_to_string())

    return Stored()


def stored(kind: str, limit: int = 20000) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Memoise a pure function of strings to a string: in memory, and in the user cache between runs.

    For the text transforms every render repeats on unchanged clauses (spelling, Markdown
    sanitising); the program's key covers the function's code, so a changed one starts afresh.
    """

    def decorate(function: Callable[..., str]) -> Callable[..., str]:
        store: StoredMap[str] = StoredMap(kind, limit)
        memo: dict[tuple[Any, ...], str] = {}

        @functools.wraps(function)
        def wrapper(*args: Any) -> str:
            value = memo.get(args)
            if value is None:
                if not all(isinstance(arg, str) for arg in args):
                    return function(*args)
                key = "\0".join(args)
                value = store.get(key)
                if value is None:
                    value = function(*args)
                    store.put(key, value)
                if len(memo) >= limit:
                    memo.clear()
                memo[args] = value
            return value

        return wrapper

    return decorate
