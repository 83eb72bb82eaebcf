"""Files: save and reopen, the unsaved-changes prompt, recent files and geometry, crash recovery."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, Qt

from telepolicy.generator import ClauseEdit, CustomClause, load_project
from telepolicy.gui.main_window import MainWindow
from tests.gui.conftest import answer_message_box

PRESET = "global-cpaas-bcr"


def _save_as(window: MainWindow, path: Path) -> None:
    window.ask_save_path = lambda suggested: path
    window.save_as_action.trigger()


def test_save_reopen_and_compare(qtbot, make_window: Callable[[], MainWindow], tmp_path: Path):
    window = make_window()
    window.session.new_project(PRESET)
    document = window.session.document
    name = window.wizard.editor("company.trading_name").input
    qtbot.keyClick(name, Qt.Key.Key_End)  # an answer is shown from its start; End goes to its end
    qtbot.keyClicks(name, " Global")
    document.set_omitted("contact.dpo", True)
    document.edit_clause("cookies.strictly_necessary", "Only the cookies we need.", "library text", "abc123")
    document.add_custom_clause("security", "Bug bounty", "We reward reports of security flaws.")
    assert window.isWindowModified()
    assert window.windowTitle() == "Untitled[*] — Telepolicy"

    target = tmp_path / "policy"
    _save_as(window, target)
    saved = tmp_path / "policy.toml"
    assert saved.is_file()
    assert document.path == saved
    assert not window.isWindowModified()
    assert window.windowTitle() == "policy[*] — Telepolicy"
    assert load_project(saved).answers == document.project.answers, "the saved file loads from the command line"

    reopened = make_window()
    reopened.session.open_project(saved)
    project = reopened.session.document.project
    assert project.answers == document.project.answers
    assert project.clause_edits == document.project.clause_edits
    assert project.clause_edits["contact.dpo"] == ClauseEdit(omit=True)
    assert project.custom_clauses == [
        CustomClause("custom.bug-bounty", "security", "Bug bounty", "We reward reports of security flaws.", 1000)
    ]
    assert reopened.wizard.editor("company.trading_name").input.text() == "Meridian Global"
    assert not reopened.isWindowModified()


def test_closing_with_unsaved_changes_asks(qtbot, window: MainWindow, tmp_path: Path):
    window.session.new_project(PRESET)
    window.session.document.set_answer("policy.version", "8.0")
    seen: list[str] = []
    answer_message_box("Cancel", seen)
    assert not window.close(), "Cancel keeps the window open"
    assert window.isVisible()
    assert window.session.document.answer("policy.version") == "8.0"
    assert "Save the changes to “Untitled”?" in seen

    window.ask_save_path = lambda suggested: tmp_path / "kept.toml"
    answer_message_box("Save")
    assert window.close()
    assert load_project(tmp_path / "kept.toml").answers["policy.version"] == "8.0"


def test_an_unsaved_blank_project_reopens(qtbot, make_window: Callable[[], MainWindow], tmp_path: Path):
    """A project saved before its required answers are given still opens, with findings to fix."""
    window = make_window()
    window.session.new_project(None)
    _save_as(window, tmp_path / "draft.toml")
    reopened = make_window()
    seen: list[str] = []
    answer_message_box("OK", seen)  # the answers still missing are listed
    assert reopened.session.open_project(tmp_path / "draft.toml")
    assert reopened.session.document.answer("company.legal_name") == ""


def test_recent_files_and_geometry_are_remembered(qtbot, make_window: Callable[[], MainWindow], tmp_path: Path):
    window = make_window()
    window.session.new_project(PRESET)
    _save_as(window, tmp_path / "one.toml")
    window.setGeometry(QRect(20, 30, 700, 500))
    window.close()

    again = make_window()
    assert [action.text() for action in again.recent_menu.actions()] == ["&1 one.toml"]
    assert again.size().width() == 700
    assert again.size().height() == 500
    again.session.start(None)
    assert again.start_page.recent.item(0).text().startswith("one.toml")
    again.recent_menu.actions()[0].trigger()
    assert again.session.document.path == (tmp_path / "one.toml").resolve()


CRASH = """
import os
from pathlib import Path
from PySide6.QtCore import QSettings
from telepolicy.gui.app import create_application
from telepolicy.gui.main_window import MainWindow
from telepolicy.gui.recovery import Recovery
from telepolicy.gui.settings import Settings

app = create_application([])
window = MainWindow(Settings(QSettings({settings!r}, QSettings.Format.IniFormat)), Recovery(Path({folder!r})))
window.show()
window.session.new_project("{preset}")
window.wizard.editor("company.legal_name").input.setFocus()
window.session.document.set_answer("company.legal_name", "Typed Before The Crash Ltd", typing=True)
window.session.recovery.save_now()
os._exit(3)
"""


def test_after_a_crash_the_next_start_offers_the_autosave(
    qtbot, make_window: Callable[[], MainWindow], tmp_path: Path, recovery_folder: Path
):
    code = CRASH.format(settings=str(tmp_path / "crash.ini"), folder=str(recovery_folder), preset=PRESET)
    crashed = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True)
    assert crashed.returncode == 3, crashed.stderr
    assert len(list(recovery_folder.glob("*.toml"))) == 1

    window = make_window()
    seen: list[str] = []
    answer_message_box("Restore", seen)
    window.session.start(None)
    document = window.session.document
    assert document is not None
    assert document.answer("company.legal_name") == "Typed Before The Crash Ltd"
    assert window.isWindowModified(), "restored work is not saved yet"
    assert any("Restore your unsaved work" in text for text in seen)
    assert [p.stem for p in recovery_folder.glob("*.toml")] == [window.session.recovery.session]

    window.ask_save_path = lambda suggested: tmp_path / "recovered.toml"
    window.save_action.trigger()
    assert list(recovery_folder.glob("*.toml")) == [], "a saved project needs no recovery file"
    window.close()
    assert make_window().session.recovery.orphans() == [], "a clean exit leaves nothing to recover"
