"""A blank project starts with two questions: where the company is based, and where it serves people.

The answers set the defaults that follow from them, so a Canadian operator never
starts with a US region, a US child-privacy age or US-only pages.
"""

from __future__ import annotations

import tomllib
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from telepolicy.generator import FIELDS_BY_KEY, builtin_library_path, choice_label
from telepolicy.gui.flow import FlowLayout

US_CHILD_AGE = 13  # COPPA: only for operators serving the US
OTHER_CHILD_AGE = 16  # the highest age of digital consent in the GDPR (Art. 8(1)); a lawyer may lower it


def countries() -> dict[str, tuple[str, str, bool]]:
    """Country name -> (its id, its region in `audience.regions` or "", whether it is in the EEA)."""
    data = tomllib.loads((builtin_library_path() / "countries.toml").read_text(encoding="utf-8"))
    found: dict[str, tuple[str, str, bool]] = {}
    for entry in data.get("country", []):
        if entry["id"] == "eu":
            continue
        name = entry.get("name", entry["id"].replace("_", " ").title()).removeprefix("the ")
        region = entry.get("region", "eea" if entry.get("eea") else "")
        found[name] = (entry["id"], region, bool(entry.get("eea")))
    return dict(sorted(found.items()))


def basics_answers(country: str, regions: list[str]) -> dict[str, Any]:
    """The answers that follow from where the operator is and whom it serves."""
    known = countries()
    _id, _region, eea = known.get(country, ("", "", False))
    return {
        "company.country": country,
        "company.established_in_eea": eea,
        "audience.regions": regions,
        "transfers.storage_countries": [country],
        "children.minimum_age": US_CHILD_AGE if "us" in regions else OTHER_CHILD_AGE,
    }


class OperatorDialog(QDialog):
    """Where the company is based and where it serves people, asked before anything else."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project")
        self.known = countries()
        intro = QLabel(
            "Two questions first: the answers choose the laws that apply and the defaults of the other questions. "
            "You can change both later in the wizard."
        )
        intro.setWordWrap(True)
        self.country = QComboBox()
        self.country.setAccessibleName("Country where the company is established")
        self.country.addItems(list(self.known))
        self.country.setCurrentIndex(-1)
        self.country.setPlaceholderText("Choose a country")
        self.regions = QWidget()
        self.regions.setAccessibleName("Where the people served are")
        flow = FlowLayout(self.regions)
        self.boxes: dict[str, QCheckBox] = {}
        for value in FIELDS_BY_KEY["audience.regions"].choices:
            box = QCheckBox(choice_label(value))
            flow.addWidget(box)
            self.boxes[value] = box
        country_label = QLabel("Where is your company &based?")
        country_label.setBuddy(self.country)
        regions_label = QLabel("Where do you &serve people?")
        regions_label.setBuddy(next(iter(self.boxes.values())))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(country_label, self.country)
        form.addRow(regions_label, self.regions)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Start the wizard")
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.country.currentTextChanged.connect(self._country_chosen)
        for box in self.boxes.values():
            box.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _country_chosen(self, country: str) -> None:
        """Serving people at home is the usual start: tick the country's own region."""
        _id, region, _eea = self.known.get(country, ("", "", False))
        for value, box in self.boxes.items():
            box.setChecked(value == (region or "rest_of_world"))
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.country.currentText()) and bool(self.chosen_regions()))

    def chosen_regions(self) -> list[str]:
        return [value for value, box in self.boxes.items() if box.isChecked()]

    def answers(self) -> dict[str, Any]:
        return basics_answers(self.country.currentText(), self.chosen_regions())
