"""Files of the store: reading a database's salt, private files, fsync, and what an I/O error means.

``io_problem`` turns an ``OSError`` or an SQLite error into the error a user should read: a full
disk, a read-only medium, a missing permission or a failing device are each said as such, never
as a wrong passphrase (SQLite reports a wrong key only as "file is not a database").
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from app.errors import (
    DatabaseMissing,
    DiskFull,
    FileProblem,
    KooperacjaError,
    StorageError,
)
from app.i18n import _
from app.store import keys

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def read_salt(path: Path) -> bytes:
    """The file's 16-byte salt, refusing files that are not Kooperacja databases."""
    try:
        with open(path, "rb") as f:
            head = f.read(keys.SALT_LEN)
    except FileNotFoundError as exc:
        raise DatabaseMissing(_("There is no database at this location.")) from exc
    except IsADirectoryError as exc:
        raise FileProblem(_("This is a folder, not a database file.")) from exc
    except OSError as exc:
        raise io_problem(exc) or FileProblem(_("The database file cannot be read.")) from exc
    if head == SQLITE_PLAIN_HEADER:
        raise StorageError(_("This file is an unencrypted database, not a Kooperacja database."))
    try:
        params = keys.params_from_salt(head)
    except ValueError as exc:
        raise StorageError(_("This file is not a Kooperacja database.")) from exc
    if not (1 <= params.time_cost <= 250 and 8 <= params.memory_log2 <= 22):
        raise StorageError(_("This file is not a Kooperacja database."))
    return head


def is_wrong_key(exc: BaseException) -> bool:
    """SQLCipher's only answer to a wrong key: the first page does not decrypt."""
    return "file is not a database" in str(exc).lower()


def io_problem(exc: BaseException) -> KooperacjaError | None:
    """The user-facing error for an I/O failure, or ``None`` when it is not one."""
    code = exc.errno if isinstance(exc, OSError) else None
    text = str(exc).lower()
    if code == errno.ENOSPC or code == errno.EDQUOT or "database or disk is full" in text:
        return disk_full_error()
    if code == errno.EROFS or "readonly database" in text or "read-only" in text:
        return read_only_error()
    if code in (errno.EACCES, errno.EPERM):
        return FileProblem(_("You have no permission to write or read this file or folder."))
    if code == errno.EIO or "disk i/o error" in text:
        return FileProblem(
            _("The disk reported a read or write error (a damaged or removed medium?).")
        )
    if "unable to open database file" in text:
        return FileProblem(
            _(
                "The database file cannot be opened here: the folder is missing, read-only or "
                "not yours."
            )
        )
    return None


def is_read_only(path: Path) -> bool:
    """Whether ``path`` (or its folder) lies on a file system mounted read-only."""
    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # Windows: the OS error (EROFS/EACCES) is all there is
        return False
    try:
        return bool(statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def disk_full_error() -> DiskFull:
    return DiskFull(_("The disk is full. Free some space and try again; nothing was lost."))


def lacks_room(path: Path, needed: int) -> bool:
    """True when the file system holding ``path`` has fewer than ``needed`` bytes free."""
    try:
        fs = os.statvfs(path)
    except (OSError, AttributeError):  # no statvfs (Windows): let the write itself tell
        return False
    return fs.f_bavail * fs.f_frsize < needed


def read_only_error() -> FileProblem:
    return FileProblem(
        _(
            "The medium is read-only (e.g. a write-protected USB stick); nothing can be "
            "written there. Nothing was changed."
        )
    )


def explain_failure(exc: BaseException) -> KooperacjaError | None:
    """The I/O problem behind an unexpected exception (its causes and DB-API originals too)."""
    import sqlcipher3.dbapi2 as sqlcipher
    from sqlalchemy.exc import DBAPIError

    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, OSError | sqlcipher.DatabaseError | DBAPIError):
            problem = io_problem(item)
            if problem is not None:
                return problem
        stack += [getattr(item, "orig", None), item.__cause__, item.__context__]
    return None


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_empty_file(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only, before any byte is written to it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)


def make_private(path: Path) -> None:
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE)
