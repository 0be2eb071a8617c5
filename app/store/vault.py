"""The encrypted database file's life: create, unlock, lock, change passphrase, back up, restore.

A ``Vault`` is one unlocked SQLCipher database.  It owns the derived key (a wipeable bytearray)
and the SQLAlchemy engine; ``lock()`` disposes every pooled connection and wipes the key.
"""

from __future__ import annotations

import errno
import hmac
import logging
import os
import threading
from datetime import datetime
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine

from app.config import fsync_dir
from app.errors import (
    CorruptDatabase,
    DatabaseExists,
    DatabaseMissing,
    DiskFull,
    FileProblem,
    StorageError,
    WrongPassphrase,
)
from app.i18n import _
from app.store import keys
from app.store.connection import connect, integrity_problems, key_literal, make_engine
from app.store.migrate import upgrade_to_head

log = logging.getLogger(__name__)

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


def read_salt(path: Path) -> bytes:
    """The file's 16-byte salt, refusing files that are not Kooperacja databases."""
    try:
        with open(path, "rb") as f:
            head = f.read(keys.SALT_LEN)
    except FileNotFoundError as exc:
        raise DatabaseMissing(_("There is no database at this location.")) from exc
    except OSError as exc:
        raise FileProblem(_("The database file cannot be read.")) from exc
    if head == SQLITE_PLAIN_HEADER:
        raise StorageError(_("This file is an unencrypted database, not a Kooperacja database."))
    try:
        params = keys.params_from_salt(head)
    except ValueError as exc:
        raise StorageError(_("This file is not a Kooperacja database.")) from exc
    if not (1 <= params.time_cost <= 250 and 8 <= params.memory_log2 <= 22):
        raise StorageError(_("This file is not a Kooperacja database."))
    return head


def _disk_error(exc: BaseException) -> StorageError | None:
    text = str(exc).lower()
    if (
        isinstance(exc, OSError) and exc.errno == errno.ENOSPC
    ) or "database or disk is full" in text:
        return DiskFull(_("The disk is full. Free some space and try again; nothing was lost."))
    return None


class Vault:
    """An unlocked encrypted database."""

    def __init__(self, path: Path, key: bytearray) -> None:
        self.path = Path(path)
        self._key: bytearray | None = key
        self._lock = threading.Lock()
        self._engine: Engine | None = make_engine(self.path, self._key_for_connection)

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        path: Path | str,
        passphrase: str,
        *,
        kdf: keys.KdfParams | None = None,
        hints: tuple[str, ...] = (),
    ) -> Vault:
        """Create a new encrypted database, refusing weak passphrases and existing files."""
        path = Path(path)
        keys.require_strong(passphrase, hints)
        if path.exists() and path.stat().st_size > 0:
            raise DatabaseExists(_("A database already exists at this location."))
        path.parent.mkdir(parents=True, exist_ok=True)
        salt = keys.new_salt(kdf or keys.calibrate())
        key = keys.derive_key(keys.passphrase_bytes(passphrase), salt)
        try:
            conn = connect(path, key, salt=salt)
            try:
                upgrade_to_head(conn)
            finally:
                conn.close()
            if os.name == "posix":
                os.chmod(path, 0o600)
            vault = cls(path, key)
        except BaseException:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            keys.wipe(key)
            raise
        log.info("database created")
        return vault

    @classmethod
    def unlock(cls, path: Path | str, passphrase: str | bytes | bytearray) -> Vault:
        """Open an existing database; a wrong passphrase leaves the file byte-identical."""
        path = Path(path)
        salt = read_salt(path)
        key = keys.derive_key(keys.passphrase_bytes(passphrase), salt)
        try:
            conn = connect(path, key)
        except WrongPassphrase:
            keys.wipe(key)
            log.info("unlock refused: wrong passphrase")
            raise
        try:
            upgrade_to_head(conn)
        finally:
            conn.close()
        log.info("database unlocked")
        return cls(path, key)

    # -- state -----------------------------------------------------------------------------
    def _key_for_connection(self) -> bytearray:
        if self._key is None:
            raise StorageError(_("The database is locked."))
        return self._key

    @property
    def locked(self) -> bool:
        return self._key is None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise StorageError(_("The database is locked."))
        return self._engine

    def raw_connection(self) -> sqlcipher.Connection:
        """A dedicated connection outside the pool (backup, rekey, checks)."""
        return connect(self.path, self._key_for_connection())

    def lock(self) -> None:
        """Close every connection and wipe the key; the object cannot be used afterwards."""
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
            keys.wipe(self._key)
            self._key = None
        log.info("database locked")

    def verify_passphrase(self, passphrase: str | bytes | bytearray) -> bool:
        key = keys.derive_key(keys.passphrase_bytes(passphrase), read_salt(self.path))
        try:
            return hmac.compare_digest(bytes(key), bytes(self._key_for_connection()))
        finally:
            keys.wipe(key)

    # -- operations ------------------------------------------------------------------------
    def change_passphrase(self, old: str, new: str, hints: tuple[str, ...] = ()) -> None:
        """``PRAGMA rekey`` in one transaction: a crash leaves the old passphrase valid."""
        if not self.verify_passphrase(old):
            raise WrongPassphrase(_("The current passphrase is wrong. Nothing was changed."))
        keys.require_strong(new, hints)
        salt = read_salt(self.path)
        new_key = keys.derive_key(keys.passphrase_bytes(new), salt)
        with self._lock:
            assert self._engine is not None
            self._engine.dispose()
            conn = self.raw_connection()
            try:
                conn.execute(f"PRAGMA rekey = {key_literal(new_key, salt)}")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            except sqlcipher.DatabaseError as exc:
                keys.wipe(new_key)
                raise _disk_error(exc) or StorageError(
                    _("The passphrase could not be changed; the old one still works.")
                ) from exc
            finally:
                conn.close()
            keys.wipe(self._key)
            self._key = new_key
            self._engine = make_engine(self.path, self._key_for_connection)
        log.info("passphrase changed")

    def backup(self, destination: Path | str) -> Path:
        """Write an encrypted, verified copy (same passphrase) with ``VACUUM INTO``.

        The copy is written under a temporary name in the destination folder, fsynced, opened
        and checked, and only then renamed; an existing file at ``destination`` is replaced only
        by a good backup.
        """
        destination = Path(destination)
        if destination.resolve() == self.path.resolve():
            raise FileProblem(_("A backup cannot overwrite the database itself."))
        destination.parent.mkdir(parents=True, exist_ok=True)
        tmp = destination.with_name(f".{destination.name}.partial")
        tmp.unlink(missing_ok=True)
        try:
            conn = self.raw_connection()
            try:
                conn.execute("VACUUM INTO ?", (str(tmp),))
            finally:
                conn.close()
            _fsync_file(tmp)
            check = connect(tmp, self._key_for_connection())
            try:
                problems = integrity_problems(check)
            finally:
                check.close()
            if problems:
                raise CorruptDatabase(_("The backup copy failed its check and was not kept."))
            os.replace(tmp, destination)
            fsync_dir(destination.parent)
        except (OSError, sqlcipher.DatabaseError) as exc:
            tmp.unlink(missing_ok=True)
            raise _disk_error(exc) or FileProblem(
                _("The backup could not be written to this location.")
            ) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        finally:
            for suffix in ("-wal", "-shm"):
                Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        log.info("backup written")
        return destination

    def check(self) -> list[str]:
        """Both integrity checks; an empty list means the file is sound."""
        conn = self.raw_connection()
        try:
            return integrity_problems(conn)
        finally:
            conn.close()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def restore(backup: Path | str, target: Path | str, passphrase: str) -> Path | None:
    """Replace ``target`` with a verified copy of ``backup`` (opened with its own passphrase).

    The database being replaced is not deleted: it is renamed (with its ``-wal``/``-shm``) to
    ``<name>.before-restore-<time>`` and that path is returned, so nothing is ever lost.
    """
    backup, target = Path(backup), Path(target)
    salt = read_salt(backup)
    key = keys.derive_key(keys.passphrase_bytes(passphrase), salt)
    tmp = target.with_name(f".{target.name}.restoring")
    tmp.unlink(missing_ok=True)
    try:
        src = connect(backup, key)
        try:
            problems = integrity_problems(src)
            if problems:
                raise CorruptDatabase(_("The backup is damaged and cannot be restored."))
            target.parent.mkdir(parents=True, exist_ok=True)
            src.execute("VACUUM INTO ?", (str(tmp),))
        finally:
            src.close()
        _fsync_file(tmp)
        verify = connect(tmp, key)
        try:
            upgrade_to_head(verify)
            if integrity_problems(verify):
                raise CorruptDatabase(_("The restored copy failed its check; nothing was changed."))
        finally:
            verify.close()
        kept: Path | None = None
        if target.exists():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            kept = target.with_name(f"{target.name}.before-restore-{stamp}")
            for suffix in ("-wal", "-shm", ""):
                old = Path(f"{target}{suffix}")
                if old.exists():
                    os.replace(old, Path(f"{kept}{suffix}"))
        os.replace(tmp, target)
        fsync_dir(target.parent)
        log.info("database restored from backup")
        return kept
    except (OSError, sqlcipher.DatabaseError) as exc:
        raise _disk_error(exc) or FileProblem(_("The backup could not be restored.")) from exc
    finally:
        keys.wipe(key)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
