"""Schema migrations with Alembic, run on an already-keyed SQLCipher connection.

The migration scripts in ``app/store/migrations/versions`` are the source of truth for the
schema; a test checks that they match the ORM models exactly.  Alembic is imported when a
migration is looked at, not with this module: the unlock window appears before any is needed.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from app.errors import StorageError
from app.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@functools.lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    """The shipped migration scripts, read once per process: they do not change while it runs,
    and every unlock and every export asks for the head."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    if head is None:  # only if the shipped migrations folder is empty
        raise RuntimeError("no database migrations found")
    return head


def _engine_for(conn: sqlcipher.Connection):
    # Wrap the already-open connection; StaticPool never opens a second one.
    return create_engine("sqlite://", module=sqlcipher, creator=lambda: conn, poolclass=StaticPool)


def current_revision(conn: sqlcipher.Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = _engine_for(conn)
    with engine.connect() as sa_conn:
        return MigrationContext.configure(sa_conn).get_current_revision()


def upgrade_to_head(conn: sqlcipher.Connection, target: str = "head") -> None:
    """Bring the schema up to ``target``; refuse a database made by a newer version.

    A brand-new (empty) file gets the head schema in one step (``create_at_head``); every other
    file goes through the migration scripts (``run_migrations``).
    """
    script = _scripts()
    current = current_revision(conn)
    if current is not None and script.get_revision(current) is None:
        raise StorageError(
            _("This database was made by a newer version of Kooperacja. Update the application.")
        )
    if current == script.get_current_head() and target == "head":
        return
    if current is None and target == "head" and _is_empty(conn):
        create_at_head(conn)
    else:
        run_migrations(conn, target)


def run_migrations(conn: sqlcipher.Connection, target: str = "head") -> None:
    """Run the Alembic migration scripts up to ``target``, all of them in one transaction.

    One transaction makes an upgrade all-or-nothing (SQLite's DDL is transactional: a crash
    or a full disk half-way leaves the previous revision intact, not a half-made schema that
    the next unlock would try to migrate again) and it writes the journal once instead of once
    per statement.
    """
    from alembic import command

    engine = _engine_for(conn)
    cfg = alembic_config()
    # SQLite's procedure for a table rebuild (batch migrations): foreign keys off while the
    # tables are copied (dropping a referenced table would count every child row as a
    # violation), then the whole database checked before the transaction commits.  The pragma
    # has no effect inside a transaction, so it is set before the BEGIN.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with engine.begin() as sa_conn:
            # The driver would leave DDL outside a transaction (it opens one only before DML).
            sa_conn.exec_driver_sql("BEGIN IMMEDIATE")
            cfg.attributes["connection"] = sa_conn
            command.upgrade(cfg, target)
            if sa_conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise StorageError(_("The database upgrade found broken references."))
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    log.info("schema migrated to %s", target)


def _is_empty(conn: sqlcipher.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


@dataclass(frozen=True)
class HeadSchema:
    """What the migration scripts leave in an empty database: its schema statements in the
    order SQLite recorded them, and the rows they wrote (the Alembic version)."""

    statements: tuple[str, ...]
    rows: tuple[tuple[str, tuple[tuple[object, ...], ...]], ...]


@functools.lru_cache(maxsize=1)
def head_schema() -> HeadSchema:
    """Run every migration script once per process on an empty in-memory database and record
    the result.

    The scripts stay the only source of the schema; what they produce does not depend on the
    file (the same SQLite library runs them), and a test compares a file created this way with
    one migrated step by step, entry by entry of ``sqlite_master``.
    """
    mem = sqlcipher.connect(":memory:", check_same_thread=False, isolation_level="DEFERRED")
    try:
        mem.execute("PRAGMA foreign_keys = ON")
        run_migrations(mem)
        # sqlite_* entries (automatic indexes, sqlite_sequence) SQLite makes by itself.
        entries = mem.execute(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"
        ).fetchall()
        rows = []
        for kind, name, _sql in entries:
            if kind == "table":
                found = tuple(mem.execute(f'SELECT * FROM "{name}"').fetchall())
                if found:
                    rows.append((str(name), found))
        return HeadSchema(tuple(str(sql) for _k, _n, sql in entries), tuple(rows))
    finally:
        mem.close()


def create_at_head(conn: sqlcipher.Connection) -> None:
    """Give an empty database the head schema in one transaction: the statements the migration
    scripts left in ``head_schema``, replayed in SQLite's own order, without the scripts' table
    copies (a new file has no rows to carry over)."""
    schema = head_schema()
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in schema.statements:
            conn.execute(statement)
        for table, rows in schema.rows:
            marks = ", ".join("?" * len(rows[0]))
            conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.rollback()
        raise
    log.info("schema created at head")
