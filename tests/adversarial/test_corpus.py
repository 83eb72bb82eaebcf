"""The adversarial corpus in CI: every broken or hostile input ends in a clean message with the
expected exit code, within the watchdog's time, with no input or earlier output changed."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.adversarial.corpus import build_corpus, ci_selection, kill_saves, run_case


def _cases() -> list:
    """Built once at collection (the ids name the cases); the folder goes when the run ends."""
    root = Path(tempfile.mkdtemp(prefix="telepolicy-corpus-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return ci_selection(build_corpus(root))


CASES = _cases()


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[f"{c.category}: {c.name}" for c in CASES])
def test_hostile_input_ends_cleanly(case):
    outcome = run_case(case)
    assert outcome.verdict == "clean", outcome.detail


@pytest.mark.slow
@pytest.mark.parametrize("writers", [1, 2])
def test_killed_saves_leave_a_whole_file_and_no_leftovers(tmp_path, writers):
    outcomes = kill_saves(tmp_path, 3, writers=writers)
    assert [o.verdict for o in outcomes] == ["clean"] * 3, [o.detail for o in outcomes]
