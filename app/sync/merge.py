"""Merging one incoming row into the local one: three-way, per field, with conflicts kept.

For each field the value with the newer stamp is taken, so every copy reaches the same values
whatever order bundles arrive in (the merge is commutative, associative and idempotent).  Whether
that is a silent merge or a conflict is decided against the common base, which the version vectors
give exactly: a side *changed* a field since the base when the other side does not know the write
that set it.

* Only one side changed the field: its value is taken silently (this includes edits of different
  fields on both sides).
* Both changed it to different values: a conflict.  The newer value is shown meanwhile; both
  values, with their stamps (who, when, which device) wait in the inbox for a person to choose.
* One side deleted the row while the other edited it: a conflict on ``deleted``.
* Append-only records (visits, reviews and their scores) never conflict.
* A value written at set-up (``hlc.setup_stamp``: the home institution, which every laptop of
  a gmina creates with the same id) is a default: any edit is newer and wins silently, and two
  set-up values are not a conflict (the higher stamp is kept).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.models.hlc import is_setup_stamp
from app.sync.rowstate import APPEND_ONLY, FIELDS, RowState
from app.sync.stamps import knows, vv_merge


@dataclass(frozen=True)
class FieldConflict:
    field: str
    kind: str  # "field" | "delete"
    mine: Any
    mine_stamp: str
    theirs: Any
    theirs_stamp: str
    detail: str = ""


@dataclass
class Merged:
    state: RowState
    values_changed: bool  # the row in the table must be rewritten
    state_changed: bool  # stamps or version vector moved
    conflicts: list[FieldConflict] = field(default_factory=list)


def merge(tbl: str, local: RowState, remote: RowState) -> Merged:
    fields = FIELDS[tbl]
    append_only = tbl in APPEND_ONLY
    record = dict(local.record)
    stamps = dict(local.stamps)
    conflicts: list[FieldConflict] = []
    for f in fields:
        lf, rf = local.stamps[f], remote.stamps[f]
        if lf == rf:
            continue
        lv, rv = local.record[f], remote.record[f]
        if rf > lf:
            record[f], stamps[f] = rv, rf
        concurrent = not knows(remote.vv, lf) and not knows(local.vv, rf)
        edits = not (is_setup_stamp(lf) or is_setup_stamp(rf))  # a set-up default yields
        if concurrent and edits and lv != rv and not append_only:
            conflicts.append(FieldConflict(f, "field", lv, lf, rv, rf))
    if not append_only and not any(c.field == "deleted" for c in conflicts):
        conflicts += _delete_conflict(fields, local, remote)
    if remote.version > local.version:
        record["version"] = remote.version
        record["origin_device"] = remote.record["origin_device"]
    vv = vv_merge(local.vv, remote.vv)
    state = RowState(record, stamps, vv)
    return Merged(
        state,
        values_changed=record != local.record,
        state_changed=stamps != local.stamps or vv != local.vv,
        conflicts=conflicts,
    )


def _delete_conflict(fields: list[str], local: RowState, remote: RowState) -> list[FieldConflict]:
    """A deletion on one side, unknown to the other side, which edited the row meanwhile."""
    if local.record["deleted"] == remote.record["deleted"]:
        return []
    deleter, editor = (local, remote) if local.record["deleted"] else (remote, local)
    if knows(editor.vv, deleter.stamps["deleted"]):
        return []
    edited = [
        f
        for f in fields
        if f != "deleted"
        and not knows(deleter.vv, editor.stamps[f])
        and editor.stamps[f] != deleter.stamps[f]
        and not is_setup_stamp(editor.stamps[f])
    ]
    if not edited:
        return []
    return [
        FieldConflict(
            "deleted",
            "delete",
            local.record["deleted"],
            local.stamps["deleted"],
            remote.record["deleted"],
            remote.stamps["deleted"],
            detail=",".join(edited)[:500],
        )
    ]
