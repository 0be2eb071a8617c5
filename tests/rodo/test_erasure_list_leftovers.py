"""The erasure list's second copy (``data_dir()/erasures/<device>.erasures``) is there for a real
database only (issue 14 §3): a throwaway one (the demo in its temporary folder) keeps its list
beside itself, and a failed ``init`` leaves no list behind.  A leftover would outlive its
database and make a restore on that computer believe the erasure list was there."""

from __future__ import annotations

import pytest

from app.services import setup
from app.services.rodo import erasure, erasure_file
from tests.conftest import PASSPHRASE
from tests.factories import make_full_case


def _store_files() -> list:
    folder = erasure_file.store_dir()
    return sorted(folder.glob("*" + erasure_file.SUFFIX)) if folder.exists() else []


def test_a_demo_database_leaves_nothing_in_the_data_folder(tmp_path):
    from app.demo import launch

    path, passphrase = launch.create_demo_database(tmp_path / "demo", "ops")
    assert erasure_file.beside(path).exists()  # its own list, beside it
    assert _store_files() == []
    ws = setup.open_workspace(path, passphrase)
    try:
        case = make_full_case(ws)
        erasure.erase_family(ws, case.family_id, "request")
        assert len(erasure_file.load(ws)) == 1  # erasures work as on a real database
    finally:
        ws.lock()
    ws = setup.open_workspace(path, passphrase)  # the unlock re-writes missing copies: not this
    ws.lock()
    assert _store_files() == []
    # so a restore on this computer, where the real database's list is lost, is still refused
    target = tmp_path / "prawdziwa" / "kooperacja.db"
    target.parent.mkdir()
    with pytest.raises(erasure_file.ErasureListMissing):
        erasure_file.require_for_restore(target)


def test_a_real_database_keeps_both_copies(ws):
    beside = erasure_file.list_path(ws)
    store = erasure_file.store_dir() / f"{ws.device_id}{erasure_file.SUFFIX}"
    assert beside.exists() and store.exists()
    store.unlink()
    path = ws.path
    ws.lock()
    again = setup.open_workspace(path, PASSPHRASE)
    try:
        assert store.exists()  # written again at the unlock
    finally:
        again.lock()


def test_a_failed_init_leaves_no_erasure_list(tmp_path, monkeypatch):
    """Interrupted (Ctrl+C) at its last step, after the list was written: nothing is left."""
    real_save = erasure_file.save

    def save_then_interrupted(ws, extra=None):
        real_save(ws, extra)
        assert erasure_file.list_path(ws).exists() and _store_files()
        raise KeyboardInterrupt

    monkeypatch.setattr(erasure_file, "save", save_then_interrupted)
    path = tmp_path / "nowa" / "kooperacja.db"
    path.parent.mkdir()
    with pytest.raises(KeyboardInterrupt):
        setup.initialize(path, PASSPHRASE, role="ops", unit_code="2005092", name="GOPS Narewka")
    assert not path.exists() and not erasure_file.beside(path).exists()
    assert _store_files() == []
    # only the OS lock file, which the store never unlinks (another program may wait on it)
    assert sorted(p.name for p in path.parent.iterdir()) == ["kooperacja.db.lock"]
