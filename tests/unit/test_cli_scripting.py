"""Scriptable where a coordinator would script: ``today`` is the deadline engine's list (moved
dates included), ``--family`` takes a case number, and what the CLI prints is Polish."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from app import cli
from app.services import deadlines
from tests.conftest import PASSPHRASE


@pytest.fixture
def run(capsys, monkeypatch):
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)

    def go(*args: object, code: int = 0) -> str:
        assert cli.main([str(a) for a in args]) == code, capsys.readouterr().err
        return capsys.readouterr().out

    return go


def test_today_json_is_what_the_deadline_engine_says(ws, family_case, run):
    day = date.today() + timedelta(days=200)
    expected = deadlines.collect(ws, day, 60)
    assert expected  # a case with a plan has reviews due within 200 days
    ws.lock()
    rows = json.loads(
        run("--db", ws.path, "today", "--json", "--date", day.strftime("%d.%m.%Y"), "--days", "60")
    )
    assert [(r["kind"], r["due_on"], r["record_id"]) for r in rows] == [
        (d.kind.value, d.due_on.isoformat(), d.record_id) for d in expected
    ]
    assert all(r["overdue"] == (r["due_on"] < day.isoformat()) for r in rows)
    text = run("--db", ws.path, "today", "--date", day.isoformat(), "--days", "60")
    assert "zaległe" in text or "termin" in text


def test_family_by_case_number(ws, family_case, run, tmp_path):
    from app.models import Family

    with ws.transaction() as s:
        number = s.get(Family, family_case.family_id).case_number
    ws.lock()
    run("--db", ws.path, "print", "diagnosis", "--family", number, "-o", tmp_path / "d.pdf")
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")


def test_keys_show_translates_the_role(ws, run):
    ws.lock()
    out = run("--db", ws.path, "keys", "show")
    assert "Rola: pracownik socjalny OPS" in out and "Rola: ops" not in out


def test_argument_errors_are_polish(run, capsys):
    assert cli.main(["families", "--status", "x"]) == 2
    err = capsys.readouterr().err
    assert "użycie:" in err and "nieznany status" in err and "usage:" not in err
    assert cli.main(["print"]) == 2
    assert "wymagane są argumenty" in capsys.readouterr().err
