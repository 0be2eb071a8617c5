"""After the coordinator is restored from a backup: which side went back is said truthfully,
and what the restored side lost is sent to it again (issue 8 §7)."""

from __future__ import annotations

from sqlalchemy import func, select

from app.models import AuditEvent, Family
from app.services import families
from app.sync import status
from app.sync.apply import WARNING_AUDIT_FORK, WARNING_PEER_BACK, WARNING_ROLLBACK, warning_text
from tests.sync.helpers import copy_db, edit, exchange, introduce, unlock


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
