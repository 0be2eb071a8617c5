"""How the application looks everywhere: the bundled DejaVu font, the icon, Qt's own Polish.

The font is loaded from ``resources/fonts`` with ``QFontDatabase`` so text (with every Polish
letter) renders the same on a municipal Windows laptop, a Linux desktop and offscreen in tests.
Qt's stock strings (context menus, "Cancel" in file dialogs) come from ``qtbase_pl.qm``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from app.config import resources_dir
from app.i18n import current_language

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
    app.setStyle("Fusion")  # the same look on Windows and Linux; readable focus frames
    app.setStyleSheet(STYLE_SHEET)


# Only what the Fusion style lacks: visible keyboard focus, a calm sidebar, error/ok colours.
STYLE_SHEET = """
QListWidget#navigation { background: #f2f4f7; border: none; padding-top: 6px; }
QListWidget#navigation::item { padding: 8px 12px; }
QListWidget#navigation::item:selected { background: #1f5f99; color: white; }
QListWidget#navigation:focus { outline: none; }
QLabel[role="heading"] { font-size: 14pt; font-weight: bold; }
QLabel[role="subheading"] { font-size: 10.5pt; font-weight: bold; }
QLabel[role="error"] { color: #b00020; }
QLabel[role="ok"] { color: #1b7f3b; }
QLabel[role="muted"] { color: #555b66; }
QFrame[role="card"] { background: #f7f8fa; border: 1px solid #d9dde3; border-radius: 4px; }
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QPlainTextEdit:focus, QDateEdit:focus {
    border: 2px solid #1f5f99;
}
QPushButton:focus { border: 2px solid #1f5f99; }
QTableView:focus { border: 1px solid #1f5f99; }
"""
