"""Find runs of words that a clause shares with a seed policy.

Clause text must be written fresh; a run of 12 or more consecutive words found
in a seed is reported. Used by the library tests and by authors.

The seeds are not part of the repository, so the tests compare against fingerprints
of their runs (tests/data/seed_runs.txt: a short hash of each 12-word run), which
`python -m tools.verbatim --fingerprint ../shared/seeds` writes.
"""

from __future__ import annotations

import hashlib
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


def fingerprint(gram: tuple[str, ...]) -> str:
    """A short hash of a run of words: enough to recognise it, not to read it back."""
    return hashlib.blake2b(" ".join(gram).encode("utf-8"), digest_size=8).hexdigest()


def fingerprinted_runs(text: str, fingerprints: set[str], size: int = RUN) -> list[str]:
    """Each run of `size` words of `text` whose fingerprint is a seed's."""
    tokens = words(text)
    runs = (tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))
    return [" ".join(gram) for gram in runs if fingerprint(gram) in fingerprints]


def main() -> int:
    """Report shared runs for every clause file: python -m tools.verbatim [SEEDS_DIR] [--fingerprint]."""
    import sys

    args = [a for a in sys.argv[1:] if a != "--fingerprint"]
    seeds_dir = Path(args[0] if args else "../shared/seeds")
    grams = seed_ngrams(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt")))
    if "--fingerprint" in sys.argv:
        print("\n".join(sorted({fingerprint(gram) for gram in grams})))
        return 0
    found = 0
    for path in sorted(Path("clause_library").rglob("*.md")):
        for run in shared_runs(path.read_text(encoding="utf-8"), grams):
            print(f"{path}: {run}")
            found += 1
    print(f"{found} shared runs of {RUN} words")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
