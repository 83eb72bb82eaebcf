"""Desktop app benchmark under the offscreen platform: start-up, preview refresh, memory.

    .venv/bin/python benchmarks/gui.py

Targets: a cold start to an interactive window with the preview shown under 0.5 s
(WeasyPrint not imported); the preview refresh after an answer changes, p95 under
100 ms for the largest preset (global-cpaas-bcr); memory after loading it under 200 MB.
Start-up and memory are measured in fresh processes, with settings and app data in
a temporary folder, and the project file given on the command line as a user would.
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

# `telepolicy.gui.app.main`, importing in the same order, with a report once the event loop runs:
# window shown and painted, project open, preview visible.
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
    app.processEvents()
    window.repaint()  # painted, not only shown
    print("ready", "weasyprint" in sys.modules, flush=True)

def rendered(snapshot):
    megabytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("rendered", round(megabytes, 1), flush=True)
    app.quit()

QTimer.singleShot(0, ready)
window.renderer.snapshot_ready.connect(rendered)
app.exec()
"""


def start_once(project_file: Path, home: Path, bytecode: bool) -> tuple[float, float, float, bool]:
    """Seconds to the interactive window and to the first rendered preview; MB; WeasyPrint imported.

    With `bytecode`, modules load from compiled bytecode (in a private cache) as in an installed
    app; without it, every source is compiled at each start, as under PYTHONDONTWRITEBYTECODE=1.
    """
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project_file)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    )
    assert child.stdout is not None
    ready_line = child.stdout.readline().split()
    ready = time.perf_counter() - started
    rendered_line = child.stdout.readline().split()
    rendered = time.perf_counter() - started
    child.wait()
    return ready, rendered, float(rendered_line[1]), ready_line[1] == "True"


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

    with tempfile.TemporaryDirectory() as temp:
        home = Path(temp)
        project_file = home / f"{LARGEST}.toml"
        shutil.copy(presets_path() / f"{LARGEST}.toml", project_file)
        start_once(project_file, home, bytecode=True)  # fills the bytecode cache, as installing does
        runs = [start_once(project_file, home, bytecode=True) for _ in range(STARTS)]
        uncompiled = statistics.median(start_once(project_file, home, bytecode=False)[0] for _ in range(3))
        times = refresh_times(project_file)

    ready = statistics.median(r[0] for r in runs)
    first_render = statistics.median(r[1] for r in runs)
    memory = max(r[2] for r in runs)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"start: interactive window, preview shown, {LARGEST} open: {ready * 1000:.0f} ms (median of {STARTS})")
    print(f"start: the same without compiled bytecode for generator/ and gui/: {uncompiled * 1000:.0f} ms")
    print(f"start: first rendered preview (library loaded in a worker): {first_render * 1000:.0f} ms")
    print(f"start: WeasyPrint imported at start-up: {'yes' if any(r[3] for r in runs) else 'no'}")
    print(
        f"refresh after an answer changes ({LARGEST}, {len(times)} changes, excluding the 150 ms debounce): "
        f"median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {max(times):.0f} ms"
    )
    print(f"memory after loading {LARGEST} and rendering its preview (ru_maxrss): {memory:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
