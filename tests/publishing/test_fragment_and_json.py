"""The embeddable fragment (scoped CSS, stable ids), the YAML front matter, and the JSON practices summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from telepolicy.generator import load_preset
from telepolicy.generator.pipeline import build
from telepolicy.generator.project.schema import (
    CATEGORY_IDS,
    LEGAL_BASES,
    PURPOSES,
    RECIPIENTS,
    REGIONS,
    SOURCES,
    TRANSFER_MECHANISMS,
)
from telepolicy.generator.rendering.fragment import SCOPE_CLASS, fragment_css
from telepolicy.generator.rendering.summary_json import practices_schema
from tests.publishing.conftest import PRESETS

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "practices.schema.json").read_text("utf-8"))


def _selectors(css: str) -> list[str]:
    """Every selector of every style rule, at-rule wrappers removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@media[^{]*\{", "", css)
    return [s.strip() for block in re.findall(r"([^{}]+)\{[^{}]*\}", css) for s in block.split(",") if s.strip()]


def test_fragment_is_a_body_only_with_scoped_css(corpus):
    fragment = corpus.outputs["us-carrier-eea"]["fragment"].decode("utf-8")
    for tag in ("html", "head", "body", "!DOCTYPE", "title", "meta"):
        assert not re.search(rf"<{tag}[\s>]", fragment, re.IGNORECASE), tag
    assert f'<article class="{SCOPE_CLASS}" lang="en"' in fragment
    selectors = _selectors(fragment_css())
    assert len(selectors) > 15
    assert [s for s in selectors if not s.startswith(f".{SCOPE_CLASS}")] == []


def test_fragment_heading_ids_are_the_stable_section_ids(corpus):
    for preset in PRESETS:
        fragment = corpus.outputs[preset]["fragment"].decode("utf-8")
        sections = json.loads(corpus.outputs[preset]["json"])["policy"]["sections"]
        ids = re.findall(r'<section id="([^"]+)"', fragment)
        assert ids == [s["id"] for s in sections]
        page = corpus.outputs[preset]["html"].decode("utf-8")
        assert ids == re.findall(r'<section id="([^"]+)"', page)  # same anchors on the page and in the embed
        assert len(set(re.findall(r'id="([^"]+)"', fragment))) == len(re.findall(r'id="([^"]+)"', fragment))


def test_fragment_ids_survive_a_changed_answer():
    project = load_preset("us-carrier-eea")
    before = re.findall(r' id="([^"]+)"', build(project, ["fragment"], check=False).outputs["fragment"].decode())
    project.answers["data.traffic.retention"] = "2 years"
    project.answers["company.phone"] = "+1 800 555 0199"
    after = re.findall(r' id="([^"]+)"', build(project, ["fragment"], check=False).outputs["fragment"].decode())
    assert before == after


@pytest.mark.parametrize(
    "title", ["Privacy Policy", 'Policy: "Smith & Sons" #1', "Line one\nline two", "---\nfoo: bar", "yes", "a\\b: c'd"]
)
def test_front_matter_is_yaml_that_round_trips(title):
    project = load_preset("eu-voip-operator")
    project.answers["policy.title"] = title
    markdown = build(project, ["md"], check=False, front_matter=True).outputs["md"].decode("utf-8")
    assert markdown.startswith("---\n")
    head, _, rest = markdown[4:].partition("\n---\n")
    data = yaml.safe_load(head)
    assert set(data) == {"title", "date", "version", "description"}
    assert data["title"] == title
    assert data["version"] == "1.4"
    assert str(data["date"]) == project.answers["policy.effective_date"].isoformat()
    assert data["description"].startswith(f"{title} of PolderVoIP, version 1.4")
    assert rest.lstrip().startswith("# ")


def test_without_the_option_markdown_has_no_front_matter(corpus):
    assert corpus.outputs["us-carrier-eea"]["md"].startswith(b"# ")


@pytest.mark.parametrize("preset", PRESETS)
def test_json_summary_matches_its_schema(preset, corpus):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    summary = json.loads(corpus.outputs[preset]["json"])
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(summary)
    project = load_preset(preset)
    assert summary["policy"]["version"] == project.answers["policy.version"]
    assert {c["id"] for c in summary["data_categories"]} == {
        c for c in CATEGORY_IDS if project.answers[f"data.{c}.collected"]
    }
    assert summary["purposes"] == [
        {"id": p, "legal_basis": project.answers[f"legal_bases.{p}"]} for p in project.answers["purposes.used"]
    ]


def test_json_rights_follow_the_clauses_in_the_policy():
    project = load_preset("us-carrier-eea")
    summary = json.loads(build(project, ["json"], check=False).outputs["json"])
    laws = {r["law"] for r in summary["rights"]}
    assert {"gdpr", "ccpa"} <= laws
    project.answers["audience.regions"] = ["us"]
    project.answers["company.established_in_eea"] = False
    narrowed = json.loads(build(project, ["json"], check=False).outputs["json"])
    assert "gdpr" not in {r["law"] for r in narrowed["rights"]}
    assert "ccpa" not in {r["law"] for r in narrowed["rights"]}


def test_schema_file_is_generated_from_the_code():
    """docs/practices.schema.json follows the project schema's vocabularies; regenerate it after they change."""
    assert SCHEMA == practices_schema(), (
        "run: .venv/bin/python -m telepolicy.generator.rendering.summary_json > docs/practices.schema.json"
    )
    category = SCHEMA["properties"]["data_categories"]["items"]["properties"]
    assert category["id"]["enum"] == list(CATEGORY_IDS)
    assert category["sources"]["items"]["enum"] == list(SOURCES)
    purpose = SCHEMA["properties"]["purposes"]["items"]["properties"]
    assert purpose["id"]["enum"] == list(PURPOSES)
    assert purpose["legal_basis"]["enum"] == list(LEGAL_BASES)
    assert SCHEMA["properties"]["recipients"]["items"]["enum"] == list(RECIPIENTS)
    assert SCHEMA["properties"]["regions"]["items"]["enum"] == list(REGIONS)
    assert SCHEMA["properties"]["transfers"]["properties"]["mechanisms"]["items"]["enum"] == list(TRANSFER_MECHANISMS)


def test_cli_writes_front_matter_fragment_and_json(tmp_path, example_file, capsys):
    from telepolicy.generator.cli import main

    out = tmp_path / "site"
    assert main(["render", str(example_file), "--format", "md,fragment,json", "--front-matter", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["example.fragment.html", "example.json", "example.md"]
    head = (out / "example.md").read_text("utf-8").split("\n---\n", 1)[0]
    assert yaml.safe_load(head.removeprefix("---\n"))["version"] == "3.2"
    assert json.loads((out / "example.json").read_text("utf-8"))["policy"]["version"] == "3.2"
    assert "wrote" in capsys.readouterr().out
