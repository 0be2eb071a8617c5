"""Each synchronised row's sync state (``SyncRow``) and finding what local edits changed.

Services stamp a whole row with a new ``version`` when they change it; the merge needs to know
*which fields* changed.  ``refresh()`` compares every row whose version moved since the sync layer
last looked with the digests it kept (``SyncRow.shadow``): the fields that differ get the row's
version as their stamp, and the device's entry of the version vector moves to it.  It runs at the
start of every export and import, inside their transaction, so it also covers rows written in
bulk (demo data, ``load``) and edits made by any code path.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Date,
    LargeBinary,
    Select,
    and_,
    literal,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.models import (
    CASE_MODELS,
    SYNCED_MODELS,
    ActionStatusEntry,
    Consent,
    Diagnosis,
    DiagnosticWorkshop,
    Family,
    GoalScore,
    Review,
    ReviewDomainRating,
    SupportPlan,
    SyncMixin,
    Visit,
)
from app.models.base import UTCDateTime
from app.models.sync_state import SyncRow
from app.services.records import table_of
from app.sync.stamps import (
    META_FIELDS,
    SHADOW_JSON,
    VV,
    compact_stamps,
    device_of,
    full_stamps,
    stamps_dumps,
    stamps_loads,
    valid_stamp,
    vv_dumps,
    vv_loads,
    vv_merge,
)

TABLES: dict[str, type[SyncMixin]] = {m.__tablename__: m for m in SYNCED_MODELS}
CASE_TABLES = frozenset(m.__tablename__ for m in CASE_MODELS)
# Records that are only ever added (a correction is a new record): never a conflict.
APPEND_ONLY = frozenset(
    m.__tablename__ for m in (Visit, Review, GoalScore, ReviewDomainRating, ActionStatusEntry)
)
FIELDS: dict[str, list[str]] = {
    name: sorted(c.name for c in table_of(m).columns if c.name not in META_FIELDS)
    for name, m in TABLES.items()
}
# Case records that reach their family through a parent (column, parent model).
_VIA_PARENT: dict[str, tuple[str, type[SyncMixin]]] = {
    "consent_recipient": ("consent_id", Consent),
    "domain_rating": ("diagnosis_id", Diagnosis),
    "diagnosis_participant": ("diagnosis_id", Diagnosis),
    "goal": ("plan_id", SupportPlan),
    "action": ("plan_id", SupportPlan),
    "commitment": ("plan_id", SupportPlan),
    "goal_score": ("review_id", Review),
    "review_domain_rating": ("review_id", Review),
    "action_status_entry": ("review_id", Review),
    "workshop_participant": ("workshop_id", DiagnosticWorkshop),
}
_DIGEST_OVER = 48  # longer values are kept as a digest in the shadow


@dataclass
class RowState:
    """One row as the merge sees it: values in record form, every field's stamp, its vector."""

    record: dict[str, Any]
    stamps: dict[str, str]
    vv: VV

    @property
    def version(self) -> str:
        return self.record["version"]


def _record_encoder(table: Any) -> Callable[[Any], dict[str, Any]]:
    """A fast equivalent of ``records.row_to_record`` for one table (columns sorted once)."""
    plan: list[tuple[str, Callable[[Any], Any] | None]] = []
    for column in sorted(table.columns, key=lambda c: c.name):
        ctype = column.type
        if isinstance(ctype, LargeBinary):
            plan.append((column.name, lambda v: base64.b64encode(v).decode("ascii")))
        elif isinstance(ctype, UTCDateTime):
            plan.append((column.name, lambda v: v.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")))
        elif isinstance(ctype, Date):
            plan.append((column.name, date.isoformat))
        else:
            plan.append((column.name, None))

    def encode(row: Any) -> dict[str, Any]:
        m = row._mapping
        out = {}
        for name, fn in plan:
            value = m[name]
            out[name] = value if value is None or fn is None else fn(value)
        return out

    return encode


ENCODERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    name: _record_encoder(table_of(m)) for name, m in TABLES.items()
}


def shadow_value(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _DIGEST_OVER:
        return {"h": hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]}
    return value


def shadow_of(tbl: str, record: dict[str, Any]) -> dict[str, Any]:
    return {f: shadow_value(record.get(f)) for f in FIELDS[tbl]}


def family_source(model: type[SyncMixin]) -> tuple[Any, ColumnElement]:
    """(FROM clause, expression of the family id) for rows of ``model``."""
    table = table_of(model)
    name = model.__tablename__
    if model is Family:
        return table, table.c.id
    if name in _VIA_PARENT:
        column, parent = _VIA_PARENT[name]
        ptable = table_of(parent)
        return table.outerjoin(ptable, ptable.c.id == table.c[column]), ptable.c.family_id
    if "family_id" in table.c:
        return table, table.c.family_id
    return table, literal("")


@functools.cache  # built once per model: the statement depends on nothing else (and is immutable)
def _dirty_rows(model: type[SyncMixin]) -> Select:
    table = table_of(model)
    source, family = family_source(model)
    joined = source.outerjoin(
        SyncRow, and_(SyncRow.tbl == model.__tablename__, SyncRow.row_id == table.c.id)
    )
    return (
        select(
            table,
            SyncRow.version.label("_sv"),
            SyncRow.shadow.label("_shadow"),
            SyncRow.stamps.label("_stamps"),
            SyncRow.vv.label("_vv"),
            family.label("_family"),
        )
        .select_from(joined)
        .where(or_(SyncRow.row_id.is_(None), SyncRow.version != table.c.version))
    )


def tables_with_rows(session: Session, probe: CompoundSelect) -> list[type[SyncMixin]]:
    """The synced models (in their order) that ``probe`` names by their index there.

    One statement asks every table at once whether it has a row to look at: most exports,
    imports and counts find few tables with anything, and one statement per table cost
    more than the work on a small database.
    """
    found = set(session.scalars(probe))
    return [m for i, m in enumerate(SYNCED_MODELS) if i in found]


def probe_tables(statement: Callable[[type[SyncMixin]], Select]) -> CompoundSelect:
    """A statement giving the index in ``SYNCED_MODELS`` of each model whose ``statement``
    has at least one row (for ``tables_with_rows``)."""
    return union_all(
        *(
            select(literal(i).label("i")).where(statement(model).exists())
            for i, model in enumerate(SYNCED_MODELS)
        )
    )


@functools.cache  # like ``_dirty_rows``: the statements depend on nothing else
def _dirty_probe() -> CompoundSelect:
    return probe_tables(_dirty_rows)


def dirty_tables(session: Session) -> list[type[SyncMixin]]:
    """The synced models with a row ``refresh`` has to look at (in their order)."""
    return tables_with_rows(session, _dirty_probe())


def refresh(session: Session, device_id: str, tick: Any) -> int:
    """Bring ``SyncRow`` up to date with every row changed since the last look; return how many.

    ``tick`` gives a fresh stamp for the (unexpected) row that has no valid version at all.
    """
    count = 0
    for model in dirty_tables(session):
        tbl = model.__tablename__
        table = table_of(model)
        fields = FIELDS[tbl]
        encode = ENCODERS[tbl]
        upserts: list[dict[str, Any]] = []
        for row in session.execute(_dirty_rows(model)):
            m = row._mapping
            record = encode(row)
            version = record["version"]
            if not valid_stamp(version):
                version = tick()
                session.execute(
                    update(table)
                    .where(table.c.id == record["id"])
                    .values(version=version, origin_device=device_of(version))
                )
                record["version"], record["origin_device"] = version, device_of(version)
            shadow = shadow_of(tbl, record)
            if m["_sv"] is None:
                stamps = dict.fromkeys(fields, version)
                vv: VV = {device_of(version): version}
            else:
                old_shadow = json.loads(m["_shadow"])
                stamps = full_stamps(stamps_loads(m["_stamps"]), m["_sv"], fields)
                for f in fields:
                    if old_shadow.get(f) != shadow[f]:
                        stamps[f] = version
                vv = vv_merge(vv_loads(m["_vv"]), {device_of(version): version})
            upserts.append(
                {
                    "tbl": tbl,
                    "row_id": record["id"],
                    "version": version,
                    "family_id": m["_family"] or "",
                    "shadow": SHADOW_JSON(shadow),
                    "stamps": stamps_dumps(compact_stamps(stamps, version)),
                    "vv": vv_dumps(vv),
                }
            )
        if upserts:
            upsert_rows(session, upserts)
            count += len(upserts)
    return count


def upsert_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    stmt = sqlite_insert(table_of(SyncRow))
    stmt = stmt.on_conflict_do_update(
        index_elements=["tbl", "row_id"],
        set_={c: stmt.excluded[c] for c in ("version", "family_id", "shadow", "stamps", "vv")},
    )
    for i in range(0, len(rows), 2000):
        session.execute(stmt, rows[i : i + 2000])


def load_states(session: Session, tbl: str, ids: Iterable[str]) -> dict[str, RowState]:
    """The current state of the given rows that exist here (after ``refresh``)."""
    model = TABLES[tbl]
    table = table_of(model)
    fields = FIELDS[tbl]
    out: dict[str, RowState] = {}
    ids = list(ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        q = (
            select(table, SyncRow.stamps.label("_stamps"), SyncRow.vv.label("_vv"))
            .select_from(
                table.join(SyncRow, and_(SyncRow.tbl == tbl, SyncRow.row_id == table.c.id))
            )
            .where(table.c.id.in_(chunk))
        )
        for row in session.execute(q):
            record = ENCODERS[tbl](row)
            stamps = full_stamps(stamps_loads(row._mapping["_stamps"]), record["version"], fields)
            out[record["id"]] = RowState(record, stamps, vv_loads(row._mapping["_vv"]))
    return out


def stamp_field(session: Session, tbl: str, row_id: str, field: str, stamp: str) -> None:
    """Give one field of a row the stamp ``stamp`` (the row's current version, after
    ``refresh``): a decision on a conflict is a write of that field even when its value was
    already shown."""
    row = session.get(SyncRow, (tbl, row_id))
    if row is None or row.version != stamp:
        raise ValueError("stamp_field: the row's sync state is not at this version")
    stamps = full_stamps(stamps_loads(row.stamps), row.version, FIELDS[tbl])
    stamps[field] = stamp
    row.stamps = stamps_dumps(compact_stamps(stamps, row.version))
