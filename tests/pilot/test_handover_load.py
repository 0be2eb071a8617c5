"""A family that moves out of the powiat: the old OPS exports its whole file, the new OPS (another
powiat) loads it with ``kooperacja load --json`` — every record arrives, the case gets the new
gmina and a case number of its own, the institutions it refers to come with it, and the file
goes through the same validation as any ``load``: a tampered or misdirected file changes
nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from app.models import CASE_MODELS, Family, Institution
from app.services import casefile, handover
from app.sync.rowstate import family_source
from tests.cli_runner import run_cli
from tests.conftest import PASSPHRASE
from tests.pilot.helpers import make_pilot_case
from tests.sync.helpers import make_device

WARSZAWA = "1465011"
ENV = {"KOOPERACJA_PASSPHRASE": PASSPHRASE}


def counts(ws, family_id: str) -> dict[str, int]:
    out = {}
    with ws.transaction() as s:
        for model in CASE_MODELS:
            source, family = family_source(model)
            out[model.__tablename__] = s.scalar(
                select(func.count()).select_from(source).where(family == family_id)
            )
    return out


@pytest.fixture
def moved(ws, tmp_path):
    pc = make_pilot_case(ws)
    fid = pc.case.family_id
    out = tmp_path / "teczka.json"
    handover.export_out_of_powiat(ws, fid, date.today(), WARSZAWA, "Przeprowadzka.", out)
    new = make_device(tmp_path / "warszawa.db", "ops", WARSZAWA, "OPS Warszawa", "Ola")
    new.lock()
    yield ws, new, fid, out


def load(new, path) -> tuple[int, str]:
    r = run_cli(["--db", str(new.path), "load", "--json", str(path)], ENV)
    return r.returncode, r.stdout + r.stderr


def reopen(new):
    from app.services import setup

    return setup.open_workspace(new.path, PASSPHRASE)


def test_the_new_ops_loads_the_whole_file(moved):
    old, new, fid, out = moved
    expected = counts(old, fid)
    code, text = load(new, out)
    assert code == 0, text
    ws = reopen(new)
    try:
        assert counts(ws, fid) == expected
        with ws.transaction() as s:
            family = s.get(Family, fid)
            assert family.gmina_code == WARSZAWA
            assert family.case_number.startswith(f"{WARSZAWA}/")
            institutions = {i.short_name for i in s.scalars(select(Institution))}
        assert {"SP Narewka", "PUP Hajnówka"} <= institutions
        ff = casefile.reload_family(ws, fid)
        assert not ff.is_handover_trace
        assert ff.transfers[0].from_case_number.startswith("2005092/")
        assert ff.referrals[0].institution.short_name == "SP Narewka"
    finally:
        ws.lock()
    r = run_cli(["--db", str(new.path), "check"], ENV)
    assert r.returncode == 0, r.stdout + r.stderr


def tampered(out, tmp_path, change) -> object:
    data = json.loads(out.read_text("utf-8"))
    change(data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), "utf-8")
    return bad


def _other_family(data) -> None:
    data["tables"]["visit"][0]["family_id"] = "someone-else"


def _bad_status(data) -> None:
    data["tables"]["visit"][0]["status"] = "teleported"


def _for_another_gmina(data) -> None:
    data["tables"]["family_transfer"][0]["to_gmina_code"] = "1465028"


def _unknown_table(data) -> None:
    data["tables"]["device_secret"] = []


def _second_family(data) -> None:
    twin = dict(data["tables"]["family"][0], id="another-family")
    data["tables"]["family"].append(twin)


def _names_the_new_ops(data) -> None:
    """The loading OPS keeps the case once it is loaded: a consent cannot name it then."""
    from app.services.setup import home_institution_id

    data["tables"]["consent_recipient"][0]["institution_id"] = home_institution_id("ops", WARSZAWA)


@pytest.mark.parametrize(
    "change",
    [
        _other_family,
        _bad_status,
        _for_another_gmina,
        _unknown_table,
        _second_family,
        _names_the_new_ops,
    ],
)
def test_a_tampered_or_misdirected_file_changes_nothing(moved, tmp_path, change):
    _old, new, fid, out = moved
    code, text = load(new, tampered(out, tmp_path, change))
    assert code == 4, text
    assert "Błąd:" in text and "Traceback" not in text
    ws = reopen(new)
    try:
        with ws.transaction() as s:
            assert s.scalar(select(func.count()).select_from(Family)) == 0
    finally:
        ws.lock()


def test_the_same_file_twice_and_within_the_powiat_are_refused(moved, tmp_path):
    old, new, fid, out = moved
    assert load(new, out)[0] == 0
    code, text = load(new, out)
    assert code == 4 and "już" in text, text
    # a neighbouring gmina of the same powiat gets the family through the coordinator instead
    near = make_device(tmp_path / "bialowieza.db", "ops", "2005022", "GOPS Białowieża", "Jan")
    near.lock()
    data = json.loads(out.read_text("utf-8"))
    data["tables"]["family_transfer"][0]["to_gmina_code"] = ""
    path = tmp_path / "near.json"
    path.write_text(json.dumps(data), "utf-8")
    code, text = load(near, path)
    assert code == 4 and "koordynatora" in text, text
