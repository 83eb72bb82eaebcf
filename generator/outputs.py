"""The output formats by name, and writing a project's outputs as files.

Kept apart from the pipeline so that the command line can read a format list and write
outputs kept in the cache without importing the renderers.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from telepolicy.generator.errors import ExportError, Problem
from telepolicy.generator.files import write_all

FORMATS = ("md", "html", "pdf", "docx", "fragment", "json")
DEFAULT_FORMATS = ("md", "html", "pdf")  # docx needs the docx extra; fragment and json are asked for by name
FILE_SUFFIXES = {"fragment": "fragment.html"}  # written as <stem>.<suffix>; every other format as <stem>.<format>
FORMAT_ALIASES = {"markdown": "md", "htm": "html"}


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    """Format names from `md,html` or a list; `markdown` means `md`. Unknown or no names are an error."""
    names = [n.strip().lower() for n in (text.split(",") if isinstance(text, str) else text)]
    names = [FORMAT_ALIASES.get(n, n) for n in names if n]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise ExportError(f"unknown format {', '.join(unknown) or '(none)'}; use any of: {', '.join(FORMATS)}")
    return tuple(dict.fromkeys(names))


def write_outputs(outputs: dict[str, bytes], out_dir: Path, stem: str, protect: Iterable[Path] = ()) -> list[Path]:
    """Write each output as out_dir/<stem>.<format>: all of them or none, never over a file in `protect`
    (the project file and the clause files the render read)."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        files: dict[Path, bytes] = {}
        for fmt, data in outputs.items():
            target = out_dir / f"{stem}.{FILE_SUFFIXES.get(fmt, fmt)}"
            files[target] = data
        written = write_all(files, protect)
    except OSError as error:
        raise ExportError(
            Problem(out_dir, f"cannot write the output ({error.strerror or error}); choose another folder with --out")
        ) from None
    return written
