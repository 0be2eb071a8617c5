"""Translation of user-facing text: one gettext catalogue shared by the core and the UI.

Source strings are English; Polish (the default language) lives in
``resources/locale/pl/LC_MESSAGES/kooperacja.po``.  The ``.po`` file is compiled at first use, so
a source checkout needs no build step; the compiled catalogue is kept in the user's cache folder
under the hash of the ``.po`` text, so later starts (the unlock window) skip the compiling.
``N_`` marks strings that are translated later (at the moment they are shown), e.g. labels in
module-level tables.

Polish agrees with what it speaks of, so three more tools exist:

- ``ngettext``/``npgettext``: counts (Polish has three plural forms: 1 rodzina, 2 rodziny,
  5 rodzin; the catalogue's ``Plural-Forms`` header chooses).
- ``pgettext``/``NP_``: one English word that names several things (``cancelled`` of a plan is
  *odwołany*, of a visit *odwołana*) gets one entry per context, so each noun keeps its own form.
- ``gendered``/``NG_``: a word said of a person follows the person's recorded sex.  A string
  marked ``NG_`` is extracted three times, under the contexts of ``GENDER_CONTEXTS`` (a woman, a
  man, unknown sex); the unknown form is the neutral "wnioskodawca/wnioskodawczyni".
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import hashlib
import io
import threading
from pathlib import Path

from app.config import atomic_write_bytes, cache_dir, resources_dir

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
        _loaded[lang] = _catalogue(lang)
    return _loaded[lang]


def _catalogue(lang: str) -> _gettext.GNUTranslations:
    po = catalogue_path(lang).read_bytes()
    cached = cache_dir() / "locale" / f"{DOMAIN}-{lang}-{hashlib.sha256(po).hexdigest()[:20]}.mo"
    with contextlib.suppress(OSError, ValueError, IndexError):  # absent, or not a valid .mo
        return _gettext.GNUTranslations(io.BytesIO(cached.read_bytes()))
    mo = compile_catalogue(po, lang)
    with contextlib.suppress(OSError):  # a read-only cache only costs the compiling next time
        cached.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        for old in cached.parent.glob(f"{DOMAIN}-{lang}-*.mo"):
            old.unlink()
        atomic_write_bytes(cached, mo)
    return _gettext.GNUTranslations(io.BytesIO(mo))


def compile_catalogue(po: bytes, lang: str) -> bytes:
    """The ``.mo`` form of a ``.po`` text (Babel; fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(po), locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


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


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` as used in ``context`` (e.g. ``pgettext("visit status", "done")``)."""
    return _current.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _current.npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` for extraction under ``context``; translate later with ``pgettext``."""
    return message


# Recorded sex (``Sex`` values: "F", "M"; anything else is unknown) -> gettext context.
GENDER_CONTEXTS = {"F": "female", "M": "male", "": "sex unknown"}


def NG_(message: str) -> str:
    """Mark a word said of a person: extracted once per ``GENDER_CONTEXTS`` value."""
    return message


def gender_context(sex: str | None) -> str:
    return GENDER_CONTEXTS.get(sex or "", GENDER_CONTEXTS[""])


def gendered(message: str, sex: str | None) -> str:
    """``message`` (marked ``NG_``) in the form for a person of recorded ``sex`` ("F", "M", or
    unknown: None/"" gives the neutral form)."""
    return pgettext(gender_context(sex), message)


set_language(DEFAULT_LANGUAGE)
