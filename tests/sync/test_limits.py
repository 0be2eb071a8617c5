"""Limits before work: a stanza flood is refused before any key is tried, decryption does not
hold the write lock, and an expired bundle (a freeze attack) is refused."""

from __future__ import annotations

import base64
import os

import pytest

from app.models import Family
from app.services import families
from app.services.setup import open_workspace
from app.sync import envelope, export, importer
from app.sync.errors import BundleRefused
from tests.conftest import PASSPHRASE
from tests.sync.helpers import db_hash, edit, exchange, introduce


@pytest.fixture
def pair(ws, coordinator_ws):
    introduce(ws, coordinator_ws)
    fam = families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka", phone="600 000 001")
    )
    exchange(ws, coordinator_ws)
    return ws, coordinator_ws, fam.id


def _b64(n: int) -> bytes:
    return base64.b64encode(os.urandom(n)).rstrip(b"=")


def flood(data: bytes, stanzas: int) -> bytes:
    """The bundle with ``stanzas`` extra X25519 recipient stanzas (anyone can add them)."""
    first = data.index(b"\n") + 1
    extra = b"".join(b"-> X25519 " + _b64(32) + b"\n" + _b64(32) + b"\n" for _ in range(stanzas))
    return data[:first] + extra + data[first:]


def test_stanza_flood_is_refused_before_decrypting(pair):
    ops, coord, _family_id = pair
    data = export.export_bundle(ops, coord.device_id).data
    before = db_hash(coord)
    for n in (5, 1000, 20_000):
        with pytest.raises(BundleRefused) as info:
            importer.import_bundle(coord, flood(data, n))
        assert info.value.code == "age_header", info.value.message
    assert db_hash(coord) == before
    assert importer.import_bundle(coord, data).status == "imported"  # the genuine one still works


def test_a_worker_can_save_while_a_bundle_is_decrypted(pair, monkeypatch):
    """Decryption (the slow part of a hostile bundle) runs without the write lock."""
    ops, coord, family_id = pair
    edit(ops, Family, family_id, phone="600 000 002")
    data = export.export_bundle(ops, coord.device_id).data
    worker = open_workspace(coord.path, PASSPHRASE)  # the GUI's own connection meanwhile
    real_open = envelope.open_sealed
    saved = []

    def open_and_save_meanwhile(ciphertext: bytes, identities: list[str]) -> bytes:
        edit(worker, Family, family_id, notes="zapis w trakcie importu")
        saved.append(True)
        return real_open(ciphertext, identities)

    monkeypatch.setattr(envelope, "open_sealed", open_and_save_meanwhile)
    try:
        result = importer.import_bundle(coord, data)
    finally:
        worker.lock()
    assert saved and result.changed == 1
    with coord.transaction() as s:
        row = s.get(Family, family_id)
        assert (row.phone, row.notes) == ("600 000 002", "zapis w trakcie importu")


def test_expired_bundle_is_refused(pair):
    """A freeze attack: a genuine bundle kept back for weeks is not accepted as current."""
    from datetime import UTC, datetime, timedelta

    from tests.sync.forge import open_parts, reseal, resign

    ops, coord, _family_id = pair
    parts = open_parts(export.export_bundle(ops, coord.device_id).data, coord)
    now = datetime.now(UTC)

    def at(days: int) -> str:
        return (now + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")

    before = db_hash(coord)
    old = reseal(resign(parts, ops, created_at=at(-40), expires_at=at(-10)), coord)
    with pytest.raises(BundleRefused) as info:
        importer.import_bundle(coord, old)
    assert info.value.code == "expired" and "wygasła" in info.value.message
    # a sender cannot ask for a bundle that never expires
    forever = reseal(resign(parts, ops, expires_at=at(3650)), coord)
    with pytest.raises(BundleRefused) as info:
        importer.import_bundle(coord, forever)
    assert info.value.code == "manifest"
    assert db_hash(coord) == before
    assert importer.import_bundle(coord, reseal(parts, coord)).status == "imported"
