"""Save screenshots of the desktop app's main screens for the README.

    .venv/bin/python scripts/screenshots.py [OUT_DIR]     # default: docs/screenshots

Runs on Qt's offscreen platform with throwaway settings, so it needs no display and
touches nothing of the user's. Each screen is set up through the app's own API.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QPoint, QRect, QSettings, QStandardPaths, Qt, QThreadPool, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from telepolicy.generator import ClauseEdit, load_preset  # noqa: E402
from telepolicy.gui.app import create_application  # noqa: E402
from telepolicy.gui.document import Document  # noqa: E402
from telepolicy.gui.main_window import MainWindow  # noqa: E402
from telepolicy.gui.recovery import Recovery  # noqa: E402
from telepolicy.gui.settings import Settings  # noqa: E402

SIZE = (1360, 860)
PRESET = "us-carrier-eea"


def settle(condition: Callable[[], bool] = lambda: True, timeout_ms: int = 30_000) -> None:
    """Run the event loop until renders and exports are done and the condition holds."""
    loop = QEventLoop()
    waited = 0
    while waited < timeout_ms:
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50
        if condition() and QThreadPool.globalInstance().activeThreadCount() == 0:
            break
    QApplication.processEvents()


def with_dialog(window: QWidget, dialog: QWidget) -> QPixmap:
    """The window with a dialog drawn over its middle in a plain frame (offscreen windows have none)."""
    picture = window.grab()
    over = dialog.grab()
    bar = 26
    left, top = (picture.width() - over.width()) // 2, (picture.height() - over.height()) // 3
    painter = QPainter(picture)
    painter.fillRect(QRect(left - 1, top - bar - 1, over.width() + 2, over.height() + bar + 2), QColor("#5b6473"))
    painter.fillRect(QRect(left, top - bar, over.width(), bar), QColor("#e4e7ec"))
    painter.drawText(QRect(left, top - bar, over.width(), bar), Qt.AlignmentFlag.AlignCenter, dialog.windowTitle())
    painter.drawPixmap(QPoint(left, top), over)
    painter.end()
    return picture


def new_window(folder: Path) -> MainWindow:
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, Recovery(folder / "recovery"))
    window.resize(*SIZE)
    window.show()
    return window


def main(out: Path) -> int:
    QStandardPaths.setTestModeEnabled(True)
    app = create_application(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="telepolicy-screens-"))
    window = new_window(folder)

    window.session.start(None)
    settle()
    window.grab().save(str(out / "start.png"))

    window.session.new_project(PRESET)
    window.wizard.go_to("data.traffic.retention")
    period = window.wizard.editor("data.traffic.retention")
    period.input.setText("until we no longer need it")
    period.check()  # as when the user leaves the field: flagged, with the reason, and not saved
    settle(lambda: window.renderer.latest is not None)
    window.grab().save(str(out / "wizard.png"))

    project = load_preset(PRESET)
    project.clause_edits["contact.privacy_team"] = ClauseEdit(
        text="Write to our privacy team at {{ company.privacy_email }}. We answer within a week.",
        base_hash="0000000000000000",
    )
    window.session._set_document(Document(project))
    window.editor_action.trigger()
    settle(lambda: window.renderer.latest is not None)
    window.editor.go_to("contact.privacy_team")
    settle()
    window.grab().save(str(out / "editor.png"))

    window.session.new_project(PRESET)
    window.session.document.set_answer("company.privacy_email", "")  # as a half-finished project has it
    settle(lambda: window.renderer.latest is not None)
    window.resizeDocks([window.findings_dock], [220], Qt.Orientation.Vertical)
    window.show_findings()
    window.findings.list.setCurrentItem(window.findings.list.topLevelItem(1))
    settle()
    window.grab().save(str(out / "findings.png"))

    window.session.document.undo_stack.setClean()
    window.session.new_project(PRESET)
    settle(lambda: window.renderer.latest is not None)
    window.export_action.trigger()
    dialog = window.export_dialog
    assert dialog is not None
    dialog.folder.setText(str(folder / "out"))
    dialog.start()
    settle(lambda: bool(dialog.written), timeout_ms=120_000)
    with_dialog(window, dialog).save(str(out / "export.png"))
    dialog.close()

    window.session.document.undo_stack.setClean()
    window.close()
    QThreadPool.globalInstance().waitForDone()
    del app
    print(f"wrote {', '.join(sorted(p.name for p in out.glob('*.png')))} to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
