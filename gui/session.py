"""The application's logic: new, open, save, close and crash recovery (Mu / git-cola style).

It receives the view through the small `View` interface below, so the logic runs
in tests with a fake view, and the window only draws and asks.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from telepolicy.generator import (
    FIELDS,
    FIELDS_BY_KEY,
    Problem,
    Project,
    TelepolicyError,
    load_preset,
    load_project,
    new_project,
    parse_project,
    save_project,
)
from telepolicy.gui.dialogs import RestoreChoice, SaveChoice
from telepolicy.gui.document import Document
from telepolicy.gui.recovery import Recovery, read_orphan
from telepolicy.gui.settings import Settings


class View(Protocol):
    def show_document(self, document: Document | None) -> None: ...
    def ask_open_path(self, folder: str) -> Path | None: ...
    def ask_save_path(self, suggested: Path) -> Path | None: ...
    def ask_save_changes(self, name: str) -> SaveChoice: ...
    def ask_restore(self, name: str, saved_at: dt.datetime) -> RestoreChoice: ...
    def show_problems(self, summary: str, advice: str, problems: list[str], error: bool = True) -> None: ...


def blank_project_answers() -> dict[str, str]:
    """Required text answers start empty, not missing, so the wizard can show and flag them."""
    return {f.key: "" for f in FIELDS if f.required and f.kind != "date"}


def _lines(problems: list[Problem]) -> list[str]:
    """Problems in the user's words: the question's label and line, not the file's key."""
    lines = []
    for problem in problems:
        field = FIELDS_BY_KEY.get(problem.key)
        where = field.label if field else problem.key
        if problem.line is not None:
            where = f"{where} (line {problem.line})" if where else f"line {problem.line}"
        lines.append(f"{where}: {problem.message}" if where else problem.message)
    return lines


class Session(QObject):
    document_changed = Signal(object)  # Document | None
    recent_changed = Signal()

    def __init__(self, view: View, settings: Settings, recovery: Recovery, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.settings = settings
        self.recovery = recovery
        self.document: Document | None = None

    def start(self, path: Path | None = None) -> None:
        """Offer crashed work back first; then open the file asked for, or show the start page."""
        if self.restore_orphans():
            return
        if path is not None:
            self.open_project(path)
        else:
            self._set_document(None)

    def restore_orphans(self) -> bool:
        orphans = self.recovery.orphans()
        if self.recovery.unreadable:
            self.view.show_problems(
                "Some unsaved work from an earlier session cannot be read.",
                "These autosaves are left where they are:",
                self.recovery.unreadable,
                error=False,
            )
        for orphan in orphans:
            name = orphan.original.stem if orphan.original else "Untitled"
            choice = self.view.ask_restore(name, orphan.saved_at)
            if choice == "discard":
                orphan.discard()
            if choice != "restore":
                continue
            try:
                parse = partial(parse_project, path=orphan.original, lenient=True)
                project, notes = read_orphan(orphan, parse)
            except TelepolicyError as error:
                self.view.show_problems("The recovered project cannot be read.", "", _lines(error.problems))
                continue
            document = Document(project, orphan.original)
            document.mark_unsaved()
            self._set_document(document)
            if notes:
                self.view.show_problems(
                    "Your work was restored, but not all of it.", "Check what is listed here:", notes, error=False
                )
            self.recovery.save_now()  # it is ours now; the crashed app's copy can go
            orphan.discard()
            return True
        return False

    # --- new and open -------------------------------------------------------------

    def new_project(self, preset: str | None = None, answers: dict[str, Any] | None = None) -> bool:
        """A project from a preset, or a blank one with the `answers` known so far (the operator's country)."""
        if not self.close_project():
            return False
        try:
            blank = {**blank_project_answers(), **(answers or {})}
            project = load_preset(preset, fresh_dates=True) if preset else new_project(blank)
        except TelepolicyError as error:
            self.view.show_problems("The preset cannot be loaded.", "Choose another preset.", _lines(error.problems))
            return False
        self._set_document(Document(project))
        return True

    def open_project(self, path: Path | None = None) -> bool:
        if path is None:
            path = self.view.ask_open_path(self.settings.last_folder())
            if path is None:
                return False
        if not self.close_project():
            return False
        try:
            project = load_project(path, lenient=True)
        except (TelepolicyError, OSError, UnicodeDecodeError) as error:
            problems = _lines(error.problems) if isinstance(error, TelepolicyError) else [str(error)]
            self.view.show_problems(
                f"“{path.name}” cannot be opened.", "Check that it is a Telepolicy project file (.toml).", problems
            )
            self.settings.remove_recent_file(path)
            self.recent_changed.emit()
            return False
        self._opened(project, path)
        return True

    def _opened(self, project: Project, path: Path) -> None:
        document = Document(project, path)
        if project.set_aside:
            self.view.show_problems(
                f"“{path.name}” has answers that are not valid.",
                "They are set aside and kept in the file as they are until you answer them again in the wizard; "
                "the Findings list shows each one.",
                _lines(project.problems),
                error=False,
            )
        self.settings.add_recent_file(path)
        self.settings.set_last_folder(path.parent)
        self.recent_changed.emit()
        self._set_document(document)

    # --- save and close -----------------------------------------------------------

    def save(self) -> bool:
        document = self.document
        if document is None:
            return False
        if document.path is None:
            return self.save_as()
        return self._save_to(document, document.path)

    def save_as(self) -> bool:
        document = self.document
        if document is None:
            return False
        suggested = document.path or Path(self.settings.last_folder()) / "privacy-policy.toml"
        path = self.view.ask_save_path(suggested)
        if path is None:
            return False
        if path.suffix.lower() != ".toml":
            path = path.with_name(path.name + ".toml")
        return self._save_to(document, path)

    def _save_to(self, document: Document, path: Path) -> bool:
        try:
            save_project(document.project, path)
        except OSError as error:
            self.view.show_problems(
                f"“{path.name}” could not be saved.",
                "Your work is still open and autosaved. Save it in another folder with File ▸ Save As.",
                [error.strerror or str(error)],
            )
            return False
        document.mark_saved(path)
        self.settings.add_recent_file(path)
        self.settings.set_last_folder(path.parent)
        self.recent_changed.emit()
        return True

    def close_project(self) -> bool:
        """Ask about unsaved changes; False when the user cancels."""
        document = self.document
        if document is None or not document.modified:
            return True
        choice = self.view.ask_save_changes(document.name)
        if choice == "save":
            return self.save()
        return choice == "discard"

    def quit(self) -> bool:
        if not self.close_project():
            return False
        self.recovery.close()
        self.settings.sync()
        return True

    def _set_document(self, document: Document | None) -> None:
        self.document = document
        self.recovery.watch(document)
        self.view.show_document(document)
        self.document_changed.emit(document)
