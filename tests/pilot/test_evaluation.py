"""The powiat's evaluation: what it counts (exact with suppression off), that small cells are
suppressed by default, and the CSV and PDF through the CLI."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from app import cli
from app.services import evaluation, families, referrals
from app.services.evaluation import months_between
from tests.conftest import PASSPHRASE, ops_installation_with
from tests.pilot.helpers import make_pilot_case
from tests.printing import pdfcheck


@ops_installation_with
def pc(ws):
    """The pilot's case path and a second family not qualified (made once per worker)."""
    pc = make_pilot_case(ws)
    # a second family: referred by the police, not qualified
    other = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    r = referrals.save_referral(
        ws,
        other.id,
        referrals.ReferralInput(
            referred_on=date.today(),
            institution_id=pc.pilot.pzk["Policja Narewka"],
            reason="Interwencja.",
        ),
    )
    referrals.decide_referral(
        ws, r.id, referrals.DecisionInput("not_qualified", date.today(), "Brak zgody.")
    )
    return pc


def table(stats, key):
    return next(t for t in stats.tables if t.key == key)


def test_the_evaluation_counts_the_case_path(ws, pc):
    stats = evaluation.collect(ws, min_cell=0)
    [path] = table(stats, "path").rows
    assert path == ["Narewka (2005092)", 2, 1, 1, 1]
    [outcome] = table(stats, "outcome").rows
    assert outcome[1:] == [1, 0, 1, 0, 0]  # one completed IPW, goals partly achieved
    assert table(stats, "outcome").columns[3] == "cele osiągnięte częściowo"
    [months] = table(stats, "months").rows
    assert months[1] == 1 and sum(months[2:]) == 1
    institutions = {r[0]: r[1:] for r in table(stats, "institution").rows}
    assert institutions["Szkoła Podstawowa w Narewce"] == [1, 1, 0, 0, 0]
    assert institutions["Powiatowy Urząd Pracy w Hajnówce"][0] == 1
    assert table(stats, "meetings").rows == [["Gminno-Powiatowy Zespół Kooperacji Narewka", 1]]


def test_small_counts_are_suppressed_by_default(ws, pc):
    stats = evaluation.collect(ws)
    [path] = table(stats, "path").rows
    assert path[1:] == ["<5", "<5", "<5", "<5"]
    text = repr([t.rows for t in stats.tables])
    for personal in ("Grażyna", "Łęck", "2005092/2026", "85030484082", "Leśna"):
        assert personal not in text


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2026, 1, 31), date(2026, 2, 28), 0),
        (date(2026, 1, 15), date(2026, 11, 15), 10),
        (date(2025, 3, 1), date(2026, 2, 28), 11),
        (date(2026, 5, 5), date(2026, 5, 1), 0),
    ],
)
def test_months_between(start, end, months):
    assert months_between(start, end) == months


def test_cli_writes_csv_and_pdf(ws, pc, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    env = ["--db", str(ws.path)]
    out = tmp_path / "ewaluacja.csv"
    assert cli.main([*env, "evaluation", "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows[0]) == 4
    tables = {r[0] for r in rows[1:]}
    assert "Posiedzenia zespołów" in tables and "Rodziny na ścieżce pracy" in tables
    path = [r for r in rows if r[0] == "Rodziny na ścieżce pracy"]
    assert {r[1] for r in path} == {"Narewka (2005092)"}
    assert {r[2]: r[3] for r in path}["Zgłoszone"] == "<5"
    pdf = tmp_path / "ewaluacja.pdf"
    assert cli.main([*env, "evaluation", "--format", "pdf", "-o", str(pdf)]) == 0
    text = " ".join(pdfcheck.page_texts(pdf.read_bytes()))
    assert "Ewaluacja pilotażu Modelu Kooperacji" in text and "<5" in text
    assert "Grażyna" not in text
