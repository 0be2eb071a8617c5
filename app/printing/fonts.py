"""The embedded font of every printed document: DejaVu Sans, which has every Polish glyph.

The TrueType files and their licence ship in ``resources/fonts``.  ``register_fonts()`` is cheap
after the first call (parsing the three files takes ~80 ms once per process) and is safe to call
from any thread.  Other PDF builders (e.g. statistics) import ``FONT``/``FONT_BOLD`` from here.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.config import resources_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}
_lock = threading.Lock()
_registered = False


def font_file(name: str) -> Path:
    """The TrueType file of one of the registered faces."""
    return resources_dir() / "fonts" / _FILES[name]


def register_fonts() -> None:
    """Register the DejaVu Sans faces with ReportLab (once), so ``<b>``/``<i>`` map to them."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name in _FILES:
            pdfmetrics.registerFont(TTFont(name, str(font_file(name))))
        # There is no bold-oblique face; bold stands in for it.
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, FONT_BOLD)
        addMapping(FONT, 0, 1, FONT_ITALIC)
        addMapping(FONT, 1, 1, FONT_BOLD)
        _registered = True
