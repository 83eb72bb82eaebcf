"""Start-up: the window paints with the project's preview first, and is completed right after."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from telepolicy.generator import load_preset, project_to_toml
from telepolicy.gui.main_window import MainWindow
from telepolicy.gui.preview import Renderer
from tests.gui.conftest import wait_rendered

# A fresh process, as `telepolicy-gui FILE` starts: what exists when the window first paints.
FIRST_PAINT = """
import enum, json, sys
from pathlib import Path

created = []
create = enum.EnumType._create_
def noting(cls, name, *args, **kwargs):
    created.append(name)
    return create(cls, name, *args, **kwargs)
enum.EnumType._create_ = noting

from telepolicy.gui.app import create_application
from telepolicy.gui.main_window import MainWindow
from telepolicy.gui.recovery import Recovery
from telepolicy.gui.settings import Settings
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDockWidget

app = create_application(sys.argv[:1])
window = MainWindow(Settings(), Recovery(Path(sys.argv[2])))
window.show()
seen = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and window.preview.html and not seen:
            seen.update(
                qt_enums="DockWidgetArea" in created,
                docks=window.findChild(QDockWidget) is not None,
                wizard_waiting=window.wizard.waiting,
            )
        return False

painted = FirstPaint()
window.preview.browser.viewport().installEventFilter(painted)
QTimer.singleShot(0, lambda: window.session.start(Path(sys.argv[1])))

def done(_snapshot):
    seen["docks_after"] = window.findChild(QDockWidget, "findingsDock").isVisible()
    seen["wizard_after"] = not window.wizard.waiting
    print(json.dumps(seen), flush=True)
    window.session.document.undo_stack.setClean()
    app.quit()

window.renderer.snapshot_ready.connect(done)
app.exec()
"""


@pytest.fixture
def stored_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project file whose page the cache already holds (as after its first start)."""
    monkeypatch.setenv("TELEPOLICY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TELEPOLICY_NO_CACHE", raising=False)
    path = tmp_path / "policy.toml"
    path.write_text(project_to_toml(load_preset("eu-voip-operator")), encoding="utf-8")
    return path


def test_the_first_paint_shows_the_preview_before_the_docks_and_the_qt_enums_are_made(
    qtbot, make_window, stored_page: Path, tmp_path: Path
):
    first = make_window()
    first.session.open_project(stored_page)
    wait_rendered(qtbot, first)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    child = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(stored_page), str(tmp_path / "recovery")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    seen = json.loads(child.stdout.splitlines()[-1])
    assert seen == {
        "qt_enums": False,  # PySide6 makes all of Qt's `Qt` enums at once, about 40 ms, on first use
        "docks": False,
        "wizard_waiting": True,
        "docks_after": True,
        "wizard_after": True,
    }


def test_the_docks_come_after_the_first_paint_where_they_were_left(qtbot, make_window, stored_page: Path, settings):
    first = make_window()
    first.session.open_project(stored_page)
    qtbot.waitUntil(lambda: first.findChild(QDockWidget, "findingsDock") is not None)
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.findings_dock)
    first.close()
    saved = settings.window_state()

    unpainted = make_window()
    unpainted.session.open_project(stored_page)
    assert unpainted.findChild(QDockWidget) is None, "not made before the window has painted"
    unpainted.close()
    assert settings.window_state() == saved, "closed before the docks were made: their place is kept"

    window = make_window()
    window.session.open_project(stored_page)
    qtbot.waitUntil(lambda: window.findChild(QDockWidget, "findingsDock") is not None)
    assert window.dockWidgetArea(window.findings_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.findings_dock.isVisible()


def test_at_start_the_render_waits_for_the_wizard_and_the_docks(
    qtbot, make_window, stored_page: Path, monkeypatch: pytest.MonkeyPatch
):
    first = make_window()
    first.session.open_project(stored_page)
    wait_rendered(qtbot, first)
    started: list[tuple[bool, bool]] = []  # at each render's start: the wizard waits, the docks are made
    start = Renderer._start

    def noting(renderer: Renderer) -> None:
        window = renderer.parent()
        assert isinstance(window, MainWindow)
        started.append((window.wizard.waiting, window.findChild(QDockWidget, "findingsDock") is not None))
        start(renderer)

    window = make_window()

    monkeypatch.setattr(Renderer, "_start", noting)
    window.session.open_project(stored_page)
    assert window.preview.html, "the stored page is shown"
    wait_rendered(qtbot, window)
    assert started == [(False, True)], "rendered once, after the wizard's page and the docks were made"

    window.session.document.undo_stack.setClean()
    other = stored_page.with_name("other.toml")
    other.write_text(project_to_toml(load_preset("us-local-carrier")), encoding="utf-8")
    window.session.open_project(other)  # the window is complete: nothing to wait for
    assert window.renderer.busy
    wait_rendered(qtbot, window)
    assert len(started) == 2

    monkeypatch.setenv("TELEPOLICY_NO_CACHE", "1")  # no stored page: the window paints "Rendering the policy…"
    fresh = make_window()
    started.clear()
    fresh.session.open_project(stored_page)
    assert not fresh.preview.html
    wait_rendered(qtbot, fresh)
    assert started == [(False, True)]
