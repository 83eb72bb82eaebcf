"""Desktop app benchmark under the offscreen platform: start-up, first preview, refresh, memory.

    .venv/bin/python benchmarks/gui.py          (QT_QPA_PLATFORM=xcb under Xvfb for a real X server)

Targets: the first preview (start to a painted window showing the rendered policy of the
largest preset, global-cpaas-bcr) ≤ 2x the start of an empty PySide6 window with a
QTextBrowser, both measured in fresh processes, interleaved, in the same run; the preview
refresh after an answer changes, p95 ≤ 50 ms (debounce excluded); memory after loading the
largest preset ≤ 150 MB. Start-up and memory are measured in fresh processes, with settings,
app data and the Telepolicy cache in a temporary folder (the cache warm, as after the first
start), and the project file given on the command line as a user would.

With the cache warm, the first preview is the page stored for exactly this project file,
library, templates and program (generator/page_cache.py), shown before the render in the
background confirms it. So the start is also measured without that stored page (the rest of
the cache warm: a project opened for the first time) and with TELEPOLICY_NO_CACHE=1 (nothing
cached: the clause library is parsed and checked, every template compiled).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Run as a script, this file's folder comes first on the path and its name would hide the `gui` package.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

LARGEST = "global-cpaas-bcr"
STARTS = 7
CHANGES = 60

# `telepolicy.gui.app.main`, importing in the same order, with a report once the event loop runs.
# "preview": the window shown and painted with the rendered policy in it (the wizard's first page may
# still be "Loading questions…": it is built once the window has painted). "ready": the window
# interactive, the project open and the wizard's first page built, then painted.
CHILD = """
import resource, sys, time
from pathlib import Path
from telepolicy.gui.app import create_application
from telepolicy.gui.main_window import MainWindow
from telepolicy.gui.recovery import Recovery
from telepolicy.gui.settings import Settings
from PySide6.QtCore import QTimer

app = create_application(sys.argv[:1])
window = MainWindow(Settings(), Recovery())
window.show()
QTimer.singleShot(0, lambda: window.session.start(Path(sys.argv[1])))

def ready():
    assert window.isVisible() and window.preview.isVisible() and window.session.document is not None
    if window.wizard.waiting:  # its first page follows the window's first paint
        QTimer.singleShot(1, ready)
        return
    app.processEvents()
    window.repaint()  # painted, not only shown
    print("ready", "weasyprint" in sys.modules, flush=True)

def rendered(snapshot):
    megabytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("rendered", round(megabytes, 1), flush=True)
    app.quit()

def preview(page):
    app.processEvents()
    window.preview.browser.viewport().repaint()  # the rendered policy painted in the window
    print("preview", flush=True)

QTimer.singleShot(0, ready)
window.renderer.page_ready.connect(preview)
window.renderer.snapshot_ready.connect(rendered)
app.exec()
"""

# The reference: an empty PySide6 window with a QTextBrowser, shown and painted.
REFERENCE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTextBrowser

app = QApplication(sys.argv[:1])
browser = QTextBrowser()
browser.show()

def ready():
    app.processEvents()
    browser.viewport().repaint()
    print("ready", flush=True)
    app.quit()

QTimer.singleShot(0, ready)
app.exec()
"""


def child_env(home: Path, bytecode: bool, cache: bool = True) -> dict[str, str]:
    """Private settings, data and cache; with `bytecode`, modules load from compiled bytecode
    (in a private cache) as in an installed app; without it, from a copy of that cache without
    Telepolicy's own modules, never written to: they are compiled from source at each start,
    whatever `__pycache__` folders the checkout has (see `without_project_bytecode`)."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}
    env["TELEPOLICY_CACHE_DIR"] = str(home / "cache")
    env.pop("TELEPOLICY_NO_CACHE", None)
    if not cache:
        env["TELEPOLICY_NO_CACHE"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    else:
        env["PYTHONPYCACHEPREFIX"] = str(home / "pycache-without-project")
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def without_project_bytecode(home: Path) -> None:
    """The private bytecode cache less the checkout's modules (generator/, gui/): Python, PySide6 and
    the other packages still load compiled, as they do for a user running from a source checkout."""
    copy = home / "pycache-without-project"
    shutil.copytree(home / "pycache", copy)
    checkout = Path(__file__).resolve().parent.parent
    for package in ("generator", "gui"):
        shutil.rmtree(copy / checkout.relative_to(checkout.anchor) / package, ignore_errors=True)


def timed_lines(command: list[str], env: dict[str, str]) -> dict[str, tuple[float, list[str]]]:
    """Each tagged line the process prints, the first time: seconds from the start, and the line's words."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    assert child.stdout is not None
    seen = {}
    for line in child.stdout:
        words = line.split()
        if words:
            seen.setdefault(words[0], (time.perf_counter() - started, words[1:]))
    child.wait()
    return seen


def start_once(
    project_file: Path, home: Path, bytecode: bool, cache: bool = True, stored_page: bool = True
) -> tuple[float, float, float, float, bool]:
    """Seconds to the interactive window, to the first preview painted and to the outline and
    findings; MB; WeasyPrint imported. Without `stored_page`, the page cache is emptied first."""
    if not stored_page:
        shutil.rmtree(home / "cache" / "page", ignore_errors=True)
    seen = timed_lines([sys.executable, "-c", CHILD, str(project_file)], child_env(home, bytecode, cache))
    ready, preview, rendered = seen["ready"][0], seen["preview"][0], seen["rendered"][0]
    return ready, preview, rendered, float(seen["rendered"][1][0]), seen["ready"][1][0] == "True"


def reference_start(home: Path) -> float:
    """Seconds to an empty PySide6 window with a QTextBrowser, shown and painted."""
    return timed_lines([sys.executable, "-c", REFERENCE], child_env(home, True))["ready"][0]


def refresh_times(project_file: Path) -> list[float]:
    """Milliseconds from an answer's change to the preview painted with it, debounce excluded.

    The wait is an idle event loop, as in the app: a polling loop here would hold the GIL
    the render worker needs and measure the benchmark instead of the app.
    """
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from telepolicy.gui.app import create_application
    from telepolicy.gui.main_window import MainWindow
    from telepolicy.gui.recovery import Recovery
    from telepolicy.gui.settings import Settings

    folder = Path(tempfile.mkdtemp())
    app = create_application([])  # noqa: F841 - kept alive for the windows
    window = MainWindow(Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)), Recovery(folder))
    window.show()
    loop = QEventLoop()
    pages: list[float] = []
    snapshots: list[float] = []
    window.renderer.page_ready.connect(lambda _page: (pages.append(time.perf_counter()), loop.quit()))
    window.renderer.snapshot_ready.connect(lambda _snapshot: (snapshots.append(time.perf_counter()), loop.quit()))

    def until(done: Callable[[], bool]) -> None:
        while not done():
            loop.exec()

    window.session.open_project(project_file)
    window.renderer.set_delay(0)
    until(lambda: bool(snapshots))
    document = window.session.document
    assert document is not None
    times = []
    for number in range(CHANGES + 5):
        seen_pages, seen_snapshots = len(pages), len(snapshots)
        started = time.perf_counter()
        if number % 3 == 0:
            document.set_answer("company.trading_name", f"Meridian {number}")
        elif number % 3 == 1:
            document.set_answer("cookies.honours_dnt", not document.answer("cookies.honours_dnt"))
        else:
            document.set_answer("retention.backup_days", 30 + number)
        until(lambda: len(pages) > seen_pages)  # noqa: B023 - evaluated in this iteration
        window.preview.browser.viewport().repaint()  # painted, not only laid out
        if number >= 5:  # the first few warm the caches of the changed clauses
            times.append((time.perf_counter() - started) * 1000)
        until(lambda: len(snapshots) > seen_snapshots)  # noqa: B023 - the outline and findings follow
    document.undo_stack.setClean()
    window.close()
    QApplication.processEvents()
    shutil.rmtree(folder, ignore_errors=True)
    return times


def main() -> int:
    from telepolicy.generator.project.presets import presets_path

    platform = os.environ["QT_QPA_PLATFORM"]
    with tempfile.TemporaryDirectory() as temp:
        home = Path(temp)
        project_file = home / f"{LARGEST}.toml"
        shutil.copy(presets_path() / f"{LARGEST}.toml", project_file)
        start_once(project_file, home, bytecode=True)  # fills the bytecode cache and Telepolicy's, as a first start
        reference_start(home)
        runs, references, unstored, uncached = [], [], [], []
        for _ in range(STARTS):  # interleaved: all see the same machine load
            runs.append(start_once(project_file, home, bytecode=True))
            references.append(reference_start(home))
            unstored.append(start_once(project_file, home, bytecode=True, stored_page=False))
            uncached.append(start_once(project_file, home, bytecode=True, cache=False))
        without_project_bytecode(home)
        uncompiled = statistics.median(start_once(project_file, home, bytecode=False)[0] for _ in range(3))
        os.environ["TELEPOLICY_CACHE_DIR"] = str(home / "cache")  # this process renders too: the same cache
        times = refresh_times(project_file)

    ready = statistics.median(r[0] for r in runs)
    preview = statistics.median(r[1] for r in runs)
    rendered = statistics.median(r[2] for r in runs)
    reference = statistics.median(references)
    memory = max(r[3] for r in runs)
    p95 = statistics.quantiles(times, n=20)[-1]
    ratio = preview / reference
    print(f"platform: {platform}; medians of {STARTS} starts, interleaved with the reference")
    print(f"python: {os.path.realpath(sys.executable)} {sys.version.split()[0]}")
    print(f"reference: empty PySide6 window with a QTextBrowser, shown and painted: {reference * 1000:.0f} ms")
    print(
        f"start: interactive window ({LARGEST} open, the wizard's first page built and painted): "
        f"{ready * 1000:.0f} ms, {ready / reference:.2f}x the reference"
    )
    print(
        f"start: first preview (the rendered policy painted in the window; the stored page): {preview * 1000:.0f} ms, "
        f"{ratio:.2f}x the reference; target ≤ 2x: {'met' if ratio <= 2 else 'MISSED'}"
    )
    for name, starts in (
        ("without the stored page (the rest of the cache warm)", unstored),
        ("with TELEPOLICY_NO_CACHE=1 (nothing cached)", uncached),
    ):
        first = statistics.median(r[1] for r in starts)
        print(
            f"start: first preview {name}: {first * 1000:.0f} ms, {first / reference:.2f}x the reference; "
            f"interactive window {statistics.median(r[0] for r in starts) * 1000:.0f} ms"
        )
    print(f"start: outline and findings shown too: {rendered * 1000:.0f} ms")
    print(
        f"start: interactive window with generator/ and gui/ compiled from source at each start "
        f"(no bytecode for them): {uncompiled * 1000:.0f} ms"
    )
    print(f"start: WeasyPrint imported at start-up: {'yes' if any(r[4] for r in runs) else 'no'}")
    print(
        f"refresh after an answer changes ({LARGEST}, {len(times)} changes, excluding the debounce): "
        f"median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {max(times):.0f} ms; "
        f"target p95 ≤ 50 ms: {'met' if p95 <= 50 else 'MISSED'}"
    )
    verdict = "met" if memory <= 150 else "MISSED"
    print(
        f"memory after loading {LARGEST} and rendering its preview (ru_maxrss): {memory:.0f} MB; "
        f"target ≤ 150 MB: {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
