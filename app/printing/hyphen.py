"""Polish hyphenation for every printed paragraph: pyphen's ``pl_PL`` dictionary.

ReportLab breaks a line between words, after a hyphen already in a word, or at a point this
module offers (and then prints the hyphen).  Only as a last resort, for a single "word" wider
than its column (a 20,000-character string without spaces), would it cut mid-letter; columns are
sized so that real words never get there, and ``tests/printing/test_words.py`` checks every word
of every document against the source text and these hyphenation points.

At least two letters stay before a break and three after it, the usual rule of Polish
typesetting (no "p-sychologiczno", no "Brzęczyszczykie-wi-cz").
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pyphen

LEFT = 2  # letters kept before a break
RIGHT = 3  # letters carried to the next line


@functools.cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="pl_PL", left=LEFT, right=RIGHT)


def hyphenate(word: str) -> Iterator[tuple[str, str]]:
    """(head, tail) pairs, longest head first — the callable ReportLab's ``hyphenationLang``
    style attribute accepts."""
    return _dictionary().iterate(word)


def break_points(word: str) -> set[int]:
    """Where ``word`` may be broken with a hyphen shown (indices into the word)."""
    return set(_dictionary().positions(word))
