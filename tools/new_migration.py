"""Generate an Alembic revision by comparing the ORM models with a database at the current head.

Usage: ``python tools/new_migration.py "what changed"``; review the generated file before
committing it (autogenerate misses renames and data moves).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from alembic import command
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.models import Base
from app.store import keys
from app.store.connection import connect
from app.store.migrate import alembic_config, upgrade_to_head


def main() -> None:
    message = sys.argv[1] if len(sys.argv) > 1 else "schema change"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "head.db"
        salt = keys.new_salt(keys.TEST_KDF)
        key = keys.derive_key(b"migration-tool-passphrase", salt)
        conn = connect(path, key, salt=salt)
        upgrade_to_head(conn)
        engine = create_engine(
            "sqlite://", module=sqlcipher, creator=lambda: conn, poolclass=StaticPool
        )
        cfg = alembic_config()
        with engine.begin() as sa_conn:
            cfg.attributes["connection"] = sa_conn
            cfg.attributes["target_metadata"] = Base.metadata
            command.revision(cfg, message=message, autogenerate=True)
        conn.close()


if __name__ == "__main__":
    main()
