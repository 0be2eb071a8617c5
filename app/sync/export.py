"""Making a bundle for one peer: what it still needs, signed, sealed, logged — in one transaction.

Which rows and audit events the peer receives is ``app.sync.outgoing`` (the same selection
``app.sync.pending`` counts).  Each bundle also acknowledges the bundles received from that
peer, announces a key rotation the peer has not confirmed and, from a coordinator, the revoked
devices.

The transaction also records what the bundle carried (``SyncSentRow``) so the peer's receipt can
move it into the base; if writing the file fails, the transaction rolls back and the sequence
number is not used up.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app import __version__
from app.errors import SyncError
from app.i18n import _, ngettext
from app.models import SYNCED_MODELS, AuditEvent, Device, utcnow
from app.models.sync_state import SyncPeer, SyncReceived, SyncSent, SyncSentRow
from app.services import audit
from app.services.records import table_of
from app.services.rodo import sharing
from app.services.workspace import Workspace
from app.store.migrate import head_revision
from app.sync import conflict_sync, container, envelope, identity, manifest
from app.sync.limits import (
    BUNDLE_LIFETIME_DAYS,
    FILE_SUFFIX,
    FORMAT,
    FORMAT_VERSION,
    MAX_ACKS,
    MAX_BUNDLE_BYTES,
    MAX_RECORDS,
)
from app.sync.outgoing import audit_events, models_to_send, scope_unit, select_rows
from app.sync.pending import pending_changes as pending_changes  # re-exported (callers, tests)
from app.sync.rowstate import CASE_TABLES, ENCODERS, TABLES, refresh
from app.sync.stamps import LINE_JSON, stamps_loads

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportResult:
    data: bytes
    bundle_id: str
    seq: int
    sender_id: str
    peer_id: str
    peer_name: str
    records: int
    audit_events: int
    full: bool
    counts: dict[str, int] = field(default_factory=dict)
    withheld: dict[str, int] = field(default_factory=dict)  # families withheld, by reason

    @property
    def file_name(self) -> str:
        """A name without personal data: devices and the sequence number only."""
        return file_name_for(self.sender_id, self.peer_id, self.seq)

    @property
    def message(self) -> str:
        text = ngettext(
            "Bundle {seq} for {peer}: {records} record.",
            "Bundle {seq} for {peer}: {records} records.",
            self.records,
        ).format(seq=self.seq, peer=self.peer_name, records=self.records)
        withheld = sharing.withheld_message(self.withheld)
        return f"{text}\n{withheld}" if withheld else text


def file_name_for(sender: str, peer: str, seq: int) -> str:
    return f"kooperacja-{sender}-{peer}-{seq:06d}{FILE_SUFFIX}"


def _line(data: dict[str, Any]) -> bytes:
    return LINE_JSON(data).encode()


def _acks(s: Session, peer_id: str) -> list[dict[str, Any]]:
    rows = s.scalars(
        select(SyncReceived)
        .where(SyncReceived.sender == peer_id)
        .order_by(SyncReceived.seq.desc())
        .limit(MAX_ACKS)
    ).all()
    return [
        {
            "seq": r.seq,
            "bundle_id": r.bundle_id,
            "records": r.records,
            "conflicts": r.conflicts,
            "imported_at": r.imported_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        for r in sorted(rows, key=lambda r: r.seq)
    ]


def _revocations(s: Session, me: Device) -> list[dict[str, str]]:
    if me.role != "coordinator":
        return []
    rows = s.scalars(select(Device).where(Device.revoked.is_(True)).order_by(Device.device_id))
    return [
        {"device_id": d.device_id, "key": identity.fingerprint(d.signing_public, d.age_recipient)}
        for d in rows
    ]


def export_bundle(
    ws: Workspace,
    peer_ref: str,
    *,
    full: bool = False,
    write: Callable[[ExportResult], None] | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Build (and optionally write, via ``write``) the next bundle for a registered peer."""
    steps = len(SYNCED_MODELS) + 3
    with ws.transaction() as s:
        me = identity.self_device(s)
        peer = identity.find_peer(s, peer_ref)
        if peer.revoked:
            raise SyncError(_("This device has been revoked; nothing is sent to it."))
        state = s.get(SyncPeer, peer.device_id) or SyncPeer(device_id=peer.device_id)
        s.add(state)
        if progress:
            progress(0, steps)
        refresh(s, ws.device_id, ws.clock.tick)
        if progress:
            progress(1, steps)
        unit = scope_unit(me, peer)
        gate = sharing.withheld_for(s, me, peer)
        sharing.stage(s, gate)
        lines: list[bytes] = []
        sent_rows: list[dict[str, Any]] = []
        counts: dict[str, int] = {}
        families: set[str] = set()  # of the case rows carried: the "share" audit entries
        seq = state.out_seq + 1
        sending = set(models_to_send(s, peer.device_id, unit, full, gate.active))
        for i, model in enumerate(SYNCED_MODELS, start=2):
            tbl = model.__tablename__
            encode = ENCODERS[tbl]
            query = select_rows(model, peer.device_id, unit, full, gate.active)
            for row in s.execute(query) if model in sending else ():
                m = row._mapping
                vv = json.loads(m["_vv"])
                lines.append(
                    _line(
                        {
                            "t": tbl,
                            "r": encode(row),
                            "s": stamps_loads(m["_stamps"]),
                            "v": vv,
                        }
                    )
                )
                sent_rows.append(
                    {
                        "peer": peer.device_id,
                        "seq": seq,
                        "tbl": tbl,
                        "row_id": m["id"],
                        "vv": m["_vv"],
                    }
                )
                counts[tbl] = counts.get(tbl, 0) + 1
                if tbl in CASE_TABLES:
                    families.add(m["_family"])
            if len(lines) > MAX_RECORDS:
                raise SyncError(
                    _(
                        "There are too many records for one bundle ({count}; at most {limit})."
                    ).format(count=len(lines), limit=MAX_RECORDS)
                )
            if progress:
                progress(i, steps)
        records = b"".join(line + b"\n" for line in lines)
        events = audit_events(s, ws.device_id, state, peer)
        audit_bytes = b"".join(_line(e) + b"\n" for e in events)
        audit_seq = events[-1]["seq"] if events else state.audit_acked

        def receives(tbl: str, ids: list[str]) -> list[str]:
            model = TABLES[tbl]
            out: list[str] = []
            for i in range(0, len(ids), 500):
                q = select_rows(model, peer.device_id, unit, True, gate.active)
                q = q.where(table_of(model).c.id.in_(ids[i : i + 500]))
                out += [row._mapping["id"] for row in s.execute(q)]
            return out

        conflict_bytes, conflict_rev = conflict_sync.outgoing(
            s,
            state.conflicts_acked or 0,
            receives,
            peer.device_id,
            frozenset((r["tbl"], r["row_id"]) for r in sent_rows),
        )
        head_seq, head_hash = audit.chain_head(s, ws.device_id)
        sign_with = identity.signing_key(me)
        key_fp = identity.fingerprint(me.signing_public, me.age_recipient)
        rotation = None
        if state.announce_key_id is not None:
            old = identity.retired_key(s, state.announce_key_id)
            sign_with = Ed25519PrivateKey.from_private_bytes(old.signing_private)
            key_fp = identity.fingerprint(old.signing_public, old.age_recipient)
            rotation = identity.rotation_chain(s, me, state.announce_key_id)
        bundle_id = str(uuid.uuid4())
        created = utcnow()
        data: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema": head_revision(),
            "app_version": __version__,
            "bundle_id": bundle_id,
            "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "expires_at": (created + timedelta(days=BUNDLE_LIFETIME_DAYS)).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
            "sender": {
                "device_id": me.device_id,
                "role": me.role,
                "unit": me.unit_code,
                "key": key_fp,
            },
            "recipient": {
                "device_id": peer.device_id,
                "key": identity.fingerprint(peer.signing_public, peer.age_recipient),
            },
            "seq": seq,
            "prev_bundle_hash": state.out_hash,
            "full": full,
            "counts": counts,
            "members": [
                {
                    "name": container.RECORDS,
                    "size": len(records),
                    "sha256": manifest.digest(records),
                },
                {
                    "name": container.AUDIT,
                    "size": len(audit_bytes),
                    "sha256": manifest.digest(audit_bytes),
                },
                {
                    "name": container.CONFLICTS,
                    "size": len(conflict_bytes),
                    "sha256": manifest.digest(conflict_bytes),
                },
            ],
            "acks": _acks(s, peer.device_id),
            "audit_head": {"seq": head_seq, "hash": head_hash, "events": len(events)},
            # the newest of the recipient's audit events held here: if it went back to an older
            # copy, it learns what to send again (and this device is not blamed for a fork)
            "audit_held": s.scalar(
                select(func.max(AuditEvent.seq)).where(AuditEvent.device_id == peer.device_id)
            )
            or 0,
            "clock": ws.clock.last(),
            "revocations": _revocations(s, me),
            "key_rotation": rotation,
        }
        manifest_bytes = manifest.canonical(data)
        signature = sign_with.sign(manifest.signed_message(manifest_bytes)).hex().encode()
        plaintext = container.build(
            {
                container.MANIFEST: manifest_bytes,
                container.SIGNATURE: signature,
                container.RECORDS: records,
                container.AUDIT: audit_bytes,
                container.CONFLICTS: conflict_bytes,
            }
        )
        sealed = envelope.seal(plaintext, peer.age_recipient)
        if len(sealed) > MAX_BUNDLE_BYTES:
            raise SyncError(
                _("The bundle would be larger than {limit} MB; it cannot be sent.").format(
                    limit=MAX_BUNDLE_BYTES // (1024 * 1024)
                )
            )
        if progress:
            progress(steps - 1, steps)
        s.add(
            SyncSent(
                peer=peer.device_id,
                seq=seq,
                bundle_id=bundle_id,
                manifest_hash=manifest.digest(manifest_bytes),
                created_at=created,
                records=len(lines),
                full=full,
                audit_seq=audit_seq,
                acks_through=max((a["seq"] for a in data["acks"]), default=0),
                announces_key=rotation is not None,
                conflict_rev=conflict_rev,
            )
        )
        for i in range(0, len(sent_rows), 5000):
            s.execute(insert(table_of(SyncSentRow)), sent_rows[i : i + 5000])
        state.out_seq = seq
        state.out_hash = manifest.digest(manifest_bytes)
        state.out_at = created
        audit.record(s, "sync_export", "bundle", bundle_id, detail=f"{peer.device_id} #{seq}")
        sharing.record_shared(s, bundle_id, peer.device_id, families)
        result = ExportResult(
            sealed,
            bundle_id,
            seq,
            me.device_id,
            peer.device_id,
            peer.name,
            len(lines),
            len(events),
            full,
            counts,
            gate.counts(),
        )
        if write is not None:
            write(result)
        if progress:
            progress(steps, steps)
    return result
