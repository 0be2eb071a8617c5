"""The erasure list beside the database, so that a backup restored later re-applies erasures.

A backup is a copy of the database at one moment; erasures made after it live in the live
database only, and restoring the backup would bring the erased case back.  So every erasure
notice this device knows is also kept in ``<database>.erasures`` next to the database file,
which a restore does not replace.  At every unlock ``reapply`` compares the two: notices the
database lacks are applied again (their rows are erased and ``VACUUM`` runs), notices the file
lacks are written to it.

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

from app.config import atomic_write_bytes
from app.models import Device, ErasureNotice, Family
from app.models.sync_state import SyncKey
from app.services.records import from_record, table_of, to_record
from app.services.rodo.erasure import digest, erase_rows, vacuum_if_pending
from app.services.workspace import Workspace

log = logging.getLogger(__name__)
FORMAT = "kooperacja-erasures"
SUFFIX = ".erasures"
MAX_FILE_BYTES = 20 * 1024 * 1024


def list_path(ws: Workspace) -> Path:
    return ws.path.with_name(ws.path.name + SUFFIX)


def _keys(s: Session) -> tuple[list[Any], list[Any]]:
    me = s.scalar(select(Device).where(Device.is_self.is_(True)))
    assert me is not None
    pairs = [(me.age_recipient, me.age_identity)]
    pairs += [(k.age_recipient, k.age_identity) for k in s.scalars(select(SyncKey))]
    recipients = [pyrage.x25519.Recipient.from_str(r) for r, _i in pairs if r]
    identities = [pyrage.x25519.Identity.from_str(i) for _r, i in pairs if i]
    return recipients, identities


def load(ws: Workspace) -> list[dict[str, Any]]:
    """The notices in the file (an empty list when there is none or it cannot be read)."""
    path = list_path(ws)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            log.warning("erasure list too large, ignored")
            return []
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError:
        log.warning("erasure list cannot be read")
        return []
    with ws.transaction() as s:
        _recipients, identities = _keys(s)
    try:
        content = json.loads(pyrage.decrypt(data, identities))
        if content.get("format") != FORMAT or not isinstance(content.get("notices"), list):
            raise ValueError("format")
        return [n for n in content["notices"] if isinstance(n, dict)]
    except Exception:  # a file we cannot open is reported, not fatal
        log.warning("erasure list cannot be opened")
        return []


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
    try:
        atomic_write_bytes(list_path(ws), pyrage.encrypt(payload, recipients))
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
                if family_id is not None:
                    erase_rows(s, family_id, values["id"])
                applied += 1
    if applied:
        log.info("re-applied %d erasures from the erasure list", applied)
    if applied or have - {e.get("id") for e in entries}:
        save(ws)
    vacuum_if_pending(ws)
    return applied
