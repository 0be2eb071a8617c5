"""The "Long Now" export: every record as canonical JSON, and loading it into an empty database.

``dump`` is complete for case and registry data: every synchronised table, tombstones included,
rows sorted by id, keys sorted, so two databases holding the same data give byte-identical text.
The audit log is per-installation by design (each laptop logs its own views), so it is included
only on request (``with_audit``); comparisons of two databases leave it out.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import (
    CASE_MODELS,
    SYNCED_MODELS,
    AuditEvent,
    Base,
    Family,
    Institution,
    Setting,
)
from app.services import audit, reference
from app.services.record_rules import InvalidRecord, RecordChecker
from app.services.records import all_records, canonical_json, from_record, table_of
from app.services.workspace import Workspace
from app.store.migrate import head_revision

FORMAT = "kooperacja-dump"
FORMAT_VERSION = 1


def dump_data(ws: Workspace, *, with_audit: bool = False) -> dict[str, Any]:
    with ws.transaction() as s:
        tables = {m.__tablename__: all_records(s, m) for m in SYNCED_MODELS}
        if with_audit:
            tables[AuditEvent.__tablename__] = all_records(s, AuditEvent)
    with ws.transaction() as s:
        audit.record(s, "export", "dump", detail="json")
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": head_revision(),
        "tables": tables,
    }


def dump_json(ws: Workspace, *, with_audit: bool = False) -> str:
    return canonical_json(dump_data(ws, with_audit=with_audit)) + "\n"


def _is_empty(s: Session, device_id: str) -> bool:
    for model in CASE_MODELS:
        if s.scalar(select(func.count()).select_from(model)):
            return False
    for model in SYNCED_MODELS:
        foreign = s.scalar(
            select(func.count()).select_from(model).where(model.origin_device != device_id)
        )
        if foreign:
            return False
    return True


def load_data(ws: Workspace, data: dict[str, Any]) -> int:
    """Load a dump into a database that holds nothing but its own starter data.

    The starter records (catalog, home institution) are replaced by the dump's, so that
    dump → load → dump gives identical text.  Returns the number of records loaded.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(_("This file is not a Kooperacja JSON export."), "file")
    if data.get("format_version") != FORMAT_VERSION or data.get("schema") != head_revision():
        raise ValidationError(
            _("This export comes from another version of the database; it cannot be loaded."),
            "file",
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise ValidationError(_("This file is not a Kooperacja JSON export."), "file")
    known = {m.__tablename__ for m in SYNCED_MODELS} | {AuditEvent.__tablename__}
    if set(tables) - known:
        raise ValidationError(_("The export holds unknown tables."), "file")
    count = 0
    with ws.transaction() as s:
        if not _is_empty(s, ws.device_id):
            raise ValidationError(
                _("The database already holds data; load an export only into a new database."),
                "db",
            )
        decoded = {m: decoded_rows(m, tables.get(m.__tablename__, [])) for m in SYNCED_MODELS}
        RecordChecker(s).check_batch(
            (m.__tablename__, v, _("item {n}").format(n=i))
            for m, rows in decoded.items()
            for i, v in enumerate(rows, start=1)
        )
        _check_area(s, ws, decoded[Family])
        s.info["applying_sync"] = True
        for model in reversed(SYNCED_MODELS):
            s.execute(delete(model))
        for model, values in decoded.items():
            if values:
                s.execute(insert(table_of(model)), values)
                count += len(values)
        events = tables.get(AuditEvent.__tablename__, [])
        own = {(d, q) for d, q in s.execute(select(AuditEvent.device_id, AuditEvent.seq))}
        for r in events:
            event = from_record(AuditEvent, r)
            if (event.get("device_id"), event.get("seq")) not in own:
                s.execute(insert(table_of(AuditEvent)), [event])
                count += 1
        s.flush()
        del s.info["applying_sync"]
        home = s.get(Setting, "home_institution_id")
        if home is not None and s.get(Institution, home.value) is None:
            s.add(
                Institution(
                    id=home.value,
                    name=ws.identity.name,
                    sector_code="social_assistance",
                    teryt_code=ws.identity.unit_code,
                )
            )
        audit.record(s, "import", "dump", detail=f"{count}")
    for stamp in _max_versions(ws):
        ws.clock.observe(stamp)
    return count


def _check_area(s: Session, ws: Workspace, families: list[dict[str, Any]]) -> None:
    """Families only of gminas this installation may work in: the forms' rule, for ``load``."""
    role, unit = ws.identity.role, ws.identity.unit_code
    for i, row in enumerate(families, start=1):
        try:
            reference.require_work_gmina(s, role, unit, str(row.get("gmina_code") or ""))
        except ValidationError as exc:
            where = _("item {n}").format(n=i)
            raise InvalidRecord("family", row.get("id") or "", where, exc) from None


def decoded_rows(model: type[Base], rows: Any) -> list[dict[str, Any]]:
    """Column values of a table's records, each record named by its position if it is bad."""
    if not isinstance(rows, list):
        raise ValidationError(_("This file is not a Kooperacja JSON export."), "file")
    out = []
    for i, record in enumerate(rows, start=1):
        if not isinstance(record, dict):
            raise ValidationError(_("This file is not a Kooperacja JSON export."), "file")
        try:
            out.append(from_record(model, record))
        except ValidationError as exc:
            raise InvalidRecord(
                model.__tablename__, str(record.get("id", ""))[:40], _("item {n}").format(n=i), exc
            ) from None
    return out


def _max_versions(ws: Workspace) -> list[str]:
    with ws.transaction() as s:
        return [v for m in SYNCED_MODELS if (v := s.scalar(select(func.max(m.version))))]
