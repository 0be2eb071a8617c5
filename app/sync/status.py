"""Sync status per peer: last bundle sent and received, receipts, missing bundles, conflicts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from app.models import Device
from app.models.sync_state import SyncConflict, SyncPeer, SyncReceived, SyncSent
from app.services.workspace import Workspace
from app.sync.apply import warning_text
from app.sync.identity import fingerprint


def _iso(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


@dataclass(frozen=True)
class PeerStatus:
    device_id: str
    name: str
    worker: str
    role: str
    unit_code: str
    fingerprint: str
    revoked: bool
    last_sent_seq: int
    last_sent_at: datetime | None
    acked_seq: int
    acked_at: datetime | None
    unacknowledged: list[int]  # bundles of ours without a receipt yet
    last_received_seq: int
    last_received_at: datetime | None
    missing: list[int]  # bundles from the peer that never arrived
    open_conflicts: int
    key_rotation_pending: bool
    warning: str = ""
    receipts: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id,
            "name": self.name,
            "worker": self.worker,
            "role": self.role,
            "unit": self.unit_code,
            "fingerprint": self.fingerprint,
            "revoked": self.revoked,
            "last_sent_seq": self.last_sent_seq,
            "last_sent_at": _iso(self.last_sent_at),
            "acked_seq": self.acked_seq,
            "acked_at": _iso(self.acked_at),
            "unacknowledged": self.unacknowledged,
            "last_received_seq": self.last_received_seq,
            "last_received_at": _iso(self.last_received_at),
            "missing": self.missing,
            "open_conflicts": self.open_conflicts,
            "key_rotation_pending": self.key_rotation_pending,
            "warning": self.warning,
            "receipts": self.receipts,
        }


def peer_statuses(ws: Workspace) -> list[PeerStatus]:
    with ws.transaction() as s:
        rows = s.execute(
            select(SyncConflict.peer, func.count())
            .where(SyncConflict.status == "open")
            .group_by(SyncConflict.peer)
        )
        conflicts = {peer: n for peer, n in rows}
        out = []
        devices = s.scalars(
            select(Device)
            .where(Device.is_self.is_(False))
            .order_by(Device.unit_code, Device.name, Device.device_id)
        )
        for d in devices:
            p = s.get(SyncPeer, d.device_id) or SyncPeer(device_id=d.device_id)
            sent = s.scalars(
                select(SyncSent).where(SyncSent.peer == d.device_id).order_by(SyncSent.seq.desc())
            ).all()
            unacked = sorted(
                x.seq for x in sent if x.acked_at is None and x.seq > (p.acked_seq or 0)
            )
            last_in = s.scalar(
                select(SyncReceived)
                .where(SyncReceived.sender == d.device_id)
                .order_by(SyncReceived.seq.desc())
                .limit(1)
            )
            receipts = [
                {
                    "seq": x.seq,
                    "acknowledged": x.acked_at is not None,
                    "records": x.records,
                    "conflicts_there": x.ack_conflicts,
                }
                for x in sent[:10]
            ]
            out.append(
                PeerStatus(
                    d.device_id,
                    d.name,
                    d.worker_name,
                    d.role,
                    d.unit_code,
                    fingerprint(d.signing_public, d.age_recipient),
                    bool(d.revoked),
                    p.out_seq or 0,
                    p.out_at,
                    p.acked_seq or 0,
                    p.acked_at,
                    unacked,
                    p.in_seq or 0,
                    last_in.imported_at if last_in else p.in_at,
                    json.loads(p.missing) if p.missing else [],
                    int(conflicts.get(d.device_id, 0)),
                    p.announce_key_id is not None,
                    warning_text(p.warning) if p.warning else "",
                    receipts,
                )
            )
        return out
