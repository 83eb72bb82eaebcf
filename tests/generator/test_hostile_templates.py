"""Clause texts from users and organisation folders run within limits: time, steps, sizes, depth."""

from __future__ import annotations

import threading
import time

import pytest
from jinja2 import TemplateError

from telepolicy.generator import CustomClause, RenderError, render
from telepolicy.generator.library.sandbox import RenderCancelled, TemplateLimitError, render_limits
from telepolicy.generator.library.templating import escape_markdown, make_environment
from tests.adversarial.payloads import HOSTILE_TEMPLATES as HOSTILE


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_stops_with_a_limit_error_within_seconds(source):
    env = make_environment({})
    started = time.monotonic()
    with pytest.raises(TemplateLimitError) as caught:
        env.from_string(source).render({})
    assert time.monotonic() - started < 5
    assert isinstance(caught.value, TemplateError)  # the renderer turns it into a RenderError naming the clause
    assert (
        caught.value.message.startswith("the text ") or "()" in caught.value.message or "width" in caught.value.message
    )


def test_exponential_macro_stops_at_the_time_limit():
    source = "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}"
    started = time.monotonic()
    with render_limits(seconds=0.5), pytest.raises(TemplateLimitError, match="too long"):
        make_environment({}).from_string(source).render({})
    assert time.monotonic() - started < 2


def test_ordinary_templates_are_untouched_by_the_limits():
    env = make_environment({})
    text = env.from_string(
        "{% for i in range(3) %}{{ i }}{% endfor %} {{ 'a %s b'|format('c') }} {{ ['x', 'y']|join(', ') }} "
        "{{ 'v' ~ 2 }} {{ 2 ** 10 }} {{ '-'.join(['p', 'q']) }}"
    ).render({})
    assert text == "012 a c b x, y v2 1024 p-q"


def test_a_cancelled_render_stops_at_once_with_its_own_exception():
    stop = threading.Event()
    timer = threading.Timer(0.2, stop.set)
    timer.start()
    started = time.monotonic()
    source = "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}"
    with render_limits(seconds=60, cancelled=stop.is_set), pytest.raises(RenderCancelled):
        make_environment({}).from_string(source).render({})
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize(
    ("source", "reason"),
    [("{{ 1/0 }}", "divides by zero"), ("{{ 2.0**100000 }}", "too large"), (HOSTILE["recursive macro"], "deep")],
)
def test_custom_clause_failure_is_a_render_error_naming_the_clause(example_project, source, reason):
    example_project.custom_clauses.append(CustomClause("custom.bomb", "contact", "Bomb", source))
    with pytest.raises(RenderError) as caught:
        render(example_project, ["md"])
    message = str(caught.value)
    assert "custom.bomb" in message
    assert reason in message


def test_hung_loop_in_a_clause_edit_gives_a_render_error_not_a_hang(example_project):
    from telepolicy.generator import ClauseEdit

    clause_id = "contact.privacy_team"
    loop = "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}"
    example_project.clause_edits[clause_id] = ClauseEdit(text=loop)
    started = time.monotonic()
    with pytest.raises(RenderError, match=clause_id.replace(".", r"\.")):
        render(example_project, ["md"])
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    "value",
    [
        "Acme \u202eTelecom",
        "a\u2066b\u2069c",
        "bell\x07",
    ],
)
def test_printed_values_lose_bidi_and_control_characters(value):
    assert all(ord(c) >= 0x20 and c not in "\u202e\u2066\u2069" for c in escape_markdown(value))


def test_bare_addresses_in_values_cannot_become_links_on_autolinking_renderers():
    assert escape_markdown("Visit www.evil.example") == "Visit www\\.evil\\.example"
    assert escape_markdown("https://evil.example/x") == "https://evil\\.example/x"
    assert escape_markdown("Acme Inc. 2.0") == "Acme Inc. 2.0"
