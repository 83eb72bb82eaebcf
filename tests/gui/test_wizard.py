"""The wizard, driven like a user: from a blank project to three exported files; invalid input; skipped pages."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QWidget

from telepolicy.generator import FIELDS, FIELDS_BY_KEY, load_preset
from telepolicy.gui.main_window import MainWindow
from telepolicy.gui.operator import OperatorDialog
from telepolicy.gui.wizard.fields import user_help
from tests.gui.conftest import answer_message_box, wait_rendered

ANSWERS = {
    "company.legal_name": "Northwind Telecom Ltd",
    "company.address": "1 Harbour Street, Leeds LS1 1AA",
    "company.country": "United Kingdom",
    "company.privacy_email": "privacy@northwind.example",
    "policy.version": "2.1",
}


def _line(window: MainWindow, key: str) -> QLineEdit:
    widget = window.wizard.editor(key).input
    assert isinstance(widget, QLineEdit)
    return widget


def _type(qtbot, window: MainWindow, key: str, text: str) -> None:
    edit = _line(window, key)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _toggle(qtbot, box: QCheckBox) -> None:
    """With the keyboard, as a user tabbing through the form would."""
    before = box.isChecked()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked() != before


def _start_blank(qtbot, window: MainWindow, country: str = "United States", regions: tuple[str, ...] = ("us",)) -> None:
    """Blank project; the first two questions (country, regions) answered in the dialog that asks them."""

    def answer(dialog: OperatorDialog) -> int:
        dialog.country.setCurrentText(country)
        for value, box in dialog.boxes.items():
            box.setChecked(value in regions)
        assert dialog.ok.isEnabled()
        return OperatorDialog.DialogCode.Accepted

    window.ask_operator = answer
    window.session.start(None)
    assert window.central.currentWidget() is window.start_page
    window.start_page.templates.setCurrentRow(0)  # Blank project
    _click(qtbot, window.start_page.create_button)
    assert window.session.document is not None


def test_wizard_from_scratch_to_three_exported_files(qtbot, window: MainWindow, tmp_path: Path):
    _start_blank(qtbot, window)
    wizard = window.wizard
    visited = []
    while True:
        page = wizard.current_page()
        visited.append(page.page_id)
        for key, text in ANSWERS.items():
            if key in page.keys:
                _type(qtbot, window, key, text)
        if page.page_id == "retention":
            period = wizard.editor("data.contact.retention")
            period.kind.setCurrentIndex(period.kind.findText("For a set time"))
            period.number.setValue(3)
            period.unit.setCurrentIndex(period.unit.findText("years"))
        if page.page_id == "regions":
            _toggle(qtbot, wizard.editor("audience.regions").boxes["eea"])
        if page.page_id == "cookies":
            qtbot.keyClicks(wizard.editor("cookies.analytics_tools").input, "Plausible Analytics")
        if not wizard.step(+1):
            break
    assert window.tabs.currentWidget() is window.editor_tab, "Next on the last page opens the clause editor"
    assert visited[0] == "company"
    assert visited[-1] == "policy"
    assert len(visited) >= 14

    answers = window.session.document.project.answers
    assert {key: answers[key] for key in ANSWERS} == ANSWERS
    assert answers["data.contact.retention"] == "3 years"
    assert "eea" in answers["audience.regions"]
    assert answers["cookies.analytics_tools"] == ["Plausible Analytics"]
    wait_rendered(qtbot, window)
    assert "Northwind Telecom Ltd" in window.preview.browser.toPlainText()

    window.export_action.trigger()
    dialog = window.export_dialog
    assert dialog is not None
    assert dialog.formats() == ["md", "html", "pdf"]
    dialog.folder.setText(str(tmp_path / "out"))
    seen: list[str] = []
    answer_message_box("Export anyway", seen)  # no EU representative named yet: an error, exported knowingly
    _click(qtbot, dialog.export_button)
    assert "error" in seen[0]
    qtbot.waitUntil(lambda: bool(dialog.written), timeout=60_000)

    names = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert names == ["Northwind-Telecom-Ltd.html", "Northwind-Telecom-Ltd.md", "Northwind-Telecom-Ltd.pdf"]
    markdown = (tmp_path / "out" / "Northwind-Telecom-Ltd.md").read_text(encoding="utf-8")
    html = (tmp_path / "out" / "Northwind-Telecom-Ltd.html").read_text(encoding="utf-8")
    for text in ("Northwind Telecom Ltd", "privacy@northwind.example", "Plausible Analytics", "3 years", "2.1"):
        assert text in markdown
        assert text in html
    assert html == window.preview.html, "the preview shows what the export writes"
    pdf_text = "".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "Northwind-Telecom-Ltd.pdf").pages)
    assert "Northwind Telecom Ltd" in pdf_text
    assert "privacy@northwind.example" in pdf_text
    assert dialog.open_button.isEnabled()


def test_invalid_input_is_flagged_at_the_field_and_never_saved(qtbot, window: MainWindow):
    _start_blank(qtbot, window)
    project = window.session.document.project
    editor = window.wizard.editor("company.privacy_email")
    qtbot.keyClicks(editor.input, "privacy-at-example")
    assert not editor.error.isVisible(), "no error while the user is still typing"
    editor.input.editingFinished.emit()  # the user leaves the field
    assert editor.error.isVisible()
    assert "not an e-mail address" in editor.error.text()
    assert project.answers["company.privacy_email"] == ""

    assert not window.wizard.step(+1), "Next stays on a page with an invalid answer"
    assert window.wizard.current_page().page_id == "company"

    editor.input.clear()
    qtbot.keyClicks(editor.input, "privacy@example.com")
    assert not editor.error.isVisible()
    assert project.answers["company.privacy_email"] == "privacy@example.com"


def test_questions_and_pages_that_do_not_apply_are_skipped(qtbot, window: MainWindow):
    _start_blank(qtbot, window)
    wizard = window.wizard
    cpni_row = [page.page_id for page in wizard.pages].index("cpni")
    assert not wizard.steps.item(cpni_row).isHidden(), "US voice: the CPNI page applies"
    wizard.go_to("services.offered")
    _toggle(qtbot, wizard.editor("services.offered").boxes["voice"])
    assert wizard.steps.item(cpni_row).isHidden(), "no voice service: no CPNI page"

    wizard.go_to("audience.regions")
    _toggle(qtbot, wizard.editor("audience.regions").boxes["eea"])
    company = wizard.pages[0]
    wizard.editor("eu_representative.name")  # the page is built on first use
    eu_row = list(company.editors).index("eu_representative.name")
    assert company.form.isRowVisible(eu_row), "serving the EEA from outside: the EU representative is asked"
    established = wizard.editor("company.established_in_eea").input
    assert isinstance(established, QCheckBox)
    _toggle(qtbot, established)
    assert not company.form.isRowVisible(eu_row), "established in the EEA: no EU representative question"


def test_every_input_is_named_by_its_visible_label(qtbot, window: MainWindow):
    _start_blank(qtbot, window)
    for field in FIELDS:
        editor = window.wizard.editor(field.key)
        assert editor.input.accessibleName() == field.label
        visible = editor.row.text.text() if isinstance(editor.input, QCheckBox) else editor.label.text()
        assert visible == field.label
        # The help may go on to name the laws of the operator's country and the places served.
        assert editor.input.toolTip().startswith(user_help(FIELDS_BY_KEY[field.key]))


def test_undo_and_redo_cover_answers(qtbot, window: MainWindow):
    _start_blank(qtbot, window)
    _type(qtbot, window, "company.legal_name", "First Name Ltd")
    window.wizard.editor("company.legal_name").input.editingFinished.emit()
    _type(qtbot, window, "company.country", "Ireland")
    answers = window.session.document.project.answers
    window.undo_action.trigger()
    assert answers["company.country"] == "United States", "back to the country given when the project was created"
    assert _line(window, "company.country").text() == "United States"
    assert answers["company.legal_name"] == "First Name Ltd", "one undo takes back one field's typing"
    window.redo_action.trigger()
    assert answers["company.country"] == "Ireland"
    assert _line(window, "company.country").text() == "Ireland"
    assert window.isWindowModified()


def test_the_preview_follows_the_page_being_answered(qtbot, window: MainWindow):
    window.session.new_project("us-carrier-eea")
    wait_rendered(qtbot, window)
    browser = window.preview.browser
    window.wizard.go_to("cpni.approval")
    qtbot.wait(50)  # Qt settles the scroll range in the event loop
    top = browser.cursorForPosition(browser.viewport().rect().topLeft()).block().text()
    assert top.endswith(". Customer Proprietary Network Information (CPNI)"), "the section heading is at the top"


def test_a_project_shows_its_preview_first_and_its_first_page_once_the_window_has_painted(
    qtbot, make_window, stored_page
):
    path, _ = stored_page  # its page is stored for the next start
    window = make_window()
    wizard = window.wizard
    built_when_shown: list[bool] = []
    window.renderer.page_ready.connect(lambda _html: built_when_shown.append(wizard.pages[0].built))
    window.session.open_project(path)
    assert built_when_shown == [False], "the stored page is in the window before the first page is built"
    assert wizard.loading.isVisibleTo(window)
    assert not wizard.stack.isVisibleTo(window)
    qtbot.waitUntil(lambda: not wizard.waiting)  # nothing asks the wizard: the window's paint brings the page
    assert wizard.stack.isVisible()
    assert not wizard.loading.isVisible()
    name = wizard.pages[0].editors["company.legal_name"].input
    assert isinstance(name, QLineEdit)
    assert name.text() == load_preset("eu-voip-operator").answers["company.legal_name"]
    assert not window.isWindowModified()
    assert not window.session.document.modified

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is name
    qtbot.keyClicks(name, " Ltd")
    assert window.isWindowModified(), "an answer typed in the page built late is an unsaved change"


def test_building_the_pages_shows_no_window_of_their_own(qtbot, window: MainWindow):
    """A part shown before it is in the page would flash up as a window (and cost a native window on X11)."""
    shown: list[QWidget] = []

    class Windows(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
                shown.append(watched)
            return False

    windows = Windows()
    QApplication.instance().installEventFilter(windows)
    try:
        window.session.new_project("us-carrier-eea")
        for field in FIELDS:
            window.wizard.editor(field.key)
    finally:
        QApplication.instance().removeEventFilter(windows)
    assert [type(widget).__name__ for widget in shown] == []
