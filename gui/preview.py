"""The live preview: the exported HTML page, re-rendered off the UI thread after each change.

ReText's approach: wait ~150 ms after the last change, render in a worker, and
keep the reader's scroll position. Results carry a generation number, so a slow,
stale render never replaces a newer one, nor a render of a project since closed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from telepolicy.generator import Project, read_page
from telepolicy.gui import style
from telepolicy.gui.document import Document
from telepolicy.gui.page_document import PageDocument, screen_html
from telepolicy.gui.snapshot import FindingRow, Page, Snapshot, finish_snapshot, render_page, stored_page_key
from telepolicy.gui.workers import Task, single_shot_timer

if TYPE_CHECKING:
    import subprocess  # the background PDF process; imported by the core when it starts one

DEBOUNCE_MS = 150
PDF_SETTLE_MS = 2000  # edits paused this long: the PDF of the page is printed in the background
EXTERNAL_SCHEMES = ("http", "https", "mailto")


def section_anchor(section_id: str) -> str:
    """The HTML id of a section's heading (templates/policy.html.j2); Qt scrolls exactly to it."""
    return f"{section_id}-title"


def clause_anchor(clause_id: str) -> str:
    """The HTML id the page gives a clause (templates/policy.html.j2)."""
    return "clause-" + clause_id.replace(".", "-")


def render_for_screen(project: Project, store: bool = False) -> Page:
    """The page (snapshot.render_page) and, while still in the worker, the form the preview shows it in."""
    page = render_page(project, store)
    if page.html:
        screen_html(page.html)
    return page


class Renderer(QObject):
    """Turns the document into snapshots (page, outline, findings), one render at a time."""

    page_ready = Signal(str)  # the rendered page, before the outline and the findings
    snapshot_ready = Signal(object)  # Snapshot

    def __init__(self, delay_ms: int = DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: Document | None = None
        self._timer = single_shot_timer(self, delay_ms, self.refresh_now)
        # A newly opened project renders at once, not after the typing delay: the window has
        # painted by the time the event loop runs this.
        self._opening = single_shot_timer(self, 0, self.refresh_now)
        self._store = False  # the next render keeps its page in the page cache
        self._held = False  # the window is not complete yet (see `set_document`)
        self._generation = 0  # of the newest render started
        self._minimum = 1  # results older than this belong to a closed project
        self._shown = 0  # of the newest result accepted
        self._busy = False
        self._pending = False
        self._task: Task | None = None  # kept alive until it reports back
        self._rendering: tuple[int, Project] = (0, Project({}))  # the render under way: generation, project
        self.latest: Snapshot | None = None
        # Once edits settle, a low-priority process prints the page into the PDF cache, so an
        # export right after is immediate; a newer page replaces an unfinished one.
        self._pdf_timer = single_shot_timer(self, PDF_SETTLE_MS, self._prepare_pdf)
        self._pdf_process: subprocess.Popen[bytes] | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop_pdf)

    def set_delay(self, delay_ms: int) -> None:
        self._timer.setInterval(delay_ms)

    def set_document(self, document: Document | None, hold: bool = False) -> None:
        """With `hold`, the render waits for `release`: the window has more to build first on the
        same interpreter, and alongside it each would take about twice as long."""
        if self._document is not None:
            self._document.changed.disconnect(self.schedule)
        self._document = document
        self._minimum = self._generation + 1
        self.latest = None
        self._opening.stop()
        self._held = False
        if document is not None:
            document.changed.connect(self.schedule)
            self._pdf_timer.stop()
            self._show_stored(document)
            self._held = hold
            if not self._held:
                self._opening.start()

    def release(self) -> None:
        """The window is complete: the project's first render starts, unless one has."""
        if self._held:
            self._held = False
            if self._generation < self._minimum:
                self._opening.start()

    def _show_stored(self, document: Document) -> None:
        """The page last rendered for exactly this project, shown until its render arrives; else the
        render keeps its page for the next start."""
        key = stored_page_key(document.project)
        stored = read_page(key) if key is not None else None
        self._store = key is not None and stored is None
        if stored:
            self.page_ready.emit(stored)

    def schedule(self) -> None:
        self._timer.start()
        self._pdf_timer.stop()

    def refresh_now(self) -> None:
        self._timer.stop()
        self._opening.stop()
        self._held = False
        if self._busy:
            self._pending = True  # rendered as soon as the current render ends
        else:
            self._start()

    @property
    def busy(self) -> bool:
        return self._busy or self._pending or self._held or self._timer.isActive() or self._opening.isActive()

    def _start(self) -> None:
        if self._document is None:
            return
        self._generation += 1
        project = self._document.project.copy()
        store, self._store = self._store, False
        self._rendering = (self._generation, project)
        self._run(partial(render_for_screen, project, store), self._rendered)

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        task = Task(work)
        task.signals.finished.connect(done)  # bound methods of this object: run in its thread
        task.signals.failed.connect(self._failed)
        self._busy = True
        self._task = task
        QThreadPool.globalInstance().start(task)

    def _rendered(self, page: Page) -> None:
        """The page first, then its check in the background: the check never delays the preview."""
        generation, project = self._rendering
        if not self._current(generation):  # a project since closed: its check is not wanted
            self._finished(Snapshot(generation, "", None, None, ()))
            return
        self._page(generation, page.html)
        self._run(partial(finish_snapshot, project, generation, page), self._finished)

    def _finished(self, snapshot: Snapshot) -> None:
        self._busy = False
        self._task = None
        self.accept(snapshot)
        if self._pending:
            self._pending = False
            self._start()

    def _failed(self, error: Exception) -> None:
        """A bug, not bad input (that arrives as findings): say so rather than freeze the preview."""
        message = f"The preview could not be rendered ({error!r}). Save your work and report the problem."
        self._finished(Snapshot(self._rendering[0], "", None, None, (FindingRow("error", message),), message))

    def _current(self, generation: int) -> bool:
        """Neither older than a result already shown nor from a project since closed."""
        return generation >= self._minimum and generation > self._shown

    def _page(self, generation: int, html: str) -> None:
        if html and self._current(generation):
            self.page_ready.emit(html)

    def accept(self, snapshot: Snapshot) -> bool:
        """Show a result unless a newer one, or a newer project, came first."""
        if not self._current(snapshot.generation):
            return False
        self._shown = snapshot.generation
        self.latest = snapshot
        self.snapshot_ready.emit(snapshot)
        if snapshot.html:
            self._pdf_timer.start()
        return True

    def _prepare_pdf(self) -> None:
        if self.busy or self.latest is None or not self.latest.html:
            return
        from telepolicy.generator import prepare_in_background  # with WeasyPrint's page setup: not at start-up

        self._stop_pdf()
        self._pdf_process = prepare_in_background(self.latest.html)

    def _stop_pdf(self) -> None:
        if self._pdf_process is not None and self._pdf_process.poll() is None:
            self._pdf_process.terminate()
            self._pdf_process.wait()
        self._pdf_process = None


class Place(NamedTuple):
    """Where the reader is: this many characters into a part of the page, its line this far from the top."""

    part: str
    offset: int
    top: int


class PreviewPane(QWidget):
    """The rendered page, with a note above it when the newest answers cannot be rendered.

    Qt settles a new page's scroll range only after the event loop runs, so the place
    to show (the text the reader was looking at, or a section's anchor) is kept as a target
    and applied again whenever the range changes, until the reader scrolls. The text is held
    by its part of the page (gui/page_document.py), so a clause left out or added above it
    does not move what the reader sees.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = style.banner(QLabel(wordWrap=True))
        self.banner.hide()
        self.browser = QTextBrowser(openLinks=False)
        self.browser.setAccessibleName("Policy preview")
        # One Tab stop for the whole preview: its links are for the mouse, Tab moves on.
        self.browser.setTabChangesFocus(True)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setPlaceholderText("Rendering the policy…")
        bar = self.browser.verticalScrollBar()
        bar.rangeChanged.connect(self._apply_target)
        bar.actionTriggered.connect(self._reader_scrolled)
        self.browser.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.browser)
        self.page = PageDocument(self.browser.document())
        self._updating = False
        self._target: str | Place | int | None = None  # an anchor, a place in the text, a scroll position, or nothing
        self.html = ""

    def show_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot.error:
            self.banner.setText(
                "The newest changes cannot be rendered, so the preview shows the last version that could. "
                f"See Findings.\n{snapshot.error}"
            )
        self.banner.setVisible(bool(snapshot.error))
        self.show_page(snapshot.html)

    def show_page(self, html: str) -> None:
        if html and html != self.html:
            if self._target is None:
                self._target = self._place()
            self._updating = True  # the scroll range changes while parts are replaced: wait for the last
            try:
                self.page.show(screen_html(html))
            finally:
                self._updating = False
            self.html = html
            self._apply_target()

    def clear(self) -> None:
        self.html = ""
        self._target = None
        self.page.clear()
        self.browser.clear()
        self.banner.hide()

    def scroll_to(self, anchor: str) -> None:
        """Bring a section or clause (its HTML id) to the top."""
        if anchor:
            self._target = anchor
            self._apply_target()

    def set_keyboard_use(self) -> None:
        """The text is selectable with the keyboard and links are not Tab stops. The window sets this
        once it has painted: the flags are Qt's `Qt` enums, ~40 ms to create (gui/main_window.py)."""
        from PySide6.QtCore import Qt

        flags = Qt.TextInteractionFlag
        self.browser.setTextInteractionFlags(
            flags.TextSelectableByMouse | flags.TextSelectableByKeyboard | flags.LinksAccessibleByMouse
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Before the page reflows to a new width, note what the reader sees, to show it again after."""
        if event.type() == QEvent.Type.Resize and self._target is None and self.html:
            assert isinstance(event, QResizeEvent)
            if event.size().width() != event.oldSize().width():
                self._target = self._place()
        return False

    def _place(self) -> Place | int:
        """What the reader sees at the top: a place in the page's text, or else the scroll position."""
        cursor = self.browser.cursorForPosition(QPoint(0, 0))
        found = self.page.place(cursor.position())
        if found is None or self.page.layout is None:
            return self.browser.verticalScrollBar().value()
        part, offset = found
        return Place(self.page.layout.keys[part], offset, self.browser.cursorRect(cursor).top())

    def _apply_target(self) -> None:
        target, bar = self._target, self.browser.verticalScrollBar()
        if self._updating:
            return
        if isinstance(target, str):
            self.browser.scrollToAnchor(target)
        elif isinstance(target, int):
            bar.setValue(target)
        elif isinstance(target, Place) and self.page.layout is not None and target.part in self.page.layout.keys:
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(self.page.position(self.page.layout.keys.index(target.part), target.offset))
            bar.setValue(bar.value() + self.browser.cursorRect(cursor).top() - target.top)

    def _reader_scrolled(self) -> None:
        self._target = None

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
        elif url.hasFragment():
            self.scroll_to(url.fragment())
