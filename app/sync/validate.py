"""Schema validation of a bundle's records and audit events, with limits, before any write.

Every record line is ``{"t": table, "r": record, "s": {field: stamp}, "v": [stamp, …]}``: the
table must be one this device accepts from this sender, the record must have exactly the table's
columns with values of the right type and length (``app.services.records.from_record``), and the
stamps must be well formed and consistent with the version vector.  Audit events must come from
the sender's own chain, continue it and hash correctly.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import LargeBinary, String, Text, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import AuditEvent
from app.models.sync_state import SyncRow
from app.services.record_rules import RELATION_TABLES, InvalidRecord, RecordChecker
from app.services.records import from_record, table_of
from app.sync.errors import BundleRefused, at_line, in_field, refused
from app.sync.limits import (
    MAX_AUDIT_EVENTS,
    MAX_BINARY_BYTES,
    MAX_JSON_DEPTH,
    MAX_LINE_BYTES,
    MAX_RECORDS,
    MAX_TEXT_CHARS,
    MAX_VV_ENTRIES,
)
from app.sync.rowstate import FIELDS, TABLES, RowState
from app.sync.stamps import (
    VV,
    device_of,
    full_stamps,
    knows,
    valid_stamp,
    vv_from_list,
    vv_loads,
)

_COLUMNS = {name: {c.name: c for c in table_of(m).columns} for name, m in TABLES.items()}
_AUDIT_COLUMNS = {c.name: c for c in table_of(AuditEvent).columns}


@dataclass
class Incoming:
    tbl: str
    state: RowState
    values: dict[str, Any]  # column values ready for the database


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of a parsed JSON value, stopping once past ``limit``."""
    children: Iterable[Any]
    if isinstance(value, dict):
        children = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return 0
    deepest = 0
    for child in children:
        if isinstance(child, dict | list):
            deepest = max(deepest, _depth(child, limit))
            if deepest >= limit:
                break
    return deepest + 1


def split_lines(data: bytes, limit: int, malformed: str = "record") -> list[bytes]:
    """A bundle part's lines (every line ends with a newline), refused when there are more than
    ``limit``; ``malformed`` is the refusal of a part whose last line does not end."""
    if not data:
        return []
    if not data.endswith(b"\n"):
        raise refused(malformed, detail="line end")
    n = data.count(b"\n")
    if n > limit:
        raise refused("too_many_records", count=n, limit=limit)
    return data[:-1].split(b"\n")


def load_line(line: bytes, number: int) -> Any:
    """One JSON line of a bundle part (records, audit events, conflicts), refused when too long,
    not JSON, or nested deeper than any line of the format (``MAX_JSON_DEPTH``)."""
    if len(line) > MAX_LINE_BYTES:
        raise refused("line_too_long", size=len(line))
    try:
        value = json.loads(line)
    except RecursionError:
        raise refused("nesting") from None
    except ValueError:
        raise refused("json", line=number) from None
    if not _flat_record(value) and _depth(value, MAX_JSON_DEPTH + 1) > MAX_JSON_DEPTH:
        raise refused("nesting")
    return value


_SCALARS = (str, int, float, bool, type(None))


def _flat_record(value: Any) -> bool:
    """The usual line, quickly: ``{"t": …, "r": {scalars}, "s": {scalars}, "v": [scalars]}`` is
    two levels deep (``_depth`` walks every value of every record otherwise)."""
    if not isinstance(value, dict) or len(value) > 4:
        return False
    for part in value.values():
        if isinstance(part, dict):
            part = part.values()
        elif not isinstance(part, list):
            if not isinstance(part, _SCALARS):
                return False
            continue
        for v in part:
            if not isinstance(v, _SCALARS):
                return False
    return True


def _limit(column: Any) -> int:
    ctype = column.type
    if isinstance(ctype, LargeBinary):
        return (MAX_BINARY_BYTES * 4) // 3 + 4
    if isinstance(ctype, Text):
        return MAX_TEXT_CHARS
    if isinstance(ctype, String) and ctype.length:
        return ctype.length
    return MAX_TEXT_CHARS


_LIMITS = {name: [(c, _limit(col)) for c, col in cols.items()] for name, cols in _COLUMNS.items()}


def _check_lengths(tbl: str, record: dict[str, Any]) -> None:
    for name, limit in _LIMITS[tbl]:
        value = record.get(name)
        if isinstance(value, str) and len(value) > limit:
            raise refused("field_too_long", field=f"{tbl}.{name}")


def parse_records(data: bytes, allowed: frozenset[str], counts: dict[str, int]) -> list[Incoming]:
    lines = split_lines(data, MAX_RECORDS)
    if len(lines) != sum(counts.values()):
        raise refused("counts")
    seen: set[tuple[str, str]] = set()
    found: dict[str, int] = {}
    out: list[Incoming] = []
    for number, line in enumerate(lines, start=1):
        item = load_line(line, number)
        if not isinstance(item, dict) or set(item) != {"t", "r", "s", "v"}:
            raise refused("record", detail=at_line(number))
        tbl, record, compact, vv_list = item["t"], item["r"], item["s"], item["v"]
        if not isinstance(tbl, str) or tbl not in TABLES or tbl not in allowed:
            raise refused("table", table=str(tbl)[:40])
        if not isinstance(record, dict) or set(record) != set(_COLUMNS[tbl]):
            raise refused("record", detail=at_line(number, tbl))
        if any(isinstance(v, dict | list) for v in record.values()):
            raise refused("nesting")
        _check_lengths(tbl, record)
        try:
            values = from_record(TABLES[tbl], record)
        except ValidationError as exc:
            raise refused("record", detail=in_field(tbl, exc.field or "")) from None
        if not isinstance(record["id"], str) or not record["id"]:
            raise refused("record", detail=in_field(tbl, "id"))
        if not isinstance(record["deleted"], bool):
            raise refused("record", detail=in_field(tbl, "deleted"))
        version = record["version"]
        if not valid_stamp(version) or record["origin_device"] != device_of(version):
            raise refused("stamp", detail=in_field(tbl, "version"))
        state = _state(tbl, record, compact, vv_list)
        key = (tbl, record["id"])
        if key in seen:
            raise refused("duplicate_record", table=tbl)
        seen.add(key)
        found[tbl] = found.get(tbl, 0) + 1
        out.append(Incoming(tbl, state, values))
    if found != counts:
        raise refused("counts")
    return out


def check_domain(session: Session, records: list[Incoming]) -> None:
    """The domain rules every record obeys (``app.services.record_rules``), as for a form.

    ``records`` is what ``parse_records`` returned, in line order; a bad record refuses the
    whole bundle, named by its table, id and line.
    """
    # the rules between records are asked only of rows that bring a write this device lacks
    news = _new_here(session, [i for i in records if i.tbl in RELATION_TABLES])
    checker = RecordChecker(
        session, references=False, writes=lambda tbl, values: (tbl, values["id"]) in news
    )
    where = _("line {n}")  # translated once, not once per record
    try:
        checker.check_batch(
            (item.tbl, item.values, where.format(n=n)) for n, item in enumerate(records, start=1)
        )
    except InvalidRecord as exc:
        raise BundleRefused("record", exc.message) from None


def _new_here(session: Session, records: list[Incoming]) -> set[tuple[str, str]]:
    """The (table, id) of the rows that carry a write this device does not hold: the others
    write nothing, whatever rule they would break (a row saved before the rule, passed back)."""
    held: dict[tuple[str, str], VV] = {}
    by_table: dict[str, list[str]] = {}
    for item in records:
        by_table.setdefault(item.tbl, []).append(item.state.record["id"])
    for tbl, ids in by_table.items():
        for start in range(0, len(ids), 500):
            rows = session.execute(
                select(SyncRow.row_id, SyncRow.vv).where(
                    SyncRow.tbl == tbl, SyncRow.row_id.in_(ids[start : start + 500])
                )
            )
            held.update(((tbl, row_id), vv_loads(vv)) for row_id, vv in rows)
    out = set()
    for item in records:
        key = (item.tbl, item.state.record["id"])
        mine = held.get(key)
        if mine is None or not all(knows(mine, stamp) for stamp in item.state.vv.values()):
            out.add(key)
    return out


def _state(tbl: str, record: dict[str, Any], compact: Any, vv_list: Any) -> RowState:
    fields = FIELDS[tbl]
    if not isinstance(compact, dict) or not set(compact) <= set(fields):
        raise refused("stamp", detail=in_field(tbl, "field_stamps"))
    if not all(valid_stamp(s) for s in compact.values()):
        raise refused("stamp", detail=in_field(tbl, "field_stamps"))
    if not isinstance(vv_list, list) or not 1 <= len(vv_list) <= MAX_VV_ENTRIES:
        raise refused("stamp", detail=in_field(tbl, "version_vector"))
    if not all(valid_stamp(s) for s in vv_list):
        raise refused("stamp", detail=in_field(tbl, "version_vector"))
    vv = vv_from_list(vv_list)
    if len(vv) != len(vv_list) or max(vv.values()) != record["version"]:
        raise refused("stamp", detail=in_field(tbl, "version_vector"))
    stamps = full_stamps(compact, record["version"], fields)
    if not all(knows(vv, s) for s in stamps.values()):
        raise refused("stamp", detail=in_field(tbl, "field_stamps"))
    return RowState(record, stamps, vv)


def chain_digest(fields: dict[str, object]) -> str:
    """The audit chain's hash (same shape as ``app.services.audit``)."""
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def parse_audit(data: bytes, sender: str, declared: int) -> list[dict[str, Any]]:
    """The sender's audit events, each verified by its hash and linked to the previous one."""
    lines = split_lines(data, MAX_AUDIT_EVENTS)
    if len(lines) != declared:
        raise refused("counts")
    out: list[dict[str, Any]] = []
    prev: dict[str, Any] | None = None
    for number, line in enumerate(lines, start=1):
        record = load_line(line, number)
        if not isinstance(record, dict) or set(record) != set(_AUDIT_COLUMNS):
            raise refused("audit", detail=at_line(number))
        if any(isinstance(v, dict | list) for v in record.values()):
            raise refused("nesting")
        for name, column in _AUDIT_COLUMNS.items():
            length = getattr(column.type, "length", None)
            value = record[name]
            if isinstance(value, str) and length and len(value) > length:
                raise refused("field_too_long", field=f"audit_event.{name}")
        try:
            values = from_record(AuditEvent, record)
        except ValidationError as exc:
            raise refused("audit", detail=_("field {name}").format(name=exc.field)) from None
        if values["device_id"] != sender:
            raise refused("audit", detail="device")
        event = AuditEvent(**values)
        if chain_digest(event.chain_fields()) != values["hash"]:
            raise refused("audit", detail=_("entry {n}, its checksum").format(n=values["seq"]))
        if prev is not None and (
            values["seq"] != prev["seq"] + 1 or values["prev_hash"] != prev["hash"]
        ):
            link = _("entry {n}, its link to the one before").format(n=values["seq"])
            raise refused("audit", detail=link)
        out.append(values)
        prev = values
    return out
