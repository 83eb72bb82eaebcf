"""The application logic with a fake view (Mu / git-cola style): no window, every question answered by the test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from telepolicy.generator import AnswerTarget, cli, load_preset, project_to_toml
from telepolicy.gui import snapshot
from telepolicy.gui.document import Document
from telepolicy.gui.recovery import Recovery
from telepolicy.gui.session import Session
from telepolicy.gui.settings import Settings


class FakeView:
    def __init__(self) -> None:
        self.shown: list[Document | None] = []
        self.problems: list[tuple[str, str, list[str], bool]] = []
        self.save_choice = "cancel"
        self.save_path: Path | None = None
        self.restore = "restore"

    def show_document(self, document: Document | None) -> None:
        self.shown.append(document)

    def ask_open_path(self, folder: str) -> Path | None:
        return None

    def ask_save_path(self, suggested: Path) -> Path | None:
        return self.save_path

    def ask_save_changes(self, name: str) -> str:
        return self.save_choice

    def ask_restore(self, name: str, saved_at: dt.datetime) -> str:
        return self.restore

    def show_problems(self, summary: str, advice: str, problems: list[str], error: bool = True) -> None:
        self.problems.append((summary, advice, problems, error))


@pytest.fixture
def view() -> FakeView:
    return FakeView()


@pytest.fixture
def session(qapp, view: FakeView, settings: Settings, recovery_folder: Path) -> Session:
    return Session(view, settings, Recovery(recovery_folder))


def test_a_file_that_is_not_a_project_is_explained(session: Session, view: FakeView, tmp_path: Path):
    bad = tmp_path / "notes.toml"
    bad.write_text("this is = = not toml")
    assert not session.open_project(bad)
    [(summary, advice, problems, error)] = view.problems
    assert summary == "“notes.toml” cannot be opened."
    assert error
    assert "Telepolicy project file" in advice
    assert "not valid TOML" in problems[0]


def test_invalid_answers_are_set_aside_kept_and_reported(session: Session, view: FakeView, tmp_path: Path):
    text = project_to_toml(load_preset("us-carrier-eea")).replace('version = "', 'version = 3 #"', 1)
    text = text.replace("backup_days = 35", "backup_days = -4")
    assert '    "california",\n' in text
    text = text.replace('    "california",\n', '    "califronia",\n', 1)
    path = tmp_path / "broken.toml"
    path.write_text(text)
    assert session.open_project(path)
    document = session.document
    assert document.answer("retention.backup_days") == 35, "the default stands in while the value is set aside"
    regions = document.answer("audience.regions")
    assert "us" in regions, "one bad element sets aside that element only: the valid ones stay"
    assert "califronia" not in regions
    assert not document.modified, "nothing is lost, so the project still matches its file"
    [(summary, _advice, problems, error)] = view.problems
    assert "has answers that are not valid" in summary
    assert not error
    backup_line = text.splitlines().index("backup_days = -4") + 1
    assert any(
        p.startswith(f"Days until backups are overwritten (line {backup_line}): must be between 0 and 3650")
        for p in problems
    )

    session.save()
    saved = path.read_text()
    assert "backup_days = -4" in saved, "saving never writes the loss"
    assert '"califronia"' in saved
    document.set_answer("retention.backup_days", 30)
    session.save()
    saved = path.read_text()
    assert "backup_days = 30" in saved, "a new answer replaces the value set aside"
    assert '"califronia"' in saved, "the other set-aside answer is still kept"


def test_unsaved_changes_cancel_keeps_the_project(session: Session, view: FakeView, tmp_path: Path):
    session.new_project("us-carrier-eea")
    document = session.document
    document.set_answer("policy.version", "2.0")
    view.save_choice = "cancel"
    assert not session.new_project(None)
    assert session.document is document
    view.save_choice, view.save_path = "save", tmp_path / "saved.toml"
    assert session.new_project(None)
    assert (tmp_path / "saved.toml").is_file()
    assert session.settings.recent_files() == [(tmp_path / "saved.toml").resolve()]


def test_a_save_that_fails_keeps_the_work(session: Session, view: FakeView, tmp_path: Path):
    session.new_project("us-carrier-eea")
    session.document.set_answer("policy.version", "2.0")
    view.save_path = tmp_path / "missing-folder" / "policy.toml"
    assert not session.save()
    assert session.document.modified
    assert "could not be saved" in view.problems[0][0]


def test_snapshot_lists_validation_and_check_findings_with_their_targets():
    """One build for page and findings: a contradiction in the answers and the check's own findings, each located."""
    project = load_preset("us-carrier-eea")
    project.answers["purposes.used"] = [*project.answers["purposes.used"], "credit_checks"]
    project.answers["data.credit.collected"] = False
    project.answers["eu_representative.name"] = ""
    result = snapshot.build_snapshot(project, 1)
    targets = [(f.target, f.code) for f in result.findings]
    assert (AnswerTarget("purposes.used"), "") in targets
    assert result.html, "an invalid combination still renders"
    assert result.plan is not None
    assert result.outline is not None


def test_telepolicy_gui_starts_the_app_with_the_file(monkeypatch):
    """`telepolicy gui FILE` hands the file to the desktop app, which the core imports only then."""
    started: list[list[str]] = []
    monkeypatch.setattr("telepolicy.gui.app.main", lambda argv: started.append(argv) or 0)
    assert cli.main(["gui", "my-policy.toml"]) == 0
    assert cli.main(["gui"]) == 0
    assert started == [["my-policy.toml"], []]
