"""Documents in the app: File ▸ Export offers the documents a project can produce, and the wizard asks
the certification and sub-processor questions only where those documents apply."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from telepolicy.generator.project.presets import load_preset
from telepolicy.gui.applicability import Applicability
from telepolicy.gui.export import ExportDialog, ExportJob
from telepolicy.gui.settings import Settings


def _dialog(qtbot, tmp_path: Path, preset: str) -> ExportDialog:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    dialog = ExportDialog(load_preset(preset), preset, settings)
    qtbot.addWidget(dialog)
    return dialog


def test_documents_that_apply_can_be_ticked_and_the_others_say_why_not(qtbot, tmp_path):
    dialog = _dialog(qtbot, tmp_path, "us-local-carrier")
    boxes = dialog.document_boxes
    assert dialog.documents() == ("policy",)
    assert boxes["cpni-certification"].isEnabled()
    assert not boxes["subprocessors"].isEnabled()
    assert "Does not apply" in boxes["subprocessors"].toolTip()
    boxes["cpni-certification"].setChecked(True)
    boxes["subprocessors"].setChecked(True)  # disabled: never exported
    assert dialog.documents() == ("policy", "cpni-certification")


def test_the_export_job_renders_each_ticked_document():
    job = ExportJob(load_preset("us-cpaas-sip"), ["md"], documents=("policy", "subprocessors"))
    outputs = job._render()
    assert set(outputs) == {"md", "subprocessors.md"}
    assert b"Northbeam Cloud Services" in outputs["subprocessors.md"]


def test_the_wizard_asks_certification_questions_only_where_the_certification_applies():
    assert Applicability(load_preset("us-local-carrier").answers).page_applies("cpni_certification")
    assert not Applicability(load_preset("eu-voip-operator").answers).page_applies("cpni_certification")
    assert Applicability(load_preset("us-cpaas-sip").answers).field_applies("roles.subprocessors")
    assert not Applicability(load_preset("us-local-carrier").answers).field_applies("roles.subprocessors")
