"""`make demo`: a fresh demo database with a printed passphrase; families generated in the
application after the first unlock, in the background."""

from __future__ import annotations

import os
import subprocess
import sys

from app.demo import launch as demo_launch
from app.services import search, setup
from app.store import keys
from tests.ui.conftest import _close, _session, settle, unlock


def test_passphrase_is_strong_and_random():
    first, second = demo_launch.make_passphrase(), demo_launch.make_passphrase()
    assert keys.assess_passphrase(first).acceptable
    assert first != second and first.isascii()


def test_demo_database_is_filled_after_the_first_unlock(tmp_path, qtbot):
    path, passphrase = demo_launch.create_demo_database(tmp_path, "ops")
    controller = _session(path, qtbot, demo_families=6, demo_seed=5)
    controller.start()
    try:
        unlock(controller, qtbot, passphrase)
        settle(controller.ctx, qtbot, timeout=60_000)
        assert search.search_families(controller.ctx.ws).total == 6
        families = controller.main_window.show_screen("families")
        settle(controller.ctx, qtbot)
        assert families.model.total == 6
        # A second start on the same database does not add more.
        controller.lock()
        controller.demo_families = 6
        unlock(controller, qtbot, passphrase)
        settle(controller.ctx, qtbot)
        assert search.search_families(controller.ctx.ws).total == 6
    finally:
        _close(controller)


def test_demo_launch_prints_the_passphrase_and_starts_the_gui(tmp_path):
    env = dict(
        os.environ,
        KOOPERACJA_SMOKE_TEST="1",
        QT_QPA_PLATFORM="offscreen",
        KOOPERACJA_DATA_DIR=str(tmp_path),
        TMPDIR=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, "-m", "app.demo.launch", "--families", "3", "--keep"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("Hasło"))
    passphrase = line.rsplit(": ", 1)[1]
    assert "window: UnlockWindow" in done.stdout
    db = next(tmp_path.glob("kooperacja-demo-*/kooperacja-demo.db"))
    ws = setup.open_workspace(db, passphrase)
    ws.lock()
