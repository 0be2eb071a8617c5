"""After the coordinator is restored from a backup: which side went back is said truthfully,
and what the restored side lost is sent to it again (issue 8 §7)."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import func, select

from app.models import AuditEvent, Family
from app.models.hlc import format_stamp
from app.models.sync_state import SyncRow
from app.services import database, families
from app.sync import export, importer, status
from app.sync.apply import WARNING_AUDIT_FORK, WARNING_PEER_BACK, WARNING_ROLLBACK, warning_text
from app.sync.errors import BundleRefused
from tests.conftest import PASSPHRASE
from tests.sync.forge import dump_lines, open_parts, record_lines, reseal, resign
from tests.sync.helpers import (
    copy_db,
    dump_text,
    edit,
    exchange,
    introduce,
    make_device,
    unlock,
)


def _events_of(ws, device_id: str) -> tuple[int, int]:
    with ws.transaction() as s:
        row = s.execute(
            select(func.count(), func.max(AuditEvent.seq)).where(AuditEvent.device_id == device_id)
        ).one()
        return row[0], row[1] or 0


def test_restored_coordinator_gets_back_what_it_lost(ws, coordinator_ws, tmp_path):
    ops, coord = ws, coordinator_ws
    introduce(ops, coord)
    fam = families.register_family(
        ops, families.FamilyInput(gmina_code="2005092", locality="Narewka", phone="600 000 001")
    )
    exchange(ops, coord)
    exchange(coord, ops)
    backup = tmp_path / "co-backup.db"
    coord.vault.backup(backup)
    edit(ops, Family, fam.id, phone="600 000 002")  # reaches the coordinator after the backup
    exchange(ops, coord)
    exchange(coord, ops)
    path = coord.path
    coord.lock()
    copy_db(backup, path)
    for suffix in ("-wal", "-shm"):
        (path.parent / (path.name + suffix)).unlink(missing_ok=True)
    restored = unlock(path)
    try:
        edit(ops, Family, fam.id, notes="po przywróceniu")
        first = exchange(ops, restored)
        # the coordinator says it went back itself, and does not blame the OPS
        assert warning_text(WARNING_ROLLBACK) in first.warnings
        assert warning_text(WARNING_AUDIT_FORK) not in first.warnings
        [peer] = status.peer_statuses(restored)
        assert peer.warning != warning_text(WARNING_AUDIT_FORK)
        # its next bundle tells the OPS what it holds; the OPS sends everything again
        answer = exchange(restored, ops)
        assert warning_text(WARNING_PEER_BACK) in answer.warnings
        exchange(ops, restored)
        with restored.transaction() as s:
            row = s.get(Family, fam.id)
            assert (row.phone, row.notes) == ("600 000 002", "po przywróceniu")
        count, top = _events_of(restored, ops.device_id)
        assert count == top and top >= _events_of(ops, ops.device_id)[1] - 2
    finally:
        restored.lock()


def test_rows_relayed_before_the_restore_come_back_from_an_ops(ws, coordinator_ws, tmp_path):
    """The coordinator's own lost edit and another laptop's relayed edit come back in the OPS's
    resend (they were refused as forged, so sync stopped); a forged stamp newer than the restore
    is still refused."""
    a, coord = ws, coordinator_ws
    b = make_device(tmp_path / "b.db", "ops", "2005092", "GOPS Narewka", "Piotr Nowak")
    introduce(a, coord)
    introduce(b, coord)
    fam = families.register_family(
        a, families.FamilyInput(gmina_code="2005092", locality="Narewka", phone="600 000 001")
    )
    exchange(a, coord)
    exchange(coord, b)
    backup = tmp_path / "co-backup.db"
    coord.vault.backup(backup)
    edit(coord, Family, fam.id, notes="notatka koordynatora")  # lost by the restore
    edit(b, Family, fam.id, phone="600 000 002")  # relayed to A, lost by the restore
    edit(a, Family, fam.id, street="Leśna")
    exchange(b, coord)
    exchange(coord, a)
    exchange(a, coord)
    path = coord.path
    coord.lock()
    restored, _kept = database.restore_backup(backup, path, PASSPHRASE)
    try:
        for _round in range(3):
            for ops in (a, b):
                exchange(ops, restored)
                exchange(restored, ops)
        with restored.transaction() as s:
            row = s.get(Family, fam.id)
            assert (row.notes, row.phone, row.street) == (
                "notatka koordynatora",
                "600 000 002",
                "Leśna",
            )
        assert dump_text(a) == dump_text(b) == dump_text(restored)
        # after the restore, a stamp of another device newer than the restore is still forged
        with restored.transaction() as s:
            vv = s.scalar(select(SyncRow.vv).where(SyncRow.row_id == fam.id))
        edit(a, Family, fam.id, phone="666")
        parts = open_parts(export.export_bundle(a, restored.device_id).data, restored)
        lines = record_lines(parts)
        [line] = [x for x in lines if x["t"] == "family"]
        forged = format_stamp(int(time.time() * 1000) + 600_000, 0, b.device_id)
        line["r"]["version"], line["r"]["origin_device"] = forged, b.device_id
        line["v"] = sorted([s for s in json.loads(vv) if not s.endswith(b.device_id)] + [forged])
        line["s"] = {}
        data = reseal(resign(parts, a, records=dump_lines(lines)), restored)
        with pytest.raises(BundleRefused) as info:
            importer.import_bundle(restored, data)
        assert info.value.code == "foreign_stamp"
    finally:
        restored.lock()
        b.lock()
