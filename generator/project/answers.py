"""The rules for answers: each value on its own (the loader's and the wizard's checks) and the answers together.

`validate()` says what loading the saved file would say of a project in memory, without saving it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from telepolicy.generator.errors import Problem
from telepolicy.generator.project.model import Project
from telepolicy.generator.project.schema import (
    FIELDS,
    FIELDS_BY_KEY,
    RETENTION_KEYWORDS,
    Field,
    default_value,
)
from telepolicy.generator.project.values import (
    MAX_CLAUSE,
    MAX_LIST_ITEMS,
    MAX_TEXT,
    email_problem,
    hidden_character,
    phone_problem,
    url_problem,
)
from telepolicy.generator.targets import AnswerTarget, ClauseTarget, CustomClauseTarget, FixTarget

PERIOD = re.compile(r"^([1-9][0-9]{0,3}) (day|days|week|weeks|month|months|year|years)$")


FIRST_YEAR, LAST_YEAR = 1900, 2199  # a date outside these is a typo, not a policy date
CLAUSE_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


def check_value(f: Field, value: Any) -> tuple[Any, str | None]:
    """Return the normalised value and an error message (None when valid)."""
    kind = f.kind
    if kind in ("text", "email", "url", "period"):
        if not isinstance(value, str):
            return value, f"expected text in quotes, got {describe_value(value)}"
        if len(value) > MAX_TEXT:
            return value, f"is {len(value):,} characters long; an answer may have at most {MAX_TEXT:,}"
        hidden = hidden_character(value.replace("\r", ""))
        if hidden:
            return value, f"contains an invisible or direction-changing character ({hidden}); remove it"
        value = value.strip()
        if f.required and not value:
            return value, "must not be empty"
        if kind == "email" and value and (reason := email_problem(value)):
            example = "write it like privacy@example.com"
            return value, f"{describe_value(value)} is not an e-mail address: it {reason}; {example}"
        if kind == "url" and value and (reason := url_problem(value)):
            return (
                value,
                f"{describe_value(value)} is not a web address: it {reason}; write it like https://example.com/privacy",
            )
        if f.key in PHONE_KEYS and value and (reason := phone_problem(value)):
            return value, f"{describe_value(value)} is not a phone number: it {reason}"
        # An empty period is an unanswered one: the check reports it (RETENTION-MISSING), never a default.
        if kind == "period" and value and value not in RETENTION_KEYWORDS and not PERIOD.match(value):
            return value, (
                f"'{value}' is not a retention period; write a number and a unit like "
                f'"18 months", or one of {", ".join(RETENTION_KEYWORDS)}'
            )
        return value, None
    if kind == "bool":
        if not isinstance(value, bool):
            return value, f"expected true or false, got {describe_value(value)}"
        return value, None
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return value, f"expected a whole number, got {describe_value(value)}"
        if (f.minimum is not None and value < f.minimum) or (f.maximum is not None and value > f.maximum):
            return value, f"must be between {f.minimum} and {f.maximum}, got {value}"
        return value, None
    if kind == "date":
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                return value, f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-01-31"
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            return value, f"expected a date written as YYYY-MM-DD, got {describe_value(value)}"
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            return value, f"the year {value.year} cannot be right; write a date between {FIRST_YEAR} and {LAST_YEAR}"
        return value, None
    if kind == "choice":
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value not in f.choices:
            return value, f"{describe_value(value)} is not allowed; use one of: {', '.join(f.choices)}"
        return value, None
    if kind in ("choices", "text_list"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return value, f'expected a list of text values like ["a", "b"], got {describe_value(value)}'
        if kind == "choices":
            bad = [v for v in value if v not in f.choices]
            if bad:
                return value, (f"{', '.join(repr(b) for b in bad)} not allowed; use any of: {', '.join(f.choices)}")
            return list(dict.fromkeys(value)), None
        cleaned = [v.strip() for v in value if v.strip()]
        if len(cleaned) > MAX_LIST_ITEMS or any(len(v) > MAX_TEXT for v in cleaned):
            return value, f"is too long: at most {MAX_LIST_ITEMS} entries of at most {MAX_TEXT:,} characters each"
        hidden = next((found for v in cleaned if (found := hidden_character(v))), None)
        if hidden:
            return value, f"contains an invisible or direction-changing character ({hidden}); remove it"
        return cleaned, None
    raise AssertionError(f"unknown kind {kind}")


def validate_answer(key: str, value: Any) -> tuple[Any, str | None]:
    """Check one answer with the loader's own rules, so an editor can flag it at the field.

    Returns the normalised value and a message a user can act on (None when valid).
    """
    field = FIELDS_BY_KEY.get(key)
    if field is None:
        raise KeyError(f"'{key}' is not an answer; see docs/project-file.md")
    return check_value(field, value)


def describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 80 else value[:60] + f"… ({len(value):,} characters)"
        return repr(shown) if hidden_character(shown) else f"'{shown}'"
    if isinstance(value, (int, float)) and len(text := repr(value)) > 40:
        return text[:20] + f"… ({len(text):,} digits)"
    return repr(value)


# Phone answers are text in the schema; their grammar is checked here.
PHONE_KEYS = frozenset(f.key for f in FIELDS if f.kind == "text" and f.key.endswith("phone"))


def target_for(key: str) -> FixTarget | None:
    """Where a problem at this key of the project file is fixed: an answer, or a clause edit."""
    if key in FIELDS_BY_KEY:
        return AnswerTarget(key)
    if key.startswith("clauses."):
        return ClauseTarget(key.removeprefix("clauses.").split(".", 1)[0].strip('"'))
    return None


def valid_part(f: Field, value: Any) -> Any:
    """What stands in for an invalid answer: its valid elements for a list, otherwise the default."""
    if f.kind in ("choices", "text_list") and isinstance(value, list):
        kept = [v for v in value if isinstance(v, str) and check_value(f, [v])[1] is None]
        return check_value(f, kept)[0]
    return "" if f.required and f.kind in ("text", "email", "url") else default_value(f)


def validate(project: Project) -> list[Problem]:
    """Every problem of a project in memory, as loading its saved file would report them, without saving it.

    The answers are checked one by one, then together; custom clauses for their ids. Problems carry
    their fix target; there are no line numbers, since nothing was read from a file.
    """
    problems: list[Problem] = list(project.warnings)

    def problem(key: str, message: str, severity: str = "error", target: FixTarget | None = None) -> None:
        problems.append(Problem(project.path, message, key, None, severity, target or target_for(key)))

    for f in FIELDS:
        if f.key in project.set_aside:
            problem(f.key, next((p.message for p in project.problems if p.key == f.key), "set aside at opening"))
            continue
        value = project.answers.get(f.key, default_value(f))
        if value == default_value(f) and not f.required:
            continue  # as when the file leaves the answer out: the default stands
        _, message = check_value(f, value)
        if message:
            problem(f.key, message)
    seen: set[str] = set()
    for custom in project.custom_clauses:
        target = CustomClauseTarget(custom.id)
        if custom.id in seen:
            problem("custom_clauses", f"two custom clauses have the id '{custom.id}'; give each its own", target=target)
        seen.add(custom.id)
        if not CLAUSE_ID.match(custom.id):
            problem(
                "custom_clauses",
                f"custom clause id '{custom.id}' may use only a-z, 0-9, '.', '_' and '-'",
                target=target,
            )
    if not [p for p in problems if p.severity == "error" and p.key not in project.set_aside]:
        check_combinations(project.answers, problem)  # the stand-ins of set-aside answers are valid
    return problems


def check_combinations(answers: dict[str, Any], problem: Any) -> None:
    """Answers that cannot all be true at once."""
    regions = set(answers["audience.regions"])
    if not regions:
        problem("audience.regions", "choose at least one region the service is offered in")
    if regions & {"california", "us_states"} and "us" not in regions:
        problem("audience.regions", 'California or other US states are chosen without "us"; add "us"')
    if answers["services.content_handling"] == "none" and answers["data.content.collected"]:
        problem(
            "data.content.collected", 'content is collected but services.content_handling is "none"; change one of them'
        )
    for purpose in ("credit_checks",):
        if purpose in answers["purposes.used"] and not answers["data.credit.collected"]:
            problem(
                "purposes.used",
                "credit_checks is a purpose but data.credit.collected is false; "
                "collect credit data or drop the purpose",
            )
    last = answers["policy.last_updated"]
    if last is not None and last < answers["policy.effective_date"] - dt.timedelta(days=3660):
        problem("policy.last_updated", "is more than ten years before the effective date; check the year", "warning")


def title_problem(title: str) -> str | None:
    if len(title) > 500:
        return f"is {len(title):,} characters long; a clause title may have at most 500"
    if hidden := hidden_character(title):
        return f"contains an invisible or direction-changing character ({hidden}); remove it"
    return None


def clause_text_problem(text: str) -> str | None:
    if len(text) > MAX_CLAUSE:
        return f"is {len(text):,} characters long; a clause may have at most {MAX_CLAUSE:,}"
    if hidden := hidden_character(text.replace("\r", "")):
        return f"contains an invisible or direction-changing character ({hidden}); remove it"
    return None
