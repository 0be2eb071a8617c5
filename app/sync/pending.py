"""What the next bundle to a peer would carry (the sync screen's and ``transport``'s "anything to
send?"), counted from the same selection as the bundle itself (``app.sync.outgoing``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select

from app.models.sync_state import SyncPeer, SyncReceived, SyncSent
from app.services.rodo import sharing
from app.services.workspace import Workspace
from app.sync import identity
from app.sync.outgoing import audit_events, models_to_send, scope_unit, select_rows
from app.sync.rowstate import refresh


@dataclass(frozen=True)
class Pending:
    """What the next bundle to a peer would carry, and a digest to notice a repeat offer."""

    peer_id: str
    records: int
    audit_events: int
    digest: str  # of the rows the peer still needs (with their version vectors)
    needs_receipt: bool  # a bundle with records arrived after our last bundle to the peer


def pending_changes(ws: Workspace, peer_ref: str) -> Pending:
    """What a peer still needs (refreshing the local change tracking first).

    Audit events ride along but never call for a bundle on their own: every export adds one,
    so they would call for one another for ever.
    """
    with ws.transaction() as s:
        me = identity.self_device(s)
        peer = identity.find_peer(s, peer_ref)
        state = s.get(SyncPeer, peer.device_id) or SyncPeer(device_id=peer.device_id)
        refresh(s, ws.device_id, ws.clock.tick)
        unit = scope_unit(me, peer)
        gate = sharing.withheld_for(s, me, peer)
        sharing.stage(s, gate)
        h = hashlib.sha256()
        records = 0
        for model in models_to_send(s, peer.device_id, unit, False, gate.active):
            for row in s.execute(select_rows(model, peer.device_id, unit, False, gate.active)):
                m = row._mapping
                h.update(f"{model.__tablename__}:{m['id']}:{m['_vv']};".encode())
                records += 1
        events = len(audit_events(s, ws.device_id, state, peer))
        acked = s.scalar(
            select(SyncSent.acks_through)
            .where(SyncSent.peer == peer.device_id)
            .order_by(SyncSent.seq.desc())
            .limit(1)
        )
        newer = s.scalar(
            select(SyncReceived.seq)
            .where(
                SyncReceived.sender == peer.device_id,
                SyncReceived.records > 0,
                SyncReceived.seq > (acked or 0),
            )
            .limit(1)
        )
        needs_receipt = newer is not None
        return Pending(peer.device_id, records, events, h.hexdigest(), needs_receipt)
