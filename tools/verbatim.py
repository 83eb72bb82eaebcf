"""Find runs of words that a clause shares with a seed policy.

Clause text must be written fresh; a run of 12 or more consecutive words found
in a seed is reported. Used by the library tests and by authors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
JINJA = re.compile(r"\{[{%#].*?[}%#]\}", re.DOTALL)
RUN = 12


def words(text: str) -> list[str]:
    return WORD.findall(JINJA.sub(" ", text.lower()))


def seed_ngrams(seed_texts: Iterable[str], size: int = RUN) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for text in seed_texts:
        tokens = words(text)
        grams.update(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))
    return grams


def shared_runs(text: str, grams: set[tuple[str, ...]], size: int = RUN) -> list[str]:
    """Each run of `size` words of `text` that also appears in a seed."""
    tokens = words(text)
    return [
        " ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1) if tuple(tokens[i : i + size]) in grams
    ]


def main() -> int:
    """Report shared runs for every clause file: python -m tools.verbatim [SEEDS_DIR]."""
    import sys

    seeds_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds")
    grams = seed_ngrams(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt")))
    found = 0
    for path in sorted(Path("clause_library").rglob("*.md")):
        for run in shared_runs(path.read_text(encoding="utf-8"), grams):
            print(f"{path}: {run}")
            found += 1
    print(f"{found} shared runs of {RUN} words")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
