"""Entry point of the frozen application: one program, two front doors.

The bundle holds two executables built from this script: `telepolicy` (console: the
command line, `telepolicy gui` included) and `telepolicy-gui` (windowed, for menus and
file managers: no console window on Windows, the .app's executable on macOS). Both
share one copy of Python, Qt and Pango; the executable's name says which one runs.
"""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

GUI_EXECUTABLE = "telepolicy-gui"


def main() -> int:
    multiprocessing.freeze_support()  # `render --jobs N` workers re-enter here where processes are spawned
    if Path(sys.executable).stem == GUI_EXECUTABLE:
        from telepolicy.gui.app import main as gui_main

        return gui_main()
    from telepolicy.generator.cli import run

    run()


if __name__ == "__main__":
    sys.exit(main())
