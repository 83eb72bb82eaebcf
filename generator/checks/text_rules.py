"""Rules over the policy as assembled and rendered: what the reader will actually see.

- Clause status: every library clause says when its legal position was last verified
  (`law_as_of`) and, where the team was not sure, what a lawyer must still verify
  (`unconfirmed`); `check` reports both, so nobody publishes a doubtful text unaware.
- Text rules read the rendered policy: pairs of statements that must never appear together,
  headings that name regions the operator does not serve, empty values that left a broken
  sentence, and topics described in full more than once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError

from telepolicy.generator.checks.findings import Finding
from telepolicy.generator.errors import RenderError
from telepolicy.generator.library.spelling import respell
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


# --- text rules over the rendered policy ----------------------------------------------------


@dataclass(frozen=True)
class Contradiction:
    """Two statements that must not both be in one policy (`unless` excuses the pair)."""

    code: str
    first: re.Pattern[str]
    second: re.Pattern[str]
    message: str
    citation: str
    unless: re.Pattern[str] | None = None
    when: Callable[[Mapping[str, Any], Mapping[str, Any]], bool] = lambda answers, facts: True


def _re(pattern: str) -> re.Pattern[str]:
    """A pattern for lowercased text: written in lower case, it is searched without IGNORECASE,
    which keeps the regex engine's literal-prefix search (several times faster on a whole policy)."""
    if pattern != pattern.lower():
        raise ValueError(f"text rule patterns are matched against lowercased text; write {pattern!r} in lower case")
    return re.compile(pattern)


CONTRADICTIONS: tuple[Contradiction, ...] = (
    Contradiction(
        "TEXT-NO-SALE-BUT-ADS",
        _re(r"we do not sell or share (your )?personal information"),
        _re(r"(we may|we) (also )?show you ads for our services|show our ads to you on other|\bretargeting\b"),
        "says 'we do not sell or share' but also shows our ads on other sites, which is sharing under the CCPA; "
        "describe the sharing and give the opt-out link",
        "Cal. Civ. Code 1798.140(ah), 1798.120, 1798.135",
    ),
    Contradiction(
        "TEXT-SILENCE-VS-CONSENT",
        _re(r"treat (this|your silence) as (your )?approval"),
        _re(r"only if you have agreed"),
        "treats silence as CPNI approval beside 'we market only if you have agreed'; say that CPNI approval is "
        "not consent to marketing messages",
        "47 CFR 64.2008(d); GDPR Art 7; ePrivacy Directive Art 13",
        unless=_re(r"not consent to receive marketing"),
    ),
    Contradiction(
        "TEXT-NO-CONTENT-BUT-VOICEMAIL",
        _re(r"we do not (read, hear or keep it|keep (the )?content)|do not read it, listen to it or keep it"),
        _re(r"voicemail (stores|messages)|### voicemail"),
        "says we do not keep the content of communications beside a voicemail service, which keeps it",
        "GDPR Art 5(1)(a), 13(2)(a)",
    ),
    Contradiction(
        "TEXT-NO-MONITORING-BUT-ANALYSIS",
        _re(r"we (do not|never) (read, listen to, record or )?monitor your calls"),
        _re(r"spam|analy[sz]e (the )?content|ai (tools|features)|transcri"),
        "says we do not monitor calls and messages beside automated analysis of them (spam filters, AI "
        "features); say who may access content and what is analysed automatically",
        "GDPR Art 5(1)(a); ePrivacy Directive Art 5(1)",
    ),
    Contradiction(
        "TEXT-NO-SENSITIVE-BUT-LISTED",
        _re(r"we do not ask for sensitive information"),
        _re(r"sensitive personal information|precise geolocation|login details"),
        "says we do not ask for sensitive information but lists sensitive information we collect",
        "Cal. Civ. Code 1798.140(ae); GDPR Art 9",
    ),
    Contradiction(
        "TEXT-ART14-ONE-MONTH",
        _re(r"within one month at the latest"),
        _re(r"other (telephone and network operators|networks)"),
        "promises individual notice within one month to everyone whose data comes from others, including "
        "callers from other networks whom we cannot reach; rely on Art 14(5)(b) for them",
        "GDPR Art 14(3), 14(5)(b)",
        unless=_re(r"14\(5\)\(b\)"),
    ),
    Contradiction(
        "TEXT-ECS-BREACH-THRESHOLD",
        _re(r"unless the breach is unlikely to put anyone at risk|skip this only if the breach is unlikely"),
        _re(r"."),
        "lets a provider of public electronic communications services skip reporting a breach that is unlikely "
        "to put anyone at risk; such providers report every personal data breach",
        "ePrivacy Directive Art 4(3); Regulation (EU) 611/2013 Art 2",
        when=lambda answers, facts: bool(facts["ecs_provider_eu_uk"]),
    ),
    Contradiction(
        "TEXT-STORE-WITHOUT-STORES",
        _re(r"in a store|at our stores"),
        _re(r"."),
        "mentions stores, but the answers say customers are not served in person",
        "47 CFR 64.2010(d)",
        when=lambda answers, facts: not answers.get("cpni.in_person", False),
    ),
)

# Region names in headings: a heading may name a region only if the policy serves it.
HEADING_REGIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("eea", re.compile(r"\bEEA\b|European Economic Area", re.IGNORECASE)),
    ("uk", re.compile(r"\bUK\b|United Kingdom")),
    ("switzerland", re.compile(r"Switzerland|\bSwiss\b", re.IGNORECASE)),
    ("california", re.compile(r"California", re.IGNORECASE)),
    ("canada", re.compile(r"Canada", re.IGNORECASE)),
    ("brazil", re.compile(r"Brazil", re.IGNORECASE)),
    ("ukraine", re.compile(r"Ukraine", re.IGNORECASE)),
)
# What a value left empty leaves behind in a sentence.
EMPTY_VALUE = re.compile(
    r"\[\]\(|\(mailto:\)|\(<>\)|\b(?:at|to|on|by|is|are|from)\s+[.,;:](?!\w)|\b(?:at|to|on|by)\s*$",
    re.MULTILINE,
)  # searched in lowercased text
# An institution named after a verb or preposition without "the": "is Data Protection Commission".
MISSING_ARTICLE = re.compile(
    r"\b(?:is|are|by|to|with|from|of|at|as)\s+(?:Data Protection (?:Commission|Authority)|Information Commissioner|"
    r"Federal Data Protection|Privacy Commissioner|European Commission|Federal Communications Commission|"
    r"Federal Trade Commission|US Secret Service|Attorney General)\b"
)
# A title in quotes: how one clause sends the reader to another (`as "Credit checks" explains`).
QUOTED_TITLE = re.compile(r'"([^"\n]{3,80})"|“([^”\n]{3,80})”')
# Topics the policy should describe in full once and refer to elsewhere: (name, signature of the full text).
TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("credit checks", _re(r"(free )?copy of (your|the) (credit )?report")),
    ("911 location sharing", _re(r"legal guardian or close family")),
    ("staff access to content", _re(r"our staff do not (read|listen)|no one at our company reads")),
    ("traffic data erasure (ePrivacy Art 6)", _re(r"erase (its|the) traffic data|bill can no longer be challenged")),
    (
        "toll billing records (47 CFR 42.6)",
        _re(r"toll call(?:[^.]|\.\d)*?requires? us to keep(?:[^.]|\.\d)*?18 months"),
    ),
)


def _rendered(plan: Plan) -> tuple[list[tuple[str, str, str]], list[Finding]]:
    """(clause id, heading, text) of each rendered clause; a clause that cannot render is a finding."""
    from telepolicy.generator.rendering.clauses import _render_clause  # the one clause renderer

    rows: list[tuple[str, str, str]] = []
    findings: list[Finding] = []
    for section in plan.sections:
        rows.append(("", section.title, ""))
        for clause in section.clauses:
            try:
                text = _render_clause(plan, clause)
            except (RenderError, TemplateError, ValueError, KeyError, TypeError) as error:
                findings.append(
                    Finding(
                        "error",
                        "TEXT-CANNOT-RENDER",
                        f"The clause '{clause.title}' cannot be rendered: {error}",
                        "",
                        f"clauses.{clause.id}",
                    )
                )
                continue
            rows.append((clause.id, clause.title, text))
    return rows, findings


def _target(clause_id: str) -> str:
    return f"clauses.{clause_id}" if clause_id else ""


def text_findings(plan: Plan) -> list[Finding]:
    """Findings of the rules over the rendered text of the policy."""
    answers, facts = plan.project.answers, plan.context["facts"]
    rows, findings = _rendered(plan)
    lowered = [text.lower() for _, _, text in rows]  # what the patterns of _re search
    whole = "\n".join(f"### {title}\n{text}" for _, title, text in rows).lower()
    for rule in CONTRADICTIONS:
        if not rule.when(answers, facts) or (rule.unless and rule.unless.search(whole)):
            continue
        first = next((row[0] for row, text in zip(rows, lowered, strict=True) if rule.first.search(text)), None)
        if first is not None and rule.second.search(whole):
            findings.append(Finding("error", rule.code, f"The policy {rule.message}.", rule.citation, _target(first)))
    served = set(answers["audience.regions"])
    for clause_id, heading, _ in rows:
        for region, pattern in HEADING_REGIONS:
            if region not in served and pattern.search(heading):
                findings.append(
                    Finding(
                        "error",
                        "TEXT-REGION-NOT-SERVED",
                        f"The heading '{heading}' names {pattern.search(heading).group(0)}, "  # type: ignore[union-attr]
                        "but the policy does not serve people there",
                        "GDPR Art 12(1) (clear and accurate information)",
                        _target(clause_id),
                    )
                )
    for (clause_id, heading, text), low in zip(rows, lowered, strict=True):
        match = EMPTY_VALUE.search(low)
        if clause_id and match:
            number = next(i for i, line in enumerate(low.splitlines()) if match.group(0) in line or not line.strip())
            line = text.splitlines()[number]
            findings.append(
                Finding(
                    "error",
                    "TEXT-EMPTY-VALUE",
                    f"The clause '{heading}' prints an empty answer, leaving a broken sentence "
                    f'("{line.strip()[:80]}"); enter the answer, or leave the sentence out',
                    "GDPR Art 12(1)",
                    _target(clause_id),
                )
            )
    for clause_id, heading, text in rows:
        article = MISSING_ARTICLE.search(" ".join(text.split()))
        if clause_id and article:
            findings.append(
                Finding(
                    "warning",
                    "TEXT-MISSING-ARTICLE",
                    f"The clause '{heading}' names an institution without 'the' (\"{article.group(0)}\"); "
                    "write 'the' before it, or rephrase the sentence",
                    "GDPR Art 12(1) (clear and plain language)",
                    _target(clause_id),
                )
            )
    for topic, signature in TOPICS:
        where = [
            heading
            for (clause_id, heading, _), low in zip(rows, lowered, strict=True)
            if clause_id and signature.search(low)
        ]
        if len(where) > 1:
            findings.append(
                Finding(
                    "warning",
                    "TEXT-REPEATED-TOPIC",
                    f"The policy describes {topic} in full {len(where)} times ({'; '.join(where)}); say it once "
                    "and refer to it elsewhere",
                    "GDPR Art 12(1) (concise, transparent); Cal. Code Regs. tit. 11, 7011(a)",
                    "",
                )
            )
    findings += _dangling_references(plan, rows)
    return findings


def _dangling_references(plan: Plan, rows: list[tuple[str, str, str]]) -> list[Finding]:
    """A clause that names, in quotes, a clause or section of the library this policy does not show."""
    language = plan.project.answers.get("policy.language", "en-GB")

    def spelt(titles: list[str]) -> set[str]:
        return {respell(title, language).casefold() for title in titles}

    library = plan.library
    known = spelt([c.title for c in library.clauses.values()] + [s.title for s in library.sections.values()])
    shown = spelt(
        [section.title for section in plan.sections]
        + [clause.title for section in plan.sections for clause in section.clauses if clause.show_title]
    )
    findings: list[Finding] = []
    for clause_id, heading, text in rows:
        missing = {
            name
            for match in QUOTED_TITLE.finditer(text)
            if (name := match.group(1) or match.group(2)).casefold() in known and name.casefold() not in shown
        }
        for name in sorted(missing):
            findings.append(
                Finding(
                    "warning",
                    "TEXT-DANGLING-REFERENCE",
                    f"The clause '{heading}' sends the reader to \"{name}\", which this policy does not contain; "
                    "include that clause, or say what it says where the reference is",
                    "GDPR Art 12(1) (concise, transparent, intelligible); Cal. Code Regs. tit. 11, 7011(a)",
                    _target(clause_id),
                )
            )
    return findings
