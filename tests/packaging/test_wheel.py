"""The wheel and sdist, installed the way an engineer installs them: pip (or pipx) into a fresh venv.

The venv is a plain `python -m venv` outside the checkout, and pip installs the wheel with
its dependencies from the configured index, as pipx does: with pip's cache this takes
seconds, and it proves the wheel declares everything it needs. No --system-site-packages
and no editable paths, so only the installed package can answer for the data.
"""

from __future__ import annotations

import json
import subprocess
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

EXPECTED = data_files("clause_library") | data_files("templates") | {"telepolicy/gui/icons/telepolicy.svg"}


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


def fresh_venv(where: Path, requirement: str, measure: Callable[[str], None]) -> Path:
    assert not where.is_relative_to(ROOT)
    start = time.perf_counter()
    run([sys.executable, "-m", "venv", where], where, user_env(where))
    run([where / "bin" / "python", "-m", "pip", "install", "-q", requirement], where, user_env(where))
    measure(
        f"wheel: clean venv with {Path(requirement).name} and its dependencies in {time.perf_counter() - start:.1f} s"
    )
    return where


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, dist: Path, measure: Callable[[str], None]) -> Path:
    """`pip install telepolicy`: the command line and the API, without Qt."""
    return fresh_venv(tmp_path_factory.mktemp("venv"), str(next(dist.glob("*.whl"))), measure)


@pytest.fixture(scope="module")
def gui_venv(tmp_path_factory: pytest.TempPathFactory, dist: Path, measure: Callable[[str], None]) -> Path:
    """`pip install "telepolicy[gui]"`: the same with the desktop app."""
    return fresh_venv(tmp_path_factory.mktemp("gui-venv"), f"{next(dist.glob('*.whl'))}[gui]", measure)


def test_wheel_and_sdist_hold_the_whole_clause_library_and_the_templates(dist: Path):
    with zipfile.ZipFile(next(dist.glob("*.whl"))) as archive:
        wheel = set(archive.namelist())
    with tarfile.open(next(dist.glob("*.tar.gz"))) as sdist:
        in_sdist = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert len(EXPECTED) > 200
    assert EXPECTED - wheel == set()
    assert {name.removeprefix("telepolicy/") for name in EXPECTED} - in_sdist == set()


def test_wheel_declares_both_commands_for_pip_and_pipx(dist: Path):
    with zipfile.ZipFile(next(dist.glob("*.whl"))) as wheel:
        name = next(n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
        entry_points = wheel.read(name).decode()
    assert "[console_scripts]\ntelepolicy = telepolicy.generator.cli:run" in entry_points
    assert "[gui_scripts]\ntelepolicy-gui = telepolicy.gui.app:main" in entry_points


def test_installed_app_finds_its_data_in_the_installed_package(gui_venv: Path, tmp_path: Path):
    script = (
        "import json, sysconfig; from importlib.resources import files; import telepolicy.gui.app as app;"
        "from telepolicy.generator.library.loader import builtin_library_path;"
        "from telepolicy.generator.rendering import templates_path;"
        "print(json.dumps({'site': sysconfig.get_path('purelib'), 'library': str(builtin_library_path()),"
        " 'templates': templates_path(), 'icon': str(app.ICON), 'clauses': str(files('telepolicy.clause_library'))}))"
    )
    found = json.loads(run([gui_venv / "bin" / "python", "-c", script], tmp_path, user_env(tmp_path)))
    site = Path(found.pop("site")).resolve()
    assert site.is_relative_to(gui_venv.resolve())
    for what, path in found.items():
        assert Path(path).resolve().is_relative_to(site), f"{what} comes from {path}, not the installed package"
        assert Path(path).exists(), what


def test_installed_command_renders_a_preset_to_pdf(venv: Path, tmp_path: Path, measure: Callable[[str], None]):
    pdf, seconds = render_preset(venv / "bin" / "telepolicy", tmp_path, user_env(tmp_path))
    check_policy_pdf(pdf)
    measure(f"wheel: `telepolicy render --format pdf` of a preset in {seconds:.1f} s")


def test_headless_install_renders_every_preset_without_qt(venv: Path, tmp_path: Path):
    python = venv / "bin" / "python"
    probe = "import importlib.util, sys; sys.exit(importlib.util.find_spec('PySide6') is not None)"
    run([python, "-c", probe], tmp_path, user_env(tmp_path))
    listing = run([venv / "bin" / "telepolicy", "presets"], tmp_path, user_env(tmp_path))
    presets = [line.split()[0] for line in listing.splitlines() if line.strip()]
    assert len(presets) >= 6
    for name in presets:
        run([venv / "bin" / "telepolicy", "new", "--preset", name, f"{name}.toml"], tmp_path, user_env(tmp_path))
    files = [f"{name}.toml" for name in presets]
    run(
        [venv / "bin" / "telepolicy", "render", *files, "--format", "md,html,pdf", "--out", "out"],
        tmp_path,
        user_env(tmp_path),
    )
    for name in presets:
        assert all((tmp_path / "out" / f"{name}.{ext}").stat().st_size > 1000 for ext in ("md", "html", "pdf"))


def test_headless_install_says_how_to_get_the_app(venv: Path, tmp_path: Path):
    result = subprocess.run(
        [venv / "bin" / "telepolicy", "gui"],
        cwd=tmp_path,
        env=user_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert 'pip install "telepolicy[gui]"' in result.stderr
    assert "Traceback" not in result.stderr


def test_installed_gui_starts_from_both_commands(gui_venv: Path, tmp_path: Path):
    env, bin_dir = user_env(tmp_path), gui_venv / "bin"
    assert (bin_dir / "telepolicy-gui").is_file()
    run([bin_dir / "telepolicy", "new", "--preset", "eu-voip-operator", "policy.toml"], tmp_path, env)
    assert_gui_starts([[bin_dir / "telepolicy", "gui", "policy.toml"], [bin_dir / "telepolicy-gui"]], tmp_path, env)
