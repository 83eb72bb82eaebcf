"""Every output format through the one render path (`build`), and the file name each is written as."""

from __future__ import annotations

from telepolicy.generator import Project
from telepolicy.generator.outputs import FILE_SUFFIXES, FORMATS
from telepolicy.generator.pipeline import build

ALL_FORMATS = {fmt: FILE_SUFFIXES.get(fmt, fmt) for fmt in FORMATS}


def render_all(project: Project) -> dict[str, bytes]:
    return build(project, FORMATS, check=False).outputs
