"""Which devices have confirmed each erasure (what the originating worker watches)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.i18n import _
from app.models import Device, ErasureNotice, ErasureReceipt
from app.services.rodo.erasure import REASONS
from app.services.workspace import Workspace


@dataclass(frozen=True)
class DeviceConfirmation:
    device_id: str
    name: str
    confirmed_at: datetime | None


@dataclass(frozen=True)
class ErasureStatus:
    erasure_id: str
    erased_at: datetime
    reason: str
    reason_label: str
    origin: str
    origin_name: str
    devices: tuple[DeviceConfirmation, ...]

    @property
    def pending(self) -> tuple[DeviceConfirmation, ...]:
        return tuple(d for d in self.devices if d.confirmed_at is None)


def _ids(text: str) -> set[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return set()
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def list_erasures(ws: Workspace) -> list[ErasureStatus]:
    """Every erasure known here, newest first, with each device expected to confirm it."""
    with ws.transaction() as s:
        names = {d.device_id: d.name for d in s.scalars(select(Device))}
        receipts: dict[str, list[ErasureReceipt]] = {}
        for r in s.scalars(select(ErasureReceipt)):
            receipts.setdefault(r.erasure_id, []).append(r)
        out: list[ErasureStatus] = []
        for n in s.scalars(select(ErasureNotice).order_by(ErasureNotice.erased_at.desc())):
            got = {r.device_id: r for r in receipts.get(n.id, [])}
            expected = _ids(n.holders) | set(got)
            for r in got.values():
                expected |= _ids(r.forwarded_to)
            expected.discard(n.origin)
            devices = tuple(
                DeviceConfirmation(d, names.get(d, ""), got[d].confirmed_at if d in got else None)
                for d in sorted(expected)
            )
            out.append(
                ErasureStatus(
                    n.id,
                    n.erased_at,
                    n.reason,
                    _(REASONS.get(n.reason, n.reason)),
                    n.origin,
                    names.get(n.origin, ""),
                    devices,
                )
            )
        return out
