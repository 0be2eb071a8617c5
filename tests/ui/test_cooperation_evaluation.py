"""Ewaluacja, by keyboard: the pilot's figures on screen (anonymised: small counts "<5"), then
saved as CSV and PDF through the same use case as ``kooperacja evaluation``."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv
import io
import stat

from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QLabel, QTableWidget

from app.services import audit
from app.ui.registry.team_screen import TeamScreen
from tests.pilot.helpers import make_pilot_case
from tests.ui._cooperation_support import shown_team_screen, tab_to
from tests.ui._keys import press
from tests.ui.conftest import settle


def test_the_evaluation_on_screen_and_saved_as_csv_and_pdf(ctx, qtbot, tmp_path, monkeypatch):
    pc = make_pilot_case(ctx.ws)
    screen = shown_team_screen(ctx, qtbot)
    panel = screen.evaluation
    assert panel.data is None  # counted only when the tab is shown
    tab_to(screen, 5)
    qtbot.waitUntil(lambda: panel.data is not None, timeout=20_000)
    assert panel.summary.text().startswith("Narewka, stan na ")
    assert "5 tabel, dane zanonimizowane (liczby mniejsze niż 5 ukryte)" in panel.summary.text()
    tables = {t.accessibleName(): t for t in panel.tables.findChildren(QTableWidget)}
    meetings = tables["Posiedzenia zespołów"]
    assert meetings.item(0, 0).text() == "Gminno-Powiatowy Zespół Kooperacji Narewka"
    assert meetings.item(0, 1).text() == "1"  # sittings are not persons: not suppressed
    path_table = next(t for t in panel.data.tables if t.key == "path")
    assert path_table.rows[0][1] == "<5"
    notes = [lb.text() for lb in panel.tables.findChildren(QLabel) if lb.text().startswith("<5")]
    assert notes and "mniej niż 5" in notes[0]

    chosen: list[str] = []

    def save_as(_parent, _title, suggested, _filters):
        chosen.append(suggested)
        return str(tmp_path / f"ewaluacja{len(chosen)}"), ""  # no suffix typed: it is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    press(qtbot, panel.save_csv)
    qtbot.waitUntil(lambda: "ewaluacja1.csv" in panel.status.text(), timeout=20_000)
    press(qtbot, panel.save_pdf)
    qtbot.waitUntil(lambda: "ewaluacja2.pdf" in panel.status.text(), timeout=20_000)
    assert chosen[0].endswith(".csv") and chosen[1].endswith(".pdf")

    csv_file = tmp_path / "ewaluacja1.csv"
    assert stat.S_IMODE(csv_file.stat().st_mode) == 0o600
    text = csv_file.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["tabela", "kategoria", "miara", "wartość"]
    assert any(r[1] == "Gminno-Powiatowy Zespół Kooperacji Narewka" and r[3] == "1" for r in rows)
    assert any(r[1] == "Narewka (2005092)" and r[3] == "<5" for r in rows)
    assert pc.case.family_id not in text and "Źdźbło" not in text  # no personal data
    pdf = PdfReader(io.BytesIO((tmp_path / "ewaluacja2.pdf").read_bytes()))
    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Ewaluacja" in pdf_text and "Gminno-Powiatowy Zespół Kooperacji Narewka" in pdf_text
    exports = [e for e in audit.list_events(ctx.ws, limit=50) if e.entity == "evaluation"]
    assert sorted(e.detail for e in exports) == ["csv", "pdf"]


def test_a_place_that_cannot_be_written_is_said_and_nothing_changes(ctx, qtbot, tmp_path,
                                                                      monkeypatch):  # fmt: skip
    screen = TeamScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    settle(ctx, qtbot)
    (tmp_path / "a file").write_text("not a folder")
    target = tmp_path / "a file" / "ewaluacja.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(target), "")))
    panel = screen.evaluation
    panel.save("csv")
    qtbot.waitUntil(lambda: panel.status.text() != "Zapisywanie…", timeout=20_000)
    assert panel.status.text() == "Nie można zapisać pliku."
    assert (tmp_path / "a file").read_text() == "not a folder"
