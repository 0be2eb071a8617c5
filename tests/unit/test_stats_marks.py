"""Statistics never state something false: "<5" only over 1–4, "X" over a count hidden only so
that a small one cannot be derived, zeros as 0, and a footnote in the CSV and the PDF says so."""

from __future__ import annotations

import csv
import io
from datetime import date

from pypdf import PdfReader

from app.printing.stats import statistics_pdf
from app.services.stats import (
    SECONDARY,
    SUPPRESSED,
    Statistics,
    StatTable,
    _outcomes,
    _suppress_cells,
    to_csv,
)


def test_the_big_neighbour_of_a_small_count_is_x_not_under_five():
    # Narewka: 30 families, 28 open, 2 closed; an empty gmina: zeros stay zeros
    out = _suppress_cells([[30, 28, 2], [0, 0, 0], [9, 9, 0]], [(0, [1, 2])], 5)
    assert out == [[30, SECONDARY, SUPPRESSED], [0, 0, 0], [9, 9, 0]]


def test_a_zero_is_never_the_secondary_cell():
    out = _suppress_cells([[9, 3, 0, 6]], [(0, [1, 2, 3])], 5)
    assert out == [[9, SUPPRESSED, 0, SECONDARY]]


def test_outcomes_use_the_same_marks():
    table = _outcomes([("−2", [0]), ("−1", [3]), ("0", [12]), ("+1", [20]), ("razem", [35])], 5)
    assert [r[1] for r in table.rows] == [0, SUPPRESSED, SECONDARY, 20, 35]


def test_csv_and_pdf_explain_both_marks():
    table = StatTable(
        "t",
        "Rodziny",
        ["Gmina", "Razem", "Otwarte", "Zamknięte"],
        [["Narewka", 30, SECONDARY, SUPPRESSED]],
    )
    stats = Statistics("2005", "hajnowski", date(2026, 12, 1), 5, [table])
    rows = list(csv.reader(io.StringIO(to_csv(stats)), delimiter=";"))
    notes = [r[3] for r in rows if r[0] == "uwaga"]
    assert any(n.startswith("<5:") for n in notes) and any(n.startswith("X:") for n in notes)
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(statistics_pdf(stats, "PCPR"))).pages
    )
    assert "X:" in text and "<5:" in text and "wtórne" in text
