"""The Qt binding in use keeps Python's reference counts: a broken one crashes the app after a few minutes."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QTreeWidgetItem


def test_qt_calls_returning_nothing_keep_the_reference_count_of_none(qapp):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every such call ("deallocating None")."""
    label, item = QLabel(), QTreeWidgetItem(["clause"])
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setText("text")
        item.setText(0, "clause")
    assert sys.getrefcount(None) >= before - 10, "pin another PySide6 version in pyproject.toml"
