"""Presets: complete, realistic projects for distinct kinds of operator."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from telepolicy.generator.errors import ProjectFileError
from telepolicy.generator.project.file import load_project
from telepolicy.generator.project.model import Project


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    path: Path


def _library() -> Path:
    """The built-in library's folder (as `library.loader.builtin_library_path`), found without importing
    the loader and Jinja with it: the desktop app lists presets before its first paint, and reads no library for it."""
    return Path(str(files("telepolicy.clause_library")))


def presets_path() -> Path:
    return _library() / "presets"


def list_presets() -> list[Preset]:
    """Every preset named in clause_library/presets.toml, in its order."""
    index = tomllib.loads((_library() / "presets.toml").read_text(encoding="utf-8"))
    return [Preset(name, entry["description"], presets_path() / f"{name}.toml") for name, entry in index.items()]


def load_preset(name: str, *, fresh_dates: bool = False) -> Project:
    """The preset's project; with `fresh_dates`, effective today, ready to become a new policy."""
    presets = {p.name: p for p in list_presets()}
    if name not in presets:
        raise ProjectFileError(f"unknown preset '{name}'; choose one of: {', '.join(presets)}")
    project = load_project(presets[name].path)
    project.path = None
    if fresh_dates:
        project.answers["policy.effective_date"] = dt.date.today()
        project.answers["policy.last_updated"] = None
    return project
