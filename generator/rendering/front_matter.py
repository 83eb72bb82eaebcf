"""YAML front matter for the Markdown output, so Hugo, Jekyll and MkDocs pages need no hand edits.

Strings are written as YAML double-quoted scalars with JSON's escaping (valid YAML 1.2 and 1.1):
a title such as `Smith & Sons: "Telecom" #1` or a value with a newline or `---` stays one
value and cannot end the front matter or inject a key.
"""

from __future__ import annotations

import json
from typing import Any

from telepolicy.generator.library.templating import format_date


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def front_matter(answers: dict[str, Any]) -> str:
    """`---` title, date (effective date), version, description `---`, from the project's answers."""
    company = answers["company.trading_name"] or answers["company.legal_name"]
    title = answers["policy.title"]
    effective = answers["policy.effective_date"]
    description = f"{title} of {company}, version {answers['policy.version']}, effective {format_date(effective)}"
    lines = [
        "---",
        f"title: {_quoted(title)}",
        f"date: {effective.isoformat()}",
        f"version: {_quoted(str(answers['policy.version']))}",
        f"description: {_quoted(description)}",
        "---",
        "",
    ]
    return "\n".join(lines)


def with_front_matter(markdown: str, answers: dict[str, Any]) -> str:
    return front_matter(answers) + "\n" + markdown
