"""Schema migrations: an old fixture database upgrades without losing data; the migration
scripts and the ORM models describe exactly the same schema."""

from __future__ import annotations

import shutil

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from app.models import Base, Family, Goal, Person, SupportPlan
from app.services import casefile, setup
from app.store.migrate import current_revision, head_revision
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
