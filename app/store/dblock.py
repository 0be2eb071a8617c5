"""One process at a time holds a database: an OS lock on ``<database>.lock``.

SQLite's own locks are per transaction, so two programs could both keep a database open and a
restore could swap the file under the other one's feet.  This lock is held from unlock to lock:
a second program (the command line while the window is open, a second window) is refused with
a message saying so.  Within one process the lock is shared (counted), so the GUI's workers and
tests may open the same file twice; a restore needs it free even there.

POSIX: ``flock`` (released by the kernel when the process dies, so a killed program never leaves
a stale lock).  Windows: ``msvcrt.locking`` on the first byte, released the same way.  The lock
file itself holds nothing and is never deleted (deleting lock files races).
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from app.errors import FileProblem, StorageError
from app.i18n import _
from app.store.fileops import PRIVATE_FILE, io_problem, is_read_only, read_only_error

_guard = threading.Lock()
_held: dict[str, tuple[int, int]] = {}  # real path → (fd, count)


class DatabaseInUse(StorageError):
    """Another program holds the database."""


def lock_path(db: Path) -> Path:
    return Path(f"{db}.lock")


def _key(db: Path) -> str:
    return os.path.realpath(db)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def in_use_error() -> DatabaseInUse:
    return DatabaseInUse(
        _(
            "This database is open in another Kooperacja program (the application window or "
            "another command). Close it there and try again; nothing was changed."
        )
    )


def acquire(db: Path, *, exclusive: bool = False) -> None:
    """Hold the lock of ``db`` (counted within this process); refuse if another process has it.

    ``exclusive`` also refuses when this process already holds it (a restore replaces the file).
    """
    key = _key(db)
    with _guard:
        if key in _held:
            if exclusive:
                raise in_use_error()
            fd, count = _held[key]
            _held[key] = (fd, count + 1)
            return
        try:
            Path(db).parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        except OSError as exc:  # a read-only medium, a missing folder, no permission
            if is_read_only(Path(db)):
                raise read_only_error() from exc
            raise io_problem(exc) or FileProblem(
                _(
                    "The database file cannot be opened here: the folder is missing, read-only or "
                    "not yours."
                )
            ) from exc
        if not _try_lock(fd):
            os.close(fd)
            raise in_use_error()
        _held[key] = (fd, 1)


def release(db: Path) -> None:
    key = _key(db)
    with _guard:
        if key not in _held:
            return
        fd, count = _held[key]
        if count > 1:
            _held[key] = (fd, count - 1)
            return
        del _held[key]
        os.close(fd)  # closing the descriptor releases flock / msvcrt locks


def held(db: Path) -> bool:
    with _guard:
        return _key(db) in _held
