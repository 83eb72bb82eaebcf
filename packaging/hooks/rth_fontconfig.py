"""PyInstaller runtime hook: the bundled fontconfig reads the configuration bundled with it.

Only Windows and macOS bundles carry etc/fonts (see hook-weasyprint.py); a Linux bundle
uses the target's /etc/fonts and this does nothing. A FONTCONFIG_PATH or FONTCONFIG_FILE
the user set wins.
"""

import os
import sys

_bundled = os.path.join(sys._MEIPASS, "etc", "fonts")
if os.path.isdir(_bundled) and not {"FONTCONFIG_PATH", "FONTCONFIG_FILE"} & set(os.environ):
    os.environ["FONTCONFIG_PATH"] = _bundled
