"""The findings panel: what the checker and the loader say is wrong or missing, with the law behind it.

Choosing a finding (double-click or Enter) asks the window to open the question
or the clause that fixes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from telepolicy.generator import (
    FIELDS_BY_KEY,
    AnswerTarget,
    ClauseTarget,
    CustomClauseTarget,
    FileLineTarget,
    FixTarget,
)
from telepolicy.gui.snapshot import FindingRow

SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Note"}
TARGET_ROLE = Qt.ItemDataRole.UserRole


def where(target: FixTarget | None) -> str:
    """Where the user fixes a finding, in their words."""
    match target:
        case AnswerTarget(key) if key in FIELDS_BY_KEY:
            return f"Question: {FIELDS_BY_KEY[key].label}"
        case ClauseTarget(clause_id):
            return f"Clause: {clause_id}"
        case CustomClauseTarget(clause_id):
            return f"Your clause: {clause_id}"
        case FileLineTarget(file, line, _key) if file is not None:
            return f"{file.name}, line {line}" if line is not None else file.name
    return ""


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


class FindingsPanel(QWidget):
    chosen = Signal(object)  # the FixTarget of the finding chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("No findings yet.")
        self.list = QTreeWidget(rootIsDecorated=False, uniformRowHeights=True, alternatingRowColors=True)
        self.list.setAccessibleName("Findings")
        self.list.setHeaderLabels(["Severity", "Finding", "Where to fix it", "Law"])
        for column, width in enumerate((110, 520, 220)):
            self.list.setColumnWidth(column, width)
        self.list.itemActivated.connect(self._activated)
        self.summary.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)

    def clear(self) -> None:
        """A project just opened: its findings come with its first render."""
        self.list.clear()
        self.summary.setText("Findings: checking…")

    def show_findings(self, findings: tuple[FindingRow, ...]) -> None:
        current = self.list.currentItem()
        selected = (current.text(1), current.data(0, TARGET_ROLE)) if current else None
        self.list.clear()
        icons = self._icons()
        for finding in findings:
            item = QTreeWidgetItem(
                [SEVERITY_LABELS.get(finding.severity, finding.severity), finding.message, where(finding.target)]
            )
            item.setText(3, finding.citation)
            if finding.severity in icons:
                item.setIcon(0, icons[finding.severity])
            item.setData(0, TARGET_ROLE, finding.target)
            for column, text in enumerate((finding.message, where(finding.target), finding.citation), start=1):
                item.setToolTip(column, text)
            self.list.addTopLevelItem(item)
            if selected == (finding.message, finding.target):
                self.list.setCurrentItem(item)
        if findings:
            counts = ", ".join(
                _count(sum(1 for f in findings if f.severity == severity), SEVERITY_LABELS[severity].lower())
                for severity in SEVERITY_LABELS
            )
            self.summary.setText(f"Findings: {counts}. Double-click one, or press Enter, to go where it is fixed.")
        else:
            self.summary.setText("Findings: none. Nothing to fix.")

    def _icons(self) -> dict[str, QIcon]:
        """The platform's message icons; QStyle is loaded here, not at start-up (it costs ~10 ms)."""
        from PySide6.QtWidgets import QStyle

        pixmaps = QStyle.StandardPixmap
        kinds = {"error": pixmaps.SP_MessageBoxCritical, "warning": pixmaps.SP_MessageBoxWarning}
        kinds["info"] = pixmaps.SP_MessageBoxInformation
        return {severity: self.style().standardIcon(kind) for severity, kind in kinds.items()}

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        target = item.data(0, TARGET_ROLE)
        if target is not None:
            self.chosen.emit(target)
