"""The start page: a new project from a preset or from scratch, a project file, or a recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from telepolicy.generator import list_presets
from telepolicy.gui import style

BLANK = ""  # the item data of "Blank project"
# Presets by the kind of business they fit, in words; the file name is for the command line (and the tooltip).
PRESET_NAMES = {
    "us-carrier-eea": "US phone company with business customers in Europe",
    "us-local-carrier": "US local phone company",
    "us-cpaas-sip": "US messaging and calling platform (CPaaS, SIP trunks)",
    "eu-voip-operator": "European internet phone provider",
    "non-eu-cloud-comms": "Cloud communications provider outside the EU",
    "global-cpaas-bcr": "Global communications platform with Binding Corporate Rules",
}


def preset_title(name: str) -> str:
    return PRESET_NAMES.get(name, name.replace("-", " ").capitalize())


DATA = Qt.ItemDataRole.UserRole


class TemplateList(QListWidget):
    """Blank project first, then every preset with its description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Start from")
        self.setWordWrap(True)
        self.setSpacing(4)
        blank = QListWidgetItem("Blank project\nAnswer every question yourself, starting with where your company is.")
        blank.setData(DATA, BLANK)
        self.addItem(blank)
        for preset in list_presets():
            item = QListWidgetItem(f"{preset_title(preset.name)}\n{preset.description}")
            item.setData(DATA, preset.name)
            item.setToolTip(f"Preset file: {preset.name}")
            self.addItem(item)
        self.setCurrentRow(0)

    def chosen(self) -> str | None:
        """The preset's name, BLANK, or None when nothing is selected."""
        item = self.currentItem()
        return str(item.data(DATA)) if item else None


class StartPage(QWidget):
    create = Signal(str)  # type: ignore[assignment]  # a preset name, or BLANK (hides QWidget.create)
    open_file = Signal(object)  # a Path, or None to ask for one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = style.heading(QLabel("Create a privacy policy"), 8)
        intro = QLabel(
            "Start from a preset close to your business, or from a blank project. You can change every answer "
            "and every clause afterwards, and a live preview shows the policy as it will be published.",
            wordWrap=True,
        )
        self.templates = TemplateList()
        templates_label = QLabel("&Start from")
        templates_label.setBuddy(self.templates)
        self.create_button = QPushButton("&Create project")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._create)
        self.templates.itemActivated.connect(lambda _item: self._create())
        self.open_button = QPushButton("&Open a project file…")
        self.open_button.clicked.connect(lambda: self.open_file.emit(None))
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent projects")
        self.recent.itemActivated.connect(lambda item: self.open_file.emit(Path(item.data(DATA))))
        recent_label = QLabel("&Recent projects")
        recent_label.setBuddy(self.recent)

        left = QVBoxLayout()
        left.addWidget(templates_label)
        left.addWidget(self.templates, 1)
        left.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        right = QVBoxLayout()
        right.addWidget(recent_label)
        right.addWidget(self.recent, 1)
        right.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}\n{path.parent}")
            item.setData(DATA, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        if not paths:
            placeholder = QListWidgetItem("Projects you open or save appear here.")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)

    def _create(self) -> None:
        chosen = self.templates.chosen()
        if chosen is not None:
            self.create.emit(chosen)


class NewProjectDialog(QDialog):
    """File ▸ New while a project is open: the same choice as the start page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project")
        self.templates = TemplateList()
        label = QLabel("&Start from")
        label.setBuddy(self.templates)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Create project")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.templates.itemActivated.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.templates)
        layout.addWidget(buttons)
        self.resize(620, 440)
