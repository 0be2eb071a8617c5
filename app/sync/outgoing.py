"""What a peer receives from this device, for a bundle and for the count of what it still needs.

A row goes to the peer when the peer is not known to hold its current state (its version vector
differs from the peer's base), or always with ``full``.  The coordinator sends an OPS device
only the families of that device's gmina (and families the device already holds) plus the
shared registry; OPS devices send everything they have; the consent gate of
``app.services.rodo.sharing`` may withhold a family's case rows.  A device sends its own audit
events to the coordinator only.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import CompoundSelect, and_, or_, select
from sqlalchemy.orm import Session, aliased

from app.models import AuditEvent, Device, Family, FamilyTransfer
from app.models.base import SyncMixin
from app.models.sync_state import SyncBase, SyncPeer, SyncRow
from app.services.records import table_of, to_record
from app.services.rodo import sharing
from app.sync.limits import MAX_AUDIT_EVENTS
from app.sync.rowstate import CASE_TABLES, probe_tables, tables_with_rows


def scope_unit(me: Device, peer: Device) -> str | None:
    """The gmina a coordinator restricts case data to for an OPS peer (None: everything)."""
    if me.role == "coordinator" and peer.role == "ops":
        return peer.unit_code
    return None


# Built once per (model, peer, unit, full, gated): an export or a pending count asks for ~40
# tables each time, and building the statement cost as much as running it on a small database.
# It holds no date or other state (the withheld families are a temporary table read at run time).
@functools.lru_cache(maxsize=4096)
def select_rows(
    model: type[SyncMixin], peer_id: str, unit: str | None, full: bool, gated: bool = False
) -> Any:
    table = table_of(model)
    tbl = model.__tablename__
    joined = table.join(SyncRow, and_(SyncRow.tbl == tbl, SyncRow.row_id == table.c.id))
    q = select(
        table,
        SyncRow.stamps.label("_stamps"),
        SyncRow.vv.label("_vv"),
        SyncRow.family_id.label("_family"),
    )
    if not full:
        joined = joined.outerjoin(
            SyncBase,
            and_(SyncBase.peer == peer_id, SyncBase.tbl == tbl, SyncBase.row_id == table.c.id),
        )
        q = q.where(or_(SyncBase.vv.is_(None), SyncBase.vv != SyncRow.vv))
    if unit is not None and tbl in CASE_TABLES:
        known = aliased(SyncBase)
        held = select(known.row_id).where(known.peer == peer_id, known.tbl == "family")
        of_gmina = select(Family.id).where(Family.gmina_code == unit)
        if tbl != FamilyTransfer.__tablename__:
            # A family this OPS handed over: it keeps its own records as a closed trace and
            # gets only the transfer record, never the new gmina's work with the family.
            moved = select(FamilyTransfer.family_id).where(
                FamilyTransfer.from_gmina_code == unit, FamilyTransfer.deleted.is_(False)
            )
            held = held.where(known.row_id.not_in(moved))
        q = q.where(or_(SyncRow.family_id.in_(of_gmina), SyncRow.family_id.in_(held)))
    if gated and tbl in CASE_TABLES:  # consent gates sharing (app.services.rodo.sharing)
        q = q.where(sharing.row_filter(tbl, SyncRow.__table__.c.family_id))
    return q.select_from(joined).order_by(table.c.id)


@functools.lru_cache(maxsize=1024)
def _rows_probe(peer_id: str, unit: str | None, full: bool, gated: bool) -> CompoundSelect:
    return probe_tables(lambda model: select_rows(model, peer_id, unit, full, gated))


def models_to_send(
    s: Session, peer_id: str, unit: str | None, full: bool, gated: bool = False
) -> list[type[SyncMixin]]:
    """The synced models (in their order) with at least one row for ``select_rows``."""
    return tables_with_rows(s, _rows_probe(peer_id, unit, full, gated))


def audit_events(s: Session, device_id: str, state: SyncPeer, peer: Device) -> list[dict]:
    """This device's audit events the coordinator does not have yet (oldest first, capped)."""
    if peer.role != "coordinator":
        return []
    rows = s.scalars(
        select(AuditEvent)
        .where(AuditEvent.device_id == device_id, AuditEvent.seq > state.audit_acked)
        .order_by(AuditEvent.seq)
        .limit(MAX_AUDIT_EVENTS)
    ).all()
    return [to_record(e) for e in rows]
