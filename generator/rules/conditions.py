"""Declarative clause conditions: a TOML table of answer keys and the values they need.

    [when]
    "audience.regions" = "eea"                 # list answer contains the value
    "cpni.approval" = ["opt_in", "opt_out"]    # single answer is one of these
    "facts.cpni_applies" = true                # a derived fact (generator/rules/facts.py)
    "children.minimum_age" = { min = 16 }      # operators: not, set, min, max, all

All entries of `when` must hold; at least one entry of `when_any` must hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from telepolicy.generator.project.schema import FIELDS_BY_KEY, PAGE_ASKED_WHEN, Field
from telepolicy.generator.rules.facts import DICT_FACTS, FACTS, LIST_FACTS

OPERATORS = ("not", "set", "min", "max", "all")
_LIST_KINDS = ("choices", "text_list")


def known_key(key: str) -> bool:
    return key in FIELDS_BY_KEY or (key.startswith("facts.") and key[6:] in FACTS)


def known_text_path(path: str) -> bool:
    """A dotted path a clause text may print: an answer, a fact, or a key of a table fact."""
    name, _, sub = path.removeprefix("facts.").partition(".")
    return known_key(path) or (path.startswith("facts.") and sub.split(".")[0] in DICT_FACTS.get(name, ()))


def _is_list_key(key: str) -> bool:
    if key.startswith("facts."):
        return key[6:] in LIST_FACTS
    return FIELDS_BY_KEY[key].kind in _LIST_KINDS


def _matches(actual: Any, expected: Any, is_list: bool) -> bool:
    """Plain value: equality (or membership for list answers); a list: any of them."""
    options = expected if isinstance(expected, list) else [expected]
    if is_list:
        return any(option in actual for option in options)
    return actual in options


def _holds(key: str, expected: Any, values: Mapping[str, Any]) -> bool:
    actual = values[key]
    is_list = _is_list_key(key)
    if not isinstance(expected, dict):
        return _matches(actual, expected, is_list)
    for op, operand in expected.items():
        if op == "not" and _matches(actual, operand, is_list):
            return False
        if op == "set" and bool(actual) != operand:
            return False
        if op == "min" and not actual >= operand:
            return False
        if op == "max" and not actual <= operand:
            return False
        if op == "all" and not all(item in actual for item in operand):
            return False
    return True


def condition_values(answers: Mapping[str, Any], facts: Mapping[str, Any]) -> dict[str, Any]:
    """What conditions read: the answers by key and the facts as `facts.<name>`."""
    return {**answers, **{f"facts.{name}": value for name, value in facts.items()}}


def is_asked(answer: Field, values: Mapping[str, Any]) -> bool:
    """Whether the wizard asks this question: its answer can change the policy (`Field.asked_when`)."""
    return condition_holds(answer.asked_when, answer.asked_when_any, values)


def page_is_asked(page: str, values: Mapping[str, Any]) -> bool:
    return condition_holds(PAGE_ASKED_WHEN.get(page, {}), {}, values)


def condition_holds(when: Mapping[str, Any], when_any: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    """`values` maps every answer key and every `facts.` key to its value."""
    if not all(_holds(key, expected, values) for key, expected in when.items()):
        return False
    return not when_any or any(_holds(key, e, values) for key, e in when_any.items())


def condition_problems(table: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(key, message) for each entry that names an unknown answer or an impossible value."""
    problems: list[tuple[str, str]] = []
    for key, expected in table.items():
        if not known_key(key):
            problems.append((key, f"'{key}' is not an answer or fact; see docs/project-file.md"))
            continue
        if key.startswith("facts.") and key[6:] in DICT_FACTS:
            problems.append((key, f"'{key}' is a table of values that a condition cannot test; use another fact"))
            continue
        field = FIELDS_BY_KEY.get(key)
        if isinstance(expected, dict):
            bad = set(expected) - set(OPERATORS)
            if bad:
                problems.append((key, f"unknown operator {', '.join(sorted(bad))}; use {', '.join(OPERATORS)}"))
                continue
            plain = [v for op, v in expected.items() if op in ("not", "all")]
        else:
            plain = [expected]
        if field and field.choices:
            for value in plain:
                for option in value if isinstance(value, list) else [value]:
                    if option not in field.choices:
                        problems.append(
                            (key, f"'{option}' can never match; allowed values: {', '.join(field.choices)}")
                        )
    return problems


def flatten_when(table: Any, prefix: str = "") -> Any:
    """`[when]` with unquoted dotted keys (`cpni.approval = "opt_in"` is a nested table in TOML) as
    the flat table the conditions read (`"cpni.approval" = "opt_in"`); an operator table stays whole."""
    if not isinstance(table, dict):
        return table
    flat: dict[str, Any] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and not known_key(path) and not set(value) <= set(OPERATORS):
            flat.update(flatten_when(value, f"{path}."))
        else:
            flat[path] = value
    return flat


def when_problems(entry: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Problems of an entry's `when` and `when_any` tables, keyed like `when.cpni.approval`."""
    found: list[tuple[str, str]] = []
    for name in ("when", "when_any"):
        table = entry.get(name, {})
        if not isinstance(table, dict):
            found.append((name, f"`{name}` must be a table of answer keys"))
            continue
        found += [(f"{name}.{key}", message) for key, message in condition_problems(table)]
    return found
