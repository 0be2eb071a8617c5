"""Opening SQLCipher connections with the key and checking every connection's configuration.

``connect()`` is the single place where a key meets SQLCipher.  The key is passed as a raw hex
key (``PRAGMA key = "x'…'"``): the SQL text contains only hex digits we produced, never user
input.  SQLAlchemy engines get their connections through ``creator=``, so the key is never in a
URL either.  Each connection asserts the settings the store promises (cipher 4.x, WAL,
``synchronous=FULL``, foreign keys, memory temp store, secure delete, no extension loading).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.pool import QueuePool
from sqlalchemy.util import LRUCache

from app.errors import CorruptDatabase, StorageError, WrongPassphrase
from app.i18n import _
from app.store.fileops import io_problem, is_read_only, is_wrong_key, read_only_error

log = logging.getLogger(__name__)

# Expected values of every connection (pragma → value SQLite reports).
REQUIRED_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "temp_store": 2,  # MEMORY
    "secure_delete": 1,
}


class ConfigurationDrift(StorageError):
    """A connection did not take the configuration we require; we refuse to use it."""


def key_literal(key: bytes | bytearray, salt: bytes | None = None) -> str:
    """The SQL literal for a raw key (optionally with an explicit salt for a new file)."""
    if len(key) != 32 or (salt is not None and len(salt) != 16):
        raise ValueError("raw SQLCipher keys are 32 bytes (salt 16 bytes)")
    tail = salt.hex() if salt is not None else ""
    return f"\"x'{bytes(key).hex()}{tail}'\""


def _silence_cipher_log(conn: sqlcipher.Connection) -> None:
    # SQLCipher writes "hmac check failed" lines to stderr on a wrong key; users must not see
    # them and they carry nothing we need.
    with contextlib.suppress(sqlcipher.DatabaseError):
        conn.execute("PRAGMA cipher_log_level = NONE")


def connect(
    path: Path | str, key: bytes | bytearray, salt: bytes | None = None
) -> sqlcipher.Connection:
    """Open ``path`` with ``key``; raise ``WrongPassphrase`` without touching the file on failure.

    ``salt`` is given only when creating a new database (SQLCipher writes it as the file header).
    """
    try:
        conn = sqlcipher.connect(str(path), check_same_thread=False, isolation_level="DEFERRED")
    except sqlcipher.DatabaseError as exc:
        if is_read_only(Path(path)):
            raise read_only_error() from exc
        raise io_problem(exc) or StorageError(_("The database file cannot be opened.")) from exc
    try:
        _silence_cipher_log(conn)
        conn.execute(f"PRAGMA key = {key_literal(key, salt)}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            configure(conn)
        except sqlcipher.DatabaseError as exc:
            # Only "file is not a database" means a wrong key; a full disk, a read-only medium
            # or a failing device must be told as such (never "wrong passphrase").
            if is_wrong_key(exc):
                raise WrongPassphrase() from exc
            if is_read_only(Path(path)):
                raise read_only_error() from exc
            raise io_problem(exc) or StorageError(_("The database file cannot be opened.")) from exc
        return conn
    except BaseException:
        conn.close()
        raise


def configure(conn: sqlcipher.Connection) -> None:
    """Apply and then assert the per-connection settings."""
    if hasattr(conn, "enable_load_extension"):
        conn.enable_load_extension(False)
    conn.execute("PRAGMA busy_timeout = 10000")
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal":
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA secure_delete = ON")
    assert_configuration(conn)


def read_configuration(conn: sqlcipher.Connection) -> dict[str, object]:
    found: dict[str, object] = {}
    for pragma in REQUIRED_PRAGMAS:
        found[pragma] = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
    found["cipher_version"] = conn.execute("PRAGMA cipher_version").fetchone()[0]
    return found


def assert_configuration(conn: sqlcipher.Connection) -> None:
    found = read_configuration(conn)
    version = str(found.pop("cipher_version") or "")
    problems = [f"{k}={found[k]!r}" for k, v in REQUIRED_PRAGMAS.items() if found[k] != v]
    if not version.startswith("4."):
        problems.append(f"cipher_version={version!r}")
    if problems:
        log.error("connection configuration drift: %s", ", ".join(problems))
        raise ConfigurationDrift(
            _("The encrypted database could not be opened safely ({details}).").format(
                details=", ".join(problems)
            )
        )


class SharedCacheDialect(SQLiteDialect_pysqlite):
    """SQLite through SQLCipher, one compiled form of each statement for every database file.

    SQLAlchemy caches compiled statements per engine and keys them by the dialect object, and
    every unlock, rekey, sync partner or restore check makes a new engine: each compiled every
    query again (about a second of a first sync).  All our engines are made here, the same way,
    on the same driver and SQLite library, so their dialects are interchangeable: they compare
    equal and share one cache (``COMPILED``), the ORM's own per-mapper caches included.
    """

    supports_statement_cache = True

    def __eq__(self, other: object) -> bool:
        return type(other) is SharedCacheDialect

    def __hash__(self) -> int:
        return hash(SharedCacheDialect)


registry.register("sqlite.kooperacja", __name__, "SharedCacheDialect")
COMPILED: LRUCache = LRUCache(1000)  # SQLAlchemy's default is 500 per engine


def make_engine(path: Path | str, key_provider: Callable[[], bytearray]) -> Engine:
    """An SQLAlchemy engine whose connections come from ``connect()``.

    ``key_provider`` returns the live key; after a lock the provider raises, so a stray pool
    checkout cannot reopen the database.  Parameters are hidden from SQLAlchemy's error messages,
    so an exception can never carry a name or PESEL into a log.
    """

    def creator() -> sqlcipher.Connection:
        return connect(path, key_provider())

    engine = create_engine(
        "sqlite+kooperacja://",
        module=sqlcipher,
        creator=creator,
        execution_options={"compiled_cache": COMPILED},
        hide_parameters=True,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        pool_pre_ping=False,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # SQLAlchemy hook signature
        # pysqlite's legacy transaction handling defers BEGIN; SQLAlchemy's recommended
        # recipe below gives us real transactions for reads too (consistent snapshots).
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE: most use cases read and then write (a "view" appends an audit event); a
        # deferred BEGIN would fail with SQLITE_BUSY_SNAPSHOT if another connection committed
        # in between, instead of waiting for busy_timeout.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def integrity_problems(conn: sqlcipher.Connection) -> list[str]:
    """Run ``cipher_integrity_check`` (page HMACs) and ``integrity_check`` (b-trees).

    WAL frames are not covered by the cipher check, so a checkpoint runs first.
    """
    problems: list[str] = []
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        problems += [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        problems += [str(r[0]) for r in rows if str(r[0]).lower() != "ok"]
        problems += [
            f"foreign key: {r[0]}" for r in conn.execute("PRAGMA foreign_key_check").fetchall()
        ]
    except sqlcipher.DatabaseError as exc:
        raise CorruptDatabase(
            _("The database is damaged and cannot be read. Restore it from a backup.")
        ) from exc
    return problems
