"""The canonical JSON export: dump → load → dump is identical; load refuses non-empty targets."""

from __future__ import annotations

import json

import pytest

from app import demo
from app.errors import ValidationError
from app.services import dump, setup
from app.store.keys import TEST_KDF
from tests.conftest import OPS_GMINA, PASSPHRASE


def fresh(tmp_path, name="b.db"):
    return setup.initialize(
        tmp_path / name,
        PASSPHRASE,
        role="ops",
        unit_code=OPS_GMINA,
        name="Gminny Ośrodek Pomocy Społecznej w Narewce",
        worker_name="Anna Kowalczyk",
        kdf=TEST_KDF,
    )


def test_dump_load_dump_is_identical(ws, family_case, tmp_path):
    demo.generate(ws, families=15, seed=3)
    first = dump.dump_json(ws)
    data = json.loads(first)
    assert data["tables"]["family"] and data["tables"]["person"]
    assert "audit_event" not in data["tables"]
    other = fresh(tmp_path)
    try:
        count = dump.load_data(other, data)
        assert count == sum(len(rows) for rows in data["tables"].values())
        assert dump.dump_json(other) == first
    finally:
        other.lock()


def test_dump_is_stable_and_sorted(ws, family_case):
    a, b = dump.dump_json(ws), dump.dump_json(ws)
    assert a == b
    rows = json.loads(a)["tables"]["person"]
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    assert "Źdźbło-Łęcka" in a  # UTF-8, not \\u escapes


def test_load_refuses_a_database_with_data(ws, family_case):
    data = json.loads(dump.dump_json(ws))
    with pytest.raises(ValidationError) as err:
        dump.load_data(ws, data)
    assert "zawiera już dane" in err.value.message


def test_load_refuses_foreign_or_damaged_files(ws, tmp_path):
    for bad in ({}, {"format": "other"}, {"format": "kooperacja-dump", "format_version": 99}):
        with pytest.raises(ValidationError):
            dump.load_data(ws, bad)
    data = json.loads(dump.dump_json(ws))
    data["tables"]["family"] = [{"id": "x", "unknown_field": 1}]
    with pytest.raises(ValidationError):
        dump.load_data(ws, data)


def test_dump_with_audit_keeps_the_chain(ws, family_case, tmp_path):
    data = json.loads(dump.dump_json(ws, with_audit=True))
    assert data["tables"]["audit_event"]
    other = fresh(tmp_path, "c.db")
    try:
        dump.load_data(other, data)
        from app.services import integrity

        assert integrity.full_check(other).ok
    finally:
        other.lock()
