"""The exception tree. Each class says who raises it; the CLI and the GUI catch
`TelepolicyError` and show its problems, one line each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from telepolicy.generator.targets import FileLineTarget, FixTarget


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and how to fix it."""

    file: Path | None
    message: str
    key: str = ""  # the place in the file (a dotted TOML key or a front-matter key)
    line: int | None = None
    severity: str = "error"
    target: FixTarget | None = None  # where the user fixes it, when that is not simply the file's line

    @property
    def fix_target(self) -> FixTarget:
        """Where to fix it: the answer or clause when known, otherwise the line of the file."""
        return self.target or FileLineTarget(self.file, self.line, self.key)

    def __str__(self) -> str:
        place = str(self.file) if self.file else "<input>"
        if self.line is not None:
            place += f":{self.line}"
        return ": ".join(part for part in (place, self.key, self.message) if part)


class TelepolicyError(Exception):
    """Base class: carries one or more problems, each printable on one line."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ProjectFileError(TelepolicyError):
    """Raised by `load_project` when a project file cannot be read or is invalid."""


class ClauseLibraryError(TelepolicyError):
    """Raised by `load_library` when a clause, section or terms file is invalid."""


class RenderError(TelepolicyError):
    """Raised while rendering a plan: a clause template fails for these answers."""


class ExportError(TelepolicyError):
    """Raised when output files cannot be written (permissions, disk, bad folder)."""
