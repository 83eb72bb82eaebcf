#!/usr/bin/env bash
# Set up Telepolicy from nothing on Debian/Ubuntu: the system libraries WeasyPrint
# needs (Pango, HarfBuzz, fonts), a virtual environment in .venv, and the project
# with its test tools. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
# Qt for the desktop app: the offscreen platform (tests, screenshots) and X11/xcb (a desktop session).
packages+=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0)
packages+=(libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0)
packages+=(libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1)
# The interpreter of .venv: $PYTHON when set; else the system's own Python 3 when it is 3.11 or newer
# (Debian's is an optimised, statically linked build: WeasyPrint's layout is pure Python, and the example's
# PDF took 28 % less time on Debian's 3.11 than on a pyenv 3.11 built with a shared libpython);
# else python3 from PATH. An existing .venv is kept: delete it to change.
python="${PYTHON:-}"
if [ -z "$python" ]; then
  python=python3
  if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python=/usr/bin/python3
    # PyInstaller (packaging/) bundles the shared libpython, which Debian ships apart from its python3.
    packages+=("$(/usr/bin/python3 -c 'import sys; print(f"libpython3.{sys.version_info[1]}")')")
  fi
fi
[ -x .venv/bin/python ] || "$python" -c "import ensurepip, venv" >/dev/null 2>&1 || packages+=(python3-venv)
# Publishing validators (tests/publishing): Java for the Nu HTML Checker, Chromium and its driver for axe-core,
# npm to install both checkers from the npm registry. Debian's browser only: nothing downloads a browser.
command -v java >/dev/null || packages+=(default-jre-headless)
packages+=(chromium chromium-driver)
command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null; then
    echo "setup: please install Pango, HarfBuzz and a font with your package manager: ${missing[*]}" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "setup: installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m pip install -q -e ".[test,packaging]" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import telepolicy.generator, weasyprint" || { echo "setup: installation failed" >&2; exit 1; }

# vnu.jar and axe-core into tests/tools/node_modules, exactly as package-lock.json pins them. --ignore-scripts:
# vnu-jar's postinstall would download a JDK; we run Debian's Java instead. Skipped when already installed.
if [ ! -f tests/tools/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f tests/tools/node_modules/axe-core/axe.min.js ] ||
  [ tests/tools/package-lock.json -nt tests/tools/node_modules/.package-lock.json ]; then
  echo "setup: installing the HTML checkers (vnu-jar, axe-core) into tests/tools"
  (cd tests/tools && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
