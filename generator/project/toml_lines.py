"""Find the line of a dotted key in TOML text, so errors can point at it.

tomllib gives values but no positions; this scanner follows table headers and
key assignments closely enough for error messages (it never decides meaning).
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\-" ]+?)\s*=""")


def _split_key(raw: str) -> list[str]:
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([^.\s]+)', raw)
    return [a or b or c for a, b, c in parts]


def key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """Map each dotted key path (and table path) to the 1-based line defining it.

    Keys in the N-th `[[name]]` entry are found as `name.N.key` (N from 0).
    """
    lines: dict[str, int] = {}
    table: list[str] = []
    counts: dict[str, int] = {}  # entries of each [[array of tables]] so far
    multiline = False
    for number, line in enumerate(text.splitlines(), start=first_line):
        if multiline:
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                multiline = False
            continue
        header = _HEADER.match(line)
        if header and "=" not in line.split("]")[0]:
            table = _split_key(header.group(1))
            lines.setdefault(".".join(table), number)
            if line.lstrip().startswith("[["):
                # Entry N of an array of tables is the path "name.N", as tomllib's list index.
                name = ".".join(table)
                counts[name] = counts.get(name, -1) + 1
                table = [*table, str(counts[name])]
                lines.setdefault(".".join(table), number)
            continue
        assign = _ASSIGN.match(line)
        if assign:
            path = ".".join([*table, *_split_key(assign.group(1))])
            lines.setdefault(path, number)
            if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                multiline = True
    return lines


def line_of(lines: dict[str, int], key: str) -> int | None:
    """The line of `key`, or of its nearest enclosing table."""
    parts = key.split(".")
    while parts:
        found = lines.get(".".join(parts))
        if found is not None:
            return found
        parts.pop()
    return None
