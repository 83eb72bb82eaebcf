#!/usr/bin/env bash
# Build Telepolicy for distribution, on Linux (README: Packaging):
#   DIST/telepolicy-VERSION-py3-none-any.whl, DIST/telepolicy-VERSION.tar.gz   the wheel and sdist
#   DIST/telepolicy/   the self-contained one-folder application (packaging/telepolicy.spec), with
#                      share/ holding its desktop entry, AppStream metadata and icons
# Usage: bash packaging/build.sh [--bundle-only | --python-only] [--dist DIR] [--work DIR]
# DIST defaults to dist/, the work folder to build/; PYTHON to .venv/bin/python.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-.venv/bin/python}
dist=dist
work=build
what=all
while (($#)); do
  case $1 in
    --bundle-only) what=bundle ;;
    --python-only) what=python ;;
    --dist) dist=$2; shift ;;
    --work) work=$2; shift ;;
    -h | --help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "build: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
"$python" -c "import PyInstaller, build" 2>/dev/null || {
  echo "build: PyInstaller and build are missing: $python -m pip install -e '.[packaging]'" >&2
  exit 1
}

if [ "$what" != bundle ]; then
  "$python" -m build --outdir "$dist" .
fi

if [ "$what" != python ]; then
  "$python" -m PyInstaller packaging/telepolicy.spec --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work/pyinstaller"
  app=$dist/telepolicy
  id=org.telepolicy.Telepolicy
  install -Dm644 "packaging/linux/$id.desktop" "$app/share/applications/$id.desktop"
  install -Dm644 "packaging/linux/$id.metainfo.xml" "$app/share/metainfo/$id.metainfo.xml"
  install -Dm644 packaging/icons/telepolicy.svg "$app/share/icons/hicolor/scalable/apps/$id.svg"
  for png in packaging/icons/telepolicy-*.png; do
    size=${png##*-}
    size=${size%.png}
    install -Dm644 "$png" "$app/share/icons/hicolor/${size}x${size}/apps/$id.png"
  done
  echo "build: $app: $(du -sh "$app" | cut -f1)"
fi
