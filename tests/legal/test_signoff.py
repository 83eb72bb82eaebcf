"""Sign-off reading of every preset, as counsel would before the operator publishes: statements that
must be present or absent because of the operator's own facts.

Each test names the defect found in the generated text and checks it for every preset (or for an
operator profile derived from a preset by changing the one answer the defect depends on)."""

from __future__ import annotations

import pytest

from telepolicy.generator import list_presets
from tests.legal.support import policy, project

PRESETS = tuple(preset.name for preset in list_presets())


def location_section(text: str) -> str:
    start = text.index("### Location data")
    return text[start : text.index("###", start + 3)]


# --- Location: a landline is not internet calling, and an address is an exact place -----------------


def test_landline_operator_does_not_describe_internet_calling():
    """A wireline (non-VoIP) carrier's location clause speaks of the installed line only."""
    text = policy(project("us-local-carrier"))
    assert "For internet calling" not in text
    assert "For a fixed line, it is the address where the line is installed. This is an exact address." in text


def test_interconnected_voip_operator_describes_the_ip_address_and_registered_address():
    text = location_section(policy(project("us-carrier-eea")))
    assert "For internet calling, it is the IP address you connect from and the address you registered" in text


def test_same_landline_with_voip_describes_internet_calling():
    text = location_section(policy(project("us-local-carrier", services__interconnected_voip=True)))
    assert "For internet calling" in text


@pytest.mark.parametrize("preset", PRESETS)
def test_an_address_is_never_called_the_general_area(preset):
    """A fixed-line installation address or a registered 911 address is precise geolocation
    (Cal. Civ. Code 1798.140(ae)); the location clause must not say it is not the exact spot."""
    text = policy(project(preset))
    if "### Location data" not in text:
        return
    section = location_section(text)
    if "the address where the line is installed" in section or "the address you registered" in section:
        assert "not your exact spot" not in section
        assert "exact" in section


def test_one_credit_agency_takes_a_singular_verb():
    """US and UK English alike: 'Equifax tells us', not 'Equifax tell us'."""
    text = policy(project("us-local-carrier"))
    assert "Equifax tells us about your credit history" in text
    assert "Equifax tell us" not in text
