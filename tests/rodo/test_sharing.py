"""Consent gates sharing (issue 14 §1): real bundles from an OPS to the coordinator.

With the OPS's setting "consent", a family whose consent in force does not name the
coordinator's institution travels in no bundle, and the worker is told how many families were
withheld and why; once a consent names the coordinator it travels; a withdrawal sends the consent
records only (the coordinator is told) and nothing else of the family afterwards.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import Consent, Family, Person, Visit
from app.services import consents, visits
from app.services.rodo import sharing
from app.services.setup import home_institution_id
from app.sync import export, importer
from app.sync.rowstate import CASE_TABLES
from tests.factories import make_full_case
from tests.sync.helpers import exchange, introduce, make_device


@pytest.fixture
def pair(tmp_path):
    ops = make_device(tmp_path / "ops.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    coord = make_device(
        tmp_path / "pcpr.db", "coordinator", "2005", "PCPR Hajnówka", "Ewa Zawadzka"
    )
    introduce(ops, coord)
    exchange(coord, ops)  # the registry, with the PCPR's own institution
    yield ops, coord
    for w in (ops, coord):
        if not w.locked:
            w.lock()


def _count(ws, model) -> int:
    with ws.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_statute_basis_sends_the_case(pair):
    ops, coord = pair
    make_full_case(ops)
    assert sharing.get_basis(ops) == "statute"
    result = export.export_bundle(ops, coord.device_id)
    assert result.withheld == {}
    importer.import_bundle(coord, result.data)
    assert _count(coord, Family) == 1


def test_consent_basis_withholds_then_shares_then_withdrawal_stops(pair):
    ops, coord = pair
    case = make_full_case(ops)
    sharing.set_basis(ops, "consent")

    result = export.export_bundle(ops, coord.device_id)
    assert result.withheld == {"no_consent": 1}
    assert "Wstrzymano" in result.message and "1 rodzin" in result.message
    assert not any(t in result.counts for t in ("family", "person", "visit", "consent"))
    importer.import_bundle(coord, result.data)
    assert _count(coord, Family) == _count(coord, Person) == 0

    pcpr = home_institution_id("coordinator", "2005")
    consent = consents.save_consent(
        ops,
        case.family_id,
        consents.ConsentInput(signed_on=date.today(), scope="dane do IPW", institution_ids=[pcpr]),
    )
    result = export.export_bundle(ops, coord.device_id)
    assert result.withheld == {}
    importer.import_bundle(coord, result.data)
    assert _count(coord, Family) == 1 and _count(coord, Person) == 3
    exchange(coord, ops)  # its receipt: the OPS knows what the coordinator holds

    consents.withdraw_consent(ops, consent.id, date.today(), "")
    visits.save_visit(
        ops,
        case.family_id,
        visits.VisitInput(visit_on=date.today(), purpose="Wizyta po wycofaniu zgody"),
    )
    result = export.export_bundle(ops, coord.device_id)
    assert result.withheld == {"withdrawn": 1}
    assert set(result.counts) & CASE_TABLES <= {"consent", "consent_recipient"}
    assert result.counts.get("consent") == 1
    got = importer.import_bundle(coord, result.data)
    assert any("wycofano 1 zgodę" in w.lower() for w in got.warnings)
    with coord.transaction() as s:
        row = s.get(Consent, consent.id)
        assert row is not None and row.withdrawn_on == date.today()
        assert (
            s.scalar(
                select(func.count()).select_from(Visit).where(Visit.purpose.like("%wycofaniu%"))
            )
            == 0
        )
    exchange(coord, ops)
    assert export.pending_changes(ops, coord.device_id).records == 0  # the visit waits for no one


def test_unknown_basis_is_refused(pair):
    ops, _coord = pair
    with pytest.raises(ValidationError):
        sharing.set_basis(ops, "everything")
    assert sharing.get_basis(ops) == "statute"
