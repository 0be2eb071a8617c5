"""The conflict inbox: both values of a field edited on two devices, and resolving them.

Each entry shows the field's two values side by side with who wrote each, when and on which
device (from the values' stamps and the device registry).  Resolving takes one side: the chosen
value is written as a new edit of this device, even when the row already shows it, so that the
decision and the value every copy ends with are one write (``app.sync.conflict_sync``).  The
entry is closed, the choice is written to the audit log, and both travel to every device that
holds the row.  A decision made elsewhere that replaced this device's own value stays as a
notice (``replaced_notices``) until the worker has seen it (``mark_seen``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.errors import ConflictError, NotFound, ValidationError
from app.i18n import _
from app.models import Device, Family, utcnow
from app.models.hlc import parse_stamp
from app.models.sync_state import SyncConflict, SyncRow
from app.services import audit
from app.services.common import apply
from app.services.records import from_record, to_record
from app.services.setup import home_institution_id
from app.services.workspace import Workspace
from app.sync import conflict_sync
from app.sync.rowstate import CASE_TABLES, TABLES, refresh, stamp_field
from app.sync.stamps import vv_loads


@dataclass(frozen=True)
class Side:
    value: Any
    stamp: str
    device_id: str
    device_name: str
    worker: str
    at: datetime


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    row_id: str
    family_id: str
    case_number: str
    field: str
    kind: str
    detail: str
    mine: Side
    theirs: Side
    current: Any
    status: str
    resolution: str
    detected_at: datetime
    resolved_by: str = ""
    replaced: bool = False  # decided on another device against this device's own value
    chosen_value: Any = None

    def as_json(self) -> dict[str, Any]:
        def side(x: Side) -> dict[str, Any]:
            return {
                "value": x.value,
                "stamp": x.stamp,
                "device_id": x.device_id,
                "device_name": x.device_name,
                "worker": x.worker,
                "at": x.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }

        return {
            "id": self.id,
            "table": self.table,
            "row_id": self.row_id,
            "family_id": self.family_id,
            "case_number": self.case_number,
            "field": self.field,
            "kind": self.kind,
            "detail": self.detail,
            "mine": side(self.mine),
            "theirs": side(self.theirs),
            "current": self.current,
            "status": self.status,
            "resolution": self.resolution,
            "resolved_by": self.resolved_by,
            "replaced": self.replaced,
            "detected_at": self.detected_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }


def _side(value_json: str, stamp: str, devices: dict[str, Device]) -> Side:
    ms, _counter, device_id = parse_stamp(stamp)
    d = devices.get(device_id)
    return Side(
        json.loads(value_json),
        stamp,
        device_id,
        d.name if d else "",
        d.worker_name if d else "",
        datetime.fromtimestamp(ms / 1000, UTC).replace(microsecond=0),
    )


def _current(s: Session, c: SyncConflict) -> Any:
    model = TABLES.get(c.tbl)
    row = s.get(model, c.row_id) if model else None
    if row is None:
        return None
    return to_record(row).get(c.field)


def _view(s: Session, c: SyncConflict, devices: dict[str, Device]) -> ConflictView:
    family = s.get(Family, c.family_id) if c.family_id else None
    return ConflictView(
        c.id,
        c.tbl,
        c.row_id,
        c.family_id,
        family.case_number if family else "",
        c.field,
        c.kind,
        c.detail,
        _side(c.mine, c.mine_stamp, devices),
        _side(c.theirs, c.theirs_stamp, devices),
        _current(s, c),
        c.status,
        c.resolution,
        c.detected_at,
        c.resolved_by,
        c.replaced,
        json.loads(c.mine if c.chosen_stamp == c.mine_stamp else c.theirs)
        if c.status != "open"
        else None,
    )


def list_conflicts(ws: Workspace, *, include_resolved: bool = False) -> list[ConflictView]:
    with ws.transaction() as s:
        devices = {d.device_id: d for d in s.scalars(select(Device))}
        q = select(SyncConflict).order_by(SyncConflict.detected_at, SyncConflict.id)
        if not include_resolved:
            q = q.where(SyncConflict.status == "open")
        return [_view(s, c, devices) for c in s.scalars(q)]


def _may_decide(s: Session, ws: Workspace, c: SyncConflict) -> bool:
    """An OPS device decides case data of its area, and reference rows it wrote (its own OPS
    record always): the rule ``app.sync.authorize`` applies to its decision on import."""
    if ws.identity.role != "ops" or c.tbl in CASE_TABLES:
        return True
    if c.row_id == home_institution_id("ops", ws.identity.unit_code):
        return True
    vv = s.scalar(select(SyncRow.vv).where(SyncRow.tbl == c.tbl, SyncRow.row_id == c.row_id))
    return vv is not None and ws.device_id in vv_loads(vv)


def replaced_notices(ws: Workspace) -> list[ConflictView]:
    """Decisions made on another device that replaced this device's value, not yet seen."""
    with ws.transaction() as s:
        devices = {d.device_id: d for d in s.scalars(select(Device))}
        q = (
            select(SyncConflict)
            .where(SyncConflict.replaced.is_(True), SyncConflict.replaced_seen.is_(False))
            .order_by(SyncConflict.resolved_at, SyncConflict.id)
        )
        return [_view(s, c, devices) for c in s.scalars(q)]


def mark_seen(ws: Workspace, conflict_id: str | None = None) -> int:
    """The worker has seen the notice (of one entry, or all of them); returns how many."""
    with ws.transaction() as s:
        q = select(SyncConflict).where(
            SyncConflict.replaced.is_(True), SyncConflict.replaced_seen.is_(False)
        )
        if conflict_id is not None:
            q = q.where(SyncConflict.id == conflict_id)
        rows = list(s.scalars(q))
        for c in rows:
            c.replaced_seen = True
        return len(rows)


def count_open(ws: Workspace) -> int:
    with ws.transaction() as s:
        return len(s.scalars(select(SyncConflict.id).where(SyncConflict.status == "open")).all())


def resolve(ws: Workspace, conflict_id: str, take: str) -> ConflictView:
    """Close a conflict by taking ``"mine"`` or ``"theirs"``; returns the closed entry."""
    if take not in ("mine", "theirs"):
        raise ConflictError(_("Choose 'mine' or 'theirs'."))
    with ws.transaction() as s:
        c = s.get(SyncConflict, conflict_id)
        if c is None:
            matches = s.scalars(
                select(SyncConflict).where(SyncConflict.id.startswith(conflict_id or "-"))
            ).all()
            if len(matches) != 1:
                raise NotFound(_("There is no conflict with this id."))
            c = matches[0]
        if c.status != "open":
            raise ValidationError(_("This conflict has already been resolved."), "conflict")
        model = TABLES.get(c.tbl)
        row = s.get(model, c.row_id) if model else None
        if model is None or row is None:
            raise NotFound(_("The record of this conflict no longer exists."))
        if not _may_decide(s, ws, c):
            raise ValidationError(
                _(
                    "This conflict concerns shared reference data that this device did not "
                    "create: the coordinator decides it (a decision here would be refused by "
                    "the coordinator)."
                ),
                "conflict",
            )
        chosen = json.loads(c.mine if take == "mine" else c.theirs)
        values = from_record(model, {"id": c.row_id, c.field: chosen})
        column_key = next(k for k in values if k != "id")
        refresh(s, ws.device_id, ws.clock.tick)  # earlier edits keep stamps of their own
        if not apply(row, **{column_key: values[column_key]}):
            flag_modified(row, column_key)  # the decision is a write even of the shown value
        s.flush()  # stamps the row with a new version of this device (and checks the right)
        refresh(s, ws.device_id, ws.clock.tick)
        stamp_field(s, c.tbl, c.row_id, c.field, row.version)
        conflict_sync.close(
            s,
            c,
            conflict_sync.Resolution(
                c.mine_stamp if take == "mine" else c.theirs_stamp,
                row.version,
                ws.actor,
                utcnow().replace(microsecond=0),
            ),
            conflict_sync.next_rev(s),
        )
        c.replaced = False
        c.replaced_seen = True
        audit.record(s, "resolve", c.tbl, c.row_id, c.family_id, detail=f"{c.field}:{take}")
        s.flush()
        devices = {d.device_id: d for d in s.scalars(select(Device))}
        return _view(s, c, devices)
