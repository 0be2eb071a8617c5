"""Shared sync folders are served from the moment of unlock, without opening Synchronizacja."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.config import Settings
from app.services import setup
from tests.conftest import COORD_POWIAT, PASSPHRASE
from tests.sync.helpers import introduce, make_device
from tests.ui.conftest import _close, _session, unlock


def test_outbox_is_filled_right_after_unlock(ops_db, tmp_path, qtbot):
    coordinator = make_device(
        tmp_path / "pcpr.db", "coordinator", COORD_POWIAT, "PCPR w Hajnówce", "Ewa Zawadzka"
    )
    ops = setup.open_workspace(ops_db, PASSPHRASE)
    introduce(ops, coordinator)
    ops.lock()
    coordinator.lock()
    outbox = tmp_path / "wysylka"
    outbox.mkdir()
    settings = Settings.load()
    settings.sync_outbox = str(outbox)
    settings.save()

    controller = _session(ops_db, qtbot)
    controller.start()
    try:
        unlock(controller, qtbot)
        qtbot.waitUntil(lambda: any(outbox.glob("*.kbundle")), timeout=20_000)
        names = [p.name for p in outbox.glob("*.kbundle")]
        assert len(names) == 1 and "Narew" not in names[0]  # no personal or place data in names
    finally:
        _close(controller)
