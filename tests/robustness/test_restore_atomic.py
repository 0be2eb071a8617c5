"""Restore is all-or-nothing under kill -9 at every step, and refused while the database is open.

The live database holds part of its data only in its ``-wal`` (as after a crash of the program
that wrote it).  A real restore process is killed right after each of its steps
(``app.store.restore.STEPS``); opening the database afterwards must give either the old data,
complete, or the backup's, complete, and the old data must still exist (in place or kept aside).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.demo import generate
from app.errors import EXIT_STORAGE, StorageError
from app.models import Family
from app.services import setup
from app.store import restore as restoring
from app.store.dblock import DatabaseInUse
from app.store.keys import TEST_KDF
from tests.conftest import OPS_GMINA, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
JOURNALED = restoring.STEPS.index("journal")


def _families(path: Path) -> int:
    ws = setup.open_workspace(path, PASSPHRASE)
    try:
        assert ws.vault.check() == []
        with ws.transaction() as s:
            return s.scalar(select(func.count()).select_from(Family))
    finally:
        ws.lock()


def _env() -> dict[str, str]:
    env = {**os.environ, "KOOPERACJA_PASSPHRASE": PASSPHRASE}
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    folder = tmp_path_factory.mktemp("restore")
    backup_db = folder / "source" / "k.db"
    ws = setup.initialize(
        backup_db, PASSPHRASE, role="ops", unit_code=OPS_GMINA, name="GOPS", kdf=TEST_KDF
    )
    generate(ws, families=2, seed=1)
    backup = ws.vault.backup(folder / "kopia.kbak")
    ws.lock()
    # The live database: 3 families checkpointed, 4 more only in its -wal, as a killed program
    # leaves it (copied while the writer is still open, i.e. before any checkpoint).
    live = folder / "live" / "kooperacja.db"
    ws = setup.initialize(
        live, PASSPHRASE, role="ops", unit_code=OPS_GMINA, name="GOPS", kdf=TEST_KDF
    )
    generate(ws, families=3, seed=2)
    with ws.vault.raw_connection() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    generate(ws, families=4, seed=3)
    template = folder / "template"
    template.mkdir()
    for suffix in ("", "-wal"):
        shutil.copy2(f"{live}{suffix}", template / f"kooperacja.db{suffix}")
    ws.lock()
    assert (template / "kooperacja.db-wal").stat().st_size > 0
    return folder, backup, template


def _fresh_target(template: Path, folder: Path) -> Path:
    folder.mkdir()
    for p in template.iterdir():
        shutil.copy2(p, folder / p.name)
    return folder / "kooperacja.db"


def test_the_live_database_holds_data_only_in_its_wal(world, tmp_path):
    _folder, _backup, template = world
    target = _fresh_target(template, tmp_path / "t")
    assert _families(target) == 7
    only_main = _fresh_target(template, tmp_path / "m")
    Path(f"{only_main}-wal").unlink()
    assert _families(only_main) == 3  # losing the -wal loses data: the restore must keep it


@pytest.mark.parametrize("step", restoring.STEPS)
def test_restore_killed_after_each_step_loses_nothing(world, tmp_path, step):
    _folder, backup, template = world
    target = _fresh_target(template, tmp_path / "t")
    r = subprocess.run(
        [sys.executable, "-m", "tests.robustness.restore_worker", str(backup), str(target), step],
        env=_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == -signal.SIGKILL, r.stderr
    count = _families(target)  # opening finishes an interrupted restore
    kept = sorted(tmp_path.joinpath("t").glob("kooperacja.db.before-restore-*[0-9]"))
    if restoring.STEPS.index(step) < JOURNALED:
        assert count == 7  # untouched
    else:
        assert count == 2  # the backup, complete
        assert len(kept) == 1 and _families(kept[0]) == 7  # the old data, complete
    leftovers = [p.name for p in tmp_path.joinpath("t").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_restore_is_refused_while_another_program_has_the_database(world, tmp_path):
    _folder, backup, template = world
    target = _fresh_target(template, tmp_path / "t")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys
            from app.services import setup
            ws = setup.open_workspace({str(target)!r}, {PASSPHRASE!r})
            print("open", flush=True)
            sys.stdin.readline()
            ws.lock()
        """),
        ],
        env=_env(),
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseInUse) as info:
            restoring.restore(backup, target, PASSPHRASE)
        assert info.value.exit_code == EXIT_STORAGE
        assert "otwarta w innym programie" in info.value.message
        with pytest.raises(DatabaseInUse):
            setup.open_workspace(target, PASSPHRASE)  # a second window, the CLI
    finally:
        holder.communicate("\n", timeout=60)
    assert _families(target) == 7  # nothing was changed, and it opens once the holder is gone


def test_restore_is_refused_while_this_program_has_it_open(world, tmp_path):
    _folder, backup, template = world
    target = _fresh_target(template, tmp_path / "t")
    ws = setup.open_workspace(target, PASSPHRASE)
    try:
        with pytest.raises(StorageError):
            restoring.restore(backup, target, PASSPHRASE)
    finally:
        ws.lock()
    restoring.restore(backup, target, PASSPHRASE)
    assert _families(target) == 2


def test_a_backup_on_a_read_only_folder_restores(world, tmp_path):
    """The backup file is only read: it is copied before SQLite opens it."""
    _folder, backup, template = world
    stick = tmp_path / "stick"
    stick.mkdir()
    ro_backup = stick / "kopia.kbak"
    shutil.copy2(backup, ro_backup)
    before = ro_backup.read_bytes()
    target = _fresh_target(template, tmp_path / "t")
    restoring.restore(ro_backup, target, PASSPHRASE)
    assert ro_backup.read_bytes() == before
    assert sorted(p.name for p in stick.iterdir()) == ["kopia.kbak"]
    assert _families(target) == 2
