"""Appending to and verifying the hash-chained audit log (RODO accountability, ASVS V16).

Every view of a case, change, print and export calls ``record()`` inside the same transaction as
the action itself, so an action and its audit entry commit or fail together.  Entries carry ids
and action names, never the data; ``detail`` is for short codes like a document type.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.models import AuditEvent, new_id, utcnow
from app.models.audit import commit
from app.services.workspace import Workspace

# Action codes and their labels (shown in the Historia views).
DETAIL_MAX = 200  # AuditEvent.detail
ACTIONS: dict[str, str] = {
    "view": N_("viewed"),
    "create": N_("created"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "print": N_("printed"),
    "export": N_("exported"),
    "import": N_("imported"),
    "unlock": N_("unlocked the database"),
    "unlock_failed": N_("failed unlock attempt"),
    "passwd": N_("changed the passphrase"),
    "backup": N_("made a backup"),
    "restore": N_("restored a backup"),
    "sync_export": N_("exported a sync bundle"),
    "sync_import": N_("imported a sync bundle"),
    "key_export": N_("exported a key"),
    "resolve": N_("resolved a sync conflict"),
    "conflict_closed": N_("received another device's decision on a sync conflict"),
    "clock_repair": N_("re-dated changes stamped in the future"),
    "key_import": N_("registered a device's key"),
    "key_rotate": N_("replaced this device's keys"),
    "key_revoke": N_("revoked a device"),
    "erase": N_("erased a case"),
    "share": N_("shared in a sync bundle"),
    "correct": N_("corrected data (art. 16 RODO)"),
    "erase_confirm": N_("confirmed an erasure"),
}
REDACTED_V1 = "-"  # ``nonce`` of a version 1 entry whose ids an erasure blanked


def entry_hash(event: AuditEvent) -> str:
    """The hash an entry must carry (what a reader of an export or a package recomputes)."""
    return _digest(event.chain_fields())


def _digest(fields: dict[str, object]) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    session: Session,
    action: str,
    entity: str = "",
    record_id: str = "",
    family_id: str = "",
    detail: str = "",
) -> AuditEvent:
    """Append one event to this device's chain (in the caller's transaction)."""
    [event] = record_many(session, action, entity, record_id, [family_id], detail)
    return event


def record_save(
    session: Session, saved_id: str | None, entity: str, record_id: str, family_id: str = ""
) -> AuditEvent:
    """The event of a form's save that changed something: "update" when the caller saved an
    existing record (``saved_id``), "create" for a new one."""
    return record(session, "update" if saved_id else "create", entity, record_id, family_id)


def record_many(
    session: Session,
    action: str,
    entity: str,
    record_id: str,
    family_ids: list[str],
    detail: str = "",
) -> list[AuditEvent]:
    """Append one event per family (the same action, entity, record and detail), chained in
    order, with one look-up of the chain's head and one batched insert."""
    ws: Workspace = session.info["workspace"]
    seq, prev = chain_head(session, ws.device_id)
    at = utcnow()
    events: list[AuditEvent] = []
    for family_id in family_ids:
        seq += 1
        event = AuditEvent(
            device_id=ws.device_id,
            seq=seq,
            at=at,
            actor=ws.actor,
            action=action,
            entity=entity,
            record_id=record_id or "",
            family_id=family_id or "",
            # the column's width: a longer detail would make every bundle carrying this entry
            # refused by the peers (``field_too_long``), and the chain cannot be rewritten later
            detail=detail[:DETAIL_MAX],
            prev_hash=prev,
        )
        event.id = new_id()
        event.nonce = secrets.token_hex(16)
        event.family_c = commit(event.family_id, event.nonce)
        event.record_c = commit(event.record_id, event.nonce)
        event.hash = prev = _digest(event.chain_fields())
        events.append(event)
    session.add_all(events)
    return events


def redact(session: Session, family_id: str, record_ids: list[str]) -> int:
    """Blank an erased case's (or rows') ids in every chain held here; return how many changed.

    Version 2 entries keep their commitments (the hash still verifies); the nonce goes with the
    ids, so what is left cannot be linked to the case even by someone who knows its id.  Version
    1 entries (before migration 0004) hash the ids themselves: they are blanked too and marked
    ``REDACTED_V1``; ``verify_chain`` then checks their links but no longer their content.
    """
    changed = 0
    # Without a family (one member erased) only the entries naming the erased rows change.
    conditions = [AuditEvent.family_id == family_id] if family_id else []
    for i in range(0, len(record_ids), 500):
        conditions.append(AuditEvent.record_id.in_(record_ids[i : i + 500]))
    for cond in conditions:
        for v2, nonce in ((True, ""), (False, REDACTED_V1)):
            kind = AuditEvent.family_c != "" if v2 else AuditEvent.family_c == ""
            result = session.execute(
                update(AuditEvent)
                .where(cond, kind)
                .values(family_id="", record_id="", nonce=nonce)
                .execution_options(synchronize_session=False)
            )
            changed += int(getattr(result, "rowcount", 0) or 0)
    return changed


def log_event(ws: Workspace, action: str, **kwargs: str) -> None:
    """Record an event in a transaction of its own (unlock, backup, …)."""
    with ws.transaction() as s:
        record(s, action, **kwargs)


@dataclass(frozen=True)
class ChainProblem:
    device_id: str
    seq: int
    problem: str


def verify_chain(session: Session) -> list[ChainProblem]:
    """Check every device's chain: contiguous numbering, links and hashes."""
    problems: list[ChainProblem] = []
    devices = session.scalars(select(AuditEvent.device_id).distinct()).all()
    for device in devices:
        expected_seq, prev = 1, ""
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.device_id == device).order_by(AuditEvent.seq)
        )
        for ev in rows:
            if ev.seq != expected_seq:
                problems.append(
                    ChainProblem(device, expected_seq, _("entries missing before this one"))
                )
            elif ev.prev_hash != prev:
                problems.append(
                    ChainProblem(device, ev.seq, _("link to the previous entry broken"))
                )
            if not _content_ok(ev):
                problems.append(ChainProblem(device, ev.seq, _("entry was altered")))
            expected_seq, prev = ev.seq + 1, ev.hash
    return problems


def _content_ok(ev: AuditEvent) -> bool:
    if ev.family_c:
        if _digest(ev.chain_fields()) != ev.hash:
            return False
        if ev.nonce:  # not redacted: the ids must match their commitments
            return ev.family_c == commit(ev.family_id, ev.nonce) and ev.record_c == commit(
                ev.record_id, ev.nonce
            )
        return not ev.family_id and not ev.record_id
    if ev.nonce == REDACTED_V1:
        return not ev.family_id and not ev.record_id
    return _digest(ev.chain_fields()) == ev.hash


def chain_head(session: Session, device_id: str) -> tuple[int, str]:
    """(seq, hash) of the newest entry of a device's chain; (0, "") when empty."""
    row = session.execute(
        select(AuditEvent.seq, AuditEvent.hash)
        .where(AuditEvent.device_id == device_id)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    return (row.seq, row.hash) if row else (0, "")


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    action_label: str
    entity: str
    record_id: str
    family_id: str
    detail: str
    device_id: str


def list_events(
    ws: Workspace, family_id: str | None = None, limit: int = 200, offset: int = 0
) -> list[AuditRow]:
    with ws.transaction() as s:
        q = select(AuditEvent)
        if family_id:
            q = q.where(AuditEvent.family_id == family_id)
        q = q.order_by(AuditEvent.at.desc(), AuditEvent.seq.desc()).limit(limit).offset(offset)
        return [
            AuditRow(
                e.at,
                e.actor,
                e.action,
                _(ACTIONS.get(e.action, e.action)),
                e.entity,
                e.record_id,
                e.family_id,
                e.detail,
                e.device_id,
            )
            for e in s.scalars(q)
        ]


def count_events_in(s: Session, family_id: str | None = None) -> int:
    q = select(func.count()).select_from(AuditEvent)
    if family_id:
        q = q.where(AuditEvent.family_id == family_id)
    return int(s.scalar(q) or 0)


def count_events(ws: Workspace, family_id: str | None = None) -> int:
    with ws.transaction() as s:
        return count_events_in(s, family_id)
