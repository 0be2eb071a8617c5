"""Step 8 of an import: the one write transaction that applies a checked bundle.

Receipts first (what the sender acknowledges becomes its base), then the records merged table by
table in parent-first order (``app.sync.merge``), new conflicts into the inbox, the sender's audit
events, key rotation and revocations, the peer's counters, and this device's own audit entry.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from app.i18n import _, ngettext
from app.models import SYNCED_MODELS, AuditEvent, Device, utcnow
from app.models.sync_state import (
    SyncBase,
    SyncConflict,
    SyncPeer,
    SyncReceived,
    SyncRow,
    SyncSent,
    SyncSentRow,
)
from app.services import audit
from app.services.records import from_record, table_of
from app.services.rodo import notices
from app.services.workspace import Workspace
from app.sync import conflict_sync, identity
from app.sync.errors import refused
from app.sync.kinds import field_label, kind_label
from app.sync.merge import FieldConflict, merge
from app.sync.rowstate import (
    _VIA_PARENT,
    RowState,
    load_states,
    refresh,
    shadow_of,
    upsert_rows,
)
from app.sync.stamps import VV, compact_stamps, stamps_dumps, vv_dumps, vv_loads, vv_merge
from app.sync.validate import Incoming

MAX_MISSING_KEPT = 50
WARNING_ROLLBACK = "rollback"
WARNING_AUDIT_FORK = "audit_fork"
WARNING_PEER_BACK = "peer_back"


def replaced_text(r: conflict_sync.Replaced) -> str:
    """What a worker is told when another device's decision replaced her value."""
    return _(
        "A conflict was decided on device {device}: {kind}, field {field} now has the value "
        "“{chosen}” instead of this device's “{mine}” (kooperacja sync conflicts --all)."
    ).format(
        device=r.device,
        kind=kind_label(r.tbl),
        field=field_label(r.field),
        chosen=_shown(r.chosen),
        mine=_shown(r.mine),
    )


def _shown(value: Any) -> str:
    if value is True:
        return _("deleted")
    if value is False:
        return _("not deleted")
    return "" if value is None else str(value)


def warning_text(code: str) -> str:
    """The user-facing text of a peer's warning flag (kept as a code in ``SyncPeer.warning``)."""
    if code == WARNING_ROLLBACK:
        return _(
            "The other device has bundles from this device that this database does not "
            "remember: it was restored from an older copy. Sync continues."
        )
    if code == WARNING_PEER_BACK:
        return _(
            "The other device's database went back to an older copy: it lacks changes and "
            "audit entries it had received from this device. They are sent to it again with "
            "the next bundle."
        )
    if code == WARNING_AUDIT_FORK:
        return _(
            "The sender's audit log differs from the copy received earlier: its database was "
            "restored from an old copy. The data were imported; check that device."
        )
    return code


@dataclass
class ImportResult:
    status: str  # "imported" | "duplicate"
    sender: str
    sender_name: str
    seq: int
    bundle_id: str
    records: int = 0
    changed: int = 0
    conflicts: int = 0
    audit_events: int = 0
    missing: list[int] = field(default_factory=list)
    acknowledged: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    replaced_values: list[conflict_sync.Replaced] = field(default_factory=list)

    @property
    def replaced(self) -> int:
        """Values of this device replaced by a decision made on another device."""
        return len(self.replaced_values)

    @property
    def sender_label(self) -> str:
        return f"{self.sender_name} [{self.sender}]" if self.sender_name else self.sender

    @property
    def message(self) -> str:
        if self.status == "duplicate":
            return _("Bundle {seq} from {sender} was already imported; nothing to do.").format(
                seq=self.seq, sender=self.sender_label
            )
        # Three counts, each with its own plural form, in one sentence.
        text = _("Bundle {seq} from {sender} imported: {records}, {changed}, {conflicts}.").format(
            seq=self.seq,
            sender=self.sender_label,
            records=ngettext("{n} record", "{n} records", self.records).format(n=self.records),
            changed=ngettext("{n} changed here", "{n} changed here", self.changed).format(
                n=self.changed
            ),
            conflicts=ngettext("{n} new conflict", "{n} new conflicts", self.conflicts).format(
                n=self.conflicts
            ),
        )
        return "\n".join([text, *self.gap_messages(), *self.replaced_messages(), *self.warnings])

    def replaced_messages(self) -> list[str]:
        return [replaced_text(r) for r in self.replaced_values]

    def gap_messages(self) -> list[str]:
        return [
            _("Bundle {seq} from {sender} has not arrived.").format(seq=n, sender=self.sender_label)
            for n in self.missing
        ]


@dataclass
class Checked:
    """Everything learnt by the read-only checks, handed to the write transaction."""

    manifest: dict[str, Any]
    manifest_hash: str
    sender: str
    sender_name: str
    signed_with_previous: bool
    records: list[Incoming]
    audit_events: list[dict[str, Any]]
    missing: list[int]
    rotation: tuple[bytes, str] | None  # the sender's newest key, from its rotation chain
    audit_forked: bool = False
    signer: tuple[bytes, str] | None = None  # the key that signed the manifest
    conflicts: list[conflict_sync.IncomingConflict] = field(default_factory=list)


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
        result.acknowledged = _apply_acks(s, peer, m["acks"], result)
        if m["audit_held"] < (peer.audit_acked or 0):
            _peer_went_back(s, peer, m["audit_held"], result)
        c.records, gated = notices.gate(
            s, ws, c.sender, m["sender"]["role"], c.records, c.audit_events
        )
        result.warnings += notices.messages(gated)
        changed, conflicts = _merge_records(s, c)
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
        _apply_keys(s, device, peer, c)
        _peer_knows_our_key(s, peer, m["recipient"]["key"])
        if m["sender"]["role"] == "coordinator":
            _apply_revocations(s, c.sender, m["revocations"], ws.device_id)
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


def _apply_acks(
    s: Session, peer: SyncPeer, acks: list[dict[str, Any]], result: ImportResult
) -> list[int]:
    """Receipts: bundles of ours the sender imported; what they carried becomes its base."""
    done: list[int] = []
    for a in sorted(acks, key=lambda a: a["seq"]):
        sent = s.get(SyncSent, (peer.device_id, a["seq"]))
        if sent is None or sent.bundle_id != a["bundle_id"]:
            if a["seq"] > (peer.out_seq or 0):
                # The peer holds bundles of ours this database never made: it was restored from
                # an older copy.  Jump past them (a gap, not a broken chain, for the peer).
                peer.out_seq = a["seq"] + 1
                peer.out_hash = ""
                peer.warning = WARNING_ROLLBACK
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
        _merge_base(s, peer, tbl, rows)


def _merge_base(s: Session, peer: str, tbl: str, rows: dict[str, VV]) -> None:
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


def _merge_records(s: Session, c: Checked) -> tuple[int, int]:
    by_table: dict[str, list[Incoming]] = defaultdict(list)
    for item in c.records:
        by_table[item.tbl].append(item)
    family_of: dict[tuple[str, str], str] = {}
    changed = conflicts = 0
    for model in SYNCED_MODELS:
        tbl = model.__tablename__
        items = by_table.get(tbl)
        if not items:
            continue
        table = table_of(model)
        local = load_states(s, tbl, (i.state.record["id"] for i in items))
        new_rows: list[dict[str, Any]] = []
        rewrites: list[dict[str, Any]] = []
        sync_rows: list[dict[str, Any]] = []
        inbox: list[tuple[Incoming, FieldConflict]] = []
        for item in items:
            row_id = item.state.record["id"]
            family = _family_id(s, tbl, item.state.record, family_of)
            family_of[(tbl, row_id)] = family
            mine = local.get(row_id)
            if mine is None:
                new_rows.append(item.values)
                sync_rows.append(_sync_row(tbl, item.state, family))
                changed += 1
                continue
            merged = merge(tbl, mine, item.state)
            if merged.values_changed:
                values = from_record(model, merged.state.record)
                rewrites.append({f"b_{k}": v for k, v in values.items()})
                changed += 1
            if merged.values_changed or merged.state_changed:
                sync_rows.append(_sync_row(tbl, merged.state, family))
            inbox += [(item, fc) for fc in merged.conflicts]
        if new_rows:
            for i in range(0, len(new_rows), 2000):
                s.execute(insert(table), new_rows[i : i + 2000])
        if rewrites:
            keys = [k[2:] for k in rewrites[0] if k != "b_id"]
            s.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values({k: bindparam(f"b_{k}") for k in keys}),
                rewrites,
            )
        if sync_rows:
            upsert_rows(s, sync_rows)
        _merge_base(s, c.sender, tbl, {i.state.record["id"]: i.state.vv for i in items})
        conflicts += _add_conflicts(s, c, tbl, inbox, family_of)
    return changed, conflicts


def _family_id(
    s: Session, tbl: str, record: dict[str, Any], known: dict[tuple[str, str], str]
) -> str:
    if tbl == "family":
        return record["id"]
    if tbl in _VIA_PARENT:
        column, parent = _VIA_PARENT[tbl]
        parent_id = record.get(column) or ""
        key = (parent.__tablename__, parent_id)
        if key not in known:
            known[key] = (
                s.scalar(
                    select(SyncRow.family_id).where(
                        SyncRow.tbl == parent.__tablename__, SyncRow.row_id == parent_id
                    )
                )
                or ""
            )
        return known[key]
    return record.get("family_id") or ""


def _sync_row(tbl: str, state: RowState, family: str) -> dict[str, Any]:
    return {
        "tbl": tbl,
        "row_id": state.record["id"],
        "version": state.version,
        "family_id": family,
        "shadow": json.dumps(shadow_of(tbl, state.record), sort_keys=True, ensure_ascii=False),
        "stamps": stamps_dumps(compact_stamps(state.stamps, state.version)),
        "vv": vv_dumps(state.vv),
    }


def _add_conflicts(
    s: Session,
    c: Checked,
    tbl: str,
    inbox: list[tuple[Incoming, FieldConflict]],
    family_of: dict[tuple[str, str], str],
) -> int:
    added = 0
    rev = conflict_sync.next_rev(s)
    for item, fc in inbox:
        row_id = item.state.record["id"]
        if conflict_sync.find(s, tbl, row_id, fc.field, fc.mine_stamp, fc.theirs_stamp):
            continue
        s.add(
            SyncConflict(
                id=conflict_sync.conflict_id(tbl, row_id, fc.field, fc.mine_stamp, fc.theirs_stamp),
                tbl=tbl,
                row_id=row_id,
                family_id=family_of.get((tbl, row_id), ""),
                field=fc.field,
                kind=fc.kind,
                detail=fc.detail,
                mine=json.dumps(fc.mine, ensure_ascii=False),
                mine_stamp=fc.mine_stamp,
                theirs=json.dumps(fc.theirs, ensure_ascii=False),
                theirs_stamp=fc.theirs_stamp,
                peer=c.sender,
                bundle_id=c.manifest["bundle_id"],
                detected_at=utcnow(),
                status="open",
                rev=rev,
            )
        )
        s.flush()
        rev += 1
        added += 1
    return added


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


def _apply_keys(s: Session, device: Device, peer: SyncPeer, c: Checked) -> None:
    """The sender's newest key replaces the registered one; the key that signed stays accepted.

    The sender keeps signing with the key it knows this device holds until this device's
    bundles show that it holds the newest one, so that key (not merely the one registered
    before) is the one to keep accepting meanwhile, however many rotations came in between.
    """
    if c.rotation is not None:
        public, recipient = c.rotation
        if public != device.signing_public:
            device.signing_public = public
            device.age_recipient = recipient
            if c.signer is not None and c.signer[0] != public:
                peer.prev_signing_public, peer.prev_age_recipient = c.signer
    elif not c.signed_with_previous and peer.prev_signing_public is not None:
        # The sender now signs with its new key: the old one is no longer accepted.
        peer.prev_signing_public = None
        peer.prev_age_recipient = ""


def _peer_knows_our_key(s: Session, peer: SyncPeer, known: str) -> None:
    """Stop announcing our keys once the peer's bundle was made for our current key.

    Not on a receipt: a receipt of a bundle that announced an older key says nothing about a
    key made after it (two rotations between exchanges)."""
    if peer.announce_key_id is None:
        return
    me = identity.self_device(s)
    if known == identity.fingerprint(me.signing_public, me.age_recipient):
        peer.announce_key_id = None


def _apply_revocations(
    s: Session, sender: str, revocations: list[dict[str, str]], self_id: str
) -> None:
    for r in revocations:
        if r["device_id"] in (sender, self_id):
            continue
        device = s.get(Device, r["device_id"])
        if (
            device is not None
            and not device.revoked
            and identity.fingerprint(device.signing_public, device.age_recipient) == r["key"]
        ):
            device.revoked = True
