"""Start the desktop app: `telepolicy gui [FILE]` or `telepolicy-gui [FILE]`.

Start-up stays lean: the window appears first, the project opens as soon as the
event loop runs, and the clause library loads and renders in a worker. WeasyPrint
is imported only when a PDF is exported.
"""

from __future__ import annotations

import argparse
import locale
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from telepolicy.gui.main_window import APP_NAME, MainWindow
from telepolicy.gui.recovery import Recovery
from telepolicy.gui.settings import Settings

ICON = Path(__file__).with_name("icons") / "telepolicy.svg"


# Renders run in a Python worker thread; a shorter GIL switch interval than the default
# 5 ms lets the UI thread in promptly, so painting and typing stay smooth while it works.
GIL_SWITCH_INTERVAL = 0.001
# On quitting, renders still running get this long to finish; a runaway one never holds the app open.
QUIT_WAIT_MS = 2000


def use_policy_dates() -> None:
    """Dates are written in the policy's language, never the system's.

    Qt sets the C library's locale from the environment when the application starts, which
    would make month names follow the system ("1 Dezember 2026" in an English policy).
    """
    locale.setlocale(locale.LC_TIME, "C")


def wait_for_workers(timeout_ms: int = QUIT_WAIT_MS) -> bool:
    """True when every background render has finished within the time."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def create_application(argv: list[str]) -> QApplication:
    """The QApplication with the names QSettings, QStandardPaths and the desktop use."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    use_policy_dates()
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setOrganizationDomain("telepolicy.org")
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("org.telepolicy.Telepolicy")  # the .desktop file's basename, packaging/linux/
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    return app


def report_unexpected(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """An exception nothing else handled: said in a dialog (never only on stderr), then printed for a report."""
    sys.__excepthook__(kind, error, trace)
    if not issubclass(kind, Exception) or QApplication.instance() is None:
        return
    from telepolicy.gui.dialogs import show_problems

    show_problems(
        QApplication.activeWindow(),
        "Something went wrong in Telepolicy.",
        "Your work is autosaved. Save it (File ▸ Save As) to be safe, and please report the problem "
        "with the text below.",
        [f"{kind.__name__}: {error}"],
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="telepolicy-gui", description="The Telepolicy wizard, editor and preview.")
    parser.add_argument("file", nargs="?", help="a project file (.toml) to open")
    args, qt_args = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    app = create_application([sys.argv[0], *qt_args])
    sys.excepthook = report_unexpected
    window = MainWindow(Settings(), Recovery())
    window.show()
    path = Path(args.file) if args.file else None
    QTimer.singleShot(0, lambda: window.session.start(path))
    status = app.exec()
    if not wait_for_workers():  # a render in flight reports to objects that must still exist
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)  # a render that does not stop must not keep the closed app running
    return status


if __name__ == "__main__":
    sys.exit(main())
