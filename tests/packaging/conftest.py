"""Packaging tests report what they measured (sizes, build and start-up times) at the end of the run."""

from __future__ import annotations

from collections.abc import Callable

import pytest

MEASUREMENTS = pytest.StashKey[list[str]]()


@pytest.fixture(scope="session")
def measure(pytestconfig: pytest.Config) -> Callable[[str], None]:
    """Record a line for the summary: CI logs then show the bundle's size and speed, run after run."""
    lines = pytestconfig.stash.setdefault(MEASUREMENTS, [])
    return lines.append


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    lines = config.stash.get(MEASUREMENTS, [])
    if lines:
        terminalreporter.section("packaging measurements")
        for line in lines:
            terminalreporter.write_line(line)
