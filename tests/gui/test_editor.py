"""The clause editor: edit a clause and see the preview follow, undo, omit, reset, custom clauses, stale edits."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from telepolicy.generator import ClauseEdit, load_preset
from telepolicy.gui.document import Document
from telepolicy.gui.main_window import MainWindow
from tests.gui.conftest import wait_rendered

PRESET = "us-carrier-eea"


def _open_editor(qtbot, window: MainWindow, document: Document | None = None) -> None:
    if document is None:
        window.session.new_project(PRESET)
    else:
        window.session._set_document(document)
    window.editor_action.trigger()
    wait_rendered(qtbot, window)


def _select(window: MainWindow, clause_id: str) -> None:
    assert window.editor.go_to(clause_id), f"{clause_id} is not in the outline"


def _first_library_clause(window: MainWindow) -> str:
    plan = window.renderer.latest.outline
    return next(c.id for s in plan.sections for c in s.clauses if c.origin == "library")


def test_edit_a_clause_the_preview_follows_and_undo_takes_it_back(qtbot, window: MainWindow):
    _open_editor(qtbot, window)
    clause_id = _first_library_clause(window)
    _select(window, clause_id)
    panel = window.editor.panel
    panel.text.selectAll()
    qtbot.keyClick(panel.text, Qt.Key.Key_Delete)
    qtbot.keyClicks(panel.text, "Zebra crossing clause text.")
    project = window.session.document.project
    assert project.clause_edits[clause_id].text == "Zebra crossing clause text."
    assert project.clause_edits[clause_id].base_hash == window.renderer.latest.plan.library.clauses[clause_id].text_hash
    wait_rendered(qtbot, window)
    assert "Zebra crossing clause text." in window.preview.browser.toPlainText()
    status = window.editor.outline.currentItem().text(1)
    assert status == "Edited"

    window.undo_action.trigger()
    assert clause_id not in project.clause_edits, "one undo takes back the whole typing"
    wait_rendered(qtbot, window)
    assert "Zebra crossing clause text." not in window.preview.browser.toPlainText()
    assert "Zebra" not in panel.text.toPlainText()


def test_omit_reset_and_custom_clauses(qtbot, window: MainWindow):
    _open_editor(qtbot, window)
    clause_id = _first_library_clause(window)
    _select(window, clause_id)
    panel = window.editor.panel
    project = window.session.document.project
    library_text = panel.library_text.toPlainText()

    qtbot.keyClick(panel.omit_box, Qt.Key.Key_Space)
    assert project.clause_edits[clause_id].omit
    wait_rendered(qtbot, window)
    assert window.renderer.latest.plan.clause(clause_id) is None, "left out of the policy"
    assert window.editor.outline.currentItem().text(1) == "Left out", "still listed, so it can be put back"

    qtbot.keyClicks(panel.text, " Extra words.")
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert clause_id not in project.clause_edits
    assert panel.text.toPlainText() == library_text

    section = window.renderer.latest.plan.sections[0].id
    window.editor.outline.setCurrentItem(window.editor._find(section))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    [custom] = project.custom_clauses
    assert custom.section == section
    wait_rendered(qtbot, window)
    assert panel.clause_id == custom.id, "the new clause is selected for editing"
    panel.custom_title.selectAll()
    qtbot.keyClicks(panel.custom_title, "Members lounge")
    panel.text.selectAll()
    qtbot.keyClicks(panel.text, "Members collect points.")
    wait_rendered(qtbot, window)
    text = window.preview.browser.toPlainText()
    assert "Members lounge" in text
    assert "Members collect points." in text
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert project.custom_clauses == []


def test_a_changed_library_clause_is_marked_with_the_difference(qtbot, window: MainWindow):
    project = load_preset(PRESET)
    clause_id = "contact.privacy_team"
    project.clause_edits[clause_id] = ClauseEdit(text="Write to us by post.", base_hash="0123456789abcdef")
    _open_editor(qtbot, window, Document(project))
    _select(window, clause_id)
    panel = window.editor.panel
    assert window.editor.outline.currentItem().text(1) == "⚠ Library changed"
    assert panel.stale.isVisible()
    assert "changed since you edited it" in panel.stale.text()
    diff = panel.diff.toPlainText()
    assert "+++ current library text" in diff
    assert "-Write to us by post." in diff

    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    current_hash = window.renderer.latest.plan.library.clauses[clause_id].text_hash
    assert project.clause_edits[clause_id].base_hash == current_hash
    assert project.clause_edits[clause_id].text == "Write to us by post."
    wait_rendered(qtbot, window)
    assert not panel.stale.isVisible()
    assert window.editor.outline.currentItem().text(1) == "Edited"


def test_choosing_a_clause_scrolls_the_preview_to_it(qtbot, window: MainWindow):
    _open_editor(qtbot, window)
    bar = window.preview.browser.verticalScrollBar()
    bar.setValue(0)
    _select(window, "contact.privacy_team")
    # Qt settles the scroll range, and the clause panel's nested layouts the preview's width, in the
    # event loop; a width that changes later moves the pixels but keeps the text at the top.
    qtbot.wait(300)
    anchor_position = bar.value()
    assert anchor_position > 0
    bar.triggerAction(bar.SliderAction.SliderPageStepSub)  # the reader scrolls up a page
    assert bar.value() < anchor_position
    seen = _text_at_top(window)
    window.session.document.set_answer("policy.version", "9.9")
    wait_rendered(qtbot, window)
    assert "9.9" in window.preview.browser.toPlainText()
    qtbot.waitUntil(lambda: _text_at_top(window) == seen, timeout=3000)  # a re-render keeps the reader's place
    assert bar.value() < anchor_position, "not sent back to the clause"


def _text_at_top(window: MainWindow) -> str:
    browser = window.preview.browser
    return browser.cursorForPosition(QPoint(0, 0)).block().text()


def test_the_outline_names_each_section_and_clause_in_full_on_hover(qtbot, window: MainWindow):
    window.session.new_project("us-carrier-eea")
    window.editor_action.trigger()
    wait_rendered(qtbot, window)
    outline = window.editor.outline
    items = [outline.topLevelItem(i) for i in range(outline.topLevelItemCount())]
    items += [top.child(j) for top in items for j in range(top.childCount())]
    assert items
    for item in items:
        assert item.toolTip(0) == item.text(0), "a title cut short at 1024 px is readable in full"
