"""The self-contained application, tested by starting it: packaging/build.sh, then the frozen commands.

Native libraries are where a bundle breaks (STYLE.md, point 10), and a bundle that quietly
borrows the build machine's Pango passes every test here and fails on a user's machine. So
the render runs under the dynamic loader's own log (LD_DEBUG) and every library WeasyPrint
opens must come from the bundle.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from telepolicy.generator.version import __version__
from tests.packaging.support import ROOT, assert_gui_starts, check_policy_pdf, data_files, render_preset, run, user_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="packaging/build.sh builds the Linux bundle"),
]
pytest.importorskip("PyInstaller", reason="needs PyInstaller: pip install -e '.[packaging]' (scripts/setup.sh does)")

APP_ID = "org.telepolicy.Telepolicy"
WEASYPRINT_LIBRARIES = (
    "libgobject-2.0.so.0",
    "libpango-1.0.so.0",
    "libpangoft2-1.0.so.0",
    "libharfbuzz.so.0",
    "libharfbuzz-subset.so.0",
    "libfontconfig.so.1",
)
QT_PLUGINS = (
    "platforms/libqoffscreen.so",
    "platforms/libqxcb.so",
    "platforms/libqwayland.so",
    "imageformats/libqsvg.so",
    "iconengines/libqsvgicon.so",
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, measure: Callable[[str], None]) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    build = ["bash", ROOT / "packaging" / "build.sh", "--bundle-only", "--dist", work / "dist", "--work", work / "tmp"]
    start = time.perf_counter()
    run(build, ROOT, {**user_env(work), "PYTHON": sys.executable}, timeout=1200)
    app = work / "dist" / "telepolicy"
    size = sum(path.stat().st_size for path in app.rglob("*") if path.is_file() and not path.is_symlink())
    files = sum(1 for path in app.rglob("*") if path.is_file())
    measure(f"bundle: built in {time.perf_counter() - start:.0f} s; {size / 2**20:.0f} MiB in {files} files")
    return app


def test_bundle_holds_its_libraries_plugins_data_and_desktop_files(bundle: Path):
    internal = bundle / "_internal"
    for library in WEASYPRINT_LIBRARIES:
        assert (internal / library).is_file(), library
    for plugin in QT_PLUGINS:
        assert (internal / "PySide6" / "Qt" / "plugins" / plugin).is_file(), plugin
    for name in data_files("clause_library") | data_files("templates") | {"telepolicy/gui/icons/telepolicy.svg"}:
        assert (internal / name).is_file(), name
    assert (internal / "weasyprint" / "css" / "html5_ua.css").is_file()
    assert any((internal / "pyphen" / "dictionaries").glob("hyph_en_US.dic"))
    assert not (internal / "PySide6" / "Qt" / "translations").exists()
    assert not list(internal.glob("**/libQt6Quick.so*"))
    share = bundle / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()


def test_bundle_starts_quickly(bundle: Path, tmp_path: Path, measure: Callable[[str], None]):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        output = run([bundle / "telepolicy", "--version"], tmp_path, user_env(tmp_path))
        times.append(time.perf_counter() - start)
    assert output.strip() == f"telepolicy {__version__}"
    assert min(times) < 10
    measure(f"bundle: `telepolicy --version` in {statistics.median(times):.2f} s (median of 3)")


def test_bundle_renders_a_preset_to_pdf_with_its_own_pango(
    bundle: Path, tmp_path: Path, measure: Callable[[str], None]
):
    env = {**user_env(tmp_path), "LD_DEBUG": "libs", "LD_DEBUG_OUTPUT": str(tmp_path / "ld")}
    pdf, seconds = render_preset(bundle / "telepolicy", tmp_path, env)
    check_policy_pdf(pdf)
    loaded = {
        Path(line.split("calling init:", 1)[1].strip())
        for log in tmp_path.glob("ld.*")
        for line in log.read_text(errors="replace").splitlines()
        if "calling init:" in line
    }
    for library in WEASYPRINT_LIBRARIES:
        paths = {path for path in loaded if path.name == library}
        assert paths == {bundle / "_internal" / library}, f"{library} was loaded from {paths or 'nowhere'}"
    measure(f"bundle: `telepolicy render --format pdf` of a preset in {seconds:.1f} s (first render)")


def test_bundle_gui_starts_from_both_executables(bundle: Path, tmp_path: Path):
    env = user_env(tmp_path)
    run([bundle / "telepolicy", "new", "--preset", "us-cpaas-sip", "policy.toml"], tmp_path, env)
    assert_gui_starts([[bundle / "telepolicy", "gui", "policy.toml"], [bundle / "telepolicy-gui"]], tmp_path, env)


def test_bundle_runs_after_being_moved(bundle: Path, tmp_path: Path):
    """Unpacked somewhere else, as a user does, with only the system's own PATH, it still finds everything."""
    moved = tmp_path / "opt" / "telepolicy"
    shutil.copytree(bundle, moved, symlinks=True)
    env = {**user_env(tmp_path), "PATH": "/usr/bin:/bin"}
    assert "us-carrier-eea" in run([moved / "telepolicy", "presets"], tmp_path, env)
    assert "cpni" in run([moved / "telepolicy", "clauses", "--section", "cpni"], tmp_path, env)
