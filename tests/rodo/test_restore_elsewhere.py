"""A backup restored to another path still loses the cases erased since it was taken (issue 14 §3).

The erasure list lives beside the database *and* in the program's own data folder (one file per
device), so a restore to a new path or folder finds it there.  On a machine where neither copy
exists the restore is refused with a message saying what is missing, unless the worker says
explicitly that the list is lost (then the restore is audited as such).
"""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from app.errors import KooperacjaError
from app.models import AuditEvent, Family
from app.services import database
from app.services.rodo import erasure, erasure_file
from tests.conftest import PASSPHRASE
from tests.factories import make_full_case


def _erased_after_backup(ws, tmp_path):
    case = make_full_case(ws)
    backup = database.write_backup(ws, tmp_path / "kopie" / "kopia.db")
    erasure.erase_family(ws, case.family_id, "request")
    beside = erasure_file.list_path(ws)
    ws.lock()
    return case, backup, beside


def test_a_restore_to_another_folder_reapplies_the_erasure(ws, tmp_path):
    case, backup, _beside = _erased_after_backup(ws, tmp_path)
    target = tmp_path / "nowy-dysk" / "kooperacja.db"
    target.parent.mkdir()
    restored, _kept = database.restore_backup(backup, target, PASSPHRASE)
    try:
        with restored.transaction() as s:
            assert s.get(Family, case.family_id) is None
        assert erasure_file.list_path(restored).exists()  # written beside the new path too
    finally:
        restored.lock()


def test_without_any_erasure_list_the_restore_is_refused(ws, tmp_path, monkeypatch):
    case, backup, beside = _erased_after_backup(ws, tmp_path)
    beside.unlink()
    shutil.rmtree(erasure_file.store_dir())  # another machine: no copy in the program's folder
    target = tmp_path / "inny-komputer" / "kooperacja.db"
    target.parent.mkdir()
    with pytest.raises(KooperacjaError) as refused:
        database.restore_backup(backup, target, PASSPHRASE)
    assert ".erasures" in refused.value.message and "usunię" in refused.value.message
    assert not target.exists()

    restored, _kept = database.restore_backup(backup, target, PASSPHRASE, without_erasure_list=True)
    try:
        with restored.transaction() as s:
            assert s.get(Family, case.family_id) is not None  # honestly: it is back
            last = s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
            assert last is not None and last.action == "restore"
            assert last.detail == "without-erasure-list"
    finally:
        restored.lock()


def test_a_new_database_has_its_list_from_the_start(ws):
    assert erasure_file.list_path(ws).exists()
    assert list(erasure_file.store_dir().glob("*.erasures"))
    assert erasure_file.load(ws) == []
