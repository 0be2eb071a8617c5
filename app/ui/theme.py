"""How the application looks everywhere: the bundled DejaVu font, the icon, Qt's own Polish.

The font is loaded from ``resources/fonts`` with ``QFontDatabase`` so text (with every Polish
letter) renders the same on a municipal Windows laptop, a Linux desktop and offscreen in tests.
Qt's stock strings (context menus, "Cancel" in file dialogs) come from ``qtbase_pl.qm``, the few
it leaves in English from ``app.ui.qt_polish``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QWidget

from app.config import resources_dir
from app.i18n import current_language
from app.ui import focus_style
from app.ui.qt_polish import QtGapsTranslator

log = logging.getLogger(__name__)

FONT_POINT_SIZE = 9
_translators: list[QTranslator] = []


def load_fonts() -> str:
    """Register the bundled fonts; returns the family to use (a system default if missing)."""
    family = ""
    for path in sorted((resources_dir() / "fonts").glob("DejaVuSans*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and not family:
            family = families[0]
    if not family:
        log.warning("bundled font not found; using the system font")
    return family


def app_icon() -> QIcon:
    icons = resources_dir() / "icons"
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        png = icons / f"kooperacja-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    svg = icons / "kooperacja.svg"
    if icon.isNull() and svg.exists():
        icon.addFile(str(svg))
    return icon


def install_qt_translations(app: QCoreApplication, lang: str | None = None) -> None:
    """Load (or drop, for English) Qt's own translations for the current language."""
    lang = lang or current_language()
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    language = QLocale.Language.Polish if lang == "pl" else QLocale.Language.English
    QLocale.setDefault(QLocale(language, QLocale.Country.Poland))
    if lang == "en":
        return
    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"),  # frozen builds
    ]
    for folder in folders:
        translator = QTranslator(app)
        if translator.load(f"qtbase_{lang}", folder):
            app.installTranslator(translator)
            _translators.append(translator)
            gaps = QtGapsTranslator(app)  # asked first: the few strings Qt's file leaves English
            app.installTranslator(gaps)
            _translators.append(gaps)
            return
    log.warning("Qt's own translations for %s were not found", lang)


def qt_translated() -> bool:
    """Whether Qt's stock strings are translated (checked by the packaging smoke test)."""
    return bool(_translators)


def apply_theme(app: QApplication) -> None:
    family = load_fonts()
    font = QFont(family or app.font().family(), FONT_POINT_SIZE)
    app.setFont(font)
    app.setWindowIcon(app_icon())
    # Fusion: the same look on Windows and Linux; with a focus ring that can be seen.  No style
    # sheet for the whole application (see app.ui.focus_style): the few widgets that need one
    # carry their own.
    focus_style.install(app, Colour.ACCENT)


class Colour:
    """The palette: every widget takes its colours from here (none are written elsewhere)."""

    ERROR = "#b00020"
    OK = "#1b7f3b"
    MUTED = "#555b66"
    SOON = "#8a5a00"  # a deadline close at hand
    ACCENT = "#1f5f99"  # focus frames, the selected screen
    SIDEBAR = "#f2f4f7"
    CARD = "#f7f8fa"
    CARD_BORDER = "#d9dde3"
    NOTE_BACKGROUND = "#fff4ce"  # notes that ask for attention (drafts waiting, hints)
    NOTE_BORDER = "#e0b400"
    NOTE_TEXT = "#5c4400"
    PAPER_BACKDROP = "#808080"  # around the pages of a print preview
    EMPTY = "#cccccc"  # a meter with nothing to show


# Passphrase strength, zxcvbn's scores 0–4.
STRENGTH_COLOURS = (Colour.ERROR, "#d9480f", "#e8a200", "#2b8a3e", Colour.OK)
# The Okabe–Ito colours, told apart with every common colour-vision deficiency (charts).
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "purple": "#CC79A7",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
}


def error_style() -> str:
    return f"color: {Colour.ERROR}; font-weight: bold;"


def ok_style() -> str:
    return f"color: {Colour.OK};"


def muted_style() -> str:
    return f"color: {Colour.MUTED};"


def note_style() -> str:
    return (
        f"background: {Colour.NOTE_BACKGROUND}; color: {Colour.NOTE_TEXT};"
        f" border: 1px solid {Colour.NOTE_BORDER}; padding: 6px;"
    )


# The sidebar of screens: calm, the selected screen in the accent colour (its own style sheet).
NAVIGATION_STYLE = f"""
QListWidget {{ background: {Colour.SIDEBAR}; border: none; padding-top: 6px; }}
QListWidget::item {{ padding: 8px 12px; }}
QListWidget::item:selected {{ background: {Colour.ACCENT}; color: white; }}
QListWidget:focus {{ outline: none; }}
"""

# A card: a framed, lighter panel (the unlock window, the sync dashboard's tiles).
CARD_STYLE = f"""
QFrame[role="card"] {{
    background: {Colour.CARD}; border: 1px solid {Colour.CARD_BORDER}; border-radius: 4px;
}}
"""

# A label's role: its font (size in points, bold) and its text colour.
ROLES: dict[str, tuple[float | None, bool, str | None]] = {
    "heading": (14.0, True, None),
    "subheading": (10.5, True, None),
    "error": (None, False, Colour.ERROR),
    "ok": (None, False, Colour.OK),
    "muted": (None, False, Colour.MUTED),
}


def apply_role(widget: QWidget, role: str) -> None:
    """Give ``widget`` the look of ``role`` (one of ``ROLES``; "" for none, as inherited).

    Set as a font and a palette that name only what the role changes, so the rest (the font's
    family, the other colours) still comes from the parent; the role is kept as the widget's
    "role" property too.
    """
    widget.setProperty("role", role)
    size, bold, colour = ROLES.get(role, (None, False, None))
    font = QFont()  # nothing set: inherited
    if size is not None:
        font.setPointSizeF(size)
    if bold:
        font.setBold(True)
    widget.setFont(font)
    palette = QPalette()  # nothing set: inherited
    if colour is not None:
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        palette.setColor(QPalette.ColorRole.Text, QColor(colour))
    widget.setPalette(palette)


def make_card(frame: QFrame) -> QFrame:
    frame.setProperty("role", "card")
    frame.setStyleSheet(CARD_STYLE)
    return frame
