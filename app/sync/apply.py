"""Step 8 of an import: the one write transaction that applies a checked bundle.

Receipts first (what the sender acknowledges becomes its base), then the records merged table by
table in parent-first order (``app.sync.merge``), new conflicts into the inbox, the sender's audit
events, key rotation and revocations, the peer's counters, and this device's own audit entry.

This module holds the transaction and its order; the parts live in ``peer_base`` (receipts and
the peer's base), ``apply_records`` (the records), ``peer_keys`` (rotation and revocations) and
``import_values`` (``Checked``, ``ImportResult`` and the warnings' wording, re-exported here).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.models import AuditEvent, Device, utcnow
from app.models.sync_state import SyncBase, SyncPeer, SyncReceived
from app.services import audit
from app.services.records import table_of
from app.services.rodo import notices
from app.services.workspace import Workspace
from app.sync import conflict_sync, went_back
from app.sync.apply_records import merge_records
from app.sync.errors import refused
from app.sync.import_values import (
    WARNING_AUDIT_FORK,
    WARNING_PEER_BACK,
    WARNING_ROLLBACK,
    Checked,
    ImportResult,
    warning_text,
)
from app.sync.peer_base import apply_acks
from app.sync.peer_keys import apply_keys, apply_revocations, peer_knows_our_key
from app.sync.rowstate import refresh

__all__ = [
    "MAX_MISSING_KEPT",
    "WARNING_AUDIT_FORK",
    "WARNING_PEER_BACK",
    "WARNING_ROLLBACK",
    "Checked",
    "ImportResult",
    "apply_checked",
    "warning_text",
]

MAX_MISSING_KEPT = 50


def apply_checked(ws: Workspace, c: Checked) -> ImportResult:
    m = c.manifest
    result = ImportResult(
        "imported",
        c.sender,
        c.sender_name,
        m["seq"],
        m["bundle_id"],
        records=len(c.records),
        audit_events=len(c.audit_events),
        missing=c.missing,
    )
    with ws.transaction() as s:
        s.info["applying_sync"] = True
        peer = s.get(SyncPeer, c.sender)
        if peer is None:
            peer = SyncPeer(device_id=c.sender)
            s.add(peer)
            s.flush()
        if s.get(SyncReceived, m["bundle_id"]) is not None or m["seq"] <= (peer.in_seq or 0):
            raise refused("older_seq", seq=m["seq"], device=c.sender, last=peer.in_seq)
        refresh(s, ws.device_id, ws.clock.tick)
        forgotten = went_back.lost_receipts(s, peer, m["acks"])
        result.acknowledged = apply_acks(s, peer, m["acks"], result)
        lost_audit = went_back.audit_went_down(s, peer, m["audit_held"])
        if forgotten or c.sender_restored or lost_audit:
            _peer_went_back(s, peer, min(m["audit_held"], peer.audit_acked or 0), result)
        c.records, gated = notices.gate(
            s, ws, c.sender, m["sender"]["role"], c.records, c.audit_events
        )
        result.warnings += notices.messages(gated)
        changed, conflicts = merge_records(s, c)
        received, result.replaced_values = conflict_sync.apply_incoming(
            s, ws.device_id, c.sender, m["bundle_id"], c.conflicts
        )
        conflicts += received
        result.changed, result.conflicts = changed, conflicts
        _insert_audit(s, c.sender, c.audit_events)
        if c.audit_forked:
            peer.warning = WARNING_AUDIT_FORK
            result.warnings.append(warning_text(WARNING_AUDIT_FORK))
        device = s.get(Device, c.sender)
        assert device is not None
        apply_keys(s, device, peer, c)
        peer_knows_our_key(s, peer, m["recipient"]["key"])
        if m["sender"]["role"] == "coordinator":
            apply_revocations(s, c.sender, m["revocations"], ws.device_id)
        missing = json.loads(peer.missing) if peer.missing else []
        peer.missing = json.dumps((missing + c.missing)[-MAX_MISSING_KEPT:])
        peer.in_seq = m["seq"]
        peer.in_hash = c.manifest_hash
        peer.in_at = utcnow()
        s.add(
            SyncReceived(
                bundle_id=m["bundle_id"],
                sender=c.sender,
                seq=m["seq"],
                manifest_hash=c.manifest_hash,
                created_at=_parse_time(m["created_at"]),
                imported_at=utcnow(),
                records=len(c.records),
                conflicts=conflicts,
                full=m["full"],
            )
        )
        audit.record(s, "sync_import", "bundle", m["bundle_id"], detail=f"{c.sender} #{m['seq']}")
        s.flush()
    return result


def _peer_went_back(s: Session, peer: SyncPeer, audit_held: int, result: ImportResult) -> None:
    """The peer lacks audit events it had acknowledged: its database went back to an older
    copy (a restored backup).  Send it everything again: the audit events from what it holds,
    and every row (its base here is forgotten; the merge makes the repeat harmless)."""
    peer.audit_acked = audit_held
    peer.conflicts_acked = 0
    s.execute(delete(SyncBase).where(SyncBase.peer == peer.device_id))
    peer.warning = WARNING_PEER_BACK
    result.warnings.append(warning_text(WARNING_PEER_BACK))


def _parse_time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _insert_audit(s: Session, sender: str, events: list[dict[str, Any]]) -> None:
    if not events:
        return
    have = set(
        s.scalars(
            select(AuditEvent.seq).where(
                AuditEvent.device_id == sender,
                AuditEvent.seq.in_([e["seq"] for e in events]),
            )
        )
    )
    new = [e for e in events if e["seq"] not in have]
    for i in range(0, len(new), 2000):
        s.execute(insert(table_of(AuditEvent)), new[i : i + 2000])
