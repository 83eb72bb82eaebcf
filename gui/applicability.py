"""Which wizard pages and questions apply to the answers given so far.

A question is skipped only when its answer cannot change the policy. When that is
is declared with the question itself (`Field.asked_when`, in the clause condition
language), so the wizard, the clause library and the docs read one rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from telepolicy.generator import FIELDS_BY_KEY, condition_values, derive_facts, is_asked, page_is_asked


class Applicability:
    """The answers' facts, computed once per change, and the questions' own conditions over them."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = answers
        try:
            self.values: Mapping[str, Any] | None = condition_values(answers, derive_facts(answers))
        except (TypeError, ValueError, KeyError):
            # An answer set aside at opening (a date the file had wrong) leaves a gap the facts cannot
            # be derived over: then every question is asked, so none that matters is hidden.
            self.values = None

    def page_applies(self, page: str) -> bool:
        return self.values is None or page_is_asked(page, self.values)

    def field_applies(self, key: str) -> bool:
        return self.values is None or is_asked(FIELDS_BY_KEY[key], self.values)
