"""Every library clause says when its law was last verified; check and trace report doubts and stale law."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from telepolicy.generator import ClauseLibraryError, check, load_library, load_preset, plan_for
from telepolicy.generator.checks.requirements import trace_markdown
from telepolicy.generator.library.loader import load_library as load


def test_every_library_clause_states_when_its_law_was_verified():
    library = load_library()
    missing = [c.id for c in library.clauses.values() if c.law_as_of is None]
    assert missing == []


def test_known_doubts_are_marked_unconfirmed():
    library = load_library()
    doubts = ("cpni.sim_protection", "brazil.internet_logs", "brazil.transfers", "children.eea_age.member_state")
    for clause_id in doubts:
        assert library.clauses[clause_id].unconfirmed, clause_id


def test_check_lists_unconfirmed_clauses_in_the_policy_with_the_reason():
    project = load_preset("us-carrier-eea")
    infos = [f for f in check(project) if f.code == "CLAUSE-UNCONFIRMED"]
    in_policy = {c.id for s in plan_for(project).sections for c in s.clauses}
    unconfirmed = {c.id for c in load_library().clauses.values() if c.unconfirmed and c.id in in_policy}
    assert unconfirmed, "the example preset should contain at least one unconfirmed clause"
    assert {f.key.removeprefix("clause ") for f in infos} == unconfirmed
    assert all(f.severity == "info" and "verify" in f.message for f in infos)


def test_the_trace_shows_law_as_of_and_unconfirmed():
    text = trace_markdown(plan_for(load_preset("us-carrier-eea")))
    assert "| Clause | Law as of | Unconfirmed |" in text
    assert "| `cpni.definition` | 2026-" in text


def test_a_clause_verified_over_a_year_before_the_effective_date_is_a_finding():
    project = load_preset("us-carrier-eea")
    project.answers["policy.effective_date"] = dt.date(2028, 6, 1)
    stale = [f for f in check(project) if f.code == "CLAUSE-LAW-STALE"]
    assert stale
    assert all(f.severity == "warning" for f in stale)
    project.answers["policy.effective_date"] = dt.date(2027, 1, 1)
    assert not [f for f in check(project) if f.code == "CLAUSE-LAW-STALE"]


@pytest.mark.parametrize(
    ("line", "message"),
    [('law_as_of = "2026-11-01"', "law_as_of must be a date"), ('unconfirmed = ""', "unconfirmed must say")],
)
def test_bad_status_front_matter_names_the_file_and_the_fix(tmp_path: Path, line: str, message: str):
    (tmp_path / "x.md").write_text(
        f'+++\nid = "custom.x"\nsection = "cpni"\ntitle = "X"\norder = 1\n{line}\n'
        "sources = []\nrequirements = []\n+++\nText.\n",
        encoding="utf-8",
    )
    with pytest.raises(ClauseLibraryError) as raised:
        load((tmp_path,))
    assert message in str(raised.value)
    assert "x.md" in str(raised.value)
