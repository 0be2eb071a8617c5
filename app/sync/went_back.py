"""Noticing from a peer's receipts that its database went back to an older copy.

Every bundle lists the newest bundles its sender imported from the recipient (``acks``, at most
``MAX_ACKS``; nothing prunes that list on the sender).  A bundle of ours that the peer
acknowledged once and no longer lists, although it is inside the range the list covers, is a
bundle the peer's database has forgotten: it was restored from a backup made before.  Whatever
that bundle carried may be gone from the peer too (an erasure notice, a receipt, the
coordinator's edits), while this device's base still says the peer holds it, so nothing would be
sent again.  ``lost_receipts`` finds such bundles and marks them as not acknowledged (the next
bundle of that peer therefore does not report them again); the caller then forgets the peer's
base, so every row, notices and receipts included, goes to it again.

The audit chain (``importer._audit_to_insert``) also reveals a restored sender, but only from an
OPS (coordinators send no audit events) and on every bundle until the restored chain passes the
old one; the receipts say it once, for both roles.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEvent, Setting
from app.models.sync_state import SyncPeer, SyncSent
from app.sync.limits import MAX_ACKS


def lost_receipts(s: Session, peer: SyncPeer, acks: list[dict[str, Any]]) -> list[int]:
    """Bundles of ours the peer acknowledged before and has now forgotten (oldest first)."""
    listed = {a["seq"] for a in acks}
    # a full list may have left older receipts out; a shorter one is everything the peer holds
    lowest = min(listed) if len(listed) >= MAX_ACKS else 1
    forgotten = list(
        s.scalars(
            select(SyncSent)
            .where(
                SyncSent.peer == peer.device_id,
                SyncSent.acked_at.is_not(None),
                SyncSent.seq >= lowest,
                SyncSent.seq.not_in(listed),
            )
            .order_by(SyncSent.seq)
        )
    )
    for sent in forgotten:
        sent.acked_at = None
        sent.ack_records = sent.ack_conflicts = None
    if forgotten:
        peer.acked_seq = (
            s.scalar(
                select(SyncSent.seq)
                .where(SyncSent.peer == peer.device_id, SyncSent.acked_at.is_not(None))
                .order_by(SyncSent.seq.desc())
                .limit(1)
            )
            or 0
        )
    return [sent.seq for sent in forgotten]


def restored_in(s: Session, sender: str, events: list[dict[str, Any]]) -> bool:
    """Whether the sender's audit events carry a ``restore`` of its database not seen before.

    A restore puts an older copy in place, and the entry it writes travels with the next
    bundle, once (later bundles start after it).  It comes whether or not the sender's chain
    forked here, so it is noticed even when the sender's receipts do not give the restore away
    (bundles it imported after the backup but never acknowledged, rows whose base here came from
    the sender itself: an erasure notice, its own edits).
    """
    restores = {e["seq"]: e["hash"] for e in events if e.get("action") == "restore"}
    if not restores:
        return False
    rows = s.execute(
        select(AuditEvent.seq, AuditEvent.hash).where(
            AuditEvent.device_id == sender, AuditEvent.seq.in_(sorted(restores))
        )
    )
    held = {seq: digest for seq, digest in rows}
    return any(held.get(seq) != digest for seq, digest in restores.items())


def _held_key(peer_id: str) -> str:
    return f"sync.audit_held.{peer_id}"


def audit_went_down(s: Session, peer: SyncPeer, audit_held: int) -> bool:
    """Whether the peer now holds fewer of our audit entries than it said before (it went back).

    Lower than what it acknowledged is not enough: after this device itself was restored, the
    peer keeps the entries of the old copy and never takes the restored copy's (another branch
    of the chain, ``importer._audit_to_insert``), so it would say so on every bundle, and every
    bundle would carry everything again.  So the peer's figure must also have dropped since its
    previous bundle (kept per peer in a local setting; without one, as before it was kept).
    """
    row = s.get(Setting, _held_key(peer.device_id))
    before = int(row.value) if row is not None and row.value.isdigit() else None
    s.merge(Setting(key=_held_key(peer.device_id), value=str(audit_held)))
    return audit_held < (peer.audit_acked or 0) and (before is None or audit_held < before)
