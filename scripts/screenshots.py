"""Save screenshots of the desktop app's main screens for the README, at 1024x700 and at 2x scaling.

    .venv/bin/python scripts/screenshots.py [OUT_DIR]     # default: docs/screenshots

Runs on Qt's offscreen platform with throwaway settings, so it needs no display and
touches nothing of the user's. Each screen is set up through the app's own API. The
2x picture comes from a second run of this script with QT_SCALE_FACTOR=2 (Qt reads the
scale factor once, when the application starts).
"""

from __future__ import annotations

import os
import subprocess
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

SIZE = (1024, 700)  # the smallest screen the app is laid out for (issue 13, point 8)
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


def wizard_2x(out: Path) -> None:
    """The wizard's Regions page at 2x scaling: run in a child process whose Qt scales by two."""
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, __file__, "--2x", str(out)], env=env, check=True)


def main(out: Path, scaled: bool = False) -> int:
    QStandardPaths.setTestModeEnabled(True)
    app = create_application(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="telepolicy-screens-"))
    window = new_window(folder)

    if scaled:
        window.session.new_project(PRESET)
        window.wizard.go_to("audience.regions", highlight=False)
        settle(lambda: window.renderer.latest is not None)
        window.grab().save(str(out / "wizard-2x.png"))
        return close(window, app)

    window.session.start(None)
    settle()
    window.grab().save(str(out / "start.png"))

    window.session.new_project(PRESET)
    window.wizard.go_to("audience.regions", highlight=False)
    settle(lambda: window.renderer.latest is not None)
    window.grab().save(str(out / "wizard-1024x700.png"))

    window.wizard.go_to("data.contact.retention", highlight=False)
    settle()
    window.grab().save(str(out / "retention-picker-1024x700.png"))

    window.editor_action.trigger()
    settle(lambda: window.renderer.latest is not None)
    window.editor.go_to("introduction.who_we_are", focus=False)
    settle()
    window.grab().save(str(out / "clause-editor-1024x700.png"))

    project = load_preset(PRESET)
    project.clause_edits["contact.privacy_team"] = ClauseEdit(
        text="Write to our privacy team at {{ company.privacy_email }}. We answer within a week.",
        base_hash="0000000000000000",
    )
    window.session._set_document(Document(project))
    window.editor_action.trigger()
    settle(lambda: window.renderer.latest is not None)
    window.editor.go_to("contact.privacy_team", focus=False)
    settle()
    window.editor.scroller.ensureWidgetVisible(window.editor.panel.keep_button)  # the notice and the difference
    settle()
    window.grab().save(str(out / "library-change-1024x700.png"))

    window.session.document.undo_stack.setClean()
    window.session.new_project(PRESET)
    window.session.document.set_answer("company.privacy_email", "")  # as a half-finished project has it
    settle(lambda: window.renderer.latest is not None)
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
    return close(window, app)


def close(window: MainWindow, app: QApplication) -> int:
    if window.session.document is not None:
        window.session.document.undo_stack.setClean()
    window.close()
    QThreadPool.globalInstance().waitForDone()
    del app
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    scaled = "--2x" in arguments
    target = Path(next((a for a in arguments if a != "--2x"), ROOT / "docs" / "screenshots"))
    code = main(target, scaled)
    if not scaled:
        wizard_2x(target)
        print(f"wrote {', '.join(sorted(p.name for p in target.glob('*.png')))} to {target}")
    sys.exit(code)
