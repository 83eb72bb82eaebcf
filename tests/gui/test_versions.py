"""The app's Versions panel and File ▸ Publish: list versions, publish the saved file, open a redline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from telepolicy.generator import load_project
from telepolicy.generator.project.presets import presets_path
from telepolicy.generator.publishing.history import set_answer_line
from telepolicy.gui.document import Document
from telepolicy.gui.versions import VersionsPanel


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "polder.toml"
    shutil.copy(presets_path() / "eu-voip-operator.toml", path)
    return path


def test_publish_lists_versions_and_opens_redlines(qtbot, saved, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    document = Document(load_project(saved), saved)
    panel = VersionsPanel()
    qtbot.addWidget(panel)
    panel.set_document(document)
    assert panel.table.topLevelItemCount() == 0
    assert "Nothing published yet" in panel.status.text()

    with qtbot.waitSignal(panel.published) as published:
        panel.publish()
    assert published.args == ["1.4"]
    assert document.answer("policy.version") == "1.5"
    assert not document.modified  # the file on disk already holds the new number
    assert panel.table.topLevelItem(0).text(0) == "1.4"

    set_answer_line(saved, "company.phone", "+31 30 555 0199")
    document = Document(load_project(saved), saved)
    panel.set_document(document)
    panel.publish()
    assert [panel.table.topLevelItem(i).text(0) for i in range(2)] == ["1.5", "1.4"]
    assert "“0100” → “0199”" in panel.table.topLevelItem(0).text(3)

    panel.table.setCurrentItem(panel.table.topLevelItem(0))
    assert panel.previous_button.isEnabled()
    panel.previous_button.click()
    assert opened == [str(saved.parent / "out" / "polder.redline-1.4-to-1.5.html")]
    assert "<del>0100</del><ins>0199</ins>" in Path(opened[0]).read_text("utf-8")


def test_unsaved_changes_are_not_published(qtbot, saved, monkeypatch):
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    document = Document(load_project(saved), saved)
    document.set_answer("company.phone", "+31 30 555 0177")
    panel = VersionsPanel()
    qtbot.addWidget(panel)
    panel.set_document(document)
    panel.publish()
    assert told
    assert "Save the project first" in told[0]
    assert not saved.with_name("polder.history").exists()


def test_file_menu_has_publish_and_a_versions_dock(window):
    file_menu = window.menuBar().actions()[0].menu()
    assert "&Publish…" in [action.text() for action in file_menu.actions()]
    assert not window.publish_action.isEnabled()  # no project open
    assert window.versions_dock.windowTitle() == "Versions"
