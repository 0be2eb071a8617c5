"""The encrypted store: create, wrong passphrase, rekey, backup, restore, integrity."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app.errors import (
    CorruptDatabase,
    DatabaseExists,
    StorageError,
    WeakPassphrase,
    WrongPassphrase,
)
from app.store import keys
from app.store.vault import Vault, read_salt, restore
from tests.conftest import PASSPHRASE


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def vault(db_path):
    v = Vault.create(db_path, PASSPHRASE, kdf=keys.TEST_KDF)
    with v.engine.begin() as c:
        c.execute(text("CREATE TABLE IF NOT EXISTS probe (x TEXT)"))
        c.execute(text("INSERT INTO probe VALUES ('Łucja Ćwiklińska')"))
    yield v
    if not v.locked:
        v.lock()


def probe(v: Vault) -> list[str]:
    with v.engine.connect() as c:
        return [r[0] for r in c.execute(text("SELECT x FROM probe"))]


def test_short_and_weak_passphrases_are_refused_in_polish(db_path):
    with pytest.raises(WeakPassphrase) as short:
        Vault.create(db_path, "krótkie", kdf=keys.TEST_KDF)
    assert "co najmniej 12" in short.value.message
    with pytest.raises(WeakPassphrase) as weak:
        Vault.create(db_path, "password1234", kdf=keys.TEST_KDF)
    assert "łatwe do odgadnięcia" in weak.value.message
    assert not db_path.exists()


def test_create_refuses_existing_database(vault, db_path):
    with pytest.raises(DatabaseExists):
        Vault.create(db_path, PASSPHRASE, kdf=keys.TEST_KDF)


def test_file_is_encrypted_and_salt_carries_kdf(vault, db_path):
    head = db_path.read_bytes()[:16]
    assert head != b"SQLite format 3\x00"
    assert keys.params_from_salt(read_salt(db_path)) == keys.TEST_KDF
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_wrong_passphrase_changes_nothing(vault, db_path):
    vault.lock()
    before = {p.name: sha(p) for p in db_path.parent.iterdir()}
    for attempt in ("zupełnie-inne-hasło-123", "", PASSPHRASE + " "):
        with pytest.raises(WrongPassphrase) as err:
            Vault.unlock(db_path, attempt)
        assert "Błędne hasło" in err.value.message
    after = {p.name: sha(p) for p in db_path.parent.iterdir()}
    assert before == after
    assert probe(Vault.unlock(db_path, PASSPHRASE)) == ["Łucja Ćwiklińska"]


def test_every_connection_has_the_required_configuration(vault):
    with vault.engine.connect() as c:
        assert c.execute(text("PRAGMA cipher_version")).scalar().startswith("4.")
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert c.execute(text("PRAGMA synchronous")).scalar() == 2
        assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert c.execute(text("PRAGMA temp_store")).scalar() == 2
        assert c.execute(text("PRAGMA secure_delete")).scalar() == 1


def test_change_passphrase(vault, db_path):
    new = "nowe-hasło-pod-lasem-2026"
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("nie-to-hasło-wcale-123", new)
    with pytest.raises(WeakPassphrase):
        vault.change_passphrase(PASSPHRASE, "abc")
    vault.change_passphrase(PASSPHRASE, new)
    assert probe(vault) == ["Łucja Ćwiklińska"]
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(db_path, PASSPHRASE)
    assert probe(Vault.unlock(db_path, new)) == ["Łucja Ćwiklińska"]


def test_backup_and_restore(vault, db_path, tmp_path):
    backup = tmp_path / "kopie" / "kopia.kbackup"
    vault.backup(backup)
    assert backup.read_bytes()[:16] == db_path.read_bytes()[:16]  # same salt, same passphrase
    assert not list(backup.parent.glob(".*partial*"))
    with vault.engine.begin() as c:
        c.execute(text("DELETE FROM probe"))
    assert probe(vault) == []
    vault.lock()
    kept = restore(backup, db_path, PASSPHRASE)
    assert kept is not None and kept.exists()
    assert probe(Vault.unlock(db_path, PASSPHRASE)) == ["Łucja Ćwiklińska"]
    assert probe(Vault.unlock(kept, PASSPHRASE)) == []  # the replaced database was kept


def test_restore_with_wrong_passphrase_changes_nothing(vault, db_path, tmp_path):
    backup = tmp_path / "kopia.kbackup"
    vault.backup(backup)
    vault.lock()
    before = sha(db_path)
    with pytest.raises(WrongPassphrase):
        restore(backup, db_path, "niewłaściwe-hasło-xyz-9")
    assert sha(db_path) == before


def test_backup_cannot_overwrite_the_database(vault, db_path):
    from app.errors import FileProblem

    with pytest.raises(FileProblem):
        vault.backup(db_path)


def test_integrity_check_passes_and_detects_damage(vault, db_path, tmp_path):
    assert vault.check() == []
    vault.lock()
    damaged = tmp_path / "uszkodzona.db"
    shutil.copy(db_path, damaged)
    data = bytearray(damaged.read_bytes())
    data[4096 * 2 + 100] ^= 0xFF  # one flipped byte in page 3
    damaged.write_bytes(bytes(data))
    try:
        v = Vault.unlock(damaged, PASSPHRASE)
    except (CorruptDatabase, StorageError, WrongPassphrase):
        return  # refused at unlock: detected
    try:
        assert v.check() != []
    except CorruptDatabase:
        pass
    finally:
        v.lock()


def test_non_kooperacja_files_are_refused(tmp_path):
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StorageError) as err:
        Vault.unlock(plain, PASSPHRASE)
    assert "niezaszyfrowana" in err.value.message
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00" * 8192)
    with pytest.raises(StorageError):
        Vault.unlock(junk, PASSPHRASE)


def test_lock_disposes_and_refuses_use(vault):
    vault.lock()
    assert vault.locked
    with pytest.raises(StorageError):
        _ = vault.engine


def test_calibrated_kdf_is_sane():
    params = keys.calibrate(target_seconds=0.05, memory_log2=12)
    assert 3 <= params.time_cost <= 200 and params.memory_log2 == 12


def test_databases_share_compiled_statements_but_never_rows(vault, tmp_path):
    """Every engine uses one cache of compiled statements (no recompiling after each unlock or
    for each sync partner); a statement compiled for one file still reads the other's rows and
    takes its own parameters."""
    from sqlalchemy import bindparam, column, select, table

    from app.store.connection import COMPILED

    other = Vault.create(tmp_path / "other.db", PASSPHRASE, kdf=keys.TEST_KDF)
    try:
        with other.engine.begin() as c:
            c.execute(text("CREATE TABLE probe (x TEXT)"))
            c.execute(text("INSERT INTO probe VALUES ('Zofia Żak'), ('Jan Jankowski')"))
        probe_table = table("probe", column("x"))
        query = select(probe_table.c.x).where(probe_table.c.x != bindparam("skip"))
        with vault.engine.connect() as c:
            assert c.execute(query, {"skip": ""}).scalars().all() == ["Łucja Ćwiklińska"]
        cached = len(COMPILED)
        with other.engine.connect() as c:
            assert c.execute(query, {"skip": "Jan Jankowski"}).scalars().all() == ["Zofia Żak"]
        assert len(COMPILED) == cached  # compiled once, for both files
        assert vault.engine.dialect == other.engine.dialect
    finally:
        other.lock()
