"""Hostile erasure notices and receipts: a signed bundle from a registered peer is still not
trusted to erase a case it has no say over (issue 14 §3; "trust nothing that crosses an edge").

* an OPS of another gmina signs a valid notice for our family: refused, the case stays;
* a notice claiming the coordinator as its origin but not signed by it: refused;
* a forged receipt for our erasure: dropped, the device still shows as not confirmed.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.models import ErasureNotice, ErasureReceipt, Family, utcnow
from app.services.rodo import erasure, status
from app.services.rodo.notices import receipt_id
from app.sync import export, importer
from tests.factories import make_full_case
from tests.sync.helpers import exchange, introduce, make_device


@pytest.fixture
def devices(tmp_path):
    ops = make_device(tmp_path / "ops.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    other = make_device(tmp_path / "o.db", "ops", "2005032", "GOPS Czeremcha", "Jan Nowak")
    coord = make_device(tmp_path / "c.db", "coordinator", "2005", "PCPR Hajnówka", "Ewa Z.")
    introduce(ops, other)
    introduce(ops, coord)
    yield ops, other, coord
    for w in (ops, other, coord):
        w.lock()


def _forge_notice(ws, family_id: str, origin: str, *, sign: bool) -> None:
    with ws.transaction() as s:
        notice = ErasureNotice(
            family_digest=erasure.digest(family_id),
            origin=origin,
            erased_at=utcnow(),
            reason="request",
            holders="[]",
        )
        s.add(notice)
        s.flush()
        notice.signature = (
            erasure.sign(s, erasure.notice_message(erasure.notice_record(notice)))
            if sign
            else "00" * 64
        )


def _families(ws) -> int:
    with ws.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(Family)) or 0)


def test_a_notice_from_another_gminas_ops_is_refused(devices):
    ops, other, _coord = devices
    case = make_full_case(ops)
    _forge_notice(other, case.family_id, other.device_id, sign=True)
    result = importer.import_bundle(ops, export.export_bundle(other, ops.device_id).data)
    assert any("odrzucono 1 zawiadomienie" in w.lower() for w in result.warnings)
    assert _families(ops) == 1
    with ops.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ErasureNotice)) == 0


def test_a_notice_not_signed_by_its_claimed_origin_is_refused(devices):
    ops, other, coord = devices
    case = make_full_case(ops)
    _forge_notice(other, case.family_id, coord.device_id, sign=False)
    result = importer.import_bundle(ops, export.export_bundle(other, ops.device_id).data)
    assert any("odrzucono" in w.lower() for w in result.warnings)
    assert _families(ops) == 1


def test_a_forged_receipt_does_not_count_as_confirmation(devices):
    ops, other, coord = devices
    case = make_full_case(ops)
    exchange(ops, coord)
    done = erasure.erase_family(ops, case.family_id, "request")
    with other.transaction() as s:  # "the coordinator confirms", written by another device
        s.add(
            ErasureReceipt(
                id=receipt_id(done.erasure_id, coord.device_id),
                erasure_id=done.erasure_id,
                device_id=coord.device_id,
                confirmed_at=utcnow(),
                forwarded_to=json.dumps([]),
                signature="11" * 64,
            )
        )
    importer.import_bundle(ops, export.export_bundle(other, ops.device_id).data)
    [row] = status.list_erasures(ops)
    assert [d.device_id for d in row.pending] == [coord.device_id]
