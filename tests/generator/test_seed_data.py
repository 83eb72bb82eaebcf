"""The seed-derived test data (tests/data) matches the seeds, where the seeds are present.

The own-words and readability tests run everywhere against tests/data; this keeps that
data honest on a checkout with ../shared/seeds beside it (CI has it).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tools.readability import measure
from tools.verbatim import fingerprint, fingerprinted_runs, seed_ngrams

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="recomputing needs the seeds in ../shared/seeds")


@needs_seeds
def test_fingerprints_are_those_of_the_seeds():
    grams = seed_ngrams(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    stored = set((DATA / "seed_runs.txt").read_text(encoding="utf-8").split())
    assert stored == {fingerprint(g) for g in grams}, "run: python -m tools.verbatim ../shared/seeds --fingerprint"


@needs_seeds
def test_stored_readability_is_the_most_readable_seed():
    stored = tomllib.loads((DATA / "seed_readability.toml").read_text(encoding="utf-8"))
    scores = {p.name[:3]: measure(p.read_text(encoding="utf-8")).flesch for p in SEEDS.glob("*.txt")}
    best = max(scores, key=scores.__getitem__)
    assert (stored["seed"], stored["flesch"]) == (best, round(scores[best], 2))


def test_a_copied_run_is_found_through_its_fingerprint():
    """The own-words check can fail: twelve words of a seed, fingerprinted, are recognised in a clause."""
    run = "we may share your information with our affiliates and partners for their marketing"
    fingerprints = {fingerprint(tuple(run.split()[:12]))}
    assert fingerprinted_runs(f"Intro. {run.capitalize()}.", fingerprints) == [" ".join(run.split()[:12])]
    assert fingerprinted_runs("Entirely our own words here, nothing copied at all from anyone.", fingerprints) == []
