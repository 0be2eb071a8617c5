"""The configuration guard: no connection with the wrong settings.

Every connection the engine hands out -- pooled, overflow, after a dispose, the vault's raw ones --
reports SQLCipher 4.x with HMAC-SHA512 and 4096-byte pages, WAL, ``synchronous=FULL``, foreign
keys, memory temp store, secure delete, and refuses ``load_extension``.  And when a setting cannot
be applied, ``connect`` raises ``ConfigurationDrift`` instead of handing out the connection.
"""

from __future__ import annotations

import hashlib
import threading

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import event

from app.services import casefile, search, setup
from app.store import connection, keys
from app.store.vault import Vault, read_salt
from tests.conftest import OPS_GMINA, PASSPHRASE

EXPECTED = {
    "journal_mode": "wal",
    "synchronous": 2,
    "foreign_keys": 1,
    "temp_store": 2,
    "secure_delete": 1,
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_page_size": "4096",
    "cipher_plaintext_header_size": "0",
    "cipher_use_hmac": "1",
}


def settings_of(dbapi_conn) -> dict[str, object]:
    found = {p: dbapi_conn.execute(f"PRAGMA {p}").fetchone()[0] for p in EXPECTED}
    found["cipher_version"] = dbapi_conn.execute("PRAGMA cipher_version").fetchone()[0]
    try:
        dbapi_conn.execute("SELECT load_extension('x')")
        found["load_extension"] = "allowed"
    except sqlcipher.OperationalError as exc:
        found["load_extension"] = str(exc)
    return found


def problems_of(found: dict[str, object]) -> list[str]:
    out = [f"{k}={found[k]!r}" for k, v in EXPECTED.items() if found[k] != v]
    if not str(found["cipher_version"]).startswith("4."):
        out.append(f"cipher_version={found['cipher_version']!r}")
    if found["load_extension"] != "not authorized":
        out.append(f"load_extension={found['load_extension']!r}")
    return out


def test_every_connection_handed_out_is_configured(ws, family_case):
    engine = ws.vault.engine
    checked: list[int] = []
    drift: list[str] = []

    def on_checkout(dbapi_conn, _record, _proxy):
        checked.append(id(dbapi_conn))
        drift.extend(problems_of(settings_of(dbapi_conn)))

    event.listen(engine, "checkout", on_checkout)
    try:
        for _round in range(3):
            # Hold the whole pool (2 pooled + 4 overflow) at once, so every slot is opened.
            held = [engine.connect() for _ in range(6)]
            for conn in held:
                found = settings_of(conn.connection.dbapi_connection)
                assert problems_of(found) == [], found
                # On the DB-API connection itself: through SQLAlchemy every statement opens a
                # BEGIN IMMEDIATE transaction, and six of them cannot be open at once.
                raw = conn.connection.dbapi_connection
                with pytest.raises(sqlcipher.OperationalError, match="not authorized"):
                    raw.execute("SELECT load_extension('x')")
            for conn in held:
                conn.close()
            engine.dispose()  # the next round gets brand-new connections
        # Searches from several threads at once (concurrent read-then-write transactions have
        # a problem of their own: see test_concurrency.py), then the whole case file.
        errors: list[BaseException] = []

        def work() -> None:
            try:
                for _ in range(20):
                    search.search_families(ws, "lecka")
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        casefile.open_family(ws, family_case.family_id)
    finally:
        event.remove(engine, "checkout", on_checkout)
    assert drift == []
    assert len(checked) >= 18 + 4 * 20 + 1 and len(set(checked)) >= 6
    raw = ws.vault.raw_connection()
    try:
        assert problems_of(settings_of(raw)) == []
    finally:
        raw.close()


@pytest.mark.production_kdf
def test_production_kdf_is_argon2id_with_64_mib_or_more(tmp_path):
    """A database made without an explicit KDF carries the production Argon2id cost."""
    ws = setup.initialize(
        tmp_path / "prod.db", PASSPHRASE, role="ops", unit_code=OPS_GMINA, name="GOPS Narewka"
    )
    try:
        params = keys.params_from_salt(read_salt(ws.path))
        assert params.memory_log2 >= 16  # 2**16 KiB = 64 MiB
        assert params.time_cost >= 3 and params.parallelism >= 1
        assert keys.KdfParams() == keys.KdfParams(time_cost=3, memory_log2=16, parallelism=2)
    finally:
        ws.lock()


@pytest.mark.parametrize(
    ("pragma", "impossible"),
    [
        ("journal_mode", "delete"),
        ("synchronous", 3),
        ("foreign_keys", 0),
        ("temp_store", 1),
        ("secure_delete", 2),
    ],
)
def test_drift_is_refused(ws, db_path, monkeypatch, pragma, impossible):
    monkeypatch.setitem(connection.REQUIRED_PRAGMAS, pragma, impossible)
    ws.vault.engine.dispose()
    with pytest.raises(connection.ConfigurationDrift, match=pragma):
        search.search_families(ws, "")
    with pytest.raises(connection.ConfigurationDrift):
        ws.vault.raw_connection()
    with pytest.raises(connection.ConfigurationDrift):
        ws.vault.check()
    ws.lock()
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(connection.ConfigurationDrift):
        Vault.unlock(db_path, PASSPHRASE)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
    monkeypatch.undo()
    setup.open_workspace(db_path, PASSPHRASE).lock()  # and fine again once it can be applied


def test_real_drift_memory_database_cannot_use_wal():
    """Not a patched expectation: an in-memory database really cannot journal in WAL mode."""
    salt = keys.new_salt(keys.TEST_KDF)
    key = keys.derive_key(keys.passphrase_bytes(PASSPHRASE), salt)
    with pytest.raises(connection.ConfigurationDrift, match="journal_mode='memory'"):
        connection.connect(":memory:", key, salt=salt)
