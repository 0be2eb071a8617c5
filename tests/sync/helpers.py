"""Helpers of the sync tests: devices, key exchange, bundle round trips, database hashes."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

from sqlalchemy import select

from app.models.sync_state import SyncConflict
from app.services import dump, setup
from app.services.common import apply
from app.services.workspace import Workspace
from app.store.keys import TEST_KDF
from app.sync import export, identity, importer
from tests.conftest import PASSPHRASE


def make_device(path: Path, role: str, unit: str, name: str, worker: str) -> Workspace:
    return setup.initialize(
        path, PASSPHRASE, role=role, unit_code=unit, name=name, worker_name=worker, kdf=TEST_KDF
    )


def introduce(a: Workspace, b: Workspace) -> None:
    """Each device registers the other's key card (fingerprints confirmed)."""
    identity.register_card(b, identity.read_card(identity.export_card(a)))
    identity.register_card(a, identity.read_card(identity.export_card(b)))


@contextlib.contextmanager
def narewka_and_hajnowka(folder: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """GOPS Narewka's laptop and PCPR Hajnówka's, in ``folder``, with each other's key cards;
    both locked afterwards."""
    ops = make_device(folder / "ops.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    coord = make_device(folder / "pcpr.db", "coordinator", "2005", "PCPR Hajnówka", "Ewa Zawadzka")
    introduce(ops, coord)
    try:
        yield ops, coord
    finally:
        for w in (ops, coord):
            if not w.locked:
                w.lock()


@contextlib.contextmanager
def signed_case_bundle(folder: Path) -> Iterator[SimpleNamespace]:
    """GOPS Narewka with a full case and PCPR Hajnówka knowing each other, and the OPS's first
    bundle to the coordinator, opened (``parts``) for tests that alter and re-sign it; both
    locked afterwards."""
    from tests.factories import make_full_case
    from tests.sync.forge import open_parts

    with narewka_and_hajnowka(folder) as (ops, coord):
        make_full_case(ops)
        valid = export.export_bundle(ops, coord.device_id).data
        yield SimpleNamespace(ops=ops, coord=coord, valid=valid, parts=open_parts(valid, coord))


def exchange(src: Workspace, dst: Workspace, *, full: bool = False) -> importer.ImportResult:
    result = export.export_bundle(src, dst.device_id, full=full)
    return importer.import_bundle(dst, result.data)


def db_hash(ws: Workspace) -> str:
    """SHA-256 of the database file and its WAL: any write shows up here."""
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        p = Path(f"{ws.path}{suffix}")
        h.update(p.read_bytes() if p.exists() else b"-")
    return h.hexdigest()


def dump_text(ws: Workspace) -> str:
    return dump.dump_json(ws)


def edit(ws: Workspace, model: type, row_id: str, **fields: object) -> None:
    """A plain local edit (stamped by the workspace like any service's)."""
    with ws.transaction() as s:
        row = s.get(model, row_id)
        assert row is not None
        apply(row, **fields)


def open_conflicts(ws: Workspace) -> list[SyncConflict]:
    with ws.transaction() as s:
        return list(s.scalars(select(SyncConflict).where(SyncConflict.status == "open")))


def copy_db(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        p = Path(f"{src}{suffix}")
        if p.exists():
            shutil.copy(p, Path(f"{dst}{suffix}"))


def unlock(path: Path) -> Workspace:
    return setup.open_workspace(path, PASSPHRASE)
