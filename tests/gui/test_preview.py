"""The preview updated part by part (gui/page_document.py): the document the whole page gives, the place kept."""

from __future__ import annotations

import re
import threading

import pytest
from PySide6.QtCore import QPoint, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from telepolicy.generator import ClauseEdit, Project, build, load_preset, project_to_toml
from telepolicy.gui import page_document
from telepolicy.gui.page_document import PageDocument, cut, screen_html
from telepolicy.gui.preview import PreviewPane
from tests.gui.conftest import wait_rendered


def _page(project: Project) -> str:
    return build(project, ["html"], check=False).outputs["html"].decode("utf-8")


def _whole(screen: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(screen)
    return document


def _anchors(document: QTextDocument) -> list[str]:
    """Every anchor name in order (toHtml writes only the first of a piece of text)."""
    names = []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            names += fragments.fragment().charFormat().anchorNames()
            fragments += 1
        block = block.next()
    return names


def _same(document: QTextDocument, screen: str) -> bool:
    whole = _whole(screen)
    return document.toHtml() == whole.toHtml() and _anchors(document) == _anchors(whole)


def _changes(project: Project) -> list[Project]:
    """Projects that each differ from the one before in one way an editing user would make."""
    steps = []
    for key, value in [
        ("company.trading_name", "Meridian and Partners"),  # the header, the contents' neighbours, the footer
        ("retention.backup_days", 41),  # one section
        ("policy.version", "9.9"),  # the header and the footer
        ("cookies.honours_dnt", not project.answers.get("cookies.honours_dnt")),
    ]:
        project = project.copy()
        project.answers[key] = value
        steps.append(project)
    project = project.copy()
    project.clause_edits["rights.request.agent"] = ClauseEdit(omit=True)
    steps.append(project)
    return steps


@pytest.mark.parametrize("preset", ["global-cpaas-bcr", "eu-voip-operator"])
def test_updating_part_by_part_gives_the_document_the_whole_page_gives(qapp, preset: str):
    document = QTextDocument()
    page = PageDocument(document)
    first = load_preset(preset)
    assert not page.show(screen_html(_page(first))), "the first page is set whole"
    for project in _changes(first):
        screen = screen_html(_page(project))
        assert page.show(screen), "only the parts that changed are replaced"
        assert _same(document, screen)


def test_a_new_frame_sets_the_whole_page(qapp):
    project = load_preset("us-carrier-eea")
    document = QTextDocument()
    page = PageDocument(document)
    page.show(screen_html(_page(project)))
    minimal = project.copy()
    minimal.answers["policy.style"] = "minimal"  # no contents, sections named as articles
    screen = screen_html(_page(minimal))
    assert not page.show(screen)
    assert _same(document, screen)
    minimal = minimal.copy()
    minimal.answers["policy.version"] = "9.9"
    screen = screen_html(_page(minimal))
    assert page.show(screen)
    assert _same(document, screen)


def test_the_screen_page_keeps_every_anchor_and_link_of_the_page(qapp):
    page = _page(load_preset("global-cpaas-bcr"))
    document = _whole(screen_html(page))
    assert set(_anchors(document)) == set(re.findall(r'\bid="([^"]+)"', page)), "every id of the page is an anchor"
    assert re.findall(r'href="([^"]+)"', page) == re.findall(r'href="([^"]+)"', document.toHtml())
    assert cut(screen_html(page)) is not None


def _pane(qtbot, width: int = 520) -> PreviewPane:
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.resize(width, 600)
    pane.show()
    return pane


def _top(pane: PreviewPane) -> tuple[str, int]:
    """The text at the top of the preview and where its line is."""
    cursor = pane.browser.cursorForPosition(QPoint(0, 0))
    return cursor.block().text(), pane.browser.cursorRect(cursor).top()


def _read_at(qtbot, pane: PreviewPane, anchor: str) -> None:
    """The reader goes to an anchor, then scrolls a little: no anchor is held any more."""
    pane.scroll_to(anchor)
    bar = pane.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=3000)
    bar.triggerAction(bar.SliderAction.SliderSingleStepSub)
    QApplication.processEvents()


def test_the_text_at_the_top_stays_when_a_clause_above_is_left_out(qtbot):
    pane = _pane(qtbot)
    project = load_preset("us-carrier-eea")
    pane.show_page(_page(project))
    _read_at(qtbot, pane, "clause-contact-privacy_team")
    seen, position = _top(pane), pane.browser.verticalScrollBar().value()
    project.clause_edits["rights.request.agent"] = ClauseEdit(omit=True)  # a clause above the reader's place
    pane.show_page(_page(project))
    qtbot.waitUntil(lambda: _top(pane) == seen, timeout=3000)  # waits, not a fixed pause: CI machines are slow
    assert pane.browser.verticalScrollBar().value() < position, "the page above got shorter"


def test_the_text_at_the_top_stays_when_the_preview_changes_width(qtbot):
    pane = _pane(qtbot)
    pane.show_page(_page(load_preset("us-carrier-eea")))
    _read_at(qtbot, pane, "clause-contact-privacy_team")
    seen = _top(pane)[0]
    pane.resize(380, 600)
    qtbot.wait(50)  # the resize reaches the pane first
    qtbot.waitUntil(lambda: _top(pane)[0] == seen, timeout=3000)


def test_the_contents_links_still_lead_to_their_sections_after_an_update(qtbot):
    pane = _pane(qtbot)
    project = load_preset("us-carrier-eea")
    pane.show_page(_page(project))
    project.answers["company.trading_name"] = "Meridian and Partners"  # the contents are replaced too
    pane.show_page(_page(project))
    assert pane.page.starts, "updated part by part"
    pane.browser.anchorClicked.emit(QUrl("#cookies"))
    qtbot.waitUntil(lambda: _top(pane)[0].endswith("Cookies and similar technologies"), timeout=3000)


def test_a_new_page_is_shown_without_walking_its_blocks_and_its_first_update_still_replaces_parts(
    monkeypatch: pytest.MonkeyPatch,
):
    """The first preview paints sooner: the parts are found when an update or the reader's place needs them."""
    walks: list[object] = []
    real = PageDocument._find_starts
    monkeypatch.setattr(PageDocument, "_find_starts", lambda self, layout: walks.append(layout) or real(self, layout))
    page = PageDocument(QTextDocument())
    project = load_preset("us-carrier-eea")
    page.show(screen_html(_page(project)))
    assert walks == []
    project.answers["company.trading_name"] = "Meridian and Partners"
    changed = screen_html(_page(project))
    assert page.show(changed), "updated part by part"
    assert len(walks) == 1
    assert page.document.toHtml() == _whole(changed).toHtml()


def test_parts_far_apart_are_replaced_each_alone_not_with_the_text_between_them():
    """A new company name changes the header, the introduction and the footer: what Qt lays out
    again after the update is those parts, not the 100 KB of sections between them."""
    page = PageDocument(QTextDocument())
    project = load_preset("global-cpaas-bcr")
    page.show(screen_html(_page(project)))
    project.answers["company.trading_name"] = "Meridian and Partners"
    changed = screen_html(_page(project))
    page.document.documentLayout()  # laid out, as in the preview: only then does Qt report the changes
    changes: list[tuple[int, int, int]] = []
    page.document.contentsChange.connect(lambda position, removed, added: changes.append((position, removed, added)))
    assert page.show(changed), "updated part by part"
    assert len(changes) >= 2
    assert max(added for _, _, added in changes) < page.document.characterCount() / 4
    assert page.document.toHtml() == _whole(changed).toHtml()


def test_a_rendered_page_is_made_ready_for_the_preview_in_the_worker_not_the_ui_thread(
    qtbot, make_window, monkeypatch: pytest.MonkeyPatch
):
    """The UI thread only looks the preview's form of the page up: typing stays responsive."""
    on_ui_thread: list[bool] = []
    pattern = page_document.RUNNING_HEADER

    class Recording:
        def sub(self, *args: object, **kwargs: object) -> str:
            on_ui_thread.append(threading.current_thread() is threading.main_thread())
            return pattern.sub(*args, **kwargs)

    monkeypatch.setattr(page_document, "RUNNING_HEADER", Recording())
    page_document.screen_html.cache_clear()
    window = make_window()
    window.session.new_project("eu-voip-operator")
    wait_rendered(qtbot, window)
    window.renderer.set_delay(0)
    window.session.document.set_answer("company.trading_name", "Meridian and Partners")
    wait_rendered(qtbot, window)
    assert "Meridian and Partners" in window.preview.browser.toPlainText()
    assert on_ui_thread
    assert not any(on_ui_thread)


def test_a_file_opened_again_shows_its_stored_page_at_once_and_a_changed_file_never_does(
    qtbot, make_window, stored_page
):
    path, first = stored_page
    second = make_window()
    second.session.open_project(path)
    assert second.preview.html == first.preview.html, "shown before any render"
    assert second.renderer.latest is None
    wait_rendered(qtbot, second)
    assert second.renderer.latest.html == first.preview.html

    project = load_preset("eu-voip-operator")
    project.answers["company.trading_name"] = "Northwind Voice"
    path.write_text(project_to_toml(project), encoding="utf-8")
    third = make_window()
    third.session.open_project(path)
    assert third.preview.html == "", "the page of the file as it was is not shown"
    wait_rendered(qtbot, third)
    assert "Northwind Voice" in third.preview.html
