"""Fonts and colours set in code, not with a style sheet.

An application style sheet makes Qt re-polish every widget as it is added,
which alone cost more than the whole start-up budget; palettes and fonts do
the same job for the few styled widgets, and follow the platform's theme.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

ERROR_COLOUR = QColor("#b3261e")
INVALID_BACKGROUND = QColor("#fdecea")


def heading(label: QLabel, larger: float = 5.0) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() + larger)
    font.setBold(True)
    label.setFont(font)
    return label


def muted(label: QLabel) -> QLabel:
    """Explanations: smaller and in the placeholder colour, so the questions stand out."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() - 1)
    label.setFont(font)
    return label


def error(label: QLabel) -> QLabel:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
    label.setPalette(palette)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def banner(label: QLabel) -> QLabel:
    label.setAutoFillBackground(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.Window, INVALID_BACKGROUND)
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
    label.setPalette(palette)
    label.setMargin(6)
    return label


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Tint an input whose text is not valid; colour is not the only sign (the message says it)."""
    palette = widget.palette()
    normal = QApplication.palette(widget).color(QPalette.ColorRole.Base)
    palette.setColor(QPalette.ColorRole.Base, INVALID_BACKGROUND if invalid else normal)
    widget.setPalette(palette)
