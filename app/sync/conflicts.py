"""The conflict inbox: both values of a field edited on two devices, and resolving them.

Each entry shows the field's two values side by side with who wrote each, when and on which
device (from the values' stamps and the device registry).  Resolving takes one side: the chosen
value is written as a normal edit of this device (a new version that every copy then receives),
or nothing is written when the row already shows it.  Either way the entry is closed and the
choice is written to the audit log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ConflictError, NotFound, ValidationError
from app.i18n import _
from app.models import Device, Family, utcnow
from app.models.hlc import parse_stamp
from app.models.sync_state import SyncConflict
from app.services import audit
from app.services.common import apply
from app.services.records import from_record, to_record
from app.services.workspace import Workspace
from app.sync.rowstate import TABLES


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
    )


def list_conflicts(ws: Workspace, *, include_resolved: bool = False) -> list[ConflictView]:
    with ws.transaction() as s:
        devices = {d.device_id: d for d in s.scalars(select(Device))}
        q = select(SyncConflict).order_by(SyncConflict.detected_at, SyncConflict.id)
        if not include_resolved:
            q = q.where(SyncConflict.status == "open")
        return [_view(s, c, devices) for c in s.scalars(q)]


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
        chosen = json.loads(c.mine if take == "mine" else c.theirs)
        values = from_record(model, {"id": c.row_id, c.field: chosen})
        column_key = next(k for k in values if k != "id")
        apply(row, **{column_key: values[column_key]})
        c.status = "resolved"
        c.resolution = take
        c.resolved_at = utcnow()
        c.resolved_by = ws.actor
        audit.record(s, "resolve", c.tbl, c.row_id, c.family_id, detail=f"{c.field}:{take}")
        s.flush()
        devices = {d.device_id: d for d in s.scalars(select(Device))}
        return _view(s, c, devices)
