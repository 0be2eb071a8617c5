"""Erasing one case on this device: the rows themselves, not tombstones (art. 17 RODO).

``erase_rows`` finds every row of the family through the schema itself (every table with a
``family_id`` column, then every row whose foreign key points at a row already found, until
nothing new turns up), so tables added later are covered without a list to keep up to date.  It
deletes them with their attachments, the drafts that mention them, their sync bookkeeping
(shadows and conflicts hold field values), and blanks their ids in the audit log
(``audit.redact``); digests of the erased ids go to ``ErasedRow`` so nothing brings them back.
``erase_family`` does that, signs an ``ErasureNotice`` for the other devices, and then runs
``VACUUM`` with ``secure_delete`` so no freed page keeps the data.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from app.errors import NotFound, StorageError, ValidationError
from app.i18n import N_, _
from app.models import (
    Base,
    Device,
    Draft,
    ErasedRow,
    ErasureNotice,
    Family,
    Setting,
    new_id,
    utcnow,
)
from app.models.sync_state import SyncBase, SyncConflict, SyncRow, SyncSentRow
from app.services import audit
from app.services.records import table_of
from app.services.workspace import Workspace

log = logging.getLogger(__name__)

REASONS: dict[str, str] = {
    "retention": N_("the retention period is over"),
    "request": N_("the person's request (art. 17 RODO)"),
    "law": N_("required by law"),
    "archived": N_("handed over to the archive"),
}
VACUUM_PENDING = "rodo.vacuum_pending"
_NOTICE_MAGIC = b"kooperacja-erasure-notice/1\n"
_RECEIPT_MAGIC = b"kooperacja-erasure-receipt/1\n"
# Tables erase_rows handles itself (bookkeeping that refers to rows rather than being case data).
_BOOKKEEPING = frozenset(
    t.__tablename__ for t in (SyncRow, SyncBase, SyncSentRow, SyncConflict, ErasedRow, Draft)
) | {"audit_event", "erasure_notice", "erasure_receipt"}
_CHUNK = 500


def digest(row_id: str) -> str:
    """What is kept of an erased id: a digest that only someone holding the id can match."""
    return hashlib.sha256(b"kooperacja-erased:" + row_id.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ErasureResult:
    erasure_id: str
    rows: int
    audit_redacted: int
    holders: tuple[str, ...]


# -- finding and removing a family's rows ------------------------------------------------------
def _case_tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in _BOOKKEEPING]


def family_rows(s: Session, family_id: str) -> dict[str, set[str]]:
    """Every row id of one family, by table (the family row included)."""
    found: dict[str, set[str]] = {}
    tables = _case_tables()
    for table in tables:
        if "id" not in table.c:
            continue
        if table.name == Family.__tablename__:
            ids = set(s.scalars(select(table.c.id).where(table.c.id == family_id)))
        elif "family_id" in table.c:
            ids = set(s.scalars(select(table.c.id).where(table.c.family_id == family_id)))
        else:
            continue
        if ids:
            found.setdefault(table.name, set()).update(ids)
    return with_dependents(s, found)


def with_dependents(s: Session, found: dict[str, set[str]]) -> dict[str, set[str]]:
    """``found`` (row ids by table) grown by every row that refers to one of them through a
    foreign key, and by the rows referring to those, until nothing more is found.  A whole
    case (``family_rows``) and one member (``member.member_rows``) are erased this way."""
    tables = [t for t in _case_tables() if "id" in t.c]
    grew = True
    while grew:
        grew = False
        for table in tables:
            for fk in table.foreign_keys:
                parent_ids = sorted(found.get(fk.column.table.name, ()))
                for i in range(0, len(parent_ids), _CHUNK):
                    chunk = parent_ids[i : i + _CHUNK]
                    ids = set(s.scalars(select(table.c.id).where(fk.parent.in_(chunk))))
                    new = ids - found.get(table.name, set())
                    if new:
                        found.setdefault(table.name, set()).update(new)
                        grew = True
    return found


def _delete_in(s: Session, column: Any, values: list[str]) -> int:
    count = 0
    for i in range(0, len(values), _CHUNK):
        result = s.execute(delete(column.table).where(column.in_(values[i : i + _CHUNK])))
        count += int(getattr(result, "rowcount", 0) or 0)
    return count


@dataclass(frozen=True)
class Removed:
    rows: int
    ids: list[str]
    audit_redacted: int


def erase_rows(s: Session, family_id: str, erasure_id: str) -> Removed:
    """Remove one family from this database (in the caller's transaction)."""
    return remove_found(s, family_rows(s, family_id), erasure_id, family_id)


def remove_found(
    s: Session, found: dict[str, set[str]], erasure_id: str, family_id: str = ""
) -> Removed:
    """Delete the rows ``found`` (table -> ids) with their sync state, drafts and audit ids.

    ``family_id`` is given when the whole case goes (its conflicts and every audit entry of the
    case are blanked too); for one member only the entries naming the erased rows are.
    """
    all_ids = sorted({i for ids in found.values() for i in ids} | ({family_id} - {""}))
    rows = 0
    by_name = {t.name: t for t in _case_tables()}
    for name, ids in found.items():
        rows += _delete_in(s, by_name[name].c.id, sorted(ids))
    for model in (SyncRow, SyncBase, SyncSentRow):
        _delete_in(s, model.__table__.c.row_id, all_ids)
    if family_id:
        s.execute(delete(SyncConflict).where(SyncConflict.family_id == family_id))
    _delete_in(s, SyncConflict.__table__.c.row_id, all_ids)
    id_set = set(all_ids)
    stale = [
        key
        for key in s.scalars(select(Draft.form_key))
        if any(part in id_set for part in key.replace("/", ":").split(":"))
    ]
    _delete_in(s, Draft.__table__.c.form_key, stale)
    redacted = audit.redact(s, family_id, all_ids)
    known = set(s.scalars(select(ErasedRow.digest).where(ErasedRow.erasure_id == erasure_id)))
    fresh = [{"digest": d, "erasure_id": erasure_id} for d in map(digest, all_ids)]
    fresh = [r for r in fresh if r["digest"] not in known]
    existing = set()
    for i in range(0, len(fresh), _CHUNK):
        chunk = [r["digest"] for r in fresh[i : i + _CHUNK]]
        existing |= set(s.scalars(select(ErasedRow.digest).where(ErasedRow.digest.in_(chunk))))
    fresh = [r for r in fresh if r["digest"] not in existing]
    if fresh:
        s.execute(insert(table_of(ErasedRow)), fresh)
    s.merge(Setting(key=VACUUM_PENDING, value="1"))
    log.info("erased %d rows, %d audit entries redacted", rows, redacted)
    return Removed(rows, all_ids, redacted)


def holders_of(s: Session, family_id: str) -> set[str]:
    """Peers this device knows hold (or were sent) the family."""
    held = set(
        s.scalars(
            select(SyncBase.peer).where(SyncBase.tbl == "family", SyncBase.row_id == family_id)
        )
    )
    held |= set(
        s.scalars(
            select(SyncSentRow.peer).where(
                SyncSentRow.tbl == "family", SyncSentRow.row_id == family_id
            )
        )
    )
    return held


# -- signed notices and receipts ---------------------------------------------------------------
def _canonical(magic: bytes, fields: dict[str, Any]) -> bytes:
    return magic + json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")


def notice_message(record: dict[str, Any]) -> bytes:
    keys = ("id", "family_digest", "origin", "erased_at", "reason", "holders")
    fields = {k: record[k] for k in keys}
    if record.get("person_digest"):  # one member (0006); a whole case signs as it always did
        fields["person_digest"] = record["person_digest"]
    return _canonical(_NOTICE_MAGIC, fields)


def receipt_message(record: dict[str, Any]) -> bytes:
    keys = ("id", "erasure_id", "device_id", "confirmed_at", "forwarded_to")
    return _canonical(_RECEIPT_MAGIC, {k: record[k] for k in keys})


def sign(s: Session, message: bytes) -> str:
    me = s.scalar(select(Device).where(Device.is_self.is_(True)))
    if me is None or not me.signing_private:
        raise StorageError(_("This database has not been set up yet."))
    return Ed25519PrivateKey.from_private_bytes(me.signing_private).sign(message).hex()


def verify(public: bytes, signature: str, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(bytes.fromhex(signature), message)
    except Exception:  # any failure (bad hex, bad key, bad signature) is "no"
        return False
    return True


def _time(value: Any) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def notice_record(n: ErasureNotice) -> dict[str, Any]:
    return {
        "id": n.id,
        "family_digest": n.family_digest,
        "origin": n.origin,
        "erased_at": _time(n.erased_at),
        "reason": n.reason,
        "holders": n.holders,
        "person_digest": n.person_digest or "",
    }


# -- the use case --------------------------------------------------------------------------------
def check_reason(reason: str) -> None:
    """An erasure (of a case or of one member) gives one of ``REASONS``."""
    if reason not in REASONS:
        raise ValidationError(
            _("Give the reason for the erasure: {choices}.").format(choices=", ".join(REASONS)),
            "reason",
        )


def add_notice(
    s: Session,
    ws: Workspace,
    erasure_id: str,
    family_id: str,
    reason: str,
    holders: tuple[str, ...],
    person_id: str | None = None,
) -> ErasureNotice:
    """The signed notice of an erasure, for every device that holds the case (``person_id``:
    the one member erased; none for a whole case, the column's default "")."""
    notice = ErasureNotice(
        id=erasure_id,
        family_digest=digest(family_id),
        person_digest=digest(person_id) if person_id else "",
        origin=ws.device_id,
        erased_at=utcnow(),
        reason=reason,
        holders=json.dumps(list(holders)),
    )
    notice.signature = sign(s, notice_message(notice_record(notice)))
    s.add(notice)
    return notice


def erase_family(
    ws: Workspace, family_id: str, reason: str, *, vacuum: bool = True
) -> ErasureResult:
    """Erase a case here, sign a notice for every device that holds it, then ``VACUUM``."""
    check_reason(reason)
    with ws.transaction() as s:
        if s.scalar(select(Family.id).where(Family.id == family_id)) is None:
            raise NotFound(_("There is no such family."))
        holders = tuple(sorted(holders_of(s, family_id)))
        erasure_id = new_id()
        removed = erase_rows(s, family_id, erasure_id)
        add_notice(s, ws, erasure_id, family_id, reason, holders)
        audit.record(s, "erase", "erasure", erasure_id, detail=reason)
    from app.services.rodo import erasure_file

    erasure_file.save(ws)
    if vacuum:
        vacuum_now(ws)
    return ErasureResult(erasure_id, removed.rows, removed.audit_redacted, holders)


def vacuum_now(ws: Workspace) -> None:
    """``VACUUM`` with ``secure_delete`` and an emptied WAL: freed pages leave the files."""
    conn = ws.vault.raw_connection()
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.execute("DELETE FROM setting WHERE key = ?", (VACUUM_PENDING,))
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()
    log.info("database vacuumed after an erasure")


def vacuum_if_pending(ws: Workspace) -> bool:
    with ws.transaction() as s:
        pending = s.get(Setting, VACUUM_PENDING) is not None
    if pending:
        vacuum_now(ws)
    return pending
