"""The encrypted database file's life: create, unlock, lock, change passphrase, back up, restore.

A ``Vault`` is one unlocked SQLCipher database.  It owns the derived key (a wipeable bytearray)
and the SQLAlchemy engine; ``lock()`` disposes every pooled connection and wipes the key.
"""

from __future__ import annotations

import hmac
import logging
import os
import threading
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine

from app.config import fsync_dir
from app.errors import (
    CorruptDatabase,
    DatabaseExists,
    FileProblem,
    StorageError,
    WrongPassphrase,
)
from app.i18n import _
from app.store import dblock, keys
from app.store.connection import connect, integrity_problems, key_literal, make_engine
from app.store.fileops import (
    SQLITE_PLAIN_HEADER,
    disk_full_error,
    fsync_file,
    io_problem,
    lacks_room,
    make_private,
    private_empty_file,
    read_salt,
)
from app.store.migrate import upgrade_to_head
from app.store.restore import finish_interrupted, restore

log = logging.getLogger(__name__)

__all__ = ["SQLITE_PLAIN_HEADER", "Vault", "read_salt", "restore"]


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
        if path.is_dir():
            raise FileProblem(_("This is a folder, not a database file."))
        if path.exists() and path.stat().st_size > 0:
            raise DatabaseExists(_("A database already exists at this location."))
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            dblock.acquire(path, exclusive=True)
        except OSError as exc:
            raise io_problem(exc) or FileProblem(
                _("The database cannot be created at this location.")
            ) from exc
        salt = keys.new_salt(kdf or keys.default_kdf())
        key = keys.derive_key(keys.passphrase_bytes(passphrase), salt)
        try:
            if path.exists():
                make_private(path)
            else:
                private_empty_file(path)  # -wal and -shm take the same permissions
            conn = connect(path, key, salt=salt)
            try:
                upgrade_to_head(conn)
            finally:
                conn.close()
            vault = cls(path, key)
        except BaseException as exc:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            keys.wipe(key)
            dblock.release(path)
            if isinstance(exc, OSError | sqlcipher.DatabaseError):
                raise io_problem(exc) or FileProblem(
                    _("The database cannot be created at this location.")
                ) from exc
            raise
        log.info("database created")
        return vault

    @classmethod
    def unlock(cls, path: Path | str, passphrase: str | bytes | bytearray) -> Vault:
        """Open an existing database; a wrong passphrase leaves the file byte-identical."""
        path = Path(path)
        dblock.acquire(path)
        try:
            finish_interrupted(path)
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
        except BaseException:
            dblock.release(path)
            raise
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
            was_open = self._key is not None
            keys.wipe(self._key)
            self._key = None
        if was_open:
            dblock.release(self.path)
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
        # PRAGMA rekey writes every page again (into the WAL first): without room for a second
        # copy it fails half-way with SQLITE_LOCKED, which says nothing about the disk.
        room = self.path.stat().st_size + (1 << 20)
        if lacks_room(self.path.parent, room):
            raise disk_full_error()
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
                if io_problem(exc) is None and lacks_room(self.path.parent, room):
                    raise disk_full_error() from exc
                raise io_problem(exc) or StorageError(
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
        if destination.is_dir():
            raise FileProblem(_("This is a folder; give the name of the backup file."))
        tmp = destination.with_name(f".{destination.name}.partial")
        try:
            destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp.unlink(missing_ok=True)
            private_empty_file(tmp)  # readable by its owner only from the first byte
            conn = self.raw_connection()
            try:
                conn.execute("VACUUM INTO ?", (str(tmp),))
            finally:
                conn.close()
            fsync_file(tmp)
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
            raise io_problem(exc) or FileProblem(
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
