"""The app's questions and messages, as small functions over QMessageBox.

Errors are shown as a short summary, what to do next, and the problems in the
details: never a traceback.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

SaveChoice = Literal["save", "discard", "cancel"]
RestoreChoice = Literal["restore", "discard", "later"]


def show_problems(parent: QWidget | None, summary: str, advice: str, problems: list[str], error: bool = True) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information, "Telepolicy", summary)
    box.setParent(parent, box.windowFlags())
    box.setInformativeText(advice + ("\n\n" + "\n".join(problems[:5]) if problems else ""))
    if len(problems) > 5:
        box.setDetailedText("\n".join(problems))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def ask_save_changes(parent: QWidget | None, name: str) -> SaveChoice:
    box = QMessageBox(QMessageBox.Icon.Question, "Telepolicy", f"Save the changes to “{name}”?")
    box.setParent(parent, box.windowFlags())
    box.setInformativeText("If you don't save, your changes since the last save are lost.")
    roles = QMessageBox.ButtonRole
    save = box.addButton("&Save", roles.AcceptRole)
    discard = box.addButton("Do&n't save", roles.DestructiveRole)
    cancel = box.addButton("&Cancel", roles.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def ask_restore(parent: QWidget | None, name: str, saved_at: dt.datetime) -> RestoreChoice:
    box = QMessageBox(QMessageBox.Icon.Question, "Telepolicy", f"Restore your unsaved work on “{name}”?")
    box.setParent(parent, box.windowFlags())
    box.setInformativeText(
        f"Telepolicy did not close normally. Your project was autosaved at {saved_at:%H:%M on %d %B %Y}. "
        "Restore it to keep working, or discard it. “Not now” asks again at the next start."
    )
    restore = box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.setEscapeButton(box.addButton("&Not now", QMessageBox.ButtonRole.RejectRole))
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    return "restore" if clicked is restore else "discard" if clicked is discard else "later"
