"""``kooperacja rodo …`` in-process with a real database file: exit codes and output."""

from __future__ import annotations

import json

import pytest

from app import cli
from tests.conftest import PASSPHRASE


@pytest.fixture
def locked_case(ws, family_case, monkeypatch):
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    path = str(ws.path)
    ws.lock()
    return path, family_case


def test_erase_needs_yes_then_erases_and_lists(locked_case, capsys):
    path, case = locked_case
    base = ["--db", path, "rodo"]
    assert cli.main([*base, "erase", "--family", case.family_id, "--reason", "request"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert cli.main([*base, "erasures", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    code = cli.main([*base, "erase", "--family", case.family_id, "--reason", "request", "--yes"])
    assert code == 0
    assert "usunięt" in capsys.readouterr().out.lower()
    assert cli.main([*base, "erasures", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["reason"] == "request" and row["devices"] == []
    assert (
        cli.main([*base, "erase", "--family", case.family_id, "--reason", "request", "--yes"]) == 5
    )
    assert cli.main(["--db", path, "check"]) == 0


def test_erase_refuses_an_unknown_reason(locked_case, capsys):
    path, case = locked_case
    code = cli.main(["--db", path, "rodo", "erase", "--family", case.family_id, "--reason", "x"])
    assert code == 2  # a usage error: argparse's refusal, said in Polish
    assert "Błąd" in capsys.readouterr().err


def test_basis_shows_and_sets(locked_case, capsys):
    path, _case = locked_case
    assert cli.main(["--db", path, "rodo", "basis"]) == 0
    assert "wszystkie sprawy gminy" in capsys.readouterr().out
    assert cli.main(["--db", path, "rodo", "basis", "--set", "consent"]) == 0
    assert "tylko rodziny" in capsys.readouterr().out


def test_erase_one_person_from_the_command_line(locked_case, capsys):
    from app.models import Family, Person
    from app.services import setup

    path, case = locked_case
    base = ["--db", path, "rodo", "erase"]
    both = [*base, "--family", case.family_id, "--person", case.father_id, "--reason", "law"]
    assert cli.main([*both, "--yes"]) == 2  # one or the other, not both
    capsys.readouterr()
    assert cli.main([*base, "--person", case.father_id, "--reason", "law", "--yes"]) == 0
    assert "usunięt" in capsys.readouterr().out.lower()
    ws = setup.open_workspace(path, PASSPHRASE)
    try:
        with ws.transaction() as s:
            assert s.get(Person, case.father_id) is None
            assert s.get(Family, case.family_id) is not None
    finally:
        ws.lock()
