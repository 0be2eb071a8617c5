"""The erasure list beside the database, so that a backup restored later re-applies erasures.

A backup is a copy of the database at one moment; erasures made after it live in the live
database only, and restoring the backup would bring the erased case back.  So every erasure
notice this device knows is also kept outside the database, in two copies a restore does not
replace: ``<database>.erasures`` next to the database file, and ``erasures/<device>.erasures``
in the program's data folder (so a backup restored to another path or disk still finds it); a
throwaway database (``mark_scratch``: the demo) keeps the first only, and a failed ``init``
removes both (``discard``), so no list outlives its database.
Both exist from the database's creation on, even while empty: a restore that finds neither is
on a machine that never held this database, and ``require_for_restore`` refuses it unless the
worker says the list is lost.  At every unlock ``reapply`` compares the copies with the
database: notices the database lacks are applied again (their rows are erased and ``VACUUM``
runs), notices a copy lacks are written to it.

The file holds no case data (notices carry a digest of the family's id, never the id), but it is
still age-encrypted to this device's key and its retired keys (a backup older than a key
rotation still opens it) and written atomically with permissions for its user only.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pyrage
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.config import atomic_write_bytes, data_dir
from app.errors import FileProblem
from app.i18n import _
from app.models import Device, ErasureNotice, Family, Setting
from app.models.sync_state import SyncKey
from app.services.records import from_record, table_of, to_record
from app.services.rodo.erasure import digest, erase_rows, vacuum_if_pending
from app.services.rodo.member import erase_member_rows, person_by_digest
from app.services.workspace import Workspace

log = logging.getLogger(__name__)
FORMAT = "kooperacja-erasures"
SUFFIX = ".erasures"
MAX_FILE_BYTES = 20 * 1024 * 1024
SCRATCH_SETTING = "rodo.erasure_list_beside_only"


def list_path(ws: Workspace) -> Path:
    return beside(ws.path)


def beside(db: Path | str) -> Path:
    db = Path(db)
    return db.with_name(db.name + SUFFIX)


def store_dir() -> Path:
    return data_dir() / "erasures"


def _store_path(ws: Workspace) -> Path:
    return store_dir() / f"{ws.device_id}{SUFFIX}"


def copies_of(db: Path | str, device_id: str) -> list[Path]:
    """Both places the list of the database at ``db`` (device ``device_id``) may be kept."""
    return [beside(db), store_dir() / f"{device_id}{SUFFIX}"]


def _copies(ws: Workspace) -> list[Path]:
    """Where this device's list is kept: beside the database and, for a real database, in the
    program's folder too."""
    with ws.transaction() as s:
        scratch = s.get(Setting, SCRATCH_SETTING) is not None
    return [list_path(ws)] if scratch else [list_path(ws), _store_path(ws)]


def mark_scratch(ws: Workspace) -> None:
    """A throwaway database (the demo in its temporary folder): its list is kept beside it only.

    In the program's folder it would outlive the database, and a restore on this computer would
    take it for the real database's list (``require_for_restore`` looks for any list there).
    """
    with ws.transaction() as s:
        s.merge(Setting(key=SCRATCH_SETTING, value="beside-only"))
    _store_path(ws).unlink(missing_ok=True)


def discard(db: Path | str, device_id: str) -> None:
    """Remove both copies of the list of a database that is itself being removed (a failed
    ``init``); never for a database that stays."""
    for path in copies_of(db, device_id):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.warning("erasure list of a removed database left behind")


class ErasureListMissing(FileProblem):
    """A restore refused because no erasure list can be found (the worker may override it)."""


def backup_keys(conn: Any) -> tuple[str, list[str]]:
    """The device id and the age identities (its own and retired keys) of a database being
    restored, read from the verified copy's open connection."""
    row = conn.execute(f"SELECT device_id, age_identity FROM {Device.__tablename__} WHERE is_self")
    device_id, own = row.fetchone() or ("", "")
    retired = conn.execute(f"SELECT age_identity FROM {SyncKey.__tablename__}").fetchall()
    return str(device_id or ""), [i for i in (own, *(r[0] for r in retired)) if i]


def _identity(text: str) -> Any:
    try:
        return pyrage.x25519.Identity.from_str(text)
    except Exception:  # a key the backup holds in a form this version cannot read: no key
        return None


def _opens(path: Path, identities: list[Any]) -> bool:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return False
        pyrage.decrypt(path.read_bytes(), identities)
        return True
    except (OSError, pyrage.DecryptError):
        return False


def require_for_restore(target: Path | str, keys: tuple[str, list[str]] | None = None) -> None:
    """Refuse a restore to ``target`` when no erasure list can be found for it.

    Without the list, the cases erased after the backup was taken would come back unnoticed.
    With the backup's ``keys`` (``backup_keys``) a list counts only when the backup's device can
    open it: a fresh installation's lists on the new computer are not the backup's.  A
    database from before devices had an age key never had a list: any list then counts.
    """
    device_id, identities = keys or ("", [])
    opened = [x for x in map(_identity, identities) if x is not None]
    try:
        others = beside(target).exists() or any(store_dir().glob(f"*{SUFFIX}"))
        if opened:
            candidates = [beside(target), store_dir() / f"{device_id}{SUFFIX}"]
            found = any(_opens(p, opened) for p in candidates)
        else:
            found = others
    except OSError:
        found = others = False
    if not found and others:  # say what is really there: lists, but not this backup's
        raise ErasureListMissing(
            _(
                "The erasure lists on this computer belong to another database, not to this "
                "backup (they were made by another installation). Without the backup's own "
                "list, the cases erased after the backup was made would come back. Copy the "
                ".erasures file from the old computer beside the database (as {name}), or "
                "restore saying that the list is lost."
            ).format(name=beside(target).name)
        )
    if not found:
        raise ErasureListMissing(
            _(
                "The erasure list (the file {name}) is neither beside the database nor in the "
                "program's folder on this computer. Without it, the cases erased after the "
                "backup was made would come back. Copy the .erasures file from the old "
                "computer beside the database, or restore saying that the list is lost."
            ).format(name=beside(target).name)
        )


def _keys(s: Session) -> tuple[list[Any], list[Any]]:
    me = s.scalar(select(Device).where(Device.is_self.is_(True)))
    assert me is not None
    pairs = [(me.age_recipient, me.age_identity)]
    pairs += [(k.age_recipient, k.age_identity) for k in s.scalars(select(SyncKey))]
    recipients = [pyrage.x25519.Recipient.from_str(r) for r, _i in pairs if r]
    identities = [pyrage.x25519.Identity.from_str(i) for _r, i in pairs if i]
    return recipients, identities


def _read(path: Path, identities: list[Any]) -> list[dict[str, Any]] | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            log.warning("erasure list too large, ignored")
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        log.warning("erasure list cannot be read")
        return None
    try:
        content = json.loads(pyrage.decrypt(data, identities))
        if content.get("format") != FORMAT or not isinstance(content.get("notices"), list):
            raise ValueError("format")
        return [n for n in content["notices"] if isinstance(n, dict)]
    except Exception:  # another device's file, or a damaged one: not ours to use
        log.debug("erasure list not opened")
        return None


def load(ws: Workspace) -> list[dict[str, Any]]:
    """The notices in every copy of the list this device can open (empty when there is none)."""
    with ws.transaction() as s:
        _recipients, identities = _keys(s)
    known: dict[str, dict[str, Any]] = {}
    for path in _copies(ws):
        for notice in _read(path, identities) or []:
            if isinstance(notice.get("id"), str):
                known[notice["id"]] = notice
    return sorted(known.values(), key=lambda n: n["id"])


def save(ws: Workspace, extra: list[dict[str, Any]] | None = None) -> int:
    """Write the union of the database's notices, the file's and ``extra``; return the count."""
    known = {n["id"]: n for n in load(ws) + (extra or []) if isinstance(n.get("id"), str)}
    with ws.transaction() as s:
        for notice in s.scalars(select(ErasureNotice)):
            known[notice.id] = to_record(notice)
        recipients, _identities = _keys(s)
    payload = json.dumps(
        {"format": FORMAT, "version": 1, "notices": sorted(known.values(), key=lambda n: n["id"])},
        sort_keys=True,
        ensure_ascii=False,
    ).encode("utf-8")
    if not recipients:  # a database from before the device had an age key: nothing to seal to
        log.warning("erasure list not written: no age key")
        return len(known)
    data = pyrage.encrypt(payload, recipients)
    for path in _copies(ws):
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write_bytes(path, data)
        except OSError:
            log.warning("erasure list cannot be written")
    return len(known)


def reapply(ws: Workspace) -> int:
    """Apply again the erasures the file knows and the database does not; return how many."""
    entries = load(ws)
    applied = 0
    with ws.transaction() as s:
        have = set(s.scalars(select(ErasureNotice.id)))
        missing = [e for e in entries if e.get("id") not in have]
        if missing:
            families = {digest(f): f for f in s.scalars(select(Family.id))}
            for entry in missing:
                try:
                    values = from_record(ErasureNotice, entry)
                except Exception:  # a damaged entry is skipped, not fatal
                    log.warning("erasure list entry unreadable")
                    continue
                s.execute(insert(table_of(ErasureNotice)), [values])
                family_id = families.get(values["family_digest"])
                if family_id is None:
                    pass
                elif values.get("person_digest"):  # one member of the family
                    person_id = person_by_digest(s, family_id, values["person_digest"])
                    if person_id is not None:
                        erase_member_rows(s, person_id, values["id"])
                else:
                    erase_rows(s, family_id, values["id"])
                applied += 1
    if applied:
        log.info("re-applied %d erasures from the erasure list", applied)
    missing_copy = not all(p.exists() for p in _copies(ws))
    if applied or missing_copy or have - {e.get("id") for e in entries}:
        save(ws)
    vacuum_if_pending(ws)
    return applied
