"""Schema migrations: an old fixture database upgrades without losing data, all at once or not at
all; a new file gets exactly the schema the migration scripts make; the migration scripts and
the ORM models describe exactly the same schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import exc, select

from app.models import Base, Family, Goal, Person, SupportPlan
from app.services import casefile, setup
from app.store import keys
from app.store.connection import connect
from app.store.fileops import read_salt
from app.store.migrate import (
    current_revision,
    head_revision,
    run_migrations,
    upgrade_to_head,
)
from tests.fixture_paths import FIXTURES

FIXTURE_PASSPHRASE = "fixture-rev0001-passphrase"


def test_fixture_from_first_revision_upgrades_without_loss(tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / "rev0001.db", db)
    ws = setup.open_workspace(db, FIXTURE_PASSPHRASE)
    try:
        with ws.transaction() as s:
            family = s.get(Family, "fam-1")
            assert family.case_number == "2005092/2023/0001"
            assert family.notes == "Notatka ąęółśżźćń"
            person = s.get(Person, "per-1")
            assert (person.first_name, person.last_name, person.pesel) == (
                "Grażyna",
                "Źdźbło",
                "85030484082",
            )
            assert s.get(SupportPlan, "plan-1").main_goal == "Usamodzielnienie"
            assert s.get(Goal, "goal-1").level_p2 == "e"
        conn = ws.vault.raw_connection()
        try:
            assert current_revision(conn) == head_revision()
        finally:
            conn.close()
        # reference data missing in the old file were loaded at unlock
        f = casefile.open_family(ws, "fam-1")
        assert f.gmina is not None and f.gmina.name == "Narewka"
    finally:
        ws.lock()


def test_models_match_migrations(ws):
    with ws.vault.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diffs == []


def test_new_database_is_at_head(ws):
    conn = ws.vault.raw_connection()
    try:
        assert current_revision(conn) == head_revision()
    finally:
        conn.close()
    with ws.transaction() as s:
        assert s.scalars(select(Family)).all() == []


def _fresh_connection(path: Path):
    salt = keys.new_salt(keys.TEST_KDF)
    return connect(path, keys.derive_key(b"schema-comparison", salt), salt=salt)


def _whole_schema(conn) -> dict[str, object]:
    """Everything a schema is made of: every sqlite_master entry (automatic indexes included),
    the rows of every table, and the header fields a migration could set."""
    master = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    tables = [name for kind, name, _t, _s in master if kind == "table"]
    return {
        "master": master,
        "rows": {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables},
        "user_version": conn.execute("PRAGMA user_version").fetchone(),
        "application_id": conn.execute("PRAGMA application_id").fetchone(),
    }


def test_new_file_gets_the_schema_the_migration_scripts_make(tmp_path):
    """A new file is given the head schema in one step; entry by entry it is the schema of a
    file that ran every migration script in turn."""
    created = _fresh_connection(tmp_path / "created.db")
    migrated = _fresh_connection(tmp_path / "migrated.db")
    try:
        upgrade_to_head(created)
        run_migrations(migrated)
        assert current_revision(created) == head_revision()
        assert _whole_schema(created) == _whole_schema(migrated)
        assert len(_whole_schema(created)["master"]) > 100  # the comparison saw the schema
    finally:
        created.close()
        migrated.close()


def test_an_upgrade_that_fails_half_way_leaves_the_old_revision(tmp_path):
    """A failure in a later migration must not leave the earlier ones' tables behind under the
    old revision number: the next unlock would try to create them again and never open the
    file.  Here 0004 fails for real (a table of that name is already there) after 0002 and 0003
    have run."""
    db = tmp_path / "old.db"
    shutil.copy(FIXTURES / "rev0001.db", db)
    key = keys.derive_key(keys.passphrase_bytes(FIXTURE_PASSPHRASE), read_salt(db))
    conn = connect(db, key)
    try:
        conn.execute("CREATE TABLE erased_row (squatter INTEGER)")
        conn.commit()
        before = _whole_schema(conn)
        with pytest.raises(exc.OperationalError, match="erased_row"):
            upgrade_to_head(conn)
        assert current_revision(conn) == "0001"
        assert _whole_schema(conn) == before
        conn.execute("DROP TABLE erased_row")
        conn.commit()
    finally:
        conn.close()
    ws = setup.open_workspace(db, FIXTURE_PASSPHRASE)  # the next unlock upgrades it
    try:
        with ws.transaction() as s:
            assert s.get(Family, "fam-1") is not None
    finally:
        ws.lock()
