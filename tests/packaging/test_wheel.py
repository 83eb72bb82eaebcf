"""The wheel and sdist, installed the way an engineer installs them: pip (or pipx) into a fresh venv.

The venv is a plain `python -m venv` outside the checkout, and pip installs the wheel with
its dependencies from the configured index, as pipx does: with pip's cache this takes
seconds, and it proves the wheel declares everything it needs. No --system-site-packages
and no editable paths, so only the installed package can answer for the data.
"""

from __future__ import annotations

import json
import sys
import tarfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.packaging.support import (
    ROOT,
    assert_gui_starts,
    check_policy_pdf,
    data_files,
    render_preset,
    run,
    user_env,
)

EXPECTED = data_files("clause_library") | data_files("templates") | {"gui/icons/telepolicy.svg"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory, measure: Callable[[str], None]) -> Path:
    """`python -m build`: the sdist, then the wheel built from the sdist (so both are tested)."""
    out = tmp_path_factory.mktemp("dist")
    start = time.perf_counter()
    run([sys.executable, "-m", "build", "--outdir", out, ROOT], ROOT, user_env(out))
    wheel = next(out.glob("*.whl"))
    measure(
        f"wheel: {wheel.name} {wheel.stat().st_size / 1024:.0f} KiB; sdist and wheel built in "
        f"{time.perf_counter() - start:.1f} s"
    )
    return out


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, dist: Path, measure: Callable[[str], None]) -> Path:
    where = tmp_path_factory.mktemp("venv")
    assert not where.is_relative_to(ROOT)
    start = time.perf_counter()
    run([sys.executable, "-m", "venv", where], where, user_env(where))
    run([where / "bin" / "python", "-m", "pip", "install", "-q", next(dist.glob("*.whl"))], where, user_env(where))
    measure(f"wheel: clean venv with the wheel and its dependencies in {time.perf_counter() - start:.1f} s")
    return where


def test_wheel_and_sdist_hold_the_whole_clause_library_and_the_templates(dist: Path):
    with zipfile.ZipFile(next(dist.glob("*.whl"))) as archive:
        wheel = set(archive.namelist())
    with tarfile.open(next(dist.glob("*.tar.gz"))) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert len(EXPECTED) > 200
    assert EXPECTED - wheel == set()
    assert EXPECTED - in_sdist == set()


def test_wheel_declares_both_commands_for_pip_and_pipx(dist: Path):
    with zipfile.ZipFile(next(dist.glob("*.whl"))) as wheel:
        name = next(n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
        entry_points = wheel.read(name).decode()
    assert "[console_scripts]\ntelepolicy = generator.cli:main" in entry_points
    assert "[gui_scripts]\ntelepolicy-gui = gui.app:main" in entry_points


def test_installed_app_finds_its_data_in_the_installed_package(venv: Path, tmp_path: Path):
    script = (
        "import json, sysconfig; from importlib.resources import files; import gui.app;"
        "from generator.library import builtin_library_path; from generator.render_markdown import templates_path;"
        "print(json.dumps({'site': sysconfig.get_path('purelib'), 'library': str(builtin_library_path()),"
        " 'templates': templates_path(), 'icon': str(gui.app.ICON), 'clauses': str(files('clause_library'))}))"
    )
    found = json.loads(run([venv / "bin" / "python", "-c", script], tmp_path, user_env(tmp_path)))
    site = Path(found.pop("site")).resolve()
    assert site.is_relative_to(venv.resolve())
    for what, path in found.items():
        assert Path(path).resolve().is_relative_to(site), f"{what} comes from {path}, not the installed package"
        assert Path(path).exists(), what


def test_installed_command_renders_a_preset_to_pdf(venv: Path, tmp_path: Path, measure: Callable[[str], None]):
    assert (venv / "bin" / "telepolicy-gui").is_file()
    pdf, seconds = render_preset(venv / "bin" / "telepolicy", tmp_path, user_env(tmp_path))
    check_policy_pdf(pdf)
    measure(f"wheel: `telepolicy render --format pdf` of a preset in {seconds:.1f} s")


def test_installed_gui_starts_from_both_commands(venv: Path, tmp_path: Path):
    env, bin_dir = user_env(tmp_path), venv / "bin"
    run([bin_dir / "telepolicy", "new", "--preset", "eu-voip-operator", "policy.toml"], tmp_path, env)
    assert_gui_starts([[bin_dir / "telepolicy", "gui", "policy.toml"], [bin_dir / "telepolicy-gui"]], tmp_path, env)
