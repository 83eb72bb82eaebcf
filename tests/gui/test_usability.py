"""The app as an office manager meets it (issue 13), and in hostile surroundings (issue 16).

Each test names the point it covers; each fails if that behaviour goes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import locale
import re
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAccessible, QWheelEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QMessageBox, QWidget

from telepolicy.generator import FIELDS, AnswerTarget, load_preset, project_to_toml
from telepolicy.generator.library.templating import format_date
from telepolicy.gui import dialogs
from telepolicy.gui.app import create_application, wait_for_workers
from telepolicy.gui.clause_text import pieces, template_of
from telepolicy.gui.main_window import MainWindow
from telepolicy.gui.operator import OperatorDialog
from telepolicy.gui.recovery import AUTOSAVE_END, Recovery
from telepolicy.gui.snapshot import FindingRow
from telepolicy.gui.start import TemplateList
from telepolicy.gui.wizard.period import PeriodEditor
from telepolicy.gui.wizard.widgets import ComboBox
from telepolicy.gui.workers import Task
from tests.gui.conftest import answer_message_box, wait_rendered

PRESET = "us-carrier-eea"


def _small(window: MainWindow, width: int = 1024, height: int = 700) -> None:
    window.resize(width, height)
    QApplication.processEvents()


def _press_default_of_next_box(seen: dict[str, str]) -> None:
    """Press Enter in the next message box, as a user accepting its default would; note its texts."""

    def attempt(left: int) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen["text"] = box.text()
            seen["default"] = box.defaultButton().text() if box.defaultButton() else ""
            seen["buttons"] = " / ".join(b.text() for b in box.buttons())
            box.defaultButton().click()
            return
        if left:
            QTimer.singleShot(20, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(250))


# --- 1. Never publish broken without knowing ------------------------------------------------------


def test_1_export_of_a_project_with_errors_asks_and_fix_first_is_the_default(qtbot, window, tmp_path: Path):
    window.ask_operator = lambda dialog: OperatorDialog.DialogCode.Rejected
    window.session.new_project(None, {"company.country": "Canada", "audience.regions": ["canada"]})
    window.export_action.trigger()
    dialog = window.export_dialog
    dialog.folder.setText(str(tmp_path / "out"))
    seen: dict[str, str] = {}
    _press_default_of_next_box(seen)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "error" in seen["text"]
    assert seen["default"].replace("&", "") == "Fix first"
    assert "Export anyway" in seen["buttons"].replace("&", "")
    assert dialog.job is None, "nothing rendered"
    assert not (tmp_path / "out").exists()
    assert not dialog.isVisible()
    assert window.tabs.currentWidget() is window.wizard, "Fix first goes to the first error's question"
    assert window.wizard.current_page().page_id == "company"


# --- 2. Scrolling never changes an answer ------------------------------------------------------------


def _wheel(widget: QWidget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(widget.rect().center())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_2_the_wheel_over_an_unfocused_choice_scrolls_the_page_not_the_answer(qtbot, window: MainWindow):
    window.session.new_project(PRESET)
    _small(window)
    window.wizard.go_to("legal_bases.provide_service", highlight=False)
    page = window.wizard.current_page()
    combos = [w for w in page.findChildren(ComboBox) if w.isVisible()]
    assert combos, "the purposes page has choice lists"
    combo = combos[len(combos) // 2]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.wizard.steps.setFocus()
    bar = page.verticalScrollBar()
    bar.setValue(0)
    assert bar.maximum() > 0, "the page is taller than the window"
    before = combo.currentIndex()
    _wheel(combo)
    assert combo.currentIndex() == before, "the answer did not change"
    assert bar.value() > 0, "the page scrolled instead"
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus

    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo)
    assert combo.currentIndex() != before, "a focused list still takes the wheel"


# --- 3. Opening a file loses nothing -----------------------------------------------------------------


def test_3_opening_a_file_sets_aside_only_the_bad_values_and_saving_keeps_them(qtbot, window, tmp_path: Path):
    project = load_preset(PRESET)
    text = project_to_toml(project)
    email = project.answers["company.privacy_email"]
    text = text.replace(f'privacy_email = "{email}"', 'privacy_email = "privacy-at-example"')
    text = re.sub(r"^regions = \[$", 'regions = [\n    "atlantis",', text, count=1, flags=re.MULTILINE)
    assert "atlantis" in text
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    reports: list[tuple[str, list[str]]] = []
    window.show_problems = lambda summary, advice, problems, error=True: reports.append((summary, problems))
    assert window.session.open_project(path)
    document = window.session.document
    assert "company.privacy_email" in document.set_aside
    assert "us" in document.project.answers["audience.regions"], "the valid elements of the list stay"
    assert "atlantis" not in document.project.answers["audience.regions"]
    [(summary, problems)] = reports
    assert "not valid" in summary
    assert any("line" in problem for problem in problems), "the report gives the line"

    editor = window.wizard.editor("company.privacy_email")
    assert editor.line.text() == "privacy-at-example", "the file's value is shown, not blanked"
    assert not editor.error.isHidden()
    assert "kept aside" in editor.error.text()
    regions = window.wizard.editor("audience.regions")
    assert "atlantis" in regions.error.text()

    window.session.save_as = lambda: False
    assert window.session._save_to(document, tmp_path / "saved.toml")
    saved = (tmp_path / "saved.toml").read_text(encoding="utf-8")
    assert "privacy-at-example" in saved, "saving never writes the loss"
    assert "atlantis" in saved


# --- 4. Jump-to-fix ------------------------------------------------------------------------------------


def test_4_jump_to_fix_lands_on_a_visible_focused_highlighted_field(qtbot, window: MainWindow):
    window.session.new_project(PRESET)
    _small(window)
    window.activateWindow()
    key = "supervisory_authority.url"  # the last question of the first page
    window.go_to(AnswerTarget(key))
    editor = window.wizard.editor(key)
    page = window.wizard.current_page()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.focus_widget())
    viewport = page.viewport().rect()
    for widget in (editor.label, editor.input):
        top_left = widget.mapTo(page.viewport(), QPoint(0, 0))
        assert viewport.contains(top_left), f"{widget} is scrolled into view"
    assert editor.highlighted
    assert page.horizontalScrollBar().maximum() == 0, "no sideways scroll"
    qtbot.waitUntil(lambda: not editor.highlighted, timeout=3000)


def test_4_a_findings_row_for_a_clause_opens_the_clause_in_words(qtbot, window: MainWindow):
    window.session.new_project(PRESET)
    window.editor_action.trigger()
    wait_rendered(qtbot, window)
    from telepolicy.generator import ClauseTarget

    window.go_to(ClauseTarget("contact.privacy_team"))
    panel = window.editor.panel
    assert panel.clause_id == "contact.privacy_team"
    assert panel.words.isVisible()
    assert QApplication.focusWidget() is panel.words or not window.isActiveWindow()


# --- 5. Keyboard and accessibility --------------------------------------------------------------------


def test_5_ctrl_1_focuses_the_first_question_and_tab_goes_questions_then_buttons_then_steps(qtbot, window):
    window.session.new_project(PRESET)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    page = window.wizard.current_page()
    first = page.first_question()
    assert QApplication.focusWidget() is first.focus_widget()
    seen: list[QWidget] = []
    for _ in range(200):
        widget = QApplication.focusWidget()
        seen.append(widget)
        if widget is window.wizard.steps:
            break
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert seen[-1] is window.wizard.steps, "Tab reaches the step list"
    assert seen[-2] is window.wizard.next_button
    inside = seen[:-2]
    assert all(page.isAncestorOf(widget) for widget in inside), "before Next, only the page's questions"
    assert len(inside) >= len(page.visible_editors())


def test_5_the_preview_is_one_tab_stop_and_dialog_buttons_have_mnemonics(qtbot, window, monkeypatch):
    browser = window.preview.browser
    assert browser.tabChangesFocus()
    # Set once the preview has painted (the `Qt` enums are created after the first paint).
    qtbot.waitUntil(lambda: not browser.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    assert browser.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    texts: list[str] = []

    def look(box: QMessageBox) -> int:
        texts.extend(button.text() for button in box.buttons())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", look)
    assert dialogs.ask_save_changes(window, "draft") == "cancel"
    assert texts == ["&Save", "Do&n't save", "&Cancel"] or sorted(texts) == sorted(["&Save", "Do&n't save", "&Cancel"])


def test_5_every_control_is_named_by_its_label_in_the_accessibility_tree(qtbot, window: MainWindow):
    window.session.new_project(PRESET)
    name = QAccessible.Text.Name
    for field in FIELDS:
        editor = window.wizard.editor(field.key)
        interface = QAccessible.queryAccessibleInterface(editor.input)
        assert interface is not None
        if isinstance(editor.input, QComboBox):  # on Linux a list's name is its value; its label is a relation
            assert editor.input.accessibleName() == field.label
            assert editor.label.buddy() is editor.input
        else:
            assert interface.text(name) == field.label, field.key
        if field.kind == "choices":
            for box in editor.boxes.values():
                assert box.accessibleName()
                assert QAccessible.queryAccessibleInterface(box).text(name) == box.accessibleName()
        if field.kind == "period":
            assert editor.kind.accessibleName().startswith(field.label)
            assert editor.label.buddy() is editor.kind


# --- 6. No template syntax, no internal codes ------------------------------------------------------------


def test_6_every_library_clause_reads_in_words_and_comes_back_exactly():
    for path in Path("clause_library").rglob("*.md"):
        template = path.read_text(encoding="utf-8").split("+++", 2)[-1]
        parts = pieces(template)
        assert template_of(parts) == template, path
        shown = "".join(piece.text for piece in parts)
        assert "{{" not in shown, path
        assert "{%" not in shown, path


def test_6_the_clause_editor_shows_placeholders_and_notes_and_keeps_them_through_edits(qtbot, window):
    window.session.new_project(PRESET)
    window.editor_action.trigger()
    wait_rendered(qtbot, window)
    clause_id = "contact.privacy_team"
    assert window.editor.go_to(clause_id)
    panel = window.editor.panel
    words = panel.words
    shown = words.toPlainText()
    assert "«Privacy contact e-mail»" in shown
    assert "⟨Only when" in shown
    assert "{{" not in shown
    assert "{%" not in shown
    assert not panel.text.isVisible(), "the template source is behind Advanced"

    words.moveCursor(words.textCursor().MoveOperation.Start)
    qtbot.keyClicks(words, "Hello. ")
    edit = window.session.document.project.clause_edits[clause_id]
    assert edit.text.startswith("Hello. If you have a question")
    assert "{{ company.privacy_email | mailto }}" in edit.text, "the placeholder is kept"

    cursor = words.document().find("«Privacy contact e-mail»")
    cursor.setPosition(cursor.position() - 3)
    cursor.deleteChar()
    words.setTextCursor(cursor)
    assert panel.words_problem.isVisible()
    assert "cannot be typed over" in panel.words_problem.text()
    assert window.session.document.project.clause_edits[clause_id] == edit, "a broken placeholder is not saved"

    panel.advanced.setChecked(True)
    assert panel.text.isVisible()
    assert not words.isVisible()
    assert "{{ company.privacy_email | mailto }}" in panel.text.toPlainText()


def test_6_retention_is_a_number_and_a_unit_or_a_named_choice(qtbot, window: MainWindow):
    window.session.new_project(PRESET)
    editor = window.wizard.editor("data.contact.retention")
    assert isinstance(editor, PeriodEditor)
    choices = [editor.kind.itemText(i) for i in range(editor.kind.count())]
    assert "While the account is open" in choices
    assert "As long as the law requires" in choices
    assert all("_" not in choice for choice in choices)
    editor.kind.setCurrentIndex(editor.kind.findText("For a set time"))
    editor.number.setValue(18)
    editor.unit.setCurrentIndex(editor.unit.findText("months"))
    assert window.session.document.answer("data.contact.retention") == "18 months"
    editor.number.setValue(1)
    assert window.session.document.answer("data.contact.retention") == "1 month"
    editor.kind.setCurrentIndex(editor.kind.findText("As long as the law requires"))
    assert window.session.document.answer("data.contact.retention") == "as_required_by_law"
    assert not editor.number.isVisible()
    assert "while_account_open" not in editor.help.text()


def test_6_presets_and_findings_speak_in_words_with_ids_only_in_tooltips(qtbot, window: MainWindow):
    templates = TemplateList()
    for row in range(1, templates.count()):
        item = templates.item(row)
        title = item.text().splitlines()[0]
        assert "-" not in title.replace(" - ", ""), f"a human name, not the file name: {title}"
        assert item.data(Qt.ItemDataRole.UserRole) in item.toolTip()
    window.session.new_project(PRESET)
    wait_rendered(qtbot, window)
    findings = window.findings.list
    rows = [findings.topLevelItem(i) for i in range(findings.topLevelItemCount())]
    assert rows
    for row in rows:
        assert "requirement " not in row.text(1) or ": " not in row.text(1).split("requirement ", 1)[1][:40]
        assert "seeds" not in row.text(1)


# --- 7. Good defaults -----------------------------------------------------------------------------------


def test_7_a_blank_project_asks_the_country_first_and_a_canadian_operator_gets_canadian_defaults(qtbot, window):
    asked: list[str] = []

    def answer(dialog: OperatorDialog) -> int:
        asked.append(dialog.windowTitle())
        assert not dialog.ok.isEnabled(), "nothing is assumed before the country is chosen"
        dialog.country.setCurrentText("Canada")
        assert [v for v, box in dialog.boxes.items() if box.isChecked()] == ["canada"]
        return OperatorDialog.DialogCode.Accepted

    window.ask_operator = answer
    window.session.start(None)
    window.start_page.templates.setCurrentRow(0)
    qtbot.mouseClick(window.start_page.create_button, Qt.MouseButton.LeftButton)
    assert asked
    answers = window.session.document.project.answers
    assert answers["company.country"] == "Canada"
    assert answers["audience.regions"] == ["canada"], "no US region for a Canadian operator"
    assert answers["children.minimum_age"] != 13, "no COPPA age"
    assert answers["transfers.storage_countries"] == ["Canada"]
    cpni_row = [page.page_id for page in window.wizard.pages].index("cpni")
    assert window.wizard.steps.item(cpni_row).isHidden(), "no US CPNI page"


# --- 8. Layout that survives ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1024, 700)])
def test_8_at_1024_by_700_every_page_fits_its_width_and_check_boxes_wrap(qtbot, window: MainWindow, size):
    window.session.new_project(PRESET)
    _small(window, *size)
    window.splitter.setSizes([560, 464])
    for page in window.wizard.pages:
        window.wizard.steps.setCurrentRow(window.wizard.pages.index(page))
        QApplication.processEvents()
        body = page.widget()
        if body is None:
            continue
        assert body.width() <= page.viewport().width(), f"{page.page_id} needs no sideways scroll"
        for box in body.findChildren(QCheckBox):
            if box.isVisible():
                right = box.mapTo(page.viewport(), QPoint(box.width(), 0)).x()
                assert right <= page.viewport().width() + 1, f"{box.text()} on {page.page_id} is cut off"


def test_8_the_window_never_opens_larger_than_the_screen(qtbot, make_window, settings):
    window = make_window()
    available = window.screen().availableGeometry()
    assert window.width() <= available.width()
    assert window.height() <= available.height()


# --- 9. Undo you can follow ---------------------------------------------------------------------------


def test_9_undo_shows_the_page_and_field_it_changes(qtbot, window: MainWindow):
    window.session.new_project(PRESET)
    document = window.session.document
    document.set_answer("company.legal_name", "Changed Ltd")
    window.wizard.go_to("policy.version", highlight=False)
    assert window.wizard.current_page().page_id == "policy"
    window.undo_action.trigger()
    assert window.wizard.current_page().page_id == "company"
    assert window.wizard.editor("company.legal_name").highlighted


def test_9_separate_bursts_of_typing_are_separate_steps(qtbot, window: MainWindow):
    window.session.new_project(PRESET)
    edit = window.wizard.editor("company.trading_name").line
    assert isinstance(edit, QLineEdit)
    edit.clear()
    qtbot.keyClicks(edit, "North")
    qtbot.wait(1200)
    qtbot.keyClicks(edit, "wind")
    document = window.session.document
    assert document.answer("company.trading_name") == "Northwind"
    window.undo_action.trigger()
    assert document.answer("company.trading_name") == "North", "one pause, one step"


def test_9_undoing_add_custom_clause_leaves_no_ghost(qtbot, window: MainWindow):
    window.session.new_project(PRESET)
    window.editor_action.trigger()
    wait_rendered(qtbot, window)
    section = window.renderer.latest.plan.sections[0].id
    window.editor.outline.setCurrentItem(window.editor._find(section))
    panel = window.editor.panel
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    wait_rendered(qtbot, window)
    assert panel.clause_id.startswith("custom.")
    window.undo_action.trigger()
    assert panel.clause_id == "", "the editor no longer shows the clause taken back"
    assert not panel.custom_title.isVisible()
    assert window.editor._find("custom.new-clause") is None


# --- 10. Export you can trust ----------------------------------------------------------------------------


def test_10_the_bar_moves_page_by_page_while_the_pdf_is_printed(qtbot, window: MainWindow, tmp_path, monkeypatch):
    monkeypatch.setenv("TELEPOLICY_NO_CACHE", "1")  # a real print, not one taken from the cache
    window.session.new_project(PRESET)
    window.export_action.trigger()
    dialog = window.export_dialog
    for fmt, box in dialog.boxes.items():
        box.setChecked(fmt in {"html", "pdf"})
    dialog.folder.setText(str(tmp_path))
    answer_message_box("Export anyway")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None
    seen: list[tuple[int, str]] = []

    def note(_words: str, _percent: int) -> None:
        if dialog.progress is not None:  # the last step may come as the export ends
            seen.append((dialog.progress.value(), dialog.progress.labelText()))

    dialog.job.pdf_progress.connect(note)
    qtbot.waitUntil(lambda: bool(dialog.written), timeout=120_000)
    values = [value for value, _label in seen]
    assert dialog.progress is None, "the dialog closes its bar when done"
    assert values == sorted(values), "the bar never goes back"
    assert len(set(values)) >= 10, f"the bar moves while the pages are laid out: {values}"
    assert values[0] >= 100, "the PDF, second of two formats, fills the second half of the bar"
    assert values[-1] <= 200
    assert any(re.search(r"Laying out page 5 of about \d+ \(2 of 2\)", label) for _value, label in seen)


# --- 11. Help ---------------------------------------------------------------------------------------------


def test_11_help_menu_opens_the_user_guide_and_findings_link_to_their_law(qtbot, window, monkeypatch):
    menus = [action.text() for action in window.menuBar().actions()]
    assert "&Help" in menus
    window.guide_action.trigger()
    from telepolicy.gui.help import GuideWindow

    guide = window.findChild(GuideWindow)
    assert guide is not None
    assert guide.isVisible()
    text = guide.browser.toPlainText()
    for topic in ("project", "wizard", "Clauses", "Findings", "Export"):
        assert topic in text
    opened: list[str] = []
    monkeypatch.setattr("telepolicy.gui.findings.QDesktopServices.openUrl", lambda url: opened.append(url.toString()))
    rows = (
        FindingRow(
            "error", "No contact for privacy questions.", AnswerTarget("company.privacy_email"), "GDPR Art 13(1)(a)"
        ),
        FindingRow("info", "A note with no law behind it."),
    )
    window.findings.show_findings(rows)
    findings = window.findings.list
    findings.setCurrentItem(findings.topLevelItem(1))
    assert not window.findings.meaning_button.isEnabled()
    findings.setCurrentItem(findings.topLevelItem(0))
    assert window.findings.meaning_button.isEnabled()
    qtbot.mouseClick(window.findings.meaning_button, Qt.MouseButton.LeftButton)
    assert opened == ["https://eur-lex.europa.eu/eli/reg/2016/679/oj"]


# --- Issue 16: the app in hostile surroundings -------------------------------------------------------------


def test_16_the_app_starts_with_a_read_only_data_folder_and_says_autosave_is_off(qtbot, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    window = MainWindow(settings, Recovery(blocker / "recovery"))
    qtbot.addWidget(window)
    window.show()
    assert "Autosave is off" in window.autosave_off.text()
    window.session.new_project(PRESET)
    window.session.document.set_answer("company.legal_name", "Still works Ltd")
    window.session.recovery.save_now()  # nothing to write to, and no exception
    window.ask_save_changes = lambda name: "discard"
    window.close()


def test_16_dates_follow_the_policy_language_not_the_system_locale(qapp):
    try:
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("no German locale on this machine")
    try:
        create_application([])
        assert format_date(dt.date(2026, 12, 1)) == "1 December 2026"
    finally:
        locale.setlocale(locale.LC_TIME, "C")


def test_16_a_runaway_render_never_keeps_the_app_from_closing(qapp):
    release = threading.Event()
    task = Task(lambda: release.wait(30))
    QThreadPool.globalInstance().start(task)
    started = time.monotonic()
    assert not wait_for_workers(300)
    assert time.monotonic() - started < 2
    release.set()
    assert wait_for_workers(5000)


def test_16_recovery_offers_what_it_can_from_malformed_autosaves(qtbot, window, recovery_folder: Path):
    recovery_folder.mkdir(parents=True, exist_ok=True)
    good = project_to_toml(load_preset(PRESET))
    (recovery_folder / "1-aware.toml").write_text(good + f"\n{AUTOSAVE_END}\n", encoding="utf-8")
    (recovery_folder / "1-aware.json").write_text('{"original": "", "saved_at": "2026-12-01T10:00:00+00:00"}')
    (recovery_folder / "2-naive.toml").write_bytes(good.encode("utf-8")[: len(good) // 2])  # cut short
    (recovery_folder / "2-naive.json").write_text('{"original": "", "saved_at": "2026-12-01T11:00:00"}')
    (recovery_folder / "2-naive.lock").write_bytes(b"\x00garbage\xff")
    latin = good.replace("Privacy Policy", "Politique de confidentialité").encode("latin-1", errors="replace")
    (recovery_folder / "3-latin.toml").write_bytes(latin + f"\n{AUTOSAVE_END}\n".encode())
    orphans = window.session.recovery.orphans()
    assert len(orphans) == 3, "a garbage lock file does not hide an autosave; mixed time zones sort"
    notes = {orphan.files[0].name: orphan.notes for orphan in orphans}
    assert any("cut short" in note for note in notes["2-naive.toml"])
    assert any("could not be read" in note for note in notes["3-latin.toml"])
    for orphan in orphans:
        orphan.lock.unlock()

    reports: list[tuple[str, list[str]]] = []
    window.ask_restore = lambda name, saved_at: "restore"
    window.show_problems = lambda summary, advice, problems, error=True: reports.append((summary, problems))
    assert window.session.restore_orphans()
    assert window.session.document is not None
    assert reports, "what could not be recovered is said"
    assert "not all of it" in reports[0][0]


def test_8_choosing_a_clause_does_not_make_the_panels_jump(qtbot, window: MainWindow):
    window.session.new_project(PRESET)
    _small(window)
    window.editor_action.trigger()
    wait_rendered(qtbot, window)
    window.splitter.setSizes([560, 464])
    qtbot.wait(200)
    before = window.splitter.sizes()
    assert window.editor.go_to("contact.privacy_team")
    # A nested layout passes its new minimum size up one level per posted event: one processEvents()
    # sees none of it, so wait until the window has settled before measuring.
    qtbot.wait(200)
    assert window.tabs.minimumSizeHint().width() <= before[0], "the clause panel asks for no more room"
    assert window.splitter.sizes() == before, "the preview keeps its width"


def test_8_a_clause_whose_library_text_changed_fits_a_small_window_without_overlap(qtbot, window: MainWindow):
    from telepolicy.generator import ClauseEdit
    from telepolicy.gui.document import Document

    project = load_preset(PRESET)
    project.clause_edits["contact.privacy_team"] = ClauseEdit(
        text="Write to us. We answer within a week.", base_hash="0"
    )
    window.session._set_document(Document(project))
    _small(window)
    window.editor_action.trigger()
    wait_rendered(qtbot, window)
    assert window.editor.go_to("contact.privacy_team", focus=False)
    qtbot.wait(200)
    panel = window.editor.panel
    assert panel.stale.isVisible()
    assert panel.diff.isVisible()
    assert window.height() <= 700, "the window does not outgrow a 1024x700 screen"
    parts = [
        w for w in (panel.omit_box, panel.reset_button, panel.add_button, panel.stale, panel.diff) if w.isVisible()
    ]
    for upper, lower in itertools.pairwise(parts):
        assert upper.mapTo(panel, upper.rect().bottomLeft()).y() < lower.mapTo(panel, lower.rect().topLeft()).y(), (
            f"{upper.objectName() or type(upper).__name__} overlaps what follows it"
        )
    assert panel.stale.height() >= panel.stale.heightForWidth(panel.stale.width()), "the notice is shown whole"
    assert panel.width() <= window.editor.scroller.viewport().width(), "nothing is cut off at the right"


def test_16_an_unexpected_error_is_shown_in_a_dialog_not_only_on_stderr(qapp, monkeypatch):
    from telepolicy.gui import app as app_module

    shown: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        "telepolicy.gui.dialogs.show_problems",
        lambda parent, summary, advice, problems, error=True: shown.append((summary, problems)),
    )
    try:
        raise ValueError("year 0 is out of range")
    except ValueError as error:
        app_module.report_unexpected(ValueError, error, error.__traceback__)
    assert shown == [("Something went wrong in Telepolicy.", ["ValueError: year 0 is out of range"])]


def test_16_every_file_the_command_line_diagnoses_opens_or_shows_the_same_diagnosis(qtbot, window, tmp_path):
    from telepolicy.generator import TelepolicyError, load_project

    files = {
        "table.toml": 'format = 1\ncompany = "x"\n',
        "number.toml": "format = 1\npolicy = 5\n",
        "year-one.toml": "format = 1\n[policy]\neffective_date = 0001-01-01\n",
        "nested.toml": "format = 1\nx = " + "[" * 2000 + "]" * 2000 + "\n",
    }
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    (tmp_path / "loop-a.toml").symlink_to(tmp_path / "loop-b.toml")
    (tmp_path / "loop-b.toml").symlink_to(tmp_path / "loop-a.toml")
    paths += [tmp_path / "loop-a.toml", Path("/dev/zero")]
    for path in paths:
        shown: list[list[str]] = []
        window.show_problems = lambda summary, advice, problems, error=True, seen=shown: seen.append(problems)
        window.ask_save_changes = lambda name: "discard"
        try:
            load_project(path, lenient=True)
            expected = None
        except TelepolicyError as error:
            expected = [p.message for p in error.problems]
        opened = window.session.open_project(path)
        if expected is None:
            assert opened, path
        else:
            assert not opened, path
            assert shown, f"{path.name}: the diagnosis is shown"
            assert all(any(message in line for line in shown[0]) for message in expected[:3]), path.name


def test_8_the_preview_keeps_its_place_when_a_clause_is_left_out(qtbot, window: MainWindow):
    """The text at the top of the preview stays there, though the page above it got shorter (and the
    preview may change width as the clause panel shows the clause left out)."""
    window.session.new_project(PRESET)
    window.editor_action.trigger()
    wait_rendered(qtbot, window)
    assert window.editor.go_to("contact.privacy_team", focus=False)
    qtbot.wait(50)
    browser = window.preview.browser
    bar = browser.verticalScrollBar()
    bar.triggerAction(bar.SliderAction.SliderPageStepSub)  # the reader scrolls a little: no anchor to hold
    position = bar.value()
    assert position > 0

    def top() -> tuple[str, int]:
        cursor = browser.cursorForPosition(QPoint(0, 0))
        return cursor.block().text(), browser.cursorRect(cursor).top()

    seen = top()
    window.session.document.set_omitted("rights.request.agent", True)  # a clause above the reader's place
    wait_rendered(qtbot, window)
    qtbot.wait(50)
    assert window.renderer.latest.plan.clause("rights.request.agent") is None
    assert top() == seen, "the reader sees the same text in the same place"


def test_7_the_help_for_a_canadian_operator_names_casl_not_the_tcpa(qtbot, window: MainWindow):
    window.session.new_project(None, {"company.country": "Canada", "audience.regions": ["canada"]})
    help_text = window.wizard.editor("purposes.marketing_channels").help.text()
    assert "CASL" in help_text
    assert "TCPA" not in help_text
    window.session.document.set_answer("audience.regions", ["canada", "us"])
    help_text = window.wizard.editor("purposes.marketing_channels").help.text()
    assert "CASL" in help_text
    assert "TCPA" in help_text


def test_7_the_help_on_requests_from_authorities_names_a_canadian_operators_laws(qtbot, window: MainWindow):
    window.session.new_project(None, {"company.country": "Canada", "audience.regions": ["canada"]})
    editor = window.wizard.editor("sharing.law_enforcement")
    for text in (editor.help.text(), editor.input.toolTip()):
        assert "Criminal Code" in text
        assert "CALEA" not in text
        assert "U.S.C." not in text
    window.session.document.set_answer("audience.regions", ["canada", "us"])
    assert "CALEA" in editor.help.text(), "serving the US, its laws are named too"


def test_8_a_long_answer_is_shown_from_its_start(qtbot, window: MainWindow):
    """A registered address longer than its box shows its first words, not its last."""
    address = "Unit 4, Harbour Business Park, 12 Quay Street, Dublin 2, D02 XY34, Ireland"
    window.session.new_project(answers={"company.address": address})
    _small(window)
    line = window.wizard.editor("company.address").input
    assert isinstance(line, QLineEdit)
    assert line.text() == address
    assert line.cursorPosition() == 0
    assert line.cursorRect().left() < line.width() // 2, "the start of the address is in view"
