"""Appending to and verifying the hash-chained audit log (RODO accountability, ASVS V16).

Every view of a case, change, print and export calls ``record()`` inside the same transaction as
the action itself, so an action and its audit entry commit or fail together.  Entries carry ids
and action names, never the data; ``detail`` is for short codes like a document type.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.models import AuditEvent, new_id, utcnow
from app.services.workspace import Workspace

# Action codes and their labels (shown in the Historia views).
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
    "key_import": N_("registered a device's key"),
    "key_rotate": N_("replaced this device's keys"),
    "key_revoke": N_("revoked a device"),
}


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
    ws: Workspace = session.info["workspace"]
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash)
        .where(AuditEvent.device_id == ws.device_id)
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    event = AuditEvent(
        device_id=ws.device_id,
        seq=(last.seq + 1) if last else 1,
        at=utcnow(),
        actor=ws.actor,
        action=action,
        entity=entity,
        record_id=record_id or "",
        family_id=family_id or "",
        detail=detail,
        prev_hash=last.hash if last else "",
    )
    event.id = new_id()
    event.hash = _digest(event.chain_fields())
    session.add(event)
    return event


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
            if _digest(ev.chain_fields()) != ev.hash:
                problems.append(ChainProblem(device, ev.seq, _("entry was altered")))
            expected_seq, prev = ev.seq + 1, ev.hash
    return problems


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
