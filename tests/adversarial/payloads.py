"""Hostile answer values: each tries to become a link, an image, markup or a template in the policy.

Every payload that points anywhere points at `evil.example`, so a test can look for that
name in every link target and attribute of the output.
"""

from __future__ import annotations

EVIL = "evil.example"

PAYLOADS: dict[str, str] = {
    "link breakout in a mail target": "privacy@example.com)[Verify-your-account](https://evil.example/login",
    "markdown link": "[Verify your account](https://evil.example/login)",
    "markdown image": "![logo](https://evil.example/pixel.png)",
    "reference link": "[a]\n\n[a]: https://evil.example/ref",
    "angle autolink": "<https://evil.example/auto>",
    "bare url": "https://evil.example/bare",
    "bare www": "www.evil.example",
    "mail autolink": "<phish@evil.example>",
    "html anchor": '<a href="https://evil.example/a">Click</a>',
    "html image": "<img src=https://evil.example/i.png onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "iframe": '<iframe src="https://evil.example/frame"></iframe>',
    "escaped tag": "\\<script>alert(1)\\</script>",
    "entity tag": "&lt;script&gt;alert(1)&lt;/script&gt;",
    "javascript scheme": "javascript:alert(1)",
    "template syntax": "{{ 7*7 }}{% for i in range(9) %}x{% endfor %}{# c #}",
    "heading and quote": "# Heading\n> quote\n---\n* item\n1. one",
    "table cell breakout": "a | b |\n|---|---|\n| [x](https://evil.example/t) |",
    "emphasis and code": "**bold** _it_ `code` ~~s~~",
    "bidi override": "Acme \u202elanruoj\u202c Telecom \u2066x\u2069",
    "html comment": "<!-- hidden --> text",
    "very long": "A" * 9_000,
}

# Clause texts a user or an organisation writes: the same policy must hold in every format.
CLAUSE_TEXTS: dict[str, str] = {
    "script": "Before <script>alert(1)</script> after.",
    "iframe": 'See <iframe src="https://evil.example/frame"></iframe>.',
    "javascript link": "[Click](javascript:alert(1))",
    "javascript pointy link": "[Click](<javascript:alert(1)>)",
    "entity javascript": "[Click](&#106;avascript:alert(1))",
    "file image": "![x](file:///etc/passwd)",
    "remote image": "![pixel](https://evil.example/pixel.png)",
    "reference image": "![pixel][p]\n\n[p]: https://evil.example/p.png",
    "reference javascript": "[go][g]\n\n[g]: javascript:alert(1)",
    "data link": "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "html anchor": '<a href="javascript:alert(1)">x</a>',
    "html comment": "<!-- <script>alert(1)</script> -->",
    "escaped lt": "\\<script>alert(1)\\</script>",
    "svg": "<svg onload=alert(1)>",
    "style": "<style>body{background:url(https://evil.example/s)}</style>",
    "pointy breakout": "[a](<https://ok.example<script>alert(1)</script>)",
}

# Clause templates that try to hang, exhaust memory or crash the renderer.
HOSTILE_TEMPLATES: dict[str, str] = {
    "divides by zero": "{{ 1/0 }}",
    "float overflow": "{{ 2.0**100000 }}",
    "huge power": "{{ 7**12345678 }}",
    "recursive macro": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "nested range loop": "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
    "nested small loops": "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}",
    "string repeat": "{{ 'x' * 1000000000 }}",
    "list repeat": "{{ ([1] * 1000000000)|length }}",
    "center filter": "{{ 'x'|center(1000000000) }}",
    "format width": "{{ '%1000000000s'|format('x') }}",
    "star width": "{{ '%*s' % (1000000000, 'x') }}",
    "str.format width": "{{ '{:>1000000000}'.format('x') }}",
    "ljust": "{{ 'x'.ljust(1000000000) }}",
    "doubling concat": "{% set ns = namespace(s='xxxxxxxxxx') %}"
    "{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "doubling plus": "{% set ns = namespace(s='xxxxxxxxxx') %}"
    "{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
    "replace bomb": "{% set s = 'a' * 1000 %}{{ s|replace('a', s)|replace('a', s)|length }}",
    "join bomb": "{{ range(10000)|join('x' * 100000) }}",
    "lipsum": "{{ lipsum(1000000) }}",
    "batch fill": "{{ [1]|batch(1000000000, 0)|list }}",
    "output flood": "{% for i in range(10000) %}{{ 'y' * 100 }}{% endfor %}",
}
