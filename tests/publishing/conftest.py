"""Session fixtures: every preset rendered to every format once, one redline, one vnu run, one browser."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from telepolicy.generator import list_presets
from telepolicy.generator.project.presets import presets_path
from telepolicy.generator.publishing.history import set_answer_line
from telepolicy.generator.publishing.service import Comparison, compare, publish, render_redline
from tests.publishing import checkers
from tests.publishing.formats import ALL_FORMATS, render_all

PRESETS = [preset.name for preset in list_presets()]
REDLINE_PRESET = "eu-voip-operator"
# Three answers changed between two published versions, and the words each one changes.
THREE_CHANGES: dict[str, tuple[object, tuple[str, str]]] = {
    "data.traffic.retention": ("12 months", ("6 months", "12 months")),
    "company.phone": ("+33 1 99 00 00 00", ("+31 30 555 0100", "+33 1 99 00 00 00")),
    "policy.change_notice_days": (60, ("30 days", "60 days")),
}


KNOWN_BAD = (
    "<!DOCTYPE html><html><head><title>x</title></head><body>"
    '<p id="a">one</p><p id="a">two</p><img src="x.png"><a href="#a"></a></body></html>'
)


@dataclass
class Corpus:
    folder: Path
    outputs: dict[str, dict[str, bytes]] = field(default_factory=dict)  # preset -> format -> bytes
    pages: dict[str, Path] = field(default_factory=dict)  # "<preset>/page", "<preset>/embedded", "redline" -> file
    comparison: Comparison | None = None
    redline: dict[str, bytes] = field(default_factory=dict)
    project_file: Path | None = None


def embed_page(fragment: str, company: str) -> str:
    """The fragment pasted into a minimal site page, as a CMS would serve it."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Privacy | {company}</title>\n</head>\n<body>\n<main>\n{fragment}\n</main>\n</body>\n</html>\n"
    )


def set_retention(path: Path, category: str, value: str) -> None:
    """Change data.<category>.retention in place (the key sits under a [data.<category>] table)."""
    set_answer_line(path, f"data.{category}.retention", value)


def make_redline(folder: Path) -> tuple[Path, Comparison, dict[str, bytes]]:
    """Publish a preset, change three answers, publish again, and compare the two versions."""
    project = folder / "polder.toml"
    shutil.copy(presets_path() / f"{REDLINE_PRESET}.toml", project)
    first = publish(project)
    for key, (value, _) in THREE_CHANGES.items():
        set_answer_line(project, key, value)
    second = publish(project)
    comparison = compare(project, first.entry.version, second.entry.version)
    return project, comparison, render_redline(comparison, ["html", "pdf", "docx"])


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("publishing")
    result = Corpus(folder)
    for name in PRESETS:
        from telepolicy.generator import load_preset

        project = load_preset(name)
        outputs = render_all(project)
        result.outputs[name] = outputs
        for fmt, data in outputs.items():
            (folder / f"{name}.{ALL_FORMATS[fmt]}").write_bytes(data)
        result.pages[f"{name}/page"] = folder / f"{name}.html"
        company = project.answers["company.trading_name"] or project.answers["company.legal_name"]
        embedded = folder / f"{name}.embedded.html"
        embedded.write_text(embed_page(outputs["fragment"].decode("utf-8"), company), encoding="utf-8")
        result.pages[f"{name}/embedded"] = embedded
    redline_folder = folder / "versions"
    redline_folder.mkdir()
    result.project_file, result.comparison, result.redline = make_redline(redline_folder)
    for fmt, data in result.redline.items():
        (folder / f"redline.{fmt}").write_bytes(data)
    result.pages["redline"] = folder / "redline.html"
    known_bad = folder / "known-bad.html"  # proves the checkers can fail, in the same single run
    known_bad.write_text(KNOWN_BAD, encoding="utf-8")
    result.pages["known-bad"] = known_bad
    return result


def _require_tools() -> None:
    if checkers.env_skip_validators():
        pytest.skip("TELEPOLICY_SKIP_VALIDATORS=1")
    missing = checkers.missing_tools()
    if missing:
        pytest.fail(f"validators missing: {', '.join(missing)}; {checkers.SETUP_HINT}")


@pytest.fixture(scope="session")
def vnu_report(corpus: Corpus) -> dict[Path, list[dict[str, Any]]]:
    _require_tools()
    return checkers.vnu_errors(list(corpus.pages.values()))


@pytest.fixture(scope="session")
def axe_report(corpus: Corpus) -> dict[Path, list[dict[str, Any]]]:
    _require_tools()
    with checkers.chromium() as driver:
        return {path: checkers.axe_violations(driver, path) for path in corpus.pages.values()}
