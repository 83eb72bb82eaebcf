"""Long work off the UI thread: a QRunnable that runs one function and reports back by signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QTimer, Signal


def single_shot_timer(parent: QObject, interval_ms: int, slot: Callable[[], Any]) -> QTimer:
    """A restartable one-shot timer (debounces), built the typed way."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer


class TaskSignals(QObject):
    """Lives in the UI thread, so connected slots run there (queued connections)."""

    finished = Signal(object)  # the function's result
    failed = Signal(object)  # the exception it raised


class Task(QRunnable):
    def __init__(self, function: Callable[[], Any]) -> None:
        super().__init__()
        self.function = function
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            result = self.function()
        except Exception as error:  # reported to the UI thread, which shows it in a dialog
            self._report(self.signals.failed, error)
        else:
            self._report(self.signals.finished, result)

    @staticmethod
    def _report(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # the window that asked has closed: nobody is left to tell
