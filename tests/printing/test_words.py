"""No word is ever broken mid-letter: every word of every printed document (the factory's family,
and the demo's woman alone, couple and family of five) is a word of the source text or a piece of
one cut at a correct Polish hyphenation point, with the hyphen shown (``tests/printing/words``)."""

from __future__ import annotations

from datetime import date

import pytest
from reportlab.lib.units import mm

from app.printing import layout, page_frame
from app.printing.service import KINDS, render_document
from tests.printing import pdfcheck, words
from tests.printing.demo_cases import DEMO_SHAPES, demo_documents


def test_the_checker_catches_a_word_cut_mid_letter(monkeypatch):
    """The rule itself: a surname forced into a column narrower than the word is cut without a
    hyphen (ReportLab's last resort) and the checker reports it; hyphenated text passes."""
    name = "Brzęczyszczykiewicz"
    with words.recording(monkeypatch) as rec:
        header = layout.PageHeader("Ośrodek", "", "", "Test", date.today())
        table = layout.data_table(["Nazwisko"], [[name]], [1])
        table._argW = [14 * mm]  # far narrower than the word
        pdf = page_frame.build_pdf(header, [table])
    assert words.bad_words(pdf, rec.words()), "a mid-letter cut went unnoticed"
    with words.recording(monkeypatch) as rec:
        text = "opiekuńczo-wychowawczego niezarejestrowany " * 30
        pdf = page_frame.build_pdf(header, [layout.para(text)])
    assert not words.bad_words(pdf, rec.words())


@pytest.mark.parametrize("kind", list(KINDS))
def test_factory_family_documents_break_words_correctly(kind, monkeypatch, printed_ws):
    ws, case, team_id = printed_ws
    ids = {"team_id": team_id} if kind == "agreement" else {"family_id": case.family_id}
    with words.recording(monkeypatch) as rec:
        pdf = render_document(ws, kind, **ids)
    assert words.bad_words(pdf, rec.words()) == [], kind


@pytest.mark.parametrize("shape", DEMO_SHAPES)
def test_demo_documents_break_words_correctly(shape, monkeypatch, demo_ws):
    for kind, pdf, vocab in demo_documents(demo_ws, shape, monkeypatch):
        assert words.bad_words(pdf, vocab) == [], (shape, kind)
        # no near-empty page: every page but the last fills at least a quarter of its body
        pages = pdfcheck.page_texts(pdf)
        for n, fill in enumerate(pdfcheck.body_fill(pdf)[:-1]):
            part_ends = "Część II A" in (pages[n + 1] if n + 1 < len(pages) else "")
            assert fill > 0.25 or part_ends, (shape, kind, n + 1, round(fill, 2))
