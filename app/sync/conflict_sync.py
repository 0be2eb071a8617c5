"""Conflicts replicate (as in CouchDB): the conflict inbox travels in bundles.

A conflict found on one device is shown on every device holding the row until one person
decides; the decision travels back and closes it everywhere.

* **One conflict, one key.** A conflict is the pair of concurrent writes of one field: the key
  is ``(table, row id, field, both stamps)``.  Its id is derived from the key
  (``conflict_id``), so the copies found or received on several devices are one entry with the
  same id everywhere.
* **A decision is a write.** Resolving writes the chosen value as a new edit of the deciding
  device (even when the row already shows it).  That write's stamp is the resolution's stamp,
  so the value every copy ends with and the decision every copy records are the same one: the
  newest.  When two people decide the same conflict differently, the later decision wins on
  every device.  Their two writes are concurrent, so the merge opens a new conflict about them.
* **What travels.** The bundle part ``conflicts.jsonl`` holds every entry that changed here
  (``SyncConflict.rev``, a local counter) since the newest bundle the peer acknowledged
  (``SyncPeer.conflicts_acked``), limited to rows that peer receives.  A lost bundle is
  covered by the next one, as for audit events.
* **Trust.** A conflict's stamps must be writes the row holds after the bundle.  A resolution
  must come with its write.  The row must be one the sender may write (``app.sync.authorize``).
  An OPS device may only introduce resolutions stamped by itself, so nobody can close someone
  else's conflict in another device's name.
* **Telling the worker.** When a decision made on another device replaces this device's own
  value, the entry is marked ``replaced``.  The import result says so (CLI output), and the
  inbox keeps the notice until the worker has seen it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import utcnow
from app.models.sync_state import SyncBase, SyncConflict, SyncRow
from app.services import audit
from app.services.records import from_record
from app.sync.errors import at_line, refused
from app.sync.limits import MAX_CONFLICTS, MAX_TEXT_CHARS
from app.sync.manifest import parse_time
from app.sync.rowstate import APPEND_ONLY, FIELDS, TABLES
from app.sync.stamps import VV, device_of, knows, valid_stamp, vv_loads
from app.sync.validate import load_line, split_lines

_NAMESPACE = uuid.UUID("0b6f3f3c-8d1e-4a52-9c55-6b1f6c9d2a17")
_KEYS = {"t", "id", "f", "k", "d", "a", "b", "x"}
_RESOLUTION_KEYS = {"c", "s", "by", "at"}


def conflict_id(tbl: str, row_id: str, field: str, stamp_1: str, stamp_2: str) -> str:
    """The id of a conflict: the same on every device that finds or receives it."""
    low, high = sorted((stamp_1, stamp_2))
    return str(uuid.uuid5(_NAMESPACE, f"{tbl}|{row_id}|{field}|{low}|{high}"))


@dataclass(frozen=True)
class Resolution:
    chosen: str  # the stamp of the side taken
    stamp: str  # the stamp of the write that took it
    by: str
    at: datetime


@dataclass(frozen=True)
class IncomingConflict:
    tbl: str
    row_id: str
    field: str
    kind: str
    detail: str
    a: tuple[str, Any]  # (stamp, value), the older write
    b: tuple[str, Any]
    resolution: Resolution | None

    @property
    def id(self) -> str:
        return conflict_id(self.tbl, self.row_id, self.field, self.a[0], self.b[0])


def next_rev(s: Session) -> int:
    """A new value of the local change counter (one transaction writes at a time)."""
    return (s.scalar(select(func.max(SyncConflict.rev))) or 0) + 1


# -- export -------------------------------------------------------------------------------------
def outgoing(
    s: Session,
    acked: int,
    receives: Any,
    peer_id: str = "",
    carried: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[bytes, int]:
    """The ``conflicts.jsonl`` part for a peer, and the counter it covers.

    ``receives(tbl, ids)`` gives the ids of those rows the peer may receive.  Entries changed
    since ``acked`` on rows it does not receive are passed by the counter; they travel when
    their row does: an entry on a row this bundle ``carried`` (``(table, id)``) goes with it
    whenever the peer's base of the row lacks one of its writes (the row was withheld by
    consent meanwhile, out of the peer's scope before, or lost when its database went back).
    Once the peer acknowledges the row, its base holds both writes and the entry stays here."""
    rows = list(
        s.scalars(
            select(SyncConflict)
            .where(SyncConflict.rev > acked)
            .order_by(SyncConflict.rev)
            .limit(MAX_CONFLICTS)
        )
    )
    covered = rows[-1].rev if rows else acked
    if carried and acked:
        earlier = [
            c
            for c in s.scalars(
                select(SyncConflict).where(SyncConflict.rev <= acked).order_by(SyncConflict.rev)
            )
            if (c.tbl, c.row_id) in carried
        ]
        bases = _bases(s, peer_id, {(c.tbl, c.row_id) for c in earlier})
        earlier = [c for c in earlier if not _known_to(bases.get((c.tbl, c.row_id)), c)]
        # the rest of them follow with the next bundle: their rows have no base until acked
        rows = earlier[: max(0, MAX_CONFLICTS - len(rows))] + rows
    if not rows:
        return b"", acked
    by_table: dict[str, set[str]] = {}
    for c in rows:
        by_table.setdefault(c.tbl, set()).add(c.row_id)
    allowed = {(tbl, rid) for tbl, ids in by_table.items() for rid in receives(tbl, sorted(ids))}
    lines = [_line(c) for c in rows if (c.tbl, c.row_id) in allowed and _sendable(c)]
    return b"".join(line + b"\n" for line in lines), covered


def _bases(s: Session, peer_id: str, keys: set[tuple[str, str]]) -> dict[tuple[str, str], VV]:
    """The peer's base (the version vector it is known to hold) of each of these rows."""
    out: dict[tuple[str, str], VV] = {}
    for tbl in {t for t, _r in keys}:
        ids = sorted(r for t, r in keys if t == tbl)
        for i in range(0, len(ids), 500):
            for row_id, vv in s.execute(
                select(SyncBase.row_id, SyncBase.vv).where(
                    SyncBase.peer == peer_id,
                    SyncBase.tbl == tbl,
                    SyncBase.row_id.in_(ids[i : i + 500]),
                )
            ):
                out[(tbl, row_id)] = vv_loads(vv)
    return out


def _known_to(base: VV | None, c: SyncConflict) -> bool:
    """Whether the peer's copy of the row already holds both writes (and the decision's):
    then it has received this conflict, or found it, with the row."""
    stamps = [c.mine_stamp, c.theirs_stamp, c.resolved_stamp or ""]
    return base is not None and all(knows(base, st) for st in stamps if st)


def _sendable(c: SyncConflict) -> bool:
    # Entries resolved before conflicts replicated have no resolution stamp: kept here only.
    return c.status == "open" or bool(c.resolved_stamp and c.chosen_stamp)


def _line(c: SyncConflict) -> bytes:
    sides = sorted([(c.mine_stamp, json.loads(c.mine)), (c.theirs_stamp, json.loads(c.theirs))])
    resolution = None
    if c.status != "open":
        at = c.resolved_at or utcnow()
        resolution = {
            "c": c.chosen_stamp,
            "s": c.resolved_stamp,
            "by": c.resolved_by,
            "at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
    data = {
        "t": c.tbl,
        "id": c.row_id,
        "f": c.field,
        "k": c.kind,
        "d": c.detail,
        "a": list(sides[0]),
        "b": list(sides[1]),
        "x": resolution,
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


# -- import: parsing ------------------------------------------------------------------------------
def parse(data: bytes) -> list[IncomingConflict]:
    """The conflicts part, every line checked before anything is used."""
    lines = split_lines(data, MAX_CONFLICTS, "conflict")
    out: list[IncomingConflict] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        item = _parse_line(line, number)
        if item.id in seen:
            raise refused("conflict", detail=_("line {n}, given twice").format(n=number))
        seen.add(item.id)
        out.append(item)
    return out


def _parse_line(line: bytes, number: int) -> IncomingConflict:
    raw = load_line(line, number)
    bad = refused("conflict", detail=at_line(number))
    if not isinstance(raw, dict) or set(raw) != _KEYS:
        raise bad
    tbl, row_id, field, kind, detail = raw["t"], raw["id"], raw["f"], raw["k"], raw["d"]
    if not isinstance(tbl, str) or tbl not in TABLES or tbl in APPEND_ONLY:
        raise bad
    if not isinstance(row_id, str) or not 1 <= len(row_id) <= 36:
        raise bad
    if not isinstance(field, str) or field not in FIELDS[tbl]:
        raise bad
    if kind not in ("field", "delete") or (kind == "delete") != (field == "deleted"):
        raise bad
    if not isinstance(detail, str) or len(detail) > 500:
        raise bad
    sides = []
    for side in (raw["a"], raw["b"]):
        if not isinstance(side, list) or len(side) != 2 or not valid_stamp(side[0]):
            raise bad
        _check_value(tbl, row_id, field, side[1], bad)
        sides.append((side[0], side[1]))
    if not sides[0][0] < sides[1][0] or sides[0][1] == sides[1][1]:
        raise bad
    resolution = None
    x = raw["x"]
    if x is not None:
        if not isinstance(x, dict) or set(x) != _RESOLUTION_KEYS:
            raise bad
        if x["c"] not in (sides[0][0], sides[1][0]) or not valid_stamp(x["s"]):
            raise bad
        if not isinstance(x["by"], str) or len(x["by"]) > 200 or not isinstance(x["at"], str):
            raise bad
        try:
            at = parse_time(x["at"])
        except ValueError:
            raise bad from None
        resolution = Resolution(x["c"], x["s"], x["by"], at)
    return IncomingConflict(tbl, row_id, field, kind, detail, sides[0], sides[1], resolution)


def _check_value(tbl: str, row_id: str, field: str, value: Any, bad: Exception) -> None:
    if isinstance(value, dict | list):
        raise bad
    if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
        raise refused("field_too_long", field=f"{tbl}.{field}")
    try:
        from_record(TABLES[tbl], {"id": row_id, field: value})
    except ValidationError:
        raise bad from None


# -- import: applying ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Replaced:
    """A decision made on another device that replaced this device's own value."""

    id: str
    tbl: str
    field: str
    mine: Any
    chosen: Any
    device: str


def apply_incoming(
    s: Session, me: str, sender: str, bundle_id: str, items: list[IncomingConflict]
) -> tuple[int, list[Replaced]]:
    """Merge received conflicts into the inbox; (new open conflicts, values replaced here)."""
    new = 0
    replaced: list[Replaced] = []
    rev = next_rev(s)
    for item in items:
        family = s.scalar(
            select(SyncRow.family_id).where(SyncRow.tbl == item.tbl, SyncRow.row_id == item.row_id)
        )
        if family is None:
            continue  # a row this device does not hold (never shown, never stored)
        c = s.get(SyncConflict, item.id) or find(
            s, item.tbl, item.row_id, item.field, item.a[0], item.b[0]
        )
        if c is None:
            c = _insert(s, me, sender, bundle_id, item, family, rev)
            rev += 1
            if item.resolution is None:
                new += 1
        x = item.resolution
        if x is None or (c.status != "open" and x.stamp <= c.resolved_stamp):
            continue
        close(s, c, x, rev)
        rev += 1
        audit.record(
            s,
            "conflict_closed",
            c.tbl,
            c.row_id,
            c.family_id,
            detail=f"{c.field}:{c.resolution}:{device_of(x.stamp)}",
        )
        lost = c.theirs_stamp if x.chosen == c.mine_stamp else c.mine_stamp
        c.replaced = device_of(lost) == me and device_of(x.stamp) != me
        c.replaced_seen = not c.replaced
        if c.replaced:
            chosen = c.mine if x.chosen == c.mine_stamp else c.theirs
            mine = c.theirs if x.chosen == c.mine_stamp else c.mine
            replaced.append(
                Replaced(
                    c.id, c.tbl, c.field, json.loads(mine), json.loads(chosen), device_of(x.stamp)
                )
            )
    return new, replaced


def find(
    s: Session, tbl: str, row_id: str, field: str, stamp_1: str, stamp_2: str
) -> SyncConflict | None:
    """The entry of this row and field between these two writes, by its sides (ids of entries
    found before conflicts replicated were random)."""
    for c in s.scalars(
        select(SyncConflict).where(
            SyncConflict.tbl == tbl, SyncConflict.row_id == row_id, SyncConflict.field == field
        )
    ):
        if {c.mine_stamp, c.theirs_stamp} == {stamp_1, stamp_2}:
            return c
    return None


def _insert(
    s: Session,
    me: str,
    sender: str,
    bundle_id: str,
    item: IncomingConflict,
    family: str,
    rev: int,
) -> SyncConflict:
    # "Mine" is this device's own write when it made one of them; otherwise the newer.
    theirs, mine = item.a, item.b
    if device_of(item.a[0]) == me:
        mine, theirs = item.a, item.b
    c = SyncConflict(
        id=item.id,
        tbl=item.tbl,
        row_id=item.row_id,
        family_id=family,
        field=item.field,
        kind=item.kind,
        detail=item.detail,
        mine=json.dumps(mine[1], ensure_ascii=False),
        mine_stamp=mine[0],
        theirs=json.dumps(theirs[1], ensure_ascii=False),
        theirs_stamp=theirs[0],
        peer=sender,
        bundle_id=bundle_id,
        detected_at=utcnow(),
        status="open",
        rev=rev,
    )
    s.add(c)
    s.flush()
    return c


def close(s: Session, c: SyncConflict, x: Resolution, rev: int) -> None:
    c.status = "resolved"
    c.resolution = "mine" if x.chosen == c.mine_stamp else "theirs"
    c.chosen_stamp = x.chosen
    c.resolved_stamp = x.stamp
    c.resolved_by = x.by
    c.resolved_at = x.at
    c.rev = rev
