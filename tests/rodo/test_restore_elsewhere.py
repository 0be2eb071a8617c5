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
from app.services import database, setup
from app.services.rodo import erasure, erasure_file
from app.store.keys import TEST_KDF
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


def test_another_databases_list_does_not_let_the_restore_through(ws, tmp_path):
    """On a new computer the worker first made a fresh installation (its own, empty lists), then
    restores the old laptop's backup: those lists are not the backup's and must not count as
    its erasure list (the check once accepted any list in the data folder)."""
    case, backup, beside = _erased_after_backup(ws, tmp_path)
    beside.unlink()
    shutil.rmtree(erasure_file.store_dir())  # the old laptop's lists are gone with it
    target = tmp_path / "nowy-komputer" / "kooperacja.db"
    fresh = setup.initialize(
        target, "inne-haslo-na-nowym-laptopie-7", role="ops", unit_code="2005092",
        name="GOPS Narewka", kdf=TEST_KDF,
    )  # fmt: skip
    fresh.lock()
    assert erasure_file.beside(target).exists() and list(erasure_file.store_dir().iterdir())
    before = target.read_bytes()
    with pytest.raises(KooperacjaError) as refused:
        database.restore_backup(backup, target, PASSPHRASE)
    assert ".erasures" in refused.value.message
    assert "innej bazy" in refused.value.message  # says what is there: another database's lists
    assert target.read_bytes() == before  # nothing changed
    assert not list(target.parent.glob("*.before-restore-*"))


def test_the_backups_own_list_beside_the_target_lets_it_through(ws, tmp_path):
    case, backup, beside = _erased_after_backup(ws, tmp_path)
    shutil.rmtree(erasure_file.store_dir())
    target = tmp_path / "nowy-dysk" / "kooperacja.db"
    target.parent.mkdir()
    shutil.copy(beside, erasure_file.beside(target))  # copied from the old laptop, as told
    restored, _kept = database.restore_backup(backup, target, PASSPHRASE)
    try:
        with restored.transaction() as s:
            assert s.get(Family, case.family_id) is None  # the erasure is applied again
    finally:
        restored.lock()
