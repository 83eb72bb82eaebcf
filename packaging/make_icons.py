"""Make the platform icons from the one drawing the application itself shows.

The window icon is gui/icons/telepolicy.svg (the GUI loads it at run time); every icon
here is derived from it, so the window, the menu entry and the installer show the same
mark: the SVG copied as is, PNGs at the sizes desktops ask for, a multi-size .ico
(Windows) and .icns (macOS). Run it after the drawing changes; the results are committed
and tests/packaging/test_desktop_files.py checks they are current.

    .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "gui" / "icons" / "telepolicy.svg"
ICONS = ROOT / "packaging" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # 1x and @2x; the 1024 one only goes into the .icns


def png_path(size: int) -> Path:
    return ICONS / f"telepolicy-{size}.png"


def render_png(svg: Path, size: int) -> bytes:
    """The drawing rendered square at `size` pixels, centred, with transparency."""
    from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    view = renderer.viewBoxF()
    scale = size / max(view.width(), view.height())
    width, height = view.width() * scale, view.height() * scale
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF((size - width) / 2, (size - height) / 2, width, height))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])  # QSvgRenderer needs one, alive while it draws
    ICONS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, ICONS / "telepolicy.svg")
    images = {}
    for size in PNG_SIZES:
        png_path(size).write_bytes(render_png(SOURCE, size))
        images[size] = Image.open(io.BytesIO(png_path(size).read_bytes()))
    # Each size rendered from the drawing, not scaled down from the largest: small sizes stay sharp.
    images[ICO_SIZES[-1]].save(
        ICONS / "telepolicy.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=[images[s] for s in ICO_SIZES[:-1]]
    )
    largest = images[ICNS_SIZES[-1]] = Image.open(io.BytesIO(render_png(SOURCE, ICNS_SIZES[-1])))
    largest.save(ICONS / "telepolicy.icns", append_images=[images[s] for s in ICNS_SIZES[:-1]])
    print(f"wrote {len(PNG_SIZES)} PNGs, telepolicy.ico and telepolicy.icns in {ICONS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
