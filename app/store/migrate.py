"""Schema migrations with Alembic, run on an already-keyed SQLCipher connection.

The migration scripts in ``app/store/migrations/versions`` are the source of truth for the
schema; a test checks that they match the ORM models exactly.  Alembic is imported when a
migration is looked at, not with this module: the unlock window appears before any is needed.
"""

from __future__ import annotations

import functools
import logging
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
    """Bring the schema up to ``target``; refuse a database made by a newer version."""
    from alembic import command

    script = _scripts()
    current = current_revision(conn)
    if current is not None and script.get_revision(current) is None:
        raise StorageError(
            _("This database was made by a newer version of Kooperacja. Update the application.")
        )
    if current == script.get_current_head() and target == "head":
        return
    engine = _engine_for(conn)
    cfg = alembic_config()
    # SQLite's procedure for a table rebuild (batch migrations): foreign keys off while the
    # tables are copied (dropping a referenced table would count every child row as a
    # violation), then the whole database checked before the transaction commits.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with engine.begin() as sa_conn:
            cfg.attributes["connection"] = sa_conn
            command.upgrade(cfg, target)
            if sa_conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise StorageError(_("The database upgrade found broken references."))
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    log.info("schema migrated to %s", target)
