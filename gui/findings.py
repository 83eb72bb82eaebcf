"""The findings panel: what the checker and the loader say is wrong or missing, with the law behind it.

Choosing a finding (double-click or Enter) asks the window to open the question
or the clause that fixes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from telepolicy.generator import (
    FIELDS_BY_KEY,
    AnswerTarget,
    ClauseTarget,
    CustomClauseTarget,
    FileLineTarget,
    FixTarget,
    describe,
)
from telepolicy.gui.laws import law_of, plain, plain_citation
from telepolicy.gui.snapshot import FindingRow

SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Note"}
TARGET_ROLE = Qt.ItemDataRole.UserRole


def where(target: FixTarget | None, titles: dict[str, str] | None = None) -> str:
    """Where the user fixes a finding, in their words: a question's label, a clause's title."""
    titles = titles or {}
    match target:
        case AnswerTarget(key) if key in FIELDS_BY_KEY:
            return f"Question: {FIELDS_BY_KEY[key].label}"
        case ClauseTarget(clause_id):
            return f"Clause: {titles.get(clause_id, 'a clause of the library')}"
        case CustomClauseTarget(clause_id):
            return f"Your clause: {titles.get(clause_id, 'one of your clauses')}"
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
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName("Findings")
        self.list.setHeaderLabels(["Severity", "Finding", "Where to fix it", "Law"])
        for column, width in enumerate((110, 520, 220)):
            self.list.setColumnWidth(column, width)
        self.list.itemActivated.connect(self._activated)
        self.summary.setBuddy(self.list)
        self.summary.setWordWrap(True)
        self.meaning_button = QPushButton("What does this &mean?")
        self.meaning_button.setToolTip("Open the official text of the law this finding comes from")
        self.meaning_button.setEnabled(False)
        self.meaning_button.clicked.connect(self.open_law)
        self.list.currentItemChanged.connect(self._current_changed)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.meaning_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list)

    def clear(self) -> None:
        """A project just opened: its findings come with its first render."""
        self.list.clear()
        self.summary.setText("Findings: checking…")

    def show_findings(self, findings: tuple[FindingRow, ...], titles: dict[str, str] | None = None) -> None:
        current = self.list.currentItem()
        selected = (current.text(1), current.data(0, TARGET_ROLE)) if current else None
        self.list.clear()
        icons = self._icons()
        for finding in findings:
            place = where(finding.target, titles)
            item = QTreeWidgetItem(
                [SEVERITY_LABELS.get(finding.severity, finding.severity), plain(finding.message), place]
            )
            item.setText(3, plain_citation(finding.citation))
            if finding.severity in icons:
                item.setIcon(0, icons[finding.severity])
            item.setData(0, TARGET_ROLE, finding.target)
            item.setData(3, TARGET_ROLE, finding.citation)
            details = f"{finding.message}\n\nFor experts: {finding.code or 'check'}" + (
                f", {describe(finding.target)}" if finding.target is not None else ""
            )
            for column, text in enumerate((details, place, finding.citation), start=1):
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
        self.list.setVisible(bool(findings))  # an empty panel takes only the summary's line
        self._current_changed(self.list.currentItem())

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        law = law_of(str(item.data(3, TARGET_ROLE) or "")) if item is not None else None
        self.meaning_button.setEnabled(law is not None)
        self.meaning_button.setToolTip(f"Open {law[0]}" if law else "No law is cited for this finding")

    def open_law(self) -> None:
        """What does this mean?: the official text of the law the current finding cites."""
        item = self.list.currentItem()
        law = law_of(str(item.data(3, TARGET_ROLE) or "")) if item is not None else None
        if law is not None:
            QDesktopServices.openUrl(QUrl(law[1]))

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
