"""Assembly: the project and the library become a plan of sections and clauses.

A clause is in the plan when its condition holds and the user has not omitted it;
its effective text is the user's override or the library text. Custom clauses
take their place by order within their section. Sections with no clause drop out,
so the table of contents never promises a section with no body.

The answer `policy.style` chooses the document style, from the same clause data:
- `full` keeps every clause that applies;
- `concise` keeps only clauses that serve at least one legal requirement applying to
  this operator (clause_library/requirement_rules.toml, severity error or warning), so
  explanations the law does not ask for drop out; a core section (CORE_SECTIONS) in which
  no clause is tagged with an applicable requirement stays whole;
- `minimal` keeps the clauses written for it and then, from the other clauses that
  apply, only as many as it takes to cover every such requirement, so no required
  disclosure is lost and none is repeated.
In every style, clauses whose [when] names `policy.style` (written for that style) and the
user's edited and custom clauses stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from telepolicy.generator.errors import Problem, ProjectFileError
from telepolicy.generator.library.model import Library, Source
from telepolicy.generator.project.model import Project
from telepolicy.generator.rules.conditions import condition_holds, condition_values
from telepolicy.generator.rules.facts import derive_facts

Origin = Literal["library", "edited", "custom"]


@dataclass(frozen=True)
class PlannedClause:
    id: str
    section: str
    title: str
    order: int
    text: str  # the effective template text
    origin: Origin
    show_title: bool = True
    sources: tuple[Source, ...] = ()
    requirements: tuple[str, ...] = ()
    library_text: str = ""
    stale: bool = False  # edited against library text that has since changed


@dataclass(frozen=True)
class PlannedSection:
    id: str
    title: str
    clauses: tuple[PlannedClause, ...]


@dataclass
class Plan:
    project: Project
    library: Library
    sections: tuple[PlannedSection, ...]
    context: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)

    def clause(self, clause_id: str) -> PlannedClause | None:
        return next((c for s in self.sections for c in s.clauses if c.id == clause_id), None)


def template_context(answers: dict[str, Any]) -> dict[str, Any]:
    """Nested tables from dotted answers (`company.legal_name` → company["legal_name"]), plus facts."""
    context: dict[str, Any] = {}
    for key, value in answers.items():
        table = context
        *parents, leaf = key.split(".")
        for part in parents:
            table = table.setdefault(part, {})
        table[leaf] = value
    context["facts"] = derive_facts(answers)
    return context


STYLE_KEY = "policy.style"
COVERED_SEVERITIES = ("error", "warning")
# Topics every policy has, whatever the law. Where no clause of one of these sections is tagged
# with a requirement that applies (the tags cover some regimes better than others), the
# concise style keeps the whole section rather than guess which clauses the law needs.
# A clause of these sections that applies and serves a requirement no answer can decide (no rule
# in requirement_rules.toml: Quebec, single US states, national ages) stays in every style.
REGIONAL_SECTIONS = frozenset({"eea_uk", "california", "us_states", "canada", "brazil", "ukraine", "children"})
CORE_SECTIONS = frozenset(
    {"introduction", "data_we_collect", "purposes", "sharing", "retention", "security", "rights", "changes", "contact"}
)


def written_for_style(clause: PlannedClause, library: Library) -> bool:
    """True for a library clause whose condition names the document style."""
    source = library.clauses.get(clause.id)
    return source is not None and (STYLE_KEY in source.when or STYLE_KEY in source.when_any)


def _applicable_requirements(library: Library, values: dict[str, Any]) -> list[str]:
    # Imported here: the checks import this module to assemble the plan they check.
    from telepolicy.generator.checks.requirements import load_rules

    rules = load_rules(library)
    return [
        rid
        for rid in library.requirements
        if (rule := rules.get(rid)) is not None
        and rule.severity in COVERED_SEVERITIES
        and condition_holds(rule.when, rule.when_any, values)
    ]


def _undecided(library: Library) -> frozenset[str]:
    """Requirements no answer can decide (Quebec, single US states, national ages): they have no rule."""
    from telepolicy.generator.checks.requirements import load_rules

    return frozenset(library.requirements) - frozenset(load_rules(library))


def _short_style(
    style: str, chosen: dict[str, list[PlannedClause]], library: Library, values: dict[str, Any]
) -> dict[str, list[PlannedClause]]:
    """The clauses a short style keeps: its own, the user's, and those the law asks for."""
    needed = _applicable_requirements(library, values)
    candidates = [clause for clauses in chosen.values() for clause in clauses]
    undecided = _undecided(library)
    kept = [
        c
        for c in candidates
        if c.origin != "library"
        or written_for_style(c, library)
        or (c.section in REGIONAL_SECTIONS and set(c.requirements) & undecided)
    ]
    pool = [c for c in candidates if c not in kept]
    if style == "concise":
        relevant = [c for c in pool if set(c.requirements) & set(needed)]
        judged = {c.section for c in relevant}
        kept += [c for c in pool if c in relevant or (c.section in CORE_SECTIONS and c.section not in judged)]
    else:
        kept += _minimal(style, needed, kept, pool, library)
    kept += _referenced(kept, [c for c in candidates if c not in kept], library)
    return {section: [c for c in clauses if c in kept] for section, clauses in chosen.items()}


def _referenced(kept: list[PlannedClause], pool: list[PlannedClause], library: Library) -> list[PlannedClause]:
    """Clauses of `pool` that a kept clause points the reader to by title (`as "Credit checks" explains`),
    or the clauses of a section it names that has none kept, and those they point to in turn: a short
    style never sends the reader to a clause it left out."""
    added: list[PlannedClause] = []
    texts = [clause.text for clause in kept]
    while texts:
        text = texts.pop()
        present = {c.section for c in kept + added}
        section_named = {sid for sid, section in library.sections.items() if _names(text, section.title)}
        named = [
            c
            for c in pool
            if c not in added and (_names(text, c.title) or (c.section in section_named and c.section not in present))
        ]
        for clause in named:
            added.append(clause)
            texts.append(clause.text)
    return added


def _names(text: str, title: str) -> bool:
    return f'"{title}"' in text or f"“{title}”" in text


def _minimal(
    style: str, needed: list[str], kept: list[PlannedClause], pool: list[PlannedClause], library: Library
) -> list[PlannedClause]:
    """Library clauses that cover what `kept` leaves open; `kept` loses the short clauses they replace.

    A clause written only for this style gives way when the cover had to add a library clause on
    the same topic (same section, a shared requirement): the topic is then said once, in full.
    What the short clause served is taken first from its own section, then from anywhere.
    """
    order = {sid: section.order for sid, section in library.sections.items()}
    added: list[PlannedClause] = []
    while True:  # ends: each round removes a clause from `kept`
        added += _cover(needed, kept + added, [c for c in pool if c not in added], order)
        drop = [c for c in kept if _gives_way(c, added, style, library)]
        if not drop:
            return added
        for clause in drop:
            kept.remove(clause)
            for rid in clause.requirements:
                covered = {r for c in kept + added for r in c.requirements}
                same = [c for c in pool if c not in added and c.section == clause.section and rid in c.requirements]
                if rid in needed and rid not in covered and same:
                    added.append(_broadest(same, set(needed) - covered, order))


def _gives_way(clause: PlannedClause, added: list[PlannedClause], style: str, library: Library) -> bool:
    source = library.clauses.get(clause.id)
    if source is None or source.when.get(STYLE_KEY) not in (style, [style]):
        return False
    return any(
        other.section == clause.section and set(clause.requirements) & set(other.requirements) for other in added
    )


def _broadest(options: list[PlannedClause], open_ids: set[str], order: dict[str, int]) -> PlannedClause:
    """The option serving most open requirements; ties go to the earlier section and clause."""
    return max(options, key=lambda c: (len(open_ids & set(c.requirements)), -order[c.section], -c.order, c.id))


def _cover(
    needed: list[str], kept: list[PlannedClause], pool: list[PlannedClause], order: dict[str, int]
) -> list[PlannedClause]:
    """Clauses from `pool` that cover the requirements `kept` leaves open, the broadest first."""
    pool = list(pool)
    added: list[PlannedClause] = []
    covered = {rid for clause in kept for rid in clause.requirements}
    for rid in needed:
        if rid in covered:
            continue
        options = [c for c in pool if rid in c.requirements]
        if not options:
            continue  # no clause applies for it; the check reports the gap as it would in full style
        best = _broadest(options, set(needed) - covered, order)
        added.append(best)
        pool.remove(best)
        covered |= set(best.requirements)
    return added


def assemble(project: Project, library: Library) -> Plan:
    """Decide which clauses the policy contains, in which order, with which text."""
    context = template_context(project.answers)
    values = condition_values(project.answers, context["facts"])
    warnings = list(project.warnings)
    where = project.path

    for clause_id in project.clause_edits:
        if clause_id not in library.clauses:
            warnings.append(
                Problem(
                    where,
                    "edit of a clause the library does not have; it is ignored",
                    f"clauses.{clause_id}",
                    severity="warning",
                )
            )

    chosen: dict[str, list[PlannedClause]] = {section: [] for section in library.sections}
    for clause in library.clauses.values():
        if not condition_holds(clause.when, clause.when_any, values):
            continue
        edit = project.clause_edits.get(clause.id)
        if edit and edit.omit:
            continue
        edited = edit is not None and edit.text is not None
        chosen[clause.section].append(
            PlannedClause(
                id=clause.id,
                section=clause.section,
                title=clause.title,
                order=clause.order,
                text=edit.text if edit and edit.text is not None else clause.text,
                origin="edited" if edited else "library",
                show_title=clause.show_title,
                sources=clause.sources,
                requirements=clause.requirements,
                library_text=clause.text,
                stale=bool(edited and edit and edit.base_hash and edit.base_hash != clause.text_hash),
            )
        )

    problems: list[Problem] = []
    for custom in project.custom_clauses:
        if custom.section not in library.sections:
            problems.append(
                Problem(
                    where,
                    f"custom clause '{custom.id}' names unknown section "
                    f"'{custom.section}'; use one of: {', '.join(library.sections)}",
                    "custom_clauses",
                )
            )
        elif custom.id in library.clauses:
            problems.append(
                Problem(
                    where,
                    f"custom clause id '{custom.id}' is a library clause id; "
                    "choose another, such as 'custom." + custom.id + "'",
                    "custom_clauses",
                )
            )
        else:
            chosen[custom.section].append(
                PlannedClause(custom.id, custom.section, custom.title, custom.order, custom.text, "custom")
            )
    if problems:
        raise ProjectFileError(problems)
    style = project.answers.get(STYLE_KEY, "full")
    if style != "full":
        chosen = _short_style(style, chosen, library, values)

    sections = tuple(
        PlannedSection(
            section.id,
            section.title_for(set(project.answers["audience.regions"])),
            tuple(sorted(chosen[section.id], key=lambda c: (c.order, c.id))),
        )
        for section in sorted(library.sections.values(), key=lambda s: (s.order, s.id))
        if chosen[section.id]
    )
    return Plan(project, library, sections, context, warnings)
