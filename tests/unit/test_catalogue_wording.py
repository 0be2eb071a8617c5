"""The Polish catalogue's wording: letters a worker can press, no guessed gender.

Every Alt+letter the catalogue writes is a key a worker can press with Alt: "Ście&żka
sprawy", "Importuj kart&ę klucza…" and "P&łeć:" were underlined on letters that a Polish
keyboard gives only with AltGr: Alt+that letter is no key at all.  The window's
deconflicting moves such a letter at run time; the catalogue should not ask for one.

No past-tense verb guesses the gender of whoever acted ("zmienił(a)", "Podpisał(a)",
"usunął(ęła)" in the audit log, the consent list and the archive protocol; the worker's sex
is not recorded): a noun ("zmiana", "Osoba podpisująca") says it for everyone.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).resolve().parents[2] / "resources/locale/pl/LC_MESSAGES/kooperacja.po"
TYPABLE = set("abcdefghijklmnopqrstuvwxyz0123456789")


def mnemonic(text: str) -> str | None:
    """The letter after a single ``&`` (``&&`` is a literal ampersand)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1]
            i += 1
        i += 1
    return None


def _translations() -> list[str]:
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    found: list[str] = []
    for message in catalogue:
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [t for t in texts if t]
    return found


GUESSED = re.compile(r"ł\((a|ęła|ela)\)")
# "Animator(ka) gminny(-a)": a function held by a person whose name is free text; a Polish
# office names the function ("Animator gminny", "Przedstawiciel"), it does not guess endings.
GUESSED_TITLE = re.compile(r"\w\((ka|-a|-y|a)\)")


def test_no_translation_guesses_who_acted():
    assert [t for t in _translations() if GUESSED.search(t)] == []


def test_no_translation_guesses_the_ending_of_a_title():
    assert [t for t in _translations() if GUESSED_TITLE.search(t)] == []


def test_no_translation_underlines_a_letter_alt_cannot_type():
    untypable = []
    for text in _translations():
        letter = mnemonic(text)
        if letter is not None and letter.lower() not in TYPABLE:
            untypable.append(text)
    assert untypable == []
