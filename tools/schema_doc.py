"""Write docs/project-file.md from the schema, so the reference never drifts.

python -m tools.schema_doc   (a test fails when the file is out of date)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from telepolicy.generator.project.schema import FIELDS, FORMAT_VERSION, PAGES
from telepolicy.generator.rules.facts import FACTS

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "project-file.md"

INTRO = f"""# The project file

A project file is TOML (UTF-8). It holds every answer the wizard asks and your
clause edits. `telepolicy new --preset NAME FILE` writes a complete one to start
from. This reference is generated from `generator/project/schema.py` by
`python -m tools.schema_doc`.

Loading checks the whole file and lists every problem at once, each with the file,
the line, the key and what would fix it. Unknown keys are warnings, not errors.

## Structure

```toml
format = {FORMAT_VERSION}                      # file format version, for later migrations
library_paths = ["legal/clauses"]   # optional: extra clause folders, relative to this file

[company]
legal_name = "Example Telecom LLC"
# ... the answers below, one table per part of the key before the last dot

[data.traffic]                      # data categories are tables under [data]
collected = true
sources = ["automatic", "carriers"]
role = "both"
retention = "18 months"

[clauses."cpni.definition"]         # your edit of a library clause
text = \"\"\"Your own wording, which may use {{{{ company.legal_name }}}}.\"\"\"
base_hash = "…"                     # the library text you edited (set by the tools)

[clauses."cookies.dnt"]
omit = true                         # leave a clause out

[[custom_clauses]]                  # a clause of your own
id = "custom.loyalty"
section = "purposes"                # a section id from clause_library/sections.toml
title = "Loyalty programme"
order = 1000                        # position within the section
text = "We run a loyalty programme ..."
```

Values printed in the policy are escaped: a company called
`Smith & Sons <Telecom> *Ltd*` appears exactly like that in every format.

## Value types

| type | written as |
|---|---|
| text | `"any text"` |
| email | `"privacy@example.com"` (empty `""` where optional) |
| url | `"https://example.com/privacy"` (empty `""` where optional) |
| bool | `true` or `false` |
| int | a whole number, within the range given |
| date | `2026-01-31` (a TOML date) |
| choice | one of the allowed values, in quotes |
| choices | a list of allowed values: `["a", "b"]` |
| text_list | a list of text: `["United States", "Germany"]` |
| period | `"90 days"`, `"18 months"`, `"7 years"`, or one of `"while_account_open"`, \
`"as_required_by_law"`, `"customer_instructions"` |
"""


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, str):
        return f'`"{value}"`'
    if isinstance(value, list):
        return "`[" + ", ".join(f'"{v}"' for v in value) + "]`"
    return f"`{value}`"


def render_reference() -> str:
    out = [INTRO, "## Answers\n"]
    for page, title in PAGES:
        fields = [f for f in FIELDS if f.page == page]
        out.append(f"### {title}\n")
        out.append("| key | type | allowed | default | what it changes |")
        out.append("|---|---|---|---|---|")
        for f in fields:
            allowed = ", ".join(f"`{c}`" for c in f.choices)
            if f.kind == "int":
                allowed = f"{f.minimum} to {f.maximum}"
            default = "**required**" if f.required else _value(f.default)
            out.append(f"| `{f.key}` | {f.kind} | {allowed} | {default} | {f.label}. {f.help} |")
        out.append("")
    out.append("## Derived facts\n")
    out.append("Clause conditions may also test these, computed from the answers (`facts.<name>`):\n")
    out.append("| fact | true when the operator … |")
    out.append("|---|---|")
    out.extend(f"| `facts.{name}` | {doc} |" for name, (doc, _) in FACTS.items())
    return "\n".join(out) + "\n"


def main() -> int:
    DOC_PATH.write_text(render_reference(), encoding="utf-8")
    print(f"wrote {DOC_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
