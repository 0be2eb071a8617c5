"""The coordinator's scripting commands: teams, agreements, meetings, referrals, agenda, tasks."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from app import cli
from app.services import registry
from app.services.date_text import fmt_date
from tests.conftest import PASSPHRASE, ops_installation_with
from tests.pilot.helpers import make_pilot_case


@pytest.fixture
def cli_env(ws, monkeypatch):
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    return ["--db", str(ws.path)]


@ops_installation_with
def pilot(ws):
    """The pilot's case path, not closed (made once per worker: tests/conftest.py)."""
    return make_pilot_case(ws, close=False)


def run(cli_env, capsys, *args):
    try:
        code = cli.main([*cli_env, *args])
    except SystemExit as exit_:  # argparse's usage errors
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_teams_lists_both_levels_with_members(cli_env, pilot, capsys):
    code, out, _err = run(cli_env, capsys, "teams")
    assert code == 0
    assert "Wojewódzki Zespół Kooperacji (WZK): Wojewódzki Zespół" in out
    assert "Gminno-Powiatowy Zespół Kooperacji Narewka" in out
    assert "animatorzy: gmina Anna Kowalczyk; powiat Ewa Zawadzka" in out
    assert out.rstrip().endswith("2 zespoły")
    code, out, _err = run(cli_env, capsys, "teams", "--kind", "pzk", "--json")
    [team] = json.loads(out)
    assert team["id"] == pilot.pilot.pzk_id and len(team["members"]) == 12


def test_agreements_show_kind_and_sides(cli_env, pilot, capsys):
    code, out, _err = run(cli_env, capsys, "agreements", "--team", pilot.pilot.pzk_id)
    assert code == 0
    assert "porozumienie trójstronne" in out and "w imieniu powiatu" in out
    assert out.rstrip().endswith("2 porozumienia")
    code, out, _err = run(cli_env, capsys, "agreements", "--json")
    assert {a["kind"] for a in json.loads(out)} == {"wzk", "tripartite", "pzk"}


def test_meetings_and_referrals(cli_env, pilot, capsys):
    code, out, _err = run(cli_env, capsys, "meetings", "--team", pilot.pilot.pzk_id)
    assert code == 0 and "3 instytucje obecne" in out and out.rstrip().endswith("1 posiedzenie")
    code, out, _err = run(cli_env, capsys, "referrals", "--decision", "qualified")
    assert code == 0 and "SP Narewka" in out and "zgoda udzielona" in out
    assert out.rstrip().endswith("1 zgłoszenie")
    code, out, _err = run(cli_env, capsys, "referrals", "--decision", "pending", "--json")
    assert json.loads(out) == []


def test_agenda_and_tasks(cli_env, pilot, capsys, ws):
    later = (date.today() + timedelta(days=120)).isoformat()
    code, out, _err = run(cli_env, capsys, "agenda", "--team", pilot.pilot.pzk_id, "--on", later)
    assert code == 0 and "Termin oceny IPW" in out and pilot.case.plan_id not in out
    pup = pilot.case.institution_ids["pup"]
    code, out, _err = run(cli_env, capsys, "tasks", "--institution", pup, "--json")
    tasks = json.loads(out)
    assert [t["description"] for t in tasks] == ["Szkolenie zawodowe – kucharz"]
    # the school's task came from the meeting's decision, but the family's consent does not
    # name the school: it is not on the school's list
    school = pilot.pilot.pzk["SP Narewka"]
    code, out, _err = run(cli_env, capsys, "tasks", "--institution", school)
    assert code == 0 and out.strip() == "0 otwartych zadań"


def test_bad_arguments_give_polish_errors_and_exit_codes(cli_env, pilot, capsys):
    code, _out, err = run(cli_env, capsys, "agenda", "--team", pilot.pilot.pzk_id, "--on", "jutro")
    assert code == 2 and "RRRR-MM-DD" in err
    code, _out, err = run(cli_env, capsys, "agenda", "--team", "no-such-team")
    assert code == 5 and err.startswith("Błąd:")
    code, _out, err = run(cli_env, capsys, "tasks", "--institution", "no-such")
    assert code == 5


def test_listings_write_days_the_polish_way(cli_env, pilot, capsys, ws):
    """The meetings and referrals lists wrote their days as 2026-12-01 (``today`` did not)."""
    [meeting] = registry.list_meetings(ws, pilot.pilot.pzk_id)
    code, out, _err = run(cli_env, capsys, "meetings", "--team", pilot.pilot.pzk_id)
    assert code == 0 and fmt_date(meeting.held_on) in out
    assert not re.search(r"\d{4}-\d{2}-\d{2}", out)
    code, out, _err = run(cli_env, capsys, "referrals")
    assert code == 0 and "SP Narewka" in out
    assert not re.search(r"\d{4}-\d{2}-\d{2}", out)
