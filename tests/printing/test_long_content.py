"""Long content (20 goals, 60 actions, 5,000-character notes) flows onto further pages: every
goal, every action and every word of the long notes is in the PDF, nothing outside the frames."""

from __future__ import annotations

import pytest

from app.printing.service import render_document
from tests.printing import pdfcheck
from tests.printing.data import ACTIONS, GOALS, make_long_content, note_words


@pytest.fixture
def long_case(ws, family_case):
    return family_case, make_long_content(ws, family_case)


def _missing(words: list[str], text: str) -> list[str]:
    return [w for w in words if w not in text]


def test_plan_with_20_goals_and_60_actions(ws, long_case):
    case, data = long_case
    pdf = render_document(ws, "plan", family_id=case.family_id)
    pages = pdfcheck.page_texts(pdf)
    text = " ".join(pages)
    assert len(pages) >= 6
    assert len(data.goal_titles) == GOALS and len(data.action_texts) == ACTIONS
    for i, title in enumerate(data.goal_titles, 1):
        assert f"Cel {i}. {title}" in text, title
    for action in data.action_texts:
        for word in action.split():
            assert word in text, (action[:40], word)
    assert _missing(note_words(data.plan_note), text) == []
    assert text.rstrip().endswith(f"strona {len(pages)} z {len(pages)}")
    assert all(f"strona {n} z {len(pages)}" in p for n, p in enumerate(pages, 1))
    assert pdfcheck.chars_outside_layout(pdf) == []


@pytest.mark.parametrize(
    ("kind", "note"),
    [("diagnosis", "diagnosis_note"), ("review", "review_note"), ("visit", "visit_note")],
)
def test_long_notes_flow_without_loss(ws, long_case, kind, note):
    case, data = long_case
    ids = {"review_id": data.review_id} if kind == "review" else {}
    if kind == "visit":
        ids = {"visit_id": data.visit_id}
    pdf = render_document(ws, kind, family_id=case.family_id, **ids)
    pages = pdfcheck.page_texts(pdf)
    text = " ".join(pages)
    assert len(pages) >= 2
    words = note_words(getattr(data, note))
    assert len(" ".join(words)) >= 4_900
    assert _missing(words, text) == []
    assert words[-1] in pages[-1] or words[-1] in pages[-2]  # the end of the note is printed
    assert pdfcheck.chars_outside_layout(pdf) == []
    signers = ["Grażyna Źdźbło-Łęcka", "Józef Łęcki", "Anna Kowalczyk"]
    assert all(name in pages[-1] for name in signers)  # the signatures are not split
    assert (
        pages[-1].count("miejscowość i data")
        == len(pdfcheck.signature_text(pdf).split("miejscowość i data")) - 1
    )
    # The note starts under its heading on page 1 and only its last lines go with the
    # signatures: no orphaned heading, no page of signatures alone.
    assert words[0] in text.split("strona 1 z")[0] or kind != "visit"
    if kind != "review":  # (the review closes with the family's opinion, not this note)
        assert words[-1] in pages[-1], "the signatures stand without the note's last lines"
    if kind == "review":
        for title in data.goal_titles:
            assert title in text


def test_contract_and_blank_review_with_long_plan(ws, long_case):
    case, data = long_case
    for kind in ("contract", "blank-review"):
        pdf = render_document(ws, kind, family_id=case.family_id)
        text = pdfcheck.text(pdf)
        for title in data.goal_titles:
            assert title in text, (kind, title)
        assert "Działanie testowe 59" in text
        assert pdfcheck.chars_outside_layout(pdf) == []
