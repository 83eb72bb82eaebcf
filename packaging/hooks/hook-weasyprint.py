"""PyInstaller hook for WeasyPrint: its data files and the native libraries it loads.

WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject with cffi's dlopen by name, so
PyInstaller's analysis cannot see them: without this hook a bundle would quietly borrow
the target's copies, or fail where there are none. Each library is looked up the way
WeasyPrint looks it up and collected with its own dependencies (PyInstaller follows
those). This hook replaces the one in pyinstaller-hooks-contrib (hooks in `hookspath`
take precedence); unlike that one it fails the build when a library is missing, and it
copies no fontconfig configuration on Linux, where the bundled fontconfig reads the
target's /etc/fonts and finds its fonts.
"""

from __future__ import annotations

import ctypes.util
import os
from pathlib import Path

from PyInstaller.compat import is_linux, is_win
from PyInstaller.depend.bindepend import resolve_library_path
from PyInstaller.utils.hooks import collect_data_files, logger

# Names as weasyprint/text/ffi.py tries them: the short name (Linux, macOS) and the MSYS2 DLL name (Windows).
REQUIRED = {
    "GObject": ("gobject-2.0", "libgobject-2.0-0"),
    "Pango": ("pango-1.0", "libpango-1.0-0"),
    "PangoFT2": ("pangoft2-1.0", "libpangoft2-1.0-0"),
    "HarfBuzz": ("harfbuzz", "libharfbuzz-0"),
    "fontconfig": ("fontconfig", "libfontconfig-1"),
}
# Loaded when present: font subsetting (smaller PDFs) and, with newer HarfBuzz, vector glyphs.
OPTIONAL = {
    "HarfBuzz subset": ("harfbuzz-subset", "libharfbuzz-subset-0"),
    "HarfBuzz vector": ("harfbuzz-vector", "libharfbuzz-vector-0"),
}

if is_win:
    # The frozen WeasyPrint skips WEASYPRINT_DLL_DIRECTORIES, so the DLLs must be found now and bundled.
    dll_directories = os.environ.get("WEASYPRINT_DLL_DIRECTORIES", r"C:\msys64\ucrt64\bin").split(";")
    os.environ["PATH"] = os.pathsep.join([*dll_directories, os.environ.get("PATH", "")])


def _find(names: tuple[str, ...]) -> str | None:
    """Full path of the first name that resolves; find_library gives only a soname on Linux."""
    for name in names:
        found = ctypes.util.find_library(name)
        if not found:
            continue
        path = found if os.path.isabs(found) else resolve_library_path(found)
        if path:
            return path
    return None


found = {label: _find(names) for label, names in {**REQUIRED, **OPTIONAL}.items()}
missing = [label for label in REQUIRED if not found[label]]
if missing:
    raise SystemExit(
        f"hook-weasyprint: {', '.join(missing)} not found: install Pango for WeasyPrint first (README: Packaging)"
    )
for label in OPTIONAL:
    if not found[label]:
        logger.info("hook-weasyprint: %s not found; WeasyPrint works without it", label)
binaries = [(path, ".") for path in found.values() if path]
datas = collect_data_files("weasyprint")

if not is_linux:
    # MSYS2's and Homebrew's fontconfig read etc/fonts beside their prefix, which the target lacks: bundle it
    # (the runtime hook points FONTCONFIG_PATH at the copy). The prefix is the library folder's parent.
    fontconfig_etc = Path(found["fontconfig"]).parent.parent / "etc" / "fonts"
    if fontconfig_etc.is_dir():
        datas.append((str(fontconfig_etc), "etc/fonts"))
    else:
        logger.warning("hook-weasyprint: no fontconfig configuration at %s; PDFs may lack fonts", fontconfig_etc)
