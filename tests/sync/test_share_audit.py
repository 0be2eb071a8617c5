"""The audit of sharing (issue 14 §4 with §1): who received a family's data, without a year of
weekly bundles writing one entry per family per bundle.

Every bundle that carries a family to a recipient must leave the recipient findable in the
audit log (the subject-access report lists it).  Repeating it for every weekly bundle wrote
26,000 entries a year for a gmina of 500 families (bench/audit_growth.py), each travelling to
the coordinator too.  So a family's sharing with one recipient is written once per calendar
month (UTC): the first bundle of the month that carries it.  A new recipient, or a new month,
is written again.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.models import AuditEvent, Family
from app.services import audit
from app.services.rodo import access, sharing
from tests.factories import make_full_case
from tests.sync.helpers import edit, exchange, narewka_and_hajnowka


@pytest.fixture
def pair(tmp_path):
    with narewka_and_hajnowka(tmp_path) as devices:
        yield devices


def _shares(ws, family_id: str) -> list[AuditEvent]:
    with ws.transaction() as s:
        return list(
            s.scalars(
                select(AuditEvent)
                .where(AuditEvent.action == "share", AuditEvent.family_id == family_id)
                .order_by(AuditEvent.seq)
            )
        )


def test_one_share_entry_per_family_recipient_and_month(pair, monkeypatch):
    ops, coord = pair
    case = make_full_case(ops)
    other = make_full_case(ops)
    exchange(ops, coord)
    exchange(coord, ops)
    for week in range(3):  # weekly bundles within the month
        edit(ops, Family, case.family_id, notes=f"tydzień {week}")
        assert exchange(ops, coord).records >= 1
        exchange(coord, ops)
    [first] = _shares(ops, case.family_id)
    assert first.detail == coord.device_id
    assert len(_shares(ops, other.family_id)) == 1

    # the next month: the family carried again is written again, the other one is not
    now = datetime.now(UTC)
    next_month = datetime(now.year + now.month // 12, now.month % 12 + 1, 2, tzinfo=UTC)
    monkeypatch.setattr(sharing, "utcnow", lambda: next_month)
    edit(ops, Family, case.family_id, notes="nowy miesiąc")
    exchange(ops, coord)
    assert len(_shares(ops, case.family_id)) == 2
    assert len(_shares(ops, other.family_id)) == 1

    report = access.subject_access(ops, case.mother_id)
    assert [r.recipient for r in report.recipients if r.kind == "share"] == ["PCPR Hajnówka"] * 2
    with ops.transaction() as s:
        assert audit.verify_chain(s) == []
        assert s.scalar(select(func.count()).select_from(AuditEvent)) > 0
    with coord.transaction() as s:
        assert audit.verify_chain(s) == []  # the batched entries chain as single ones do


def test_the_coordinators_bundles_to_each_ops_are_recorded_too(pair):
    ops, coord = pair
    case = make_full_case(ops)
    exchange(ops, coord)
    edit(coord, Family, case.family_id, notes="koordynator")
    exchange(coord, ops)
    [entry] = _shares(coord, case.family_id)
    assert entry.detail == ops.device_id and entry.entity == "bundle"
