"""Authorization on import: a bundle may only write what its sender may write.

A bundle signed by a registered peer is authentic, not trustworthy.  Before anything is written,
every record it carries is checked against the sender's rights; one record outside them refuses
the whole bundle (nothing is imported).

* **Whose changes** (§2 of issue 8): an OPS device may only introduce writes of its own device.
  A stamp of another device that this device has not got already (on that row, for that field)
  is a forgery; only a coordinator relays other devices' changes.  After this device was
  restored from a backup, writes made before the restore are accepted from an OPS's resend for
  a while (``_lost_in_restore``): they may be ones this device relayed or made and then lost.
* **Case data**: an OPS device writes only families of its own gmina and what hangs under them;
  a coordinator only families of the gminas of its powiat.  Both the family a record belongs to
  in the bundle and the family it belongs to here must be in the sender's area, so a record
  cannot be pulled out of another gmina's family either.
* **Moving a family** between gminas is a separate operation, never a field edit: a newer
  ``gmina_code`` on a family this device holds is refused, whoever sends it.
* **Shared reference data** (institutions, the team, agreements, meetings, services): a
  coordinator may change it; an OPS device may add its own and change only what it wrote
  itself before (its device is in the row's version vector here), never the coordinator's or
  another OPS's.  Rows under a team, an agreement or a meeting follow their parent.
* The device registry never travels as records, and the audit events of a bundle must all be
  the sender's own (``validate.parse_audit``); key rotations and revocations are handled by
  the importer for the sender itself and from a coordinator only.

Rows the sender merely passes back unchanged (nothing in them is new here) are never refused:
they write nothing.

Conflict entries (``app.sync.conflict_sync``) follow the same rules: one that is news here must
concern a row the sender may write, its stamps must be writes the row holds after the bundle,
and an OPS device may only introduce resolutions of its own.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import REGISTRY_MODELS, AuditEvent, Device, Family, utcnow
from app.models.hlc import parse_stamp
from app.models.sync_state import SyncConflict, SyncRow
from app.services.handover_rule import handed_over_from
from app.services.records import table_of
from app.services.reference import CATALOG_NAMESPACE, may_work_in
from app.services.setup import home_institution_id
from app.sync.conflict_sync import IncomingConflict, find
from app.sync.errors import refused
from app.sync.kinds import kind_label
from app.sync.limits import BUNDLE_LIFETIME_DAYS
from app.sync.rowstate import (
    _VIA_PARENT,
    CASE_TABLES,
    FIELDS,
    TABLES,
    load_states,
)
from app.sync.stamps import VV, device_of, full_stamps, knows, stamps_loads, vv_loads, vv_merge
from app.sync.validate import Incoming

# Reference rows that belong to another reference row: (column, parent table).
_REGISTRY_PARENT: dict[str, tuple[str, str]] = {
    "team_membership": ("team_id", "cooperation_team"),
    "agreement": ("team_id", "cooperation_team"),
    "agreement_party": ("agreement_id", "agreement"),
    "team_meeting": ("team_id", "cooperation_team"),
    "meeting_attendance": ("meeting_id", "team_meeting"),
}
_CHUNK = 500
REGISTRY_TABLES = frozenset(m.__tablename__ for m in REGISTRY_MODELS)


@dataclass(frozen=True)
class _Local:
    """This device's sync state of a row the bundle also carries."""

    stamps: dict[str, str]
    vv: VV
    family_id: str


def authorize(
    s: Session,
    sender: Device,
    records: list[Incoming],
    conflicts: list[IncomingConflict] | None = None,
) -> list[IncomingConflict]:
    """Refuse the bundle (``BundleRefused``) if any record or conflict entry is outside the
    sender's rights; returns the conflict entries to merge."""
    if not records and not conflicts:
        return []
    check = _Checker(s, sender, records)
    for item in records:
        check.record(item)
    return [entry for entry in conflicts or () if check.conflict(entry)]


def in_area(sender: Device, gmina_code: str) -> bool:
    """Whether a family of ``gmina_code`` is in the area of ``sender`` (its gmina or powiat):
    the rule the forms and the services apply, ``reference.may_work_in``."""
    return may_work_in(sender.role, sender.unit_code, gmina_code)


class _Checker:
    def __init__(self, s: Session, sender: Device, records: list[Incoming]) -> None:
        self.s = s
        self.sender = sender
        self.ops = sender.role != "coordinator"
        self.incoming = {(i.tbl, i.state.record["id"]): i for i in records}
        self.local = _load_local(s, records)
        self._gminas: dict[str, str | None] = {}
        self._parents: dict[tuple[str, str], str | None] = {}
        self._registry_vv: dict[tuple[str, str], VV | None] = {}
        self._records: dict[tuple[str, str], dict[str, Any]] = {}
        self._home = home_institution_id("ops", sender.unit_code)
        self._handed: dict[str, bool] = {}
        self._restored_ms, self._devices = _restored(s)

    def record(self, item: Incoming) -> None:
        key = (item.tbl, item.state.record["id"])
        mine = self.local.get(key)
        if self.ops:
            self._own_stamps_only(item, mine)
        if not _new_here(item, mine):
            return
        if item.tbl in CASE_TABLES:
            self._case(item, mine)
        elif self.ops and item.tbl in REGISTRY_TABLES:
            self._registry(item, mine)

    # -- conflict entries ---------------------------------------------------------------------
    def conflict(self, entry: IncomingConflict) -> bool:
        """Check one conflict entry; whether it is to be merged (refused when forbidden)."""
        key = (entry.tbl, entry.row_id)
        incoming = self.incoming.get(key)
        mine = self.local.get(key) or _load_local_row(self.s, entry.tbl, entry.row_id)
        if incoming is None and mine is None:
            return False  # a row this device does not hold: never shown, never stored
        x = entry.resolution
        held = self.s.get(SyncConflict, entry.id) or find(
            self.s, entry.tbl, entry.row_id, entry.field, entry.a[0], entry.b[0]
        )
        if held is not None:
            if held.status == "open" and x is None:
                return False  # passed back: nothing new
            if held.status != "open" and (x is None or x.stamp <= held.resolved_stamp):
                return False  # this device knows the same or a later decision
        if entry.tbl in CASE_TABLES:
            family = (
                self._family_of(entry.tbl, incoming.state.record)
                if incoming is not None
                else mine.family_id  # type: ignore[union-attr]
            )
            self._in_area(entry.tbl, family)
            if mine is not None and mine.family_id and mine.family_id != family:
                self._in_area(entry.tbl, mine.family_id)
        vv = vv_merge(
            mine.vv if mine is not None else {}, incoming.state.vv if incoming is not None else {}
        )
        if (
            self.ops
            and entry.tbl in REGISTRY_TABLES
            and entry.row_id != self._home
            and self.sender.device_id not in vv
        ):
            raise refused("not_owner", device=self.sender.device_id, kind=kind_label(entry.tbl))
        if self.ops and x is not None and device_of(x.stamp) != self.sender.device_id:
            raise refused("foreign_stamp", sender=self.sender.device_id, device=device_of(x.stamp))
        stamps = [entry.a[0], entry.b[0], *([x.stamp] if x is not None else [])]
        unknown = [stamp for stamp in stamps if not knows(vv, stamp)]
        if unknown and all(self._lost_in_restore(stamp) for stamp in unknown):
            # writes this device lost with a restore: the entry comes again with its rows
            # (the sender sends everything again once it learns this device went back)
            return False
        if unknown:
            raise refused("conflict", detail=kind_label(entry.tbl))
        return True

    # -- whose changes ------------------------------------------------------------------------
    def _own_stamps_only(self, item: Incoming, mine: _Local | None) -> None:
        me = self.sender.device_id
        for stamp in item.state.vv.values():
            device = device_of(stamp)
            unknown = mine is None or stamp > mine.vv.get(device, "")
            if device != me and unknown and not self._lost_in_restore(stamp):
                raise refused("foreign_stamp", sender=me, device=device)
        if mine is None:
            return
        for f, stamp in item.state.stamps.items():
            # A write of another device this device knows set the field no later than its
            # own stamp says; a newer one it has never seen was made up by the sender.
            newer = stamp > mine.stamps.get(f, "")
            if device_of(stamp) != me and newer and not self._lost_in_restore(stamp):
                raise refused("foreign_stamp", sender=me, device=device_of(stamp))

    def _lost_in_restore(self, stamp: str) -> bool:
        """A write made before this device went back to a backup, by a device registered here.

        This device may have held it and lost it with the restore: its own edits and the ones
        it relayed, which come back only in an OPS's resend.  Such stamps are accepted from an
        OPS for ``RESTORE_WINDOW`` after the restore (and a conflict entry about them waits
        for its rows).  A stamp made after the restore is never
        lost, so the forgery of a newer write is still refused.  What stays possible in the
        window is an OPS attributing an *older* write to another device in its own area.
        """
        return 0 < parse_stamp(stamp)[0] < self._restored_ms and device_of(stamp) in self._devices

    # -- case data ----------------------------------------------------------------------------
    def _case(self, item: Incoming, mine: _Local | None) -> None:
        record = item.state.record
        if item.tbl == "family" and mine is not None:
            here = self._gmina(record["id"], local_only=True)
            moved = here is not None and record["gmina_code"] != here
            if moved and item.state.stamps["gmina_code"] > mine.stamps.get("gmina_code", ""):
                raise refused("gmina_change", old=here, new=str(record["gmina_code"])[:7])
        family = self._family_of(item.tbl, record)
        self._in_area(item.tbl, family)
        if mine is not None and mine.family_id and mine.family_id != family:
            self._in_area(item.tbl, mine.family_id)

    def _in_area(self, tbl: str, family_id: str) -> None:
        gmina = self._gmina(family_id)
        if gmina is None:
            raise refused("references")
        if not in_area(self.sender, gmina) and not self._handed_over_by_sender(family_id):
            raise refused(
                "not_in_area", device=self.sender.device_id, kind=kind_label(tbl), gmina=gmina
            )

    def _handed_over_by_sender(self, family_id: str) -> bool:
        """An OPS's changes made before it learnt that its family moved away still arrive (the
        handover drops nothing; afterwards the family is read-only on that device)."""
        if not self.ops:
            return False
        if family_id not in self._handed:
            self._handed[family_id] = handed_over_from(self.s, family_id, self.sender.unit_code)
        return self._handed[family_id]

    def _family_of(self, tbl: str, record: dict[str, Any]) -> str:
        if tbl == "family":
            return record["id"]
        if tbl in _VIA_PARENT:
            column, parent = _VIA_PARENT[tbl]
            return self._parent_family(parent.__tablename__, record.get(column) or "")
        return record.get("family_id") or ""

    def _parent_family(self, parent_tbl: str, parent_id: str) -> str:
        carried = self.incoming.get((parent_tbl, parent_id))
        if carried is not None:
            return carried.state.record.get("family_id") or ""
        key = (parent_tbl, parent_id)
        if key not in self._parents:
            table = table_of(TABLES[parent_tbl])
            self._parents[key] = self.s.scalar(
                select(table.c.family_id).where(table.c.id == parent_id)
            )
        return self._parents[key] or ""

    def _gmina(self, family_id: str, *, local_only: bool = False) -> str | None:
        if not local_only:
            carried = self.incoming.get(("family", family_id))
            if carried is not None:
                return str(carried.state.record.get("gmina_code") or "")
        if family_id not in self._gminas:
            self._gminas[family_id] = self.s.scalar(
                select(Family.gmina_code).where(Family.id == family_id)
            )
        return self._gminas[family_id]

    # -- shared reference data ----------------------------------------------------------------
    def _registry(self, item: Incoming, mine: _Local | None) -> None:
        row_id = item.state.record["id"]
        if mine is not None and not self._may_change(item, mine):
            raise refused("not_owner", device=self.sender.device_id, kind=kind_label(item.tbl))
        if item.tbl in _REGISTRY_PARENT and row_id != self._home:
            column, parent_tbl = _REGISTRY_PARENT[item.tbl]
            parent_id = item.state.record.get(column) or ""
            if not self._registry_writable(parent_tbl, parent_id):
                raise refused(
                    "not_owner", device=self.sender.device_id, kind=kind_label(parent_tbl)
                )

    def _may_change(self, item: Incoming, mine: _Local) -> bool:
        """Whether an OPS device may write this reference row that this device holds."""
        row_id = item.state.record["id"]
        if row_id == self._home:
            return True  # its own OPS, the same record on every laptop of the gmina
        here = self._local_record(item.tbl, row_id)
        if item.tbl == "service" and row_id == str(uuid.uuid5(CATALOG_NAMESPACE, here["code"])):
            # The starter catalogue is seeded on every device with the same ids and values:
            # another device's seed is harmless, a changed value is not (and never makes the
            # sender an owner).
            return not _changes_values(item, mine, here)
        return self.sender.device_id in mine.vv

    def _local_record(self, tbl: str, row_id: str) -> dict[str, Any]:
        if (tbl, row_id) not in self._records:
            ids = [rid for (t, rid) in self.incoming if t == tbl]
            for rid, state in load_states(self.s, tbl, ids).items():
                self._records[(tbl, rid)] = state.record
        return self._records[(tbl, row_id)]

    def _registry_writable(self, tbl: str, row_id: str) -> bool:
        """An OPS device may hang rows under a reference row it wrote (or sends as new)."""
        key = (tbl, row_id)
        if key in self.local:
            return self.sender.device_id in self.local[key].vv
        if key not in self._registry_vv:
            vv = self.s.scalar(
                select(SyncRow.vv).where(SyncRow.tbl == tbl, SyncRow.row_id == row_id)
            )
            self._registry_vv[key] = vv_loads(vv) if vv is not None else None
        held = self._registry_vv[key]
        if held is not None:
            return self.sender.device_id in held
        if key in self.incoming:
            return True  # new here, and checked as a record of its own
        raise refused("references")


def _changes_values(item: Incoming, mine: _Local, here: dict[str, Any]) -> bool:
    """Whether a newer write in ``item`` would change a value of the row held here."""
    return any(
        stamp > mine.stamps.get(f, "") and item.state.record[f] != here[f]
        for f, stamp in item.state.stamps.items()
    )


def _new_here(item: Incoming, mine: _Local | None) -> bool:
    """Whether the row carries any write this device does not have yet."""
    if mine is None:
        return True
    return any(stamp > mine.vv.get(device_of(stamp), "") for stamp in item.state.vv.values())


RESTORE_WINDOW = timedelta(days=BUNDLE_LIFETIME_DAYS)


def _restored(s: Session) -> tuple[int, frozenset[str]]:
    """When this device was last restored from a backup (ms; 0 if not within the window), and
    the devices registered here."""
    me = s.scalar(select(Device.device_id).where(Device.is_self.is_(True)))
    at = s.scalar(
        select(func.max(AuditEvent.at)).where(
            AuditEvent.device_id == me, AuditEvent.action == "restore"
        )
    )
    if at is None or at < utcnow() - RESTORE_WINDOW:
        return 0, frozenset()
    devices = s.scalars(select(Device.device_id).where(Device.revoked.is_(False)))
    # Audit times are kept to the second: the restore happened somewhere in that second, so a
    # write made earlier in the same second may be lost too (the end of the second is the bound;
    # a forgery still has to be older than that).
    return (int(at.timestamp()) + 1) * 1000, frozenset(devices)


def _load_local_row(s: Session, tbl: str, row_id: str) -> _Local | None:
    row = s.execute(
        select(SyncRow.version, SyncRow.stamps, SyncRow.vv, SyncRow.family_id).where(
            SyncRow.tbl == tbl, SyncRow.row_id == row_id
        )
    ).first()
    if row is None:
        return None
    version, stamps, vv, family_id = row
    return _Local(full_stamps(stamps_loads(stamps), version, FIELDS[tbl]), vv_loads(vv), family_id)


def _load_local(s: Session, records: list[Incoming]) -> dict[tuple[str, str], _Local]:
    """This device's stamps, version vector and family of every carried row it holds."""
    by_table: dict[str, list[str]] = defaultdict(list)
    for item in records:
        by_table[item.tbl].append(item.state.record["id"])
    out: dict[tuple[str, str], _Local] = {}
    for tbl, ids in by_table.items():
        fields = FIELDS[tbl]
        for i in range(0, len(ids), _CHUNK):
            rows = s.execute(
                select(
                    SyncRow.row_id, SyncRow.version, SyncRow.stamps, SyncRow.vv, SyncRow.family_id
                ).where(SyncRow.tbl == tbl, SyncRow.row_id.in_(ids[i : i + _CHUNK]))
            )
            for row_id, version, stamps, vv, family_id in rows:
                out[(tbl, row_id)] = _Local(
                    full_stamps(stamps_loads(stamps), version, fields), vv_loads(vv), family_id
                )
    return out
