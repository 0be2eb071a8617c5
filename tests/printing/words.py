"""The word-break rule, checked on a real PDF: every word printed is a word of the source text,
or a piece of one broken at a correct Polish hyphenation point (with the hyphen shown) or just
after a hyphen the word already had.  A word cut mid-letter ("Brzęczysz|czykiewicz" with no
hyphen) fails.

The source text is what the document builder handed to ReportLab: every ``Paragraph`` made and
every string drawn on the canvas while the PDF was built (``SourceRecorder``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from app.printing.hyphen import break_points
from tests.printing import pdfcheck

_TAG = re.compile(r"<[^>]+>")
_EDGE = "\"'.,;:!?()[]{}„”“«»…*"


def tokens(text: str) -> list[str]:
    out = []
    for raw in text.split():
        word = raw.strip(_EDGE)
        if any(ch.isalnum() for ch in word):
            out.append(word)
    return out


def source_words(texts: list[str]) -> set[str]:
    words: set[str] = set()
    for t in texts:
        plain = html.unescape(_TAG.sub(" ", t)).replace("\xad", "")
        words.update(tokens(plain))
    return words


class SourceRecorder:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def words(self) -> set[str]:
        return source_words(self.texts)


@contextmanager
def recording(monkeypatch) -> Iterator[SourceRecorder]:
    rec = SourceRecorder()
    para_init = Paragraph.__init__

    def init(self, text, *args, **kwargs):
        if isinstance(text, str):
            rec.texts.append(text)
        para_init(self, text, *args, **kwargs)

    monkeypatch.setattr(Paragraph, "__init__", init)
    for name in ("drawString", "drawRightString", "drawCentredString"):
        original = getattr(Canvas, name)

        def draw(self, x, y, text, *args, _original=original, **kwargs):
            rec.texts.append(str(text))
            return _original(self, x, y, text, *args, **kwargs)

        monkeypatch.setattr(Canvas, name, draw)
    yield rec
    monkeypatch.undo()


def _is_head(piece: str, vocab: set[str]) -> bool:
    """``piece`` ends a line: "opie-" of "opiekuńczo" or "psychologiczno-" of a compound."""
    if not piece.endswith("-"):
        return False
    stem = piece[:-1]
    for word in vocab:
        if word.startswith(piece) and len(word) > len(piece):
            return True  # broken just after the word's own hyphen
        if word.startswith(stem) and len(word) > len(stem) and len(stem) in break_points(word):
            return True
    return False


def _is_tail(piece: str, vocab: set[str]) -> bool:
    """``piece`` starts a line: the rest of a word broken at a correct point."""
    for word in vocab:
        if word.endswith(piece) and len(word) > len(piece):
            cut = len(word) - len(piece)
            if word[cut - 1] == "-" or cut in break_points(word):
                return True
            if piece.startswith("-"):
                return True  # the hyphen repeated at the start of the line, as Polish does
    return False


def bad_words(pdf: bytes, vocab: set[str]) -> list[str]:
    """Words of ``pdf`` that are neither source words nor correct pieces of one."""
    bad: list[str] = []
    for page in pdfcheck.extracted(pdf):
        for word in tokens(page):
            if word in vocab or _is_head(word, vocab) or _is_tail(word, vocab):
                continue
            bad.append(word)
    return bad
