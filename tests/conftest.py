"""Shared fixtures: the example preset as a project and as a file on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from telepolicy.generator import Project, load_preset
from telepolicy.generator.project.presets import presets_path

EXAMPLE = "us-carrier-eea"


@pytest.fixture
def example_project() -> Project:
    return load_preset(EXAMPLE)


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    target = tmp_path / "example.toml"
    shutil.copy(presets_path() / f"{EXAMPLE}.toml", target)
    return target
