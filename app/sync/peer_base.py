"""The peer's base: the version of each row the peer is known to hold.

Receipts raise it (what a bundle of ours carried, once the peer acknowledges the bundle) and so
does every row the peer sends (``merge_base``); the export sends only what is newer than the base.
A receipt for a bundle this database never made means it was restored from an older copy.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from app.models import utcnow
from app.models.sync_state import SyncBase, SyncPeer, SyncSent, SyncSentRow
from app.services.records import table_of
from app.sync.import_values import WARNING_ROLLBACK, ImportResult, warning_text
from app.sync.stamps import VV, vv_dumps, vv_loads, vv_merge


def apply_acks(
    s: Session, peer: SyncPeer, acks: list[dict[str, Any]], result: ImportResult
) -> list[int]:
    """Receipts: bundles of ours the sender imported; what they carried becomes its base."""
    done: list[int] = []
    # One statement for every receipt (a manifest carries up to MAX_ACKS of them), not one each.
    ours = {
        sent.seq: sent
        for sent in s.scalars(
            select(SyncSent).where(
                SyncSent.peer == peer.device_id, SyncSent.seq.in_([a["seq"] for a in acks])
            )
        )
    }
    for a in sorted(acks, key=lambda a: a["seq"]):
        sent = ours.get(a["seq"])
        if sent is None or sent.bundle_id != a["bundle_id"]:
            if a["seq"] >= (peer.out_seq or 0):
                # The peer holds bundles of ours this database never made (or made otherwise,
                # e.g. a bundle of the restored copy it refused as a replay): it was restored
                # from an older copy.  Jump past them (a gap, not a broken chain, for the peer).
                peer.out_seq = a["seq"] + 1
                peer.out_hash = ""
                peer.warning = WARNING_ROLLBACK
                if warning_text(WARNING_ROLLBACK) not in result.warnings:
                    result.warnings.append(warning_text(WARNING_ROLLBACK))
            continue
        if sent.acked_at is None:
            sent.acked_at = utcnow()
            sent.ack_records, sent.ack_conflicts = a["records"], a["conflicts"]
            _sent_rows_to_base(s, peer.device_id, sent.seq)
            peer.audit_acked = max(peer.audit_acked or 0, sent.audit_seq)
            peer.conflicts_acked = max(peer.conflicts_acked or 0, sent.conflict_rev or 0)
            if sent.seq > (peer.acked_seq or 0):
                peer.acked_seq = sent.seq
                peer.acked_at = sent.acked_at
            done.append(sent.seq)
    if peer.acked_seq:
        s.execute(
            delete(SyncSentRow).where(
                SyncSentRow.peer == peer.device_id, SyncSentRow.seq <= peer.acked_seq
            )
        )
    return done


def _sent_rows_to_base(s: Session, peer: str, seq: int) -> None:
    by_table: dict[str, dict[str, VV]] = defaultdict(dict)
    for tbl, row_id, vv in s.execute(
        select(SyncSentRow.tbl, SyncSentRow.row_id, SyncSentRow.vv).where(
            SyncSentRow.peer == peer, SyncSentRow.seq == seq
        )
    ):
        by_table[tbl][row_id] = vv_loads(vv)
    for tbl, rows in by_table.items():
        merge_base(s, peer, tbl, rows)


def merge_base(s: Session, peer: str, tbl: str, rows: dict[str, VV]) -> None:
    """Raise the peer's base of these rows to (at least) the given version vectors."""
    ids = list(rows)
    existing: dict[str, VV] = {}
    for i in range(0, len(ids), 500):
        for row_id, stored in s.execute(
            select(SyncBase.row_id, SyncBase.vv).where(
                SyncBase.peer == peer, SyncBase.tbl == tbl, SyncBase.row_id.in_(ids[i : i + 500])
            )
        ):
            existing[row_id] = vv_loads(stored)
    inserts, updates = [], []
    for row_id, vv in rows.items():
        if row_id in existing:
            merged = vv_merge(existing[row_id], vv)
            if merged != existing[row_id]:
                updates.append(
                    {"b_peer": peer, "b_tbl": tbl, "b_row": row_id, "vv": vv_dumps(merged)}
                )
        else:
            inserts.append({"peer": peer, "tbl": tbl, "row_id": row_id, "vv": vv_dumps(vv)})
    if inserts:
        for i in range(0, len(inserts), 5000):
            s.execute(insert(table_of(SyncBase)), inserts[i : i + 5000])
    if updates:
        s.execute(
            update(table_of(SyncBase))
            .where(
                and_(
                    SyncBase.__table__.c.peer == bindparam("b_peer"),
                    SyncBase.__table__.c.tbl == bindparam("b_tbl"),
                    SyncBase.__table__.c.row_id == bindparam("b_row"),
                )
            )
            .values(vv=bindparam("vv")),
            updates,
        )
