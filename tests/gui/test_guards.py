"""The guards that only show when something races or is taken back: each test fails if its guard is removed."""

from __future__ import annotations

from telepolicy.gui.main_window import MainWindow
from tests.gui.conftest import wait_rendered


def test_a_render_started_for_a_closed_project_never_shows(qtbot, window: MainWindow):
    """The first render really starts (no debounce) and is still running when the next project opens."""
    shown: list[str] = []
    window.renderer.snapshot_ready.connect(lambda s: shown.append(s.plan.project.answers["company.legal_name"]))
    window.session.new_project("global-cpaas-bcr")
    window.renderer.refresh_now()
    assert window.renderer.busy, "the first render is under way"
    window.session.new_project("eu-voip-operator")
    wait_rendered(qtbot, window)
    expected = window.session.document.project.answers["company.legal_name"]
    assert shown == [expected], "only the open project's render is shown"


def test_an_older_page_never_replaces_a_newer_one(qtbot, window: MainWindow):
    window.session.new_project("us-carrier-eea")
    wait_rendered(qtbot, window)
    pages: list[str] = []
    window.renderer.page_ready.connect(pages.append)
    newest = window.renderer.latest.generation
    window.renderer._page(newest + 2, "<p>newer</p>")
    window.renderer.accept(type(window.renderer.latest)(newest + 2, "<p>newer</p>", None, None, ()))
    window.renderer._page(newest + 1, "<p>older</p>")
    assert pages == ["<p>newer</p>"]


def test_typing_a_value_back_leaves_no_undo_step(qtbot, window: MainWindow):
    """Undo's obsolete-step rule: typing 'x' then deleting it in one burst is no change at all."""
    window.session.new_project("us-carrier-eea")
    document = window.session.document
    original = document.answer("policy.version")
    document.set_answer("policy.version", original + "x", typing=True)
    document.set_answer("policy.version", original, typing=True)
    assert document.undo_stack.count() == 0
    assert not document.modified
