"""Export (cancel, errors), the findings panel, and the preview's guard against stale renders."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt

from telepolicy.generator import AnswerTarget, ClauseTarget, CustomClauseTarget, ExportError
from telepolicy.gui.main_window import MainWindow
from telepolicy.gui.snapshot import Snapshot
from tests.gui.conftest import answer_message_box, wait_rendered


def _export_dialog(window: MainWindow, folder: Path, formats: set[str]):
    window.session.new_project("us-carrier-eea")
    window.export_action.trigger()
    dialog = window.export_dialog
    for fmt, box in dialog.boxes.items():
        box.setChecked(fmt in formats)
    dialog.folder.setText(str(folder))
    return dialog


def test_a_cancelled_export_writes_nothing(qtbot, window: MainWindow, tmp_path: Path):
    dialog = _export_dialog(window, tmp_path / "out", {"md", "html", "pdf"})
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.progress is not None
    assert dialog.progress.isVisible()
    cancel = dialog.progress.findChild(type(dialog.export_button))
    started = time.monotonic()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert dialog.progress.labelText() == "Cancelling…"
    qtbot.waitUntil(lambda: dialog.status.text() == "Export cancelled. No file was written.", timeout=1000)
    assert time.monotonic() - started < 1.0, "Cancel returns within a second, whatever the PDF render is doing"
    assert dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.job.running, timeout=60_000)
    qtbot.wait(100)  # the thrown-away result would have arrived by now
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert dialog.written == []
    assert not dialog.open_button.isEnabled()


def test_an_unwritable_folder_is_said_at_once_before_rendering(qtbot, window: MainWindow, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dialog = _export_dialog(window, blocker / "policies", {"md"})
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.job is None, "nothing is rendered for a folder that cannot take the files"
    assert dialog.progress is None
    assert dialog.status.text() == f"“{blocker}” is a file, not a folder. Choose another folder."
    assert "--out" not in dialog.status.text()
    assert dialog.folder.selectedText() == dialog.folder.text(), "the folder is selected, ready to be retyped"


def test_an_export_error_says_what_to_do(qtbot, window: MainWindow, tmp_path: Path, monkeypatch):
    def refuse(outputs, folder, stem):
        raise ExportError(f"cannot write to {folder}: disk full")

    monkeypatch.setattr("telepolicy.gui.export.write_outputs", refuse)
    dialog = _export_dialog(window, tmp_path / "out", {"md"})
    seen: list[str] = []
    answer_message_box("OK", seen)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert seen[0] == "The policy could not be exported."
    assert "Choose another folder" in seen[1]
    assert "Traceback" not in "".join(seen)
    assert dialog.status.text() == "The export failed. No file was written."


def test_open_folder_after_export(qtbot, window: MainWindow, tmp_path: Path, monkeypatch):
    opened = []
    monkeypatch.setattr("telepolicy.gui.export.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog = _export_dialog(window, tmp_path / "site", {"html"})
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.written), timeout=30_000)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path / "site")]


def test_choosing_a_finding_opens_the_question_that_fixes_it(qtbot, window: MainWindow):
    window.session.new_project(None)
    wait_rendered(qtbot, window)
    findings = window.findings.list
    targets = [findings.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(findings.topLevelItemCount())]
    email = AnswerTarget("company.privacy_email")
    assert email in targets, "a blank project lists its missing answers"
    window.wizard.go_to("policy.title")
    item = findings.topLevelItem(targets.index(email))
    assert item.text(2) == "Question: Privacy contact e-mail"
    findings.setCurrentItem(item)
    qtbot.keyClick(findings, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.wizard
    assert window.wizard.current_page().page_id == "company"
    assert window.focusWidget() is window.wizard.editor("company.privacy_email").input


def test_choosing_a_clause_finding_opens_the_clause(qtbot, window: MainWindow):
    window.session.new_project("us-carrier-eea")
    wait_rendered(qtbot, window)
    window.go_to(ClauseTarget("contact.privacy_team"))
    assert window.tabs.currentWidget() is window.editor_tab
    assert window.editor.panel.clause_id == "contact.privacy_team"


def test_a_finding_on_a_custom_clause_opens_that_clause(qtbot, window: MainWindow):
    """A Privacy Shield claim in the user's own clause: the row names the clause, and choosing it opens it."""
    window.session.new_project("us-carrier-eea")
    wait_rendered(qtbot, window)
    document = window.session.document
    clause_id = document.add_custom_clause("transfers", "Extra", "We rely on the EU-U.S. Privacy Shield.")
    qtbot.waitUntil(
        lambda: any(f.code == "XFER-PRIVACY-SHIELD" for f in window.renderer.latest.findings), timeout=15_000
    )
    findings = window.findings.list
    rows = [findings.topLevelItem(i) for i in range(findings.topLevelItemCount())]
    row = next(r for r in rows if "Privacy Shield" in r.text(1))
    assert row.data(0, Qt.ItemDataRole.UserRole) == CustomClauseTarget(clause_id)
    assert row.text(2) == "Your clause: Extra", "named by its title; the id is only in the tooltip"
    assert clause_id in row.toolTip(1)
    findings.setCurrentItem(row)
    qtbot.keyClick(findings, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.editor_tab
    assert window.editor.panel.clause_id == clause_id


def test_a_stale_render_never_replaces_a_newer_one(qtbot, window: MainWindow):
    window.session.new_project("us-carrier-eea")
    wait_rendered(qtbot, window)
    renderer = window.renderer
    newest = renderer.latest
    assert not renderer.accept(Snapshot(newest.generation - 1, "<p>stale</p>", None, None, ()))
    assert renderer.latest is newest
    assert "stale" not in window.preview.browser.toPlainText()

    shown: list[str] = []
    renderer.snapshot_ready.connect(lambda snapshot: shown.append(snapshot.plan.project.answers["company.country"]))
    window.session.new_project("global-cpaas-bcr")  # its render starts...
    window.session.new_project("eu-voip-operator")  # ...and this project replaces it before it ends
    wait_rendered(qtbot, window)
    assert shown == ["Netherlands"], "the closed project's render is dropped"


def test_typing_never_waits_for_a_render(qtbot, window: MainWindow):
    """Renders run off the UI thread: each change returns at once and one render follows the burst."""
    window.session.new_project("global-cpaas-bcr")
    wait_rendered(qtbot, window)
    first = window.renderer.latest.generation
    editor = window.wizard.editor("company.trading_name")
    qtbot.keyClick(editor.input, Qt.Key.Key_End)
    qtbot.keyClicks(editor.input, " and Partners")
    assert window.renderer.busy
    wait_rendered(qtbot, window)
    assert window.renderer.latest.generation - first <= 2, "a burst of typing is rendered once, not per key"
    assert "Meridian and Partners" in window.preview.browser.toPlainText()
