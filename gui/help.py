"""Help ▸ User Guide: a short guide bundled with the app (gui/guide/index.html), shown in a window of its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GUIDE = Path(__file__).with_name("guide") / "index.html"


class GuideWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Telepolicy user guide")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName("User guide")
        self.browser.setSource(QUrl.fromLocalFile(str(GUIDE)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)


def show_guide(parent: QWidget) -> GuideWindow:
    """Open the guide (once; asking again brings it to the front)."""
    existing = parent.findChild(GuideWindow)
    window = existing if isinstance(existing, GuideWindow) else GuideWindow(parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
