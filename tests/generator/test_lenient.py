"""Opening a half-finished project leniently: invalid answers set aside, contradictions still reported, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from telepolicy.generator import AnswerTarget, ProjectFileError, load_preset, load_project, project_to_toml, validate


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_invalid_answer_and_a_contradiction_are_both_reported_in_one_opening(tmp_path: Path):
    text = project_to_toml(load_preset("us-carrier-eea"))
    text = text.replace("backup_days = 35", "backup_days = -4")
    assert 'content_handling = "stored"' in text
    text = text.replace('content_handling = "stored"', 'content_handling = "none"')  # yet content is collected
    path = write(tmp_path, text)
    with pytest.raises(ProjectFileError):
        load_project(path)
    project = load_project(path, lenient=True)
    assert project.set_aside == {"retention.backup_days": -4}
    assert {p.key for p in project.problems} == {"retention.backup_days", "data.content.collected"}
    assert {p.fix_target for p in validate(project)} >= {AnswerTarget("data.content.collected")}


def test_lenient_loading_still_refuses_a_file_that_is_not_a_project(tmp_path: Path):
    with pytest.raises(ProjectFileError, match="not valid TOML"):
        load_project(write(tmp_path, "company = [unclosed\n"), lenient=True)


def test_saving_writes_back_what_was_set_aside(tmp_path: Path):
    text = project_to_toml(load_preset("us-carrier-eea")).replace("backup_days = 35", "backup_days = -4")
    project = load_project(write(tmp_path, text), lenient=True)
    assert "backup_days = -4" in project_to_toml(project)
    project.set_answer("retention.backup_days", 20)
    assert "backup_days = 20" in project_to_toml(project)
