"""The file of a family that moves out of the powiat: written by its old OPS, loaded by the new.

The file holds every record of the family's case (``tables``) and the registry records they
point to (``registry``: the institutions, services, teams and meetings named in the case,
followed through their own references), so that nothing of the history is dropped and the
new OPS's database stays whole.  ``kooperacja load --json`` recognises it by its ``format``.

Loading it (``load_family_file``) is a ``load`` like any other: every record goes through the
same domain rules (``RecordChecker``) and one bad record refuses the whole file.  On top of
that the file must hold exactly one family and nothing that does not reach it, come from
another powiat (within the powiat a family is handed over through the coordinator), be meant
for this gmina, and name a family this database does not hold yet.  The family then gets this
gmina and a case number of its own; the old number stays on its transfer record.  Registry
records this database already holds are kept as they are here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import CASE_MODELS, MODEL_BY_TABLE, REGISTRY_MODELS, Family, FamilyTransfer
from app.models.enums import TransferKind
from app.services import audit, reference
from app.services.common import apply
from app.services.dump import decoded_rows
from app.services.families import next_case_number
from app.services.handover_rule import PARENTS
from app.services.record_rules import RecordChecker
from app.services.records import all_records, table_of
from app.services.workspace import Workspace
from app.store.migrate import head_revision

FORMAT = "kooperacja-family-handover"
FORMAT_VERSION = 1
_REGISTRY = {m.__tablename__: m for m in REGISTRY_MODELS}
_CASE = {m.__tablename__: m for m in CASE_MODELS}


def family_rows(s: Session, model: Any, family_id: str) -> list[dict[str, Any]]:
    """The records of ``model`` that belong to the family (directly or through a parent)."""
    rows = all_records(s, model)
    if model is Family:
        return [r for r in rows if r["id"] == family_id]
    if "family_id" in model.__table__.c:
        return [r for r in rows if r["family_id"] == family_id]
    for attr, parent in PARENTS:
        if attr in model.__table__.c:
            ids = set(s.scalars(select(parent.id).where(parent.family_id == family_id)))
            return [r for r in rows if r[attr] in ids]
    return []


def _references(table: str, rows: list[dict[str, Any]]) -> dict[str, set[str]]:
    """The registry records ``rows`` point to, by table."""
    out: dict[str, set[str]] = {}
    for fk in MODEL_BY_TABLE[table].__table__.foreign_keys:
        target = fk.column.table.name
        if target in _REGISTRY:
            out.setdefault(target, set()).update(
                r[fk.parent.name] for r in rows if r.get(fk.parent.name)
            )
    return out


def file_data(s: Session, family_id: str) -> dict[str, Any]:
    """The family's whole file, with the registry records it names."""
    tables = {m.__tablename__: family_rows(s, m, family_id) for m in CASE_MODELS}
    registry: dict[str, dict[str, dict[str, Any]]] = {}
    wanted: dict[str, set[str]] = {}
    for table, rows in tables.items():
        for target, ids in _references(table, rows).items():
            wanted.setdefault(target, set()).update(ids)
    while wanted:  # follow the registry records' own references (a team's lead institution …)
        found: dict[str, set[str]] = {}
        for table, ids in wanted.items():
            held = registry.setdefault(table, {})
            missing = ids - set(held)
            if not missing:
                continue
            rows = [r for r in all_records(s, _REGISTRY[table]) if r["id"] in missing]
            held.update((r["id"], r) for r in rows)
            for target, more in _references(table, rows).items():
                found.setdefault(target, set()).update(more)
        wanted = found
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": head_revision(),
        "family_id": family_id,
        "tables": tables,
        "registry": {t: [rows[k] for k in sorted(rows)] for t, rows in registry.items()},
    }


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, "file")


def _decoded(section: Any, models: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    if not isinstance(section, dict):
        raise _refuse(_("This file is not a Kooperacja JSON export."))
    if set(section) - set(models):
        raise _refuse(_("The export holds unknown tables."))
    return {t: decoded_rows(models[t], rows) for t, rows in section.items()}


def _check_belongs(tables: dict[str, list[dict[str, Any]]], family_id: str) -> None:
    """Every record reaches the one family the file names (nothing of anyone else rides in)."""
    alien = _("The file holds records of more than the one family it names.")
    if [r.get("id") for r in tables.get(Family.__tablename__, [])] != [family_id]:
        raise _refuse(alien)
    for table, rows in tables.items():
        columns = _CASE[table].__table__.c
        if table == Family.__tablename__:
            continue
        if "family_id" in columns:
            if any(r.get("family_id") != family_id for r in rows):
                raise _refuse(alien)
            continue
        attr, parent = next((a, p) for a, p in PARENTS if a in columns)
        parents = {r["id"] for r in tables.get(parent.__tablename__, [])}
        if any(r.get(attr) not in parents for r in rows):
            raise _refuse(alien)


def _target_gmina(ws: Workspace, source: str, transfer: dict[str, Any]) -> str:
    """The gmina the family joins here: this OPS's (the file must be meant for it)."""
    meant = (transfer.get("to_gmina_code") or "").strip()
    if ws.is_coordinator:
        target = meant
        if not target or not reference.may_work_in("coordinator", ws.identity.unit_code, target):
            raise _refuse(_("This file is meant for a gmina outside this powiat."))
    else:
        target = ws.identity.unit_code
        if meant and meant != target:
            raise _refuse(_("This file is meant for another gmina ({code}).").format(code=meant))
    if reference.may_work_in("coordinator", source, target):
        raise _refuse(
            _("The family moves within its powiat: it is handed over through the coordinator.")
        )
    return target


def load_family_file(ws: Workspace, data: dict[str, Any]) -> int:
    """Load the file of a family that moved here from another powiat; returns the records."""
    if data.get("format_version") != FORMAT_VERSION or data.get("schema") != head_revision():
        raise _refuse(
            _("This export comes from another version of the database; it cannot be loaded.")
        )
    family_id = data.get("family_id")
    if not isinstance(family_id, str) or not family_id:
        raise _refuse(_("This file is not a Kooperacja JSON export."))
    tables = _decoded(data.get("tables"), _CASE)
    registry = _decoded(data.get("registry", {}), _REGISTRY)
    _check_belongs(tables, family_id)
    family = tables[Family.__tablename__][0]
    moves = [
        t
        for t in tables.get(FamilyTransfer.__tablename__, [])
        if t.get("kind") == TransferKind.OUT_OF_POWIAT and not t.get("deleted")
    ]
    if not moves or moves[-1].get("from_gmina_code") != family.get("gmina_code"):
        raise _refuse(_("This file is not the file of a family that moved out of its powiat."))
    with ws.transaction() as s:
        if s.get(Family, family_id) is not None:
            raise _refuse(_("This family is already held in this database."))
        target = _target_gmina(ws, family["gmina_code"], moves[-1])
        held: dict[str, set[str]] = {}

        def known(table: str) -> set[str]:
            if table not in held:
                model = MODEL_BY_TABLE.get(table)
                held[table] = set(s.scalars(select(model.id))) if model is not None else set()
            return held[table]

        new_registry = {
            t: [r for r in rows if r["id"] not in known(t)] for t, rows in registry.items()
        }
        # the family is this gmina's once loaded: its consents are checked as such
        RecordChecker(s, known, family_gminas={family_id: target}).check_batch(
            (table, values, _("item {n}").format(n=i))
            for section in (new_registry, tables)
            for table, rows in section.items()
            for i, values in enumerate(rows, start=1)
        )
        count = 0
        s.info["applying_sync"] = True  # the records keep their own devices' versions
        for model in (*REGISTRY_MODELS, *CASE_MODELS):
            rows = {**new_registry, **tables}.get(model.__tablename__, [])
            if rows:
                s.execute(table_of(model).insert(), rows)
                count += len(rows)
        s.flush()
        del s.info["applying_sync"]
        moved = s.get(Family, family_id)
        apply(
            moved,
            gmina_code=target,
            case_number=next_case_number(s, target, date.today().year),
        )
        audit.record(s, "import", "family", family_id, family_id, detail="handover")
    return count
