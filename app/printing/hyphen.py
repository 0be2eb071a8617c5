"""Polish hyphenation for every printed paragraph: pyphen's ``pl_PL`` dictionary.

ReportLab breaks a line between words, after a hyphen already in a word, or at a point this
module offers (and then prints the hyphen).  Only as a last resort, for a single "word" wider
than its column (a 20,000-character string without spaces), would it cut mid-letter; columns are
sized so that real words never get there, and ``tests/printing/test_words.py`` checks every word
of every document against the source text and these hyphenation points.

``soft_hyphens`` marks those points in the text itself (ReportLab alone tries a hyphenation only
where a word starts mid-line, and otherwise cuts a long word anywhere).  At least two letters
stay before a break and three after it, the usual rule of Polish
typesetting (no "p-sychologiczno", no "Brzęczyszczykie-wi-cz").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import pyphen

LEFT = 2  # letters kept before a break
RIGHT = 3  # letters carried to the next line
SHY = "\xad"  # soft hyphen: ReportLab may break there and then shows "-"
MIN_LETTERS = 5
_LETTERS = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
_NOT_A_WORD = re.compile(r"[@/\\:\d]")  # e-mail addresses, numbers, dates, paths


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


def _soft_word(match: re.Match) -> str:
    word = match.group(0)
    points = sorted(break_points(word), reverse=True)
    for i in points:
        word = word[:i] + SHY + word[i:]
    return word


def soft_hyphens(text: str) -> str:
    """``text`` with a soft hyphen at every correct break point of each word (each part of a
    compound separately), so that ReportLab can break a word wherever Polish allows, also on a
    line of its own; e-mail addresses, numbers and dates are left whole."""
    out = []
    for token in re.split(r"(\s+)", text):
        if token and not token.isspace() and not _NOT_A_WORD.search(token):
            token = _LETTERS.sub(_soft_word, token)
        out.append(token)
    return "".join(out)
