"""GUI tests run offscreen, with settings, recovery files and app data in temporary folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported anywhere

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from telepolicy.generator import load_preset, project_to_toml
from telepolicy.gui.app import create_application
from telepolicy.gui.main_window import MainWindow
from telepolicy.gui.recovery import Recovery
from telepolicy.gui.settings import Settings

QStandardPaths.setTestModeEnabled(True)  # nothing the tests do reaches the user's real folders


@pytest.fixture(scope="session")
def qapp(qapp_args: list[str]) -> QApplication:
    """pytest-qt's application, named like the real one (settings and paths depend on it)."""
    return create_application(qapp_args)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def recovery_folder(tmp_path: Path) -> Path:
    return tmp_path / "recovery"


@pytest.fixture
def make_window(qtbot, settings: Settings, recovery_folder: Path) -> Iterator[Callable[[], MainWindow]]:
    """Windows as the app builds them; at the end, closed without prompts and with no render left running."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(settings, Recovery(recovery_folder))
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.ask_save_changes = lambda name: "discard"
        window.close()
        window.deleteLater()
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def window(make_window: Callable[[], MainWindow]) -> MainWindow:
    return make_window()


def wait_rendered(qtbot, window: MainWindow) -> None:
    """Until the preview shows the project as it is now."""
    qtbot.waitUntil(lambda: window.renderer.latest is not None and not window.renderer.busy, timeout=15_000)


@pytest.fixture
def stored_page(qtbot, make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, MainWindow]:
    """A project file (eu-voip-operator) opened and rendered in a first window, so the cache holds
    its page for the next window that opens it; the file and that first window."""
    monkeypatch.setenv("TELEPOLICY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TELEPOLICY_NO_CACHE", raising=False)
    path = tmp_path / "policy.toml"
    path.write_text(project_to_toml(load_preset("eu-voip-operator")), encoding="utf-8")
    first = make_window()
    first.session.open_project(path)
    wait_rendered(qtbot, first)
    return path, first


def answer_message_box(button: str, seen: list[str] | None = None, attempts: int = 250) -> None:
    """Click a button of the next message box (it runs its own event loop), noting its texts in `seen`."""

    def attempt(left: int) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            if seen is not None:
                seen.extend([box.text(), box.informativeText()])
            for candidate in box.buttons():
                if candidate.text().replace("&", "") == button:
                    candidate.click()
                    return
            raise AssertionError(f"no button {button!r} in {[b.text() for b in box.buttons()]}")
        if left:
            QTimer.singleShot(20, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(attempts))
