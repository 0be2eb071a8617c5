"""The records of a checked bundle merged into this database, table by table in parent-first
order (``SYNCED_MODELS``): new rows inserted, merged rows rewritten, each row's sync state kept,
the sender's base raised and same-field conflicts put into the inbox.

The merge of one row is ``app.sync.merge``; this module does the bulk writes around it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.models import SYNCED_MODELS, utcnow
from app.models.sync_state import SyncConflict, SyncRow
from app.services.records import from_record, table_of
from app.sync import conflict_sync
from app.sync.import_values import Checked
from app.sync.merge import FieldConflict, merge
from app.sync.peer_base import merge_base
from app.sync.rowstate import (
    _VIA_PARENT,
    RowState,
    load_states,
    shadow_of,
    upsert_rows,
)
from app.sync.stamps import SHADOW_JSON, compact_stamps, stamps_dumps, vv_dumps
from app.sync.validate import Incoming


def merge_records(s: Session, c: Checked) -> tuple[int, int]:
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
        merge_base(s, c.sender, tbl, {i.state.record["id"]: i.state.vv for i in items})
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
        "shadow": SHADOW_JSON(shadow_of(tbl, state.record)),
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
