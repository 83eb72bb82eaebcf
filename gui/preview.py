"""The live preview: the exported HTML page, re-rendered off the UI thread after each change.

ReText's approach: wait ~150 ms after the last change, render in a worker, and
keep the reader's scroll position. Results carry a generation number, so a slow,
stale render never replaces a newer one, nor a render of a project since closed.
"""

from __future__ import annotations

import re
import subprocess
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from telepolicy.generator import prepare_in_background
from telepolicy.gui import style
from telepolicy.gui.document import Document
from telepolicy.gui.snapshot import FindingRow, Snapshot, build_snapshot
from telepolicy.gui.workers import Task, single_shot_timer

DEBOUNCE_MS = 150
PDF_SETTLE_MS = 2000  # edits paused this long: the PDF of the page is printed in the background
EXTERNAL_SCHEMES = ("http", "https", "mailto")
RUNNING_HEADER = re.compile(r'<div class="running-header"[^>]*>.*?</div>', re.DOTALL)


def section_anchor(section_id: str) -> str:
    """The HTML id of a section's heading (templates/policy.html.j2); Qt scrolls exactly to it."""
    return f"{section_id}-title"


def clause_anchor(clause_id: str) -> str:
    """The HTML id the page gives a clause (templates/policy.html.j2)."""
    return "clause-" + clause_id.replace(".", "-")


def _screen_only(html: str) -> str:
    """The page as a browser shows it: without the running header, which the CSS keeps for print.

    Qt's rich text ignores `display: none`, so the preview drops that one element instead.
    """
    return RUNNING_HEADER.sub("", html, count=1)


class Renderer(QObject):
    """Turns the document into snapshots (page, outline, findings), one render at a time."""

    page_ready = Signal(str)  # the rendered page, before the outline and the findings
    snapshot_ready = Signal(object)  # Snapshot
    _page_rendered = Signal(int, str)  # from the worker: generation, page

    def __init__(self, delay_ms: int = DEBOUNCE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: Document | None = None
        self._timer = single_shot_timer(self, delay_ms, self.refresh_now)
        self._generation = 0  # of the newest render started
        self._minimum = 1  # results older than this belong to a closed project
        self._shown = 0  # of the newest result accepted
        self._busy = False
        self._pending = False
        self._task: Task | None = None  # kept alive until it reports back
        self.latest: Snapshot | None = None
        self._page_rendered.connect(self._page)
        # Once edits settle, a low-priority process prints the page into the PDF cache, so an
        # export right after is immediate; a newer page replaces an unfinished one.
        self._pdf_timer = single_shot_timer(self, PDF_SETTLE_MS, self._prepare_pdf)
        self._pdf_process: subprocess.Popen[bytes] | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stop_pdf)

    def set_delay(self, delay_ms: int) -> None:
        self._timer.setInterval(delay_ms)

    def set_document(self, document: Document | None) -> None:
        if self._document is not None:
            self._document.changed.disconnect(self.schedule)
        self._document = document
        self._minimum = self._generation + 1
        self.latest = None
        if document is not None:
            document.changed.connect(self.schedule)
            self.schedule()  # after the window has painted the new project

    def schedule(self) -> None:
        self._timer.start()
        self._pdf_timer.stop()

    def refresh_now(self) -> None:
        self._timer.stop()
        if self._busy:
            self._pending = True  # rendered as soon as the current render ends
        else:
            self._start()

    @property
    def busy(self) -> bool:
        return self._busy or self._pending or self._timer.isActive()

    def _start(self) -> None:
        if self._document is None:
            return
        self._generation += 1
        project = self._document.project.copy()
        task = Task(partial(build_snapshot, project, self._generation, self._page_rendered.emit))
        task.signals.finished.connect(self._finished)
        task.signals.failed.connect(partial(self._failed, self._generation))
        self._busy = True
        self._task = task
        QThreadPool.globalInstance().start(task)

    def _finished(self, snapshot: Snapshot) -> None:
        self._busy = False
        self._task = None
        self.accept(snapshot)
        if self._pending:
            self._pending = False
            self._start()

    def _failed(self, generation: int, error: Exception) -> None:
        """A bug, not bad input (that arrives as findings): say so rather than freeze the preview."""
        message = f"The preview could not be rendered ({error!r}). Save your work and report the problem."
        self._finished(Snapshot(generation, "", None, None, (FindingRow("error", message),), message))

    def _current(self, generation: int) -> bool:
        """Neither older than a result already shown nor from a project since closed."""
        return generation >= self._minimum and generation > self._shown

    def _page(self, generation: int, html: str) -> None:
        if self._current(generation):
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
        self._stop_pdf()
        self._pdf_process = prepare_in_background(self.latest.html)

    def _stop_pdf(self) -> None:
        if self._pdf_process is not None and self._pdf_process.poll() is None:
            self._pdf_process.terminate()
            self._pdf_process.wait()
        self._pdf_process = None


class PreviewPane(QWidget):
    """The rendered page, with a note above it when the newest answers cannot be rendered.

    Qt settles a new page's scroll range only after the event loop runs, so the place
    to show (a scroll position, or a section's anchor) is kept as a target and applied
    again whenever the range changes, until the reader scrolls.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = style.banner(QLabel(wordWrap=True))
        self.banner.hide()
        self.browser = QTextBrowser(openLinks=False)
        self.browser.setAccessibleName("Policy preview")
        # One Tab stop for the whole preview: its links are for the mouse, Tab moves on.
        self.browser.setTabChangesFocus(True)
        flags = Qt.TextInteractionFlag
        self.browser.setTextInteractionFlags(
            flags.TextSelectableByMouse | flags.TextSelectableByKeyboard | flags.LinksAccessibleByMouse
        )
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setPlaceholderText("Rendering the policy…")
        bar = self.browser.verticalScrollBar()
        bar.rangeChanged.connect(self._apply_target)
        bar.actionTriggered.connect(self._reader_scrolled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.browser)
        self._target: str | int | None = None  # an anchor, a scroll position, or nothing to hold
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
                self._target = self.browser.verticalScrollBar().value()
            self.browser.setHtml(_screen_only(html))
            self.html = html
            self._apply_target()

    def clear(self) -> None:
        self.html = ""
        self._target = None
        self.browser.clear()
        self.banner.hide()

    def scroll_to(self, anchor: str) -> None:
        """Bring a section or clause (its HTML id) to the top."""
        if anchor:
            self._target = anchor
            self._apply_target()

    def _apply_target(self) -> None:
        if isinstance(self._target, str):
            self.browser.scrollToAnchor(self._target)
        elif isinstance(self._target, int):
            self.browser.verticalScrollBar().setValue(self._target)

    def _reader_scrolled(self) -> None:
        self._target = None

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
        elif url.hasFragment():
            self.scroll_to(url.fragment())
