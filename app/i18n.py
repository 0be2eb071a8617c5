"""Translation of user-facing text: one gettext catalogue shared by the core and the UI.

Source strings are English; Polish (the default language) lives in
``resources/locale/pl/LC_MESSAGES/kooperacja.po``.  The ``.po`` file is compiled in memory at first
use, so a source checkout needs no build step.  ``N_`` marks strings that are translated later (at
the moment they are shown), e.g. labels in module-level tables.
"""

from __future__ import annotations

import gettext as _gettext
import io
import threading
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.config import resources_dir

DOMAIN = "kooperacja"
LANGUAGES = {"pl": "Polski", "en": "English"}
DEFAULT_LANGUAGE = "pl"

_lock = threading.Lock()
_current: _gettext.NullTranslations = _gettext.NullTranslations()
_current_lang = "en"
_loaded: dict[str, _gettext.NullTranslations] = {}


def catalogue_path(lang: str) -> Path:
    return resources_dir() / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _load(lang: str) -> _gettext.NullTranslations:
    if lang == "en":
        return _gettext.NullTranslations()
    if lang not in _loaded:
        with catalogue_path(lang).open("rb") as f:
            catalog = read_po(f, locale=lang, domain=DOMAIN)
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=False)
        buf.seek(0)
        _loaded[lang] = _gettext.GNUTranslations(buf)
    return _loaded[lang]


def set_language(lang: str) -> None:
    """Switch the language of every later ``_()`` call (``pl`` or ``en``)."""
    global _current, _current_lang
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    with _lock:
        _current = _load(lang)
        _current_lang = lang


def current_language() -> str:
    return _current_lang


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


set_language(DEFAULT_LANGUAGE)
