"""The desktop entry, AppStream metadata, icons and the app's own names agree with each other.

The window manager matches a window to its menu entry by the desktop file name (Wayland,
GNOME) or the WM_CLASS (X11), QSettings files its settings by organisation and application,
and macOS by the bundle identifier: one id, spelt the same everywhere.
"""

from __future__ import annotations

import configparser
import json
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from telepolicy.generator.version import __version__
from tests.packaging.support import ROOT, run, user_env

APP_ID = "org.telepolicy.Telepolicy"
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_one_id_names_the_desktop_entry_metainfo_icon_and_bundles():
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert desktop_entry()["Icon"] == APP_ID
    assert f'APP_ID = "{APP_ID}"' in (PACKAGING / "telepolicy.spec").read_text(encoding="utf-8")
    assert f"id={APP_ID}\n" in (PACKAGING / "build.sh").read_text(encoding="utf-8")


def test_desktop_entry_starts_the_gui_command_and_matches_its_window():
    entry = desktop_entry()
    gui_scripts = pyproject()["project"]["gui-scripts"]
    assert entry["Exec"].split()[0] == entry["TryExec"] == "telepolicy-gui"
    assert entry["TryExec"] in gui_scripts
    assert entry["StartupWMClass"] == "Telepolicy"  # Qt's WM_CLASS class is the application name


def test_metainfo_provides_the_commands_and_names_this_release():
    component = ET.parse(METAINFO).getroot()
    project = pyproject()["project"]
    provided = {element.text for element in component.iterfind("provides/binary")}
    assert provided == set(project["scripts"]) | set(project["gui-scripts"])
    assert component.find("releases/release").get("version") == __version__


def test_icons_are_made_from_the_drawing_the_app_shows():
    icons = PACKAGING / "icons"
    hint = "run .venv/bin/python packaging/make_icons.py"
    assert (icons / "telepolicy.svg").read_bytes() == (ROOT / "gui" / "icons" / "telepolicy.svg").read_bytes(), hint
    for size in ICON_SIZES:
        header = (icons / f"telepolicy-{size}.png").read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", hint
        assert header[16:24] == size.to_bytes(4) * 2, f"{size}: {hint}"  # IHDR width, height
    assert (icons / "telepolicy.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (icons / "telepolicy.icns").read_bytes()[:4] == b"icns"


@pytest.mark.parametrize(
    ("tool", "arguments", "path"),
    [("desktop-file-validate", [], DESKTOP), ("appstreamcli", ["validate", "--no-net"], METAINFO)],
)
def test_linux_validators_accept_the_files(tool: str, arguments: list[str], path: Path):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian: desktop-file-utils, appstream)")
    result = subprocess.run([tool, *arguments, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_running_app_names_itself_like_the_desktop_entry(tmp_path: Path):
    script = (
        "import json; from telepolicy.gui.app import create_application; app = create_application([]);"
        "print(json.dumps([app.applicationName(), app.organizationName(), app.organizationDomain(),"
        " app.desktopFileName(), app.windowIcon().isNull()]))"
    )
    output = run([sys.executable, "-c", script], tmp_path, {**user_env(tmp_path), "PYTHONPATH": str(ROOT)})
    name, organisation, domain, desktop_file_name, icon_missing = json.loads(output.splitlines()[-1])
    assert not icon_missing
    assert (name, organisation) == ("Telepolicy", "Telepolicy")
    assert desktop_file_name == APP_ID
    # QSettings on macOS and the .app's bundle identifier both read the domain reversed, then the name.
    assert ".".join(reversed(domain.split("."))) + "." + name == APP_ID
