"""Records as plain JSON-ready dicts: the one serialisation used by ``dump``/``load`` and sync.

A record is ``{column: value}`` for every column of a synchronised table, with dates as ISO
strings, binary data as base64 and everything else as JSON scalars.  ``to_record`` and
``from_record`` are exact inverses, so dump → load → dump is byte-identical.
"""

from __future__ import annotations

import base64
import functools
import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, Integer, LargeBinary, Table
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import Base
from app.models.base import UTCDateTime


def _encode(value: Any, column_type: Any) -> Any:
    if value is None:
        return None
    if isinstance(column_type, LargeBinary):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decode(value: Any, column_type: Any, column: str) -> Any:
    if value is None:
        return None
    try:
        if isinstance(column_type, LargeBinary):
            return base64.b64decode(value, validate=True)
        if isinstance(column_type, UTCDateTime):
            return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        if isinstance(column_type, Date):
            return date.fromisoformat(value)
        if isinstance(column_type, Boolean):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(column_type, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            return value
        if not isinstance(value, str):
            raise TypeError
        length = getattr(column_type, "length", None)
        if length and len(value) > length:
            raise ValueError
        return value
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            _("A record has an invalid value in the field {field}.").format(field=column), column
        ) from exc


def table_of(model: type[Base]) -> Table:
    return model.__table__  # type: ignore[return-value]


@functools.cache
def _columns(table: Table) -> tuple[Column, ...]:
    """A table's columns in name order (computed once, not for every exported row)."""
    return tuple(sorted(table.columns, key=lambda c: c.name))


def to_record(obj: Base) -> dict[str, Any]:
    return {c.name: _encode(getattr(obj, c.key), c.type) for c in _columns(table_of(type(obj)))}


def row_to_record(table: Table, row: Any) -> dict[str, Any]:
    """Like ``to_record`` for a Core result row (faster for bulk export)."""
    mapping = row._mapping
    return {c.name: _encode(mapping[c.name], c.type) for c in _columns(table)}


def from_record(model: type[Base], record: dict[str, Any]) -> dict[str, Any]:
    """Validated column values for ``model`` from a record (unknown fields are refused)."""
    table = table_of(model)
    columns = {c.name: c for c in table.columns}
    unknown = set(record) - set(columns)
    if unknown:
        raise ValidationError(
            _("A record of {table} has unknown fields.").format(table=table.name), "record"
        )
    values = {}
    for name, column in columns.items():
        if name not in record:
            if column.primary_key:
                raise ValidationError(_("A record has no id."), "id")
            continue
        values[column.key] = _decode(record[name], column.type, name)
    return values


def canonical_json(data: Any) -> str:
    """Sorted keys, no insignificant whitespace variation, UTF-8 text: stable across runs."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, separators=(",", ": "))


def all_records(session: Session, model: type[Base]) -> list[dict[str, Any]]:
    table = table_of(model)
    pk = list(table.primary_key.columns)
    rows = session.execute(table.select().order_by(*pk))
    return [row_to_record(table, r) for r in rows]
