"""One answer of the project file, declared once: its key, type, help, wizard page and when it is asked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from telepolicy.generator.project.labels import choice_label

Kind = Literal["text", "email", "url", "bool", "int", "date", "choice", "choices", "text_list", "period"]


@dataclass(frozen=True, kw_only=True)
class Field:
    """One answer: its dotted key, type, allowed values, what it changes and when the wizard asks it.

    `asked_when` / `asked_when_any` are written in the clause condition language
    (generator/rules/conditions.py): a question is asked only when its answer can change
    the policy, so hiding it never hides a sentence the user would see.
    """

    key: str
    kind: Kind = "text"
    label: str
    help: str
    page: str
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    asked_when: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    asked_when_any: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def option_label(self, value: str) -> str:
        """How the wizard and the docs name one of this answer's choices, in words."""
        return choice_label(value)

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]


def default_value(answer: Field) -> Any:
    """A fresh copy of the default, so callers may mutate lists safely."""
    if isinstance(answer.default, list):
        return list(answer.default)
    return answer.default
