"""Moving away: a family handed over to a neighbouring gmina through the coordinator arrives whole
(including what the old OPS wrote before it knew), the old OPS keeps a read-only trace and sees
nothing of the new gmina's work; out of the powiat, the file is exported for the new OPS."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app import cli
from app.errors import ValidationError
from app.models import CASE_MODELS, Consent, Family, FamilyTransfer, Visit
from app.services import casefile, consents, deadlines, handover, search, visits
from app.services.setup import home_institution_id
from app.sync.rowstate import family_source
from tests.conftest import COORD_POWIAT, PASSPHRASE
from tests.pilot.helpers import make_pilot_case
from tests.sync.helpers import exchange, introduce, make_device

BIALOWIEZA = "2005022"


def case_counts(ws, family_id: str) -> dict[str, int]:
    """Live and tombstoned rows of every case table that belong to the family."""
    out = {}
    with ws.transaction() as s:
        for model in CASE_MODELS:
            source, family = family_source(model)
            n = s.scalar(select(func.count()).select_from(source).where(family == family_id))
            out[model.__tablename__] = n
    return out


@pytest.fixture
def powiat(ws, tmp_path):
    coord = make_device(tmp_path / "pcpr.db", "coordinator", COORD_POWIAT, "PCPR Hajnówka", "Ewa")
    other = make_device(tmp_path / "bialowieza.db", "ops", BIALOWIEZA, "GOPS Białowieża", "Jan")
    introduce(ws, coord)
    introduce(other, coord)
    pc = make_pilot_case(ws, close=False)
    exchange(ws, coord)
    exchange(coord, ws)  # the receipt: the coordinator is known to hold the family
    yield ws, coord, other, pc
    for w in (coord, other):
        if not w.locked:
            w.lock()


def _name_the_new_ops_in_the_consent(old, coord, new, consent_id: str) -> str:
    """Before the move the family's consent also names GOPS Białowieża (known to Narewka through
    the coordinator): lawful then, as Białowieża was not keeping the case."""
    exchange(new, coord)
    exchange(coord, old)
    there = home_institution_id("ops", BIALOWIEZA)
    consent = casefile.reload_family(old, consent_family(old, consent_id)).consents[0]
    ids = [r.institution_id for r in consent.recipients]
    consents.save_consent(
        old,
        consent.family_id,
        consents.ConsentInput(
            consent.signed_on, consent.person_id, consent.scope, institution_ids=[*ids, there]
        ),
        consent.id,
    )
    return there


def consent_family(ws, consent_id: str) -> str:
    with ws.transaction() as s:
        return s.get(Consent, consent_id).family_id


def test_the_family_moves_to_a_neighbouring_gmina_and_arrives_whole(powiat):
    old, coord, new, pc = powiat
    fid = pc.case.family_id
    there = _name_the_new_ops_in_the_consent(old, coord, new, pc.case.consent_id)
    exchange(old, coord)
    handover.transfer_family(
        coord, fid, handover.TransferInput(BIALOWIEZA, date.today(), "Przeprowadzka do matki.")
    )
    # the old OPS records a visit before it hears of the move: it must not be lost
    visits.save_visit(old, fid, visits.VisitInput(date.today(), purpose="Ostatnia wizyta"))
    exchange(old, coord)
    exchange(coord, new)
    expected = case_counts(coord, fid)
    assert expected["referral"] == 1 and expected["visit"] == 2
    assert case_counts(new, fid) == expected
    # Białowieża keeps the case now: its consent names it no more (it is the controller), on
    # the coordinator and on the new OPS; the other recipients stay
    for w in (coord, new):
        [consent] = casefile.reload_family(w, fid).consents
        named = {r.institution_id for r in consent.recipients}
        assert there not in named and len(named) == 2, w
    with new.transaction() as s:
        family = s.get(Family, fid)
        assert family.gmina_code == BIALOWIEZA and family.case_number.startswith(BIALOWIEZA)
        [moved] = s.scalars(select(FamilyTransfer)).all()
        assert moved.from_case_number.startswith("2005092/")

    # the old OPS gets the transfer record only; its file is a closed, read-only trace
    exchange(coord, old)
    with old.transaction() as s:
        assert s.get(Family, fid).gmina_code == "2005092"
        assert s.scalar(select(func.count()).select_from(FamilyTransfer)) == 1
    with pytest.raises(ValidationError, match="tylko do odczytu"):
        visits.save_visit(old, fid, visits.VisitInput(date.today(), purpose="x"))
    # nothing of it is due on the old OPS's Today screen any more; it is due at the new one
    later = date.today() + timedelta(days=400)
    assert [d for d in deadlines.collect(old, later) if d.family_id == fid] == []
    assert [d for d in deadlines.collect(new, later) if d.family_id == fid]
    # in the old OPS's Rodziny list it is a closed trace, named as handed over
    [row] = [r for r in search.search_families(old).rows if r.id == fid]
    assert row.status == "closed" and row.handed_over
    assert "przekazana" in row.status_label
    assert fid not in {r.id for r in search.search_families(old, status="plan").rows}
    assert fid in {r.id for r in search.search_families(old, status="closed").rows}
    assert fid not in {r.id for r in search.search_families(old, overdue_on=later).rows}
    [there] = [r for r in search.search_families(new).rows if r.id == fid]
    assert there.status != "closed" and not there.handed_over
    assert fid in {r.id for r in search.search_families(new, overdue_on=later).rows}

    # the new OPS's work never reaches the old one
    visits.save_visit(new, fid, visits.VisitInput(date.today(), purpose="Pierwsza wizyta"))
    exchange(new, coord)
    exchange(coord, old)
    with old.transaction() as s:
        purposes = set(s.scalars(select(Visit.purpose).where(Visit.family_id == fid)))
    assert "Pierwsza wizyta" not in purposes and "Ostatnia wizyta" in purposes


def test_only_the_coordinator_hands_over_and_only_within_the_powiat(powiat):
    old, coord, _new, pc = powiat
    fid = pc.case.family_id
    with pytest.raises(ValidationError, match="koordynatora"):
        handover.transfer_family(old, fid, handover.TransferInput(BIALOWIEZA, date.today()))
    with pytest.raises(ValidationError, match="poza powiatem"):
        handover.transfer_family(coord, fid, handover.TransferInput("1465011", date.today()))
    with pytest.raises(ValidationError):
        handover.transfer_family(coord, fid, handover.TransferInput("2005092", date.today()))
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError, match="między założeniem sprawy a dniem dzisiejszym"):
        handover.transfer_family(coord, fid, handover.TransferInput(BIALOWIEZA, tomorrow))
    assert handover.transfers(coord, fid) == []


def test_out_of_the_powiat_the_day_falls_between_the_opening_and_today(ws):
    """The same day rule as the handover within the powiat (one function for both)."""
    pc = make_pilot_case(ws, close=False)
    fid = pc.case.family_id
    with ws.transaction() as s:
        opened = s.get(Family, fid).opened_on
    for day in (date.today() + timedelta(days=1), opened - timedelta(days=1)):
        with pytest.raises(ValidationError, match="między założeniem sprawy a dniem dzisiejszym"):
            handover.export_out_of_powiat(ws, fid, day, "1465011")
    assert handover.transfers(ws, fid) == []


def test_out_of_the_powiat_the_file_is_exported_for_the_new_ops(ws, tmp_path, monkeypatch):
    pc = make_pilot_case(ws, close=False)
    fid = pc.case.family_id
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "akta.json"
    code = cli.main(
        [
            "--db",
            str(ws.path),
            "handover",
            "export",
            "--family",
            fid,
            "--to",
            "1465011",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "kooperacja-family-handover"
    counts = {t: len(rows) for t, rows in data["tables"].items()}
    assert counts["person"] == 3 and counts["referral"] == 1 and counts["workshop_participant"] == 4
    assert counts["goal"] == 2 and counts["family_transfer"] == 1
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    with ws.transaction() as s:
        assert s.get(Family, fid).status == "closed"
    with pytest.raises(ValidationError):  # the trace is read-only now
        visits.save_visit(ws, fid, visits.VisitInput(date.today(), purpose="x"))
