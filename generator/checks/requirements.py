"""Compliance checks: which legal requirements apply, which clause satisfies each, and findings.

clause_library/requirement_rules.toml says when each requirement of requirements.toml
applies. A requirement is satisfied by a clause of the assembled plan that lists it in
its front matter, unless the user edited that clause and dropped the rule's key phrases:
library text was written to the requirement, an edit can say anything. Answer rules
(generator/answer_rules.py) add contradictory or risky answers.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from telepolicy.generator import cache
from telepolicy.generator.checks.answer_rules import answer_findings
from telepolicy.generator.checks.consistency import consistency_findings
from telepolicy.generator.checks.findings import SEVERITIES, Finding, sort_findings
from telepolicy.generator.checks.jurisdiction_rules import jurisdiction_findings
from telepolicy.generator.checks.text_rules import clause_status, clause_status_findings, text_findings
from telepolicy.generator.errors import ClauseLibraryError, Problem
from telepolicy.generator.library.loader import builtin_library_path, library_for
from telepolicy.generator.library.model import Library
from telepolicy.generator.library.templating import escape_markdown
from telepolicy.generator.project.model import Project
from telepolicy.generator.project.schema import FIELDS_BY_KEY
from telepolicy.generator.project.toml_lines import key_lines, line_of
from telepolicy.generator.rendering.assemble import Plan, PlannedClause, assemble, condition_values
from telepolicy.generator.rules.conditions import condition_holds, flatten_when, when_problems
from telepolicy.generator.targets import AnswerTarget, ClauseTarget

RULES_FILE = "requirement_rules.toml"
RULE_KEYS = ("when", "when_any", "severity", "key", "phrases")


@dataclass(frozen=True)
class RequirementRule:
    """When a requirement applies, how serious its absence is, and what an edit must keep."""

    id: str
    severity: str
    when: dict[str, Any] = field(default_factory=dict, hash=False)
    when_any: dict[str, Any] = field(default_factory=dict, hash=False)
    key: str = ""
    phrases: tuple[tuple[str, ...], ...] = ()  # all groups must match; any phrase of a group


@dataclass(frozen=True)
class TraceRow:
    """One applicable requirement and the clauses that satisfy it: (section title, clause id)."""

    requirement: str
    element: str
    citation: str
    severity: str
    satisfied_by: tuple[tuple[str, str], ...]


# --- the rules file ----------------------------------------------------------------------


def load_rules(library: Library) -> dict[str, RequirementRule]:
    """The requirement rules, checked against the library's requirement ids; cached."""
    return read_rules(builtin_library_path() / RULES_FILE, frozenset(library.requirements))


@lru_cache(maxsize=4)
def read_rules(path: Path, known: frozenset[str]) -> dict[str, RequirementRule]:
    """Read and check a rules file; every problem names the file, line and key (ClauseLibraryError).

    Checked rules are kept in the user cache, keyed by the file's bytes, the requirement ids and
    the program, so a run whose rules file is unchanged neither parses nor checks it again.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ClauseLibraryError(Problem(path, f"cannot be read: {error}")) from None
    key = cache.digest(cache.program_key(), raw, *sorted(known))
    stored = cache.read_object("requirement-rules", key)
    if isinstance(stored, dict) and all(isinstance(rule, RequirementRule) for rule in stored.values()):
        return stored
    rules = _checked_rules(path, raw, known)
    cache.write_object("requirement-rules", key, rules)
    return rules


def _checked_rules(path: Path, raw: bytes, known: frozenset[str]) -> dict[str, RequirementRule]:
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        match = re.search(r"at line (\d+)", str(error))
        raise ClauseLibraryError(
            Problem(path, f"cannot be read: {error}", line=int(match.group(1)) if match else None)
        ) from None
    lines = key_lines(text)
    problems: list[Problem] = []
    rules: dict[str, RequirementRule] = {}
    for rid, entry in data.items():
        found: list[tuple[str, str]] = []
        rule = _parse_rule(rid, entry, known, found)
        for key, message in found:
            where = f"{rid}.{key}" if key else rid
            problems.append(Problem(path, message, where, line_of(lines, where)))
        if rule is not None:
            rules[rid] = rule
    if problems:
        raise ClauseLibraryError(problems)
    return rules


def _parse_rule(rid: str, entry: Any, known: frozenset[str], problems: list[tuple[str, str]]) -> RequirementRule | None:
    """The rule, or None with (key within the rule, message) appended to `problems`."""
    if rid not in known:
        problems.append(("", f"unknown requirement '{rid}'; see clause_library/requirements.toml"))
        return None
    if not isinstance(entry, dict):
        problems.append(("", 'expected a table like ["gdpr.13.1.a"] with when and severity'))
        return None

    def bad(key: str, message: str) -> None:
        problems.append((key, message))

    for key in sorted(set(entry) - set(RULE_KEYS)):
        bad(key, f"unknown key; allowed: {', '.join(RULE_KEYS)}")
    if "when" not in entry:
        bad("when", "missing `when`; write `when = {}` for a requirement that always applies")
    entry = {**entry, **{name: flatten_when(entry[name]) for name in ("when", "when_any") if name in entry}}
    for key, message in when_problems(entry):
        bad(key, message)
    severity = entry.get("severity")
    if severity not in SEVERITIES:
        bad("severity", f"severity must be one of: {', '.join(SEVERITIES)}")
    key = entry.get("key", "")
    if not isinstance(key, str) or (key and key not in FIELDS_BY_KEY):
        bad("key", f"'{key}' is not an answer key; see docs/project-file.md")
    phrases = _parse_phrases(entry.get("phrases", []))
    if phrases is None:
        bad("phrases", 'phrases must be a list of words or of lists of words, like ["withdraw", ["deny", "say no"]]')
    if problems:
        return None
    return RequirementRule(rid, str(severity), entry["when"], entry.get("when_any", {}), key, phrases or ())


def _parse_phrases(raw: Any) -> tuple[tuple[str, ...], ...] | None:
    """Each entry is a phrase or a list of alternatives; None when malformed."""
    if not isinstance(raw, list):
        return None
    groups = [entry if isinstance(entry, list) else [entry] for entry in raw]
    if not all(group and all(isinstance(p, str) and p.strip() for p in group) for group in groups):
        return None
    return tuple(tuple(p.strip() for p in group) for group in groups)


# --- the trace -----------------------------------------------------------------------------


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _missing_phrases(text: str, rule: RequirementRule) -> list[tuple[str, ...]]:
    """The phrase groups of which the text contains no phrase (its template source, as typed)."""
    folded = _folded(text)
    return [group for group in rule.phrases if not any(p.casefold() in folded for p in group)]


def _satisfies(clause: PlannedClause, rule: RequirementRule) -> bool:
    if rule.id not in clause.requirements:
        return False
    return clause.origin != "edited" or not _missing_phrases(clause.text, rule)


def _applicable(plan: Plan) -> list[tuple[RequirementRule, TraceRow]]:
    rules = load_rules(plan.library)
    values = condition_values(plan.project.answers, plan.context["facts"])
    applicable = []
    for rid, requirement in plan.library.requirements.items():
        rule = rules.get(rid)
        if rule is None or not condition_holds(rule.when, rule.when_any, values):
            continue
        satisfied_by = tuple(
            (section.title, clause.id)
            for section in plan.sections
            for clause in section.clauses
            if _satisfies(clause, rule)
        )
        applicable.append((rule, TraceRow(rid, requirement.element, requirement.citation, rule.severity, satisfied_by)))
    return applicable


def trace(plan: Plan) -> list[TraceRow]:
    """Every requirement that applies to the project, in requirements.toml order, with its clauses."""
    return [row for _, row in _applicable(plan)]


def trace_markdown(plan: Plan, rows: list[TraceRow] | None = None) -> str:
    """The trace as a Markdown table, for `telepolicy render --trace`; `rows` when already traced."""
    rows = trace(plan) if rows is None else rows
    answers = plan.project.answers
    done = sum(1 for row in rows if row.satisfied_by)
    title, version, company = (
        escape_markdown(answers[k]) for k in ("policy.title", "policy.version", "company.legal_name")
    )
    lines = [
        f"# Requirement trace: {title} {version}",
        "",
        f"{company}: {done} of {len(rows)} applicable requirements are satisfied.",
        "",
        "| Requirement | Citation | Satisfied by |",
        "|---|---|---|",
    ]
    for row in rows:
        by_section: dict[str, list[str]] = {}
        for section, clause_id in row.satisfied_by:
            by_section.setdefault(section, []).append(f"`{clause_id}`")
        where = "; ".join(f"{escape_markdown(section)} ({', '.join(ids)})" for section, ids in by_section.items())
        lines.append(
            f"| `{row.requirement}` {escape_markdown(row.element)} | {escape_markdown(row.citation)} "
            f"| {where or f'**not satisfied** ({row.severity})'} |"
        )
    lines += [
        "",
        "## Clauses and the legal position behind them",
        "",
        "| Clause | Law as of | Unconfirmed |",
        "|---|---|---|",
    ]
    for clause_id, _title, law_as_of, unconfirmed in clause_status(plan):
        when = law_as_of.isoformat() if law_as_of else "not stated"
        lines.append(f"| `{clause_id}` | {when} | {escape_markdown(unconfirmed) or 'confirmed'} |")
    return "\n".join(lines) + "\n"


# --- findings ------------------------------------------------------------------------------


def _removals(plan: Plan, rule: RequirementRule) -> list[tuple[str, str]]:
    """(clause id, what the user's edit did) for each edit that took this requirement away."""
    removals = [
        (clause.id, f"Your edit of the clause '{clause.title}' drops the words it needs ({_describe(missing)})")
        for section in plan.sections
        for clause in section.clauses
        if clause.origin == "edited"
        and rule.id in clause.requirements
        and (missing := _missing_phrases(clause.text, rule))
    ]
    values = condition_values(plan.project.answers, plan.context["facts"])
    for clause_id, edit in plan.project.clause_edits.items():
        clause = plan.library.clauses.get(clause_id)
        if not (edit.omit and clause and rule.id in clause.requirements):
            continue
        if condition_holds(clause.when, clause.when_any, values):
            removals.append((clause_id, f"Your edit leaves out the clause '{clause.title}'"))
    return removals


def _describe(groups: list[tuple[str, ...]]) -> str:
    return "; ".join(" or ".join(f'"{phrase}"' for phrase in group) for group in groups)


def _coverage_findings(plan: Plan) -> list[Finding]:
    findings: list[Finding] = []
    for rule, row in _applicable(plan):
        if row.satisfied_by:
            continue
        removals = _removals(plan, rule)
        for clause_id, how in removals:
            findings.append(
                Finding(
                    rule.severity,
                    "EDIT-REMOVES-REQUIREMENT",
                    f"{how}, so the policy no longer covers requirement {rule.id}: {row.element}",
                    row.citation,
                    ClauseTarget(clause_id),
                    rule.id,
                )
            )
        if not removals:
            message = f"The policy does not cover requirement {rule.id}: {row.element}"
            target = AnswerTarget(rule.key) if rule.key else None
            findings.append(Finding(rule.severity, "REQ-MISSING", message, row.citation, target, rule.id))
    return findings


def check(plan: Plan | Project, library: Library | None = None, *, today: dt.date | None = None) -> list[Finding]:
    """Every finding for a plan, errors first. `build()` passes the plan it renders; a script may pass a
    project, which is planned here (bad input then raises like rendering does)."""
    if isinstance(plan, Project):
        plan = assemble(plan, library or library_for(plan))
    return sort_findings(
        [
            *_coverage_findings(plan),
            *answer_findings(plan, today or dt.date.today()),
            *clause_status_findings(plan),
            *consistency_findings(plan),
            *text_findings(plan),
            *jurisdiction_findings(plan),
        ]
    )
