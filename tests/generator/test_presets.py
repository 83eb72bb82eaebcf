"""Every preset is a publishable policy: renders clean, reads well, and says what it must."""

from __future__ import annotations

import io
import logging
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from telepolicy.generator import list_presets, load_preset, render
from tools.readability import measure

SEED_READABILITY = tomllib.loads((Path(__file__).resolve().parents[1] / "data" / "seed_readability.toml").read_text())
PRESETS = [p.name for p in list_presets()]
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "tr", "td", "th", "dt", "dd", "div", "section"}


class _Blocks(HTMLParser):
    """The visible text of a page, one block element a line."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = False

    def handle_starttag(self, tag, attrs):
        self._skip = tag in ("style", "title")
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self._skip = False
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data.replace("\n", " "))


def page_text(html: str) -> str:
    parser = _Blocks()
    parser.feed(html)
    return "".join(parser.parts)


@pytest.fixture(scope="module", params=PRESETS)
def preset(request):
    """(name, outputs, warnings logged while rendering) for each preset, rendered once."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        result = render(load_preset(request.param), ["md", "html", "pdf"])
    finally:
        root.removeHandler(handler)
    return request.param, result, records


def test_renders_all_formats_without_warnings(preset):
    _name, result, records = preset
    assert sorted(result.outputs) == ["html", "md", "pdf"]
    assert result.warnings == []
    assert [r.getMessage() for r in records] == []
    assert len(pypdf.PdfReader(io.BytesIO(result.outputs["pdf"])).pages) >= 3


def test_reads_at_least_as_easily_as_the_most_readable_seed(preset):
    name, result, _ = preset
    best_seed = SEED_READABILITY["flesch"]
    score = measure(page_text(result.outputs["html"].decode("utf-8"))).flesch
    assert score >= best_seed, f"{name}: Flesch {score:.1f} < {best_seed:.1f}"


def text_of(name: str) -> str:
    html = render(load_preset(name), ["html"]).outputs["html"].decode("utf-8")
    return re.sub(r"\s+", " ", page_text(html))


KEY_COMMITMENTS = {
    "us-local-carrier": [
        "take back your approval at any time",  # opt-in CPNI approval can be withdrawn
        "does not change or affect any service",  # denial does not affect service
        "911",
        "Prairie Valley Telephone Cooperative",
    ],
    "us-cpaas-sip": ["processor", "Do Not Sell or Share", "DataRep Europe Limited", "Data Privacy Framework"],
    # no minimum age: people from 16 admitted and no consent relied on, so no children section
    "eu-voip-operator": ["traffic data", "Autoriteit Persoonsgegevens"],
    "non-eu-cloud-comms": ["Ukraine", "Standard Contractual Clauses", "18", "credit"],
    "global-cpaas-bcr": ["Binding Corporate Rules", "Global Privacy Control", "Do Not Track", "13", "16"],
    "us-carrier-eea": ["CPNI", "opt out", "Northwind Voice Communications, Inc."],
    "eu-mobile-mvno": [
        "At a glance",
        "Words we use",
        "new SIM",  # SIM-swap protection outside the US CPNI rules
        "Telekommunikationsgesetz",
        "tools.google.com/dlpage/gaoptout",  # Google Analytics opt-out add-on
        "every cookie and similar technology that the website does not need",  # GPC beyond sale and share
    ],
    "canada-quebec-operator": [
        "Personal Information Protection and Electronic Documents Act (PIPEDA)",
        "person in charge of the protection of personal information",  # Quebec Law 25, s. 3.1
        "Canada's Anti-Spam Legislation (CASL)",
        "children in Quebec who are under 14",
        "Equifax Canada",
    ],
    "uk-fixed-voice": [
        "Information Commissioner's Office (ICO)",
        "Privacy and Electronic Communications Regulations 2003 (PECR)",
        "Analytics: the ones that measure",  # four cookie groups
        "Communications Ombudsman",
        "18",
    ],
}


@pytest.mark.parametrize("name", PRESETS)
def test_key_commitments_appear(name):
    text = text_of(name)
    missing = [phrase for phrase in KEY_COMMITMENTS[name] if phrase.lower() not in text.lower()]
    assert missing == []


def test_no_outdated_statement_in_any_preset():
    outdated = [
        r"privacy shield",
        r"with or without notice",
        r"by (using|accessing) [^.]*,? you (consent|agree|accept)",
        r"we guarantee",
        r"secure socket layer",
        r"(charge|fee) [^.]* for (a|your) request",
    ]
    found = [(n, p) for n in PRESETS for p in outdated if re.search(p, text_of(n).lower())]
    assert found == []
