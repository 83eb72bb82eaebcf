"""Rules over the policy as assembled: the legal status of the clauses it contains.

Every library clause says when its legal position was last verified (`law_as_of`) and,
where the team was not sure, what a lawyer must still verify (`unconfirmed`). A policy
that contains such a clause says so in `check`, so nobody publishes it unaware.
"""

from __future__ import annotations

import datetime as dt

from telepolicy.generator.checks.findings import Finding
from telepolicy.generator.rendering.assemble import Plan

STALE_AFTER_DAYS = 365


def clause_status(plan: Plan) -> list[tuple[str, str, dt.date | None, str]]:
    """(clause id, title, law_as_of, unconfirmed) for each library clause in the plan, in policy order."""
    rows = []
    for section in plan.sections:
        for planned in section.clauses:
            clause = plan.library.clauses.get(planned.id)
            if planned.origin == "custom" or clause is None:
                continue
            rows.append((clause.id, planned.title, clause.law_as_of, clause.unconfirmed))
    return rows


def clause_status_findings(plan: Plan) -> list[Finding]:
    """Info for each unconfirmed clause in the policy; a warning for each not verified within a year."""
    effective = plan.project.answers.get("policy.effective_date")
    findings: list[Finding] = []
    for clause_id, title, law_as_of, unconfirmed in clause_status(plan):
        if unconfirmed:
            findings.append(
                Finding(
                    "info",
                    "CLAUSE-UNCONFIRMED",
                    f"The clause '{title}' rests on a legal position the library has not confirmed: "
                    f"verify {unconfirmed}.",
                    f"clause {clause_id}, law as of {law_as_of or 'unknown'}",
                    f"clauses.{clause_id}",
                )
            )
        if isinstance(effective, dt.date) and law_as_of is not None:
            if (effective - law_as_of).days > STALE_AFTER_DAYS:
                findings.append(
                    Finding(
                        "warning",
                        "CLAUSE-LAW-STALE",
                        f"The law behind the clause '{title}' was last verified on {law_as_of.isoformat()}, "
                        f"more than a year before the policy takes effect ({effective.isoformat()}); "
                        "check it against the law in force, or update the library.",
                        f"clause {clause_id}",
                        f"clauses.{clause_id}",
                    )
                )
    return findings
