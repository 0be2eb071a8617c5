"""Restoring a backup over the live database, atomic under a kill at any moment.

The steps (each one named, so a test can kill the process right after it):

1. ``copied``: the backup is copied into the database's folder (a write-protected stick is
   only read, never opened by SQLite);
2. ``verified``: ``VACUUM INTO`` a private temporary file, migrated and checked;
3. ``kept``: the old database and its ``-wal`` get their "before-restore" names as hard links
   (copies where links are impossible): the old data now exist twice;
4. ``journal``: a small journal file says which new file replaces the database;
5. ``wal_removed``: the old ``-wal``/``-shm`` are removed (their data live on in the kept pair);
6. ``replaced``: the new file is renamed over the database (one atomic ``rename``);
7. ``done``: the journal is removed.

Killed before 4, the database is untouched.  Killed from 4 on, the next opening of the database
(``finish_interrupted``, run under the database lock by every unlock and restore) completes the
swap, which is always possible because the old data were kept in 3.  The old database is never
deleted: its path is returned.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from app.config import atomic_write_bytes, fsync_dir
from app.errors import CorruptDatabase, FileProblem, KooperacjaError
from app.i18n import _
from app.store import dblock, keys
from app.store.connection import connect, integrity_problems
from app.store.fileops import (
    fsync_file,
    io_problem,
    make_private,
    private_empty_file,
    read_salt,
)
from app.store.migrate import upgrade_to_head

log = logging.getLogger(__name__)
Inspect = Callable[[sqlcipher.Connection], None]

STEPS = ("copied", "verified", "kept", "journal", "wal_removed", "replaced", "done")
# Tests set this to kill the process right after a step; it is never set in the program.
step_hook: Callable[[str], None] | None = None


def _step(name: str) -> None:
    if step_hook is not None:
        step_hook(name)


def _names(target: Path) -> tuple[Path, Path, Path]:
    incoming = target.with_name(f".{target.name}.incoming")
    new = target.with_name(f".{target.name}.restoring")
    journal = target.with_name(f".{target.name}.restore-journal")
    return incoming, new, journal


def _remove_side_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def finish_interrupted(target: Path | str) -> None:
    """Complete a restore that was killed after its journal was written; clear leftovers.

    The caller holds the database lock, so no other restore is running.
    """
    target = Path(target)
    incoming, new, journal = _names(target)
    if journal.exists():
        if new.exists():
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            os.replace(new, target)
            fsync_dir(target.parent)
        journal.unlink()
        fsync_dir(target.parent)
        log.info("an interrupted restore was completed")
    _remove_side_files(new)
    _remove_side_files(incoming)


def _keep_old(target: Path) -> Path | None:
    if not target.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.name}.before-restore-{stamp}")
    n = 1
    while Path(f"{kept}").exists():
        kept = target.with_name(f"{target.name}.before-restore-{stamp}-{n}")
        n += 1
    for suffix in ("", "-wal"):
        old = Path(f"{target}{suffix}")
        if old.exists():
            copy = Path(f"{kept}{suffix}")
            try:
                os.link(old, copy)
            except OSError:  # FAT sticks and some network drives have no hard links
                shutil.copyfile(old, copy)
                fsync_file(copy)
            make_private(copy)
    fsync_dir(target.parent)
    return kept


def _verified_copy(
    backup: Path, incoming: Path, new: Path, key: bytearray, inspect: Inspect | None
) -> None:
    private_empty_file(incoming)
    with open(backup, "rb") as src, open(incoming, "wb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
        dst.flush()
        os.fsync(dst.fileno())
    _step("copied")
    src_conn = connect(incoming, key)
    try:
        if integrity_problems(src_conn):
            raise CorruptDatabase(_("The backup is damaged and cannot be restored."))
        private_empty_file(new)
        src_conn.execute("VACUUM INTO ?", (str(new),))
    finally:
        src_conn.close()
    _remove_side_files(incoming)
    fsync_file(new)
    verify = connect(new, key)
    try:
        upgrade_to_head(verify)
        if integrity_problems(verify):
            raise CorruptDatabase(_("The restored copy failed its check; nothing was changed."))
        if inspect is not None:  # the caller's own refusal, before anything is replaced
            inspect(verify)
    finally:
        verify.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{new}{suffix}").unlink(missing_ok=True)
    fsync_file(new)
    _step("verified")


def restore(
    backup: Path | str, target: Path | str, passphrase: str, inspect: Inspect | None = None
) -> Path | None:
    """Replace ``target`` with a verified copy of ``backup`` (opened with its own passphrase).

    ``inspect`` is shown the verified copy (an open connection) before anything is replaced; an
    error it raises refuses the restore with nothing changed.

    Refused while any program (this one included) has ``target`` open.  Returns the path the
    replaced database was kept under (``<name>.before-restore-<time>``), or ``None``.
    """
    backup, target = Path(backup), Path(target)
    if backup.is_dir():
        raise FileProblem(_("This is a folder, not a backup file."))
    if not backup.exists():
        raise FileProblem(_("The backup file does not exist: check the name and the folder."))
    salt = read_salt(backup)
    dblock.acquire(target, exclusive=True)
    key = keys.derive_key(keys.passphrase_bytes(passphrase), salt)
    incoming, new, journal = _names(target)
    kept: Path | None = None
    try:
        finish_interrupted(target)
        _verified_copy(backup, incoming, new, key, inspect)
        kept = _keep_old(target)
        _step("kept")
        atomic_write_bytes(journal, json.dumps({"new": new.name}).encode("utf-8"))
        _step("journal")
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        _step("wal_removed")
        os.replace(new, target)
        fsync_dir(target.parent)
        _step("replaced")
        journal.unlink()
        fsync_dir(target.parent)
        _step("done")
        log.info("database restored from backup")
        return kept
    except KooperacjaError:
        _cleanup_unjournaled(journal, new, incoming, kept)
        raise
    except (OSError, sqlcipher.DatabaseError) as exc:
        _cleanup_unjournaled(journal, new, incoming, kept)
        raise io_problem(exc) or FileProblem(_("The backup could not be restored.")) from exc
    finally:
        keys.wipe(key)
        dblock.release(target)


def _cleanup_unjournaled(journal: Path, new: Path, incoming: Path, kept: Path | None) -> None:
    # Before the journal exists the live database is untouched: the temporary files and the
    # extra links can go.  After it, the next opening finishes the swap, so they must stay.
    with contextlib.suppress(OSError):
        if not journal.exists():
            _remove_side_files(new)
            if kept is not None:
                for suffix in ("", "-wal"):
                    Path(f"{kept}{suffix}").unlink(missing_ok=True)
        _remove_side_files(incoming)
