"""Every user setting and its default in one place, behind typed accessors (ReText style)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8
DEFAULT_EXPORT_FORMATS = ("md", "html", "pdf")


def _resolved(path: Path) -> Path:
    """The file's real path; its absolute path when it cannot be resolved (a symbolic link loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


class Settings:
    """Typed wrapper over QSettings, so no other module spells a key or a default."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    def sync(self) -> None:
        self._store.sync()

    # --- recent files ------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Recent project files, newest first; files that have gone are dropped."""
        names = self._store.value("files/recent", [], type=list) or []
        return [Path(str(name)) for name in list(names) if Path(str(name)).is_file()]  # type: ignore[call-overload]

    def add_recent_file(self, path: Path) -> None:
        names = [str(_resolved(path))] + [str(p) for p in self.recent_files() if _resolved(p) != _resolved(path)]
        self._store.setValue("files/recent", names[:MAX_RECENT])

    def remove_recent_file(self, path: Path) -> None:
        gone = _resolved(path)
        self._store.setValue("files/recent", [str(p) for p in self.recent_files() if _resolved(p) != gone])

    def last_folder(self) -> str:
        return str(self._store.value("files/last_folder", str(Path.home())))

    def set_last_folder(self, folder: Path) -> None:
        self._store.setValue("files/last_folder", str(folder))

    # --- window ------------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)

    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, state: QByteArray) -> None:
        self._store.setValue("window/state", state)

    def splitter_state(self) -> QByteArray | None:
        value = self._store.value("window/splitter")
        return value if isinstance(value, QByteArray) else None

    def set_splitter_state(self, state: QByteArray) -> None:
        self._store.setValue("window/splitter", state)

    # --- export ------------------------------------------------------------------

    def export_formats(self) -> list[str]:
        stored = self._store.value("export/formats", list(DEFAULT_EXPORT_FORMATS), type=list) or []
        formats = [str(f) for f in stored] if isinstance(stored, list) else []
        return [f for f in formats if f in DEFAULT_EXPORT_FORMATS] or list(DEFAULT_EXPORT_FORMATS)

    def set_export_formats(self, formats: list[str]) -> None:
        self._store.setValue("export/formats", list(formats))

    def export_folder(self) -> str:
        return str(self._store.value("export/folder", ""))

    def set_export_folder(self, folder: Path) -> None:
        self._store.setValue("export/folder", str(folder))
