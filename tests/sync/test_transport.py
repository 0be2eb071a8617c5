"""Transport: verified writes to a chosen file or folder, and inbox/outbox folders."""

from __future__ import annotations

import os

import pytest

from app.errors import DiskFull, FileProblem
from app.models.sync_state import SyncSent
from app.sync import transport
from tests.factories import make_full_case
from tests.sync.helpers import introduce


@pytest.fixture
def pair(ws, coordinator_ws):
    introduce(ws, coordinator_ws)
    make_full_case(ws)
    return ws, coordinator_ws


def test_save_bundle_writes_verified_file_without_leftovers(tmp_path):
    target = tmp_path / "stick" / "x.kbundle"
    target.parent.mkdir()
    report = transport.save_bundle(b"age" * 1000, target)
    assert target.read_bytes() == b"age" * 1000 and report.size == 3000
    assert [p.name for p in target.parent.iterdir()] == ["x.kbundle"]
    assert (os.stat(target).st_mode & 0o777) == 0o600


def test_save_bundle_refuses_when_space_is_short(tmp_path, monkeypatch):
    monkeypatch.setattr(transport, "free_space", lambda folder: 10)
    with pytest.raises(DiskFull):
        transport.save_bundle(b"x" * 1000, tmp_path / "x.kbundle")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(transport, "free_space", lambda folder: 2_000_000)
    report = transport.save_bundle(b"x" * 1000, tmp_path / "x.kbundle")
    assert report.warnings  # little space left after saving


def test_failed_write_rolls_the_export_back(pair, tmp_path):
    ops, coord = pair
    with pytest.raises(FileProblem):
        transport.export_to_file(ops, coord.device_id, tmp_path / "missing" / "x.kbundle")
    with ops.transaction() as s:
        assert s.query(SyncSent).count() == 0
    result, report = transport.export_to_file(ops, coord.device_id, tmp_path)
    assert result.seq == 1  # the failed attempt did not use up a number
    assert report.path.name == result.file_name
    assert result.file_name.startswith("kooperacja-") and "Narew" not in result.file_name


def test_inbox_and_outbox_folders(pair, tmp_path):
    ops, coord = pair
    share = tmp_path / "share"
    share.mkdir()
    items = transport.fill_outbox(ops, share)
    assert [i.status for i in items] == ["exported"]
    assert transport.fill_outbox(ops, share) == []  # nothing new: no second bundle
    (share / "junk.kbundle").write_bytes(b"not a bundle")
    results = {i.name: i.status for i in transport.scan_inbox(coord, share)}
    assert results["junk.kbundle"] == "refused"
    assert sorted(results.values()) == ["imported", "refused"]
    assert (share / transport.REJECTED / "junk.kbundle").exists()
    assert len(list((share / transport.PROCESSED).iterdir())) == 1
    assert transport.scan_inbox(coord, share) == []
    back = tmp_path / "back"
    back.mkdir()
    assert [i.status for i in transport.fill_outbox(coord, back)] == ["exported"]
    assert [i.status for i in transport.scan_inbox(ops, back)] == ["imported"]
    # the receipt-only bundle back does not start an endless exchange
    assert [i.status for i in transport.fill_outbox(ops, share)] == ["exported"]
    transport.scan_inbox(coord, share)
    assert transport.fill_outbox(coord, back) == []
