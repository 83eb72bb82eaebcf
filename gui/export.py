"""Export: choose formats and a folder, render in the background, write only a whole result.

Cancel throws the result away (a PDF print also stops at its next step or page, where
its progress is reported): files are written (atomically, by `write_outputs`) only after every format
has rendered and only if the user has not cancelled. A cancelled or failed
export leaves the folder as it was.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from telepolicy.generator import (
    ExportError,
    FixTarget,
    Project,
    RenderError,
    TelepolicyError,
    build,
    check,
    validate,
    write_outputs,
)
from telepolicy.generator.documents import DOCUMENTS, POLICY
from telepolicy.gui.dialogs import show_problems
from telepolicy.gui.settings import Settings
from telepolicy.gui.workers import Task

FORMAT_LABELS = {
    "md": "&Markdown (.md), for docs sites",
    "html": "&HTML (.html), for the website",
    "pdf": "&PDF (.pdf), for print and archives",
}
FORMAT_NAMES = {"md": "Markdown", "html": "HTML", "pdf": "PDF"}
# What each format's render is doing, for the progress dialog; the PDF's print then says its own steps.
FORMAT_STEPS = {"md": "Writing the Markdown text", "html": "Writing the web page", "pdf": "Laying out the PDF pages"}
STEPS_PER_FORMAT = 100  # the bar counts each format as 100 steps: a PDF's are its print's percentages


class StoppedError(Exception):
    """Raised in the print's progress callback after Cancel, so WeasyPrint stops laying out pages."""


@dataclass(frozen=True)
class Blocker:
    """An error that the command line's `--strict` refuses to publish, and where to fix it."""

    message: str
    target: FixTarget | None


def blocking_errors(project: Project) -> list[Blocker]:
    """The project's errors, as `render --strict` counts them: invalid answers and failed requirements."""
    try:
        problems = [Blocker(p.message, p.target) for p in validate(project) if p.severity == "error"]
        findings = [Blocker(f.message, f.fix_target) for f in check(project) if f.severity == "error"]
    except TelepolicyError as error:
        return [Blocker(p.message, p.target) for p in error.problems]
    return problems + findings


def folder_problem(folder: Path) -> str | None:
    """Why files cannot be written in a folder (or the folder created), in the app's words; None when they can."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        return f"“{existing}” is a file, not a folder. Choose another folder."
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"You cannot save files in “{existing}”. Choose another folder."
    return None


class ExportJob(QObject):
    """Renders each format in turn off the UI thread; writes nothing itself."""

    step = Signal(int, str)  # formats done so far, the format being rendered
    pdf_progress = Signal(str, int)  # the PDF print's step in words, and its percentage done
    rendered = Signal(object)  # dict[str, bytes], only when not cancelled
    failed = Signal(object)  # the exception
    cancelled = Signal()

    def __init__(
        self,
        project: Project,
        formats: list[str],
        parent: QObject | None = None,
        documents: tuple[str, ...] = (POLICY,),
    ) -> None:
        super().__init__(parent)
        self.project = project.copy()
        self.formats = formats
        self.documents = documents  # the policy and the other documents ticked (generator/documents/)
        self._cancel = threading.Event()
        self._task: Task | None = None  # kept alive until it reports back
        self.running = False

    def start(self) -> None:
        task = Task(self._render)
        task.signals.finished.connect(self._finished)
        task.signals.failed.connect(self._failed)
        self.running = True
        self._task = task
        QThreadPool.globalInstance().start(task)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._cancel.is_set()

    def _render(self) -> dict[str, bytes]:
        outputs: dict[str, bytes] = {}
        for done, fmt in enumerate(self.formats):
            if self._cancel.is_set():
                break
            self.step.emit(done, fmt)
            made = build(self.project, [fmt], check=False, documents=self.documents, on_progress=self._printing)
            outputs.update(made.outputs)
        return outputs

    def _printing(self, words: str, percent: int | None) -> None:
        """In the render thread: pass the PDF print's progress on, or stop the print after Cancel."""
        if self._cancel.is_set():
            raise StoppedError
        self.pdf_progress.emit(words, percent or 0)

    def _finished(self, outputs: dict[str, bytes]) -> None:
        self.running = False
        if self._cancel.is_set():
            self.cancelled.emit()
        else:
            self.rendered.emit(outputs)

    def _failed(self, error: Exception) -> None:
        self.running = False
        if self._cancel.is_set():
            self.cancelled.emit()
        else:
            self.failed.emit(error)


def _check_box(text: str, checked: bool, enabled: bool = True) -> QCheckBox:
    box = QCheckBox(text)
    box.setChecked(checked)
    box.setEnabled(enabled)
    return box


class ExportDialog(QDialog):
    exported = Signal(list)  # the files written
    fix_requested = Signal(object)  # FixTarget | None: the user chose to fix the project's errors first

    def __init__(self, project: Project, stem: str, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export the policy")
        self.project = project
        self.settings = settings
        self.job: ExportJob | None = None
        self.progress: QProgressDialog | None = None
        self.written: list[Path] = []
        self._done = 0  # formats rendered so far in the running export
        chosen = settings.export_formats()
        self.boxes = {fmt: _check_box(label, fmt in chosen) for fmt, label in FORMAT_LABELS.items()}
        self.document_boxes: dict[str, QCheckBox] = {}  # every document; those that do not apply are disabled
        for document in DOCUMENTS:
            reasons = document.reasons_not(project.answers)
            box = _check_box(document.title, document.id == POLICY, enabled=not reasons)
            box.setToolTip(f"Does not apply: {'; '.join(reasons)}" if reasons else document.summary)
            self.document_boxes[document.id] = box
        default_folder = settings.export_folder() or str(project.path.parent if project.path else Path.home())
        self.folder = QLineEdit(default_folder)
        self.folder.setAccessibleName("Folder")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        self.stem = QLineEdit(stem)
        self.stem.setAccessibleName("File name")
        self.status = QLabel(wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = self.buttons.addButton("&Open folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_folder)
        self.buttons.rejected.connect(self.reject)

        formats = QVBoxLayout()
        for box in self.boxes.values():
            formats.addWidget(box)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        formats_label = QLabel("Formats")
        form.addRow(formats_label, formats)
        documents = QVBoxLayout()
        for box in self.document_boxes.values():
            documents.addWidget(box)
        form.addRow(QLabel("Documents"), documents)
        folder_label = QLabel("&Folder")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        stem_label = QLabel("File &name")
        stem_label.setBuddy(self.stem)
        form.addRow(stem_label, self.stem)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def formats(self) -> list[str]:
        return [fmt for fmt, box in self.boxes.items() if box.isChecked()]

    def documents(self) -> tuple[str, ...]:
        return tuple(d for d, box in self.document_boxes.items() if box.isChecked() and box.isEnabled())

    def target(self) -> tuple[Path, str]:
        return Path(self.folder.text().strip()).expanduser(), self.stem.text().strip()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export to folder", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        formats = self.formats()
        folder, stem = self.target()
        if not formats or not self.documents() or not stem or not self.folder.text().strip():
            self.status.setText("Choose at least one format, one document, a folder and a file name.")
            return
        problem = folder_problem(folder)
        if problem is not None:
            self.status.setText(problem)
            self.folder.setFocus()
            self.folder.selectAll()
            return
        if not self._confirm_errors():
            return
        self.settings.set_export_formats(formats)
        self.settings.set_export_folder(folder)
        self.written = []
        self.open_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.job = ExportJob(self.project, formats, self, self.documents())
        self.progress = QProgressDialog("Rendering…", "&Cancel", 0, len(formats) * STEPS_PER_FORMAT, self)
        self.progress.setWindowTitle("Exporting")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self._cancel)
        self.job.step.connect(self._step)
        self.job.pdf_progress.connect(self._printing)
        self.job.rendered.connect(self._rendered)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        self.status.setText("Rendering…")
        self.job.start()
        self.progress.show()

    def _confirm_errors(self) -> bool:
        """A project with errors is exported only when the user says so; the default is to fix them first."""
        errors = blocking_errors(self.project)
        if not errors:
            return True
        count = len(errors)
        box = QMessageBox(QMessageBox.Icon.Warning, "Export the policy", "")
        box.setParent(self, box.windowFlags())
        box.setText(f"This policy has {count} error{'' if count == 1 else 's'} to fix before it is published.")
        shown = "\n".join(f"• {error.message}" for error in errors[:5])
        more = f"\n… and {count - 5} more in Findings." if count > 5 else ""
        box.setInformativeText(f"{shown}{more}\n\nThe exported policy would be incomplete or wrong.")
        fix = box.addButton("&Fix first", QMessageBox.ButtonRole.RejectRole)
        box.addButton("Export &anyway", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(fix)
        box.setEscapeButton(fix)
        box.exec()
        if box.clickedButton() is fix or box.clickedButton() is None:
            self.status.setText("Export stopped: fix the errors listed in Findings, then export again.")
            self.fix_requested.emit(next((e.target for e in errors if e.target is not None), None))
            return False
        return True

    def _step(self, done: int, fmt: str) -> None:
        progress = self.progress  # a modal dialog's setValue() runs events: the export may end inside it
        if progress is not None and self.job is not None and not self.job.cancelling:
            self._done = done
            progress.setLabelText(f"{FORMAT_STEPS[fmt]} ({done + 1} of {len(self.job.formats)})…")
            progress.setValue(done * STEPS_PER_FORMAT)

    def _printing(self, words: str, percent: int) -> None:
        """The PDF print moves the bar page by page, and says what it is doing."""
        progress = self.progress
        if progress is not None and self.job is not None and not self.job.cancelling:
            progress.setLabelText(f"{words} ({self._done + 1} of {len(self.job.formats)})…")
            progress.setValue(self._done * STEPS_PER_FORMAT + min(percent, STEPS_PER_FORMAT - 1))

    def _cancel(self) -> None:
        """Cancel returns at once: the render still running is thrown away when it ends, nothing is written."""
        if self.job is None or not self.job.running or self.job.cancelling:
            return  # closing the progress dialog after Cancel cancels again
        self.job.cancel()
        # Its late result is not this dialog's business any more.
        self.job.step.disconnect(self._step)
        self.job.pdf_progress.disconnect(self._printing)
        self.job.rendered.disconnect(self._rendered)
        self.job.failed.disconnect(self._failed)
        self.job.cancelled.disconnect(self._cancelled)
        if self.progress is not None:
            self.progress.setLabelText("Cancelling…")
            self.progress.show()
        QTimer.singleShot(100, self._cancelled)

    def _end(self, message: str) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        self.export_button.setEnabled(True)
        self.status.setText(message)

    def _rendered(self, outputs: dict[str, bytes]) -> None:
        folder, stem = self.target()
        try:
            self.written = write_outputs(outputs, folder, stem)
        except TelepolicyError as error:
            self._failed(error)
            return
        self._end("Exported: " + ", ".join(path.name for path in self.written) + f"\nin {folder}")
        self.open_button.setEnabled(True)
        self.open_button.setFocus()
        self.exported.emit(self.written)

    def _cancelled(self) -> None:
        self._end("Export cancelled. No file was written.")

    def _failed(self, error: Exception) -> None:
        self._end("The export failed. No file was written.")
        if isinstance(error, ExportError):
            advice = "Choose another folder (one you can write to, with free space), then export again."
        elif isinstance(error, RenderError):
            advice = "Fix the clause named below in the editor (see Findings), then export again."
        else:
            advice = "Save your project, then try again. If it happens again, report the problem."
        problems = [p.message for p in error.problems] if isinstance(error, TelepolicyError) else [repr(error)]
        show_problems(self, "The policy could not be exported.", advice, problems)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.target()[0])))

    def reject(self) -> None:
        """Closing during an export cancels it: nothing is written after the dialog is gone."""
        if self.job is not None and self.job.running:
            self.job.cancel()
        super().reject()
