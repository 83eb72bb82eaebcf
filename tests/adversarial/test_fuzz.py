"""Generated project files and answer values: load succeeds or raises the documented error,
building never raises anything but a TelepolicyError, and `check` and `render` agree.

Derandomized (a fixed sequence of examples), so a CI failure can be reproduced; the example
counts keep the whole module well under two minutes on one core.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from telepolicy.generator import FIELDS, ProjectFileError, TelepolicyError, parse_project
from telepolicy.generator.cli import main
from telepolicy.generator.pipeline import build
from telepolicy.generator.project.presets import presets_path
from telepolicy.generator.project.schema import RETENTION_KEYWORDS, Field
from tests.adversarial.payloads import CLAUSE_TEXTS, PAYLOADS
from tests.adversarial.payloads import HOSTILE_TEMPLATES as HOSTILE

BASE = tomllib.loads((presets_path() / "us-carrier-eea.toml").read_text(encoding="utf-8"))
PATH = Path("fuzz.toml")
FAST = settings(derandomize=True, deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(derandomize=True, deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])

# Printable text, with the hostile characters the validators must refuse now and then.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


def valid_value(f: Field) -> st.SearchStrategy[Any]:
    """Values of the field's own kind, most of them valid."""
    kinds: dict[str, st.SearchStrategy[Any]] = {
        "text": TEXT.filter(lambda s: s.strip()) if f.required else TEXT,
        "email": st.one_of(st.emails(), st.just("privacy@example.org"), TEXT),
        "url": st.one_of(
            st.just("https://example.org/privacy"),
            st.from_regex(r"https://[a-z]{1,8}\.example/[a-z_%0-9]{0,10}", fullmatch=True),
            TEXT,
        ),
        "bool": st.booleans(),
        "int": st.integers(
            min_value=f.minimum if f.minimum is not None else -5, max_value=f.maximum if f.maximum is not None else 100
        ),
        "date": st.dates(min_value=dt.date(1, 1, 1)),
        "choice": st.sampled_from(f.choices) if f.choices else TEXT,
        "choices": st.lists(st.sampled_from(f.choices), unique=True, max_size=4) if f.choices else st.lists(TEXT),
        "text_list": st.lists(TEXT, max_size=4),
        "period": st.one_of(
            st.sampled_from(RETENTION_KEYWORDS), st.from_regex(r"[0-9]{1,5} (days|months|years)", fullmatch=True), TEXT
        ),
    }
    return kinds[f.kind]


HOSTILE_VALUE = st.one_of(
    TEXT,
    st.integers(),
    st.floats(),
    st.booleans(),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
    st.lists(TEXT, max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=5), st.integers(), max_size=2),
    st.sampled_from(list(PAYLOADS.values())),
)


def _set(document: dict[str, Any], key: str, value: Any) -> None:
    *parents, leaf = key.split(".")
    table = document
    for part in parents:
        if not isinstance(table.get(part), dict):
            table[part] = {}
        table = table[part]
    table[leaf] = value


@st.composite
def project_documents(draw: st.DrawFn) -> str:
    document = tomllib.loads(tomli_w.dumps(BASE))
    for f in draw(st.lists(st.sampled_from(FIELDS), max_size=6, unique_by=lambda f: f.key)):
        value = draw(st.one_of(valid_value(f), HOSTILE_VALUE))
        _set(document, f.key, value)
    if draw(st.booleans()):  # a whole table replaced by something else
        table = draw(st.sampled_from(sorted({f.key.split(".")[0] for f in FIELDS})))
        document[table] = draw(HOSTILE_VALUE)
    if draw(st.booleans()):
        text = draw(st.one_of(st.sampled_from([*CLAUSE_TEXTS.values(), *HOSTILE.values()]), TEXT))
        document["custom_clauses"] = [
            {
                "id": draw(st.sampled_from(["custom.a", "custom.b", "Bad Id"])),
                "section": "contact",
                "title": "T",
                "text": text,
            }
            for _ in range(draw(st.integers(1, 2)))
        ]
    if draw(st.booleans()):
        document["clauses"] = {
            "contact.privacy_team": {"text": draw(st.one_of(st.sampled_from(list(HOSTILE.values())), TEXT))}
        }
    if draw(st.booleans()):
        document[draw(st.sampled_from(["format", "library_paths", "extra"]))] = draw(HOSTILE_VALUE)
    return tomli_w.dumps(document)


def load_or_documented_error(text: str) -> Any:
    try:
        return parse_project(text, PATH)
    except ProjectFileError as error:
        problems = error.problems
    assert problems
    assert all(p.file == PATH and p.message for p in problems)
    return None


@FAST
@given(project_documents())
def test_load_succeeds_or_raises_project_file_error(text):
    load_or_documented_error(text)


@FAST
@given(st.data())
def test_mangled_text_loads_or_raises_project_file_error(data):
    text = tomli_w.dumps(BASE)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.text(max_size=5)) + text[at + data.draw(st.integers(0, 3)) :]
    load_or_documented_error(text)


@SLOW
@given(project_documents())
def test_building_a_loaded_project_raises_nothing_but_documented_errors(text):
    project = load_or_documented_error(text)
    if project is None:
        return
    problems = ["none"]
    try:
        build(project, ("md", "html"), check=True)
    except TelepolicyError as error:
        problems = error.problems
    assert problems


@SLOW
@given(project_documents())
def test_check_and_render_agree_on_what_is_invalid(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        path.write_text(text, encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            checked = main(["check", str(path)])
            rendered = main(["render", str(path), "--format", "md", "--out", str(Path(folder) / "out")])
        assert 3 not in (checked, rendered), err.getvalue()
        assert (checked == 2) == (rendered == 2), err.getvalue()
        assert (rendered == 2) == (not (Path(folder) / "out" / "fuzz.md").exists())
