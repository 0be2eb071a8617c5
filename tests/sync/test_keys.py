"""Device keys: fingerprints, key cards (JSON and printable PDF), registration, revocation."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from app.errors import NotFound, SyncError, UsageError, ValidationError
from app.models import Device
from app.printing.keycard import keycard_pdf
from app.sync import identity
from tests.sync.helpers import introduce


def test_show_gives_a_short_comparable_fingerprint(ws):
    info = identity.show(ws)
    assert info.device_id == ws.device_id and info.role == "ops" and info.unit_code == "2005092"
    assert len(info.fingerprint) == 19 and info.fingerprint.count("-") == 3
    assert info.fingerprint == identity.fingerprint(
        bytes.fromhex(info.signing_public), info.age_recipient
    )


def test_card_round_trip_and_tampering(ws, coordinator_ws):
    card_bytes = identity.export_card(ws)
    card = identity.read_card(card_bytes)
    assert card.device_id == ws.device_id and card.fingerprint == identity.show(ws).fingerprint
    assert b"PRIVATE" not in card_bytes.upper() and b"SECRET" not in card_bytes.upper()
    raw = json.loads(card_bytes)
    raw["name"] = "Ktoś inny"
    with pytest.raises(ValidationError):
        identity.read_card(json.dumps(raw).encode())
    with pytest.raises(ValidationError):
        identity.read_card(b"[" * 100_000)
    assert identity.register_card(coordinator_ws, card) == "added"
    assert identity.register_card(coordinator_ws, card) == "unchanged"
    with pytest.raises(ValidationError):
        identity.register_card(ws, card)  # its own card


def test_a_different_key_for_a_known_device_is_refused(ws, coordinator_ws):
    introduce(ws, coordinator_ws)
    identity.rotate(ws)
    with pytest.raises(SyncError):
        identity.register_card(coordinator_ws, identity.read_card(identity.export_card(ws)))


def test_peer_lookup_by_id_or_unique_name(ws, coordinator_ws):
    introduce(ws, coordinator_ws)
    with ws.transaction() as s:
        assert identity.find_peer(s, coordinator_ws.device_id).role == "coordinator"
        assert identity.find_peer(s, "powiatowe centrum pomocy rodzinie w hajnówce")
        assert identity.find_peer(s, "Ewa Zawadzka").device_id == coordinator_ws.device_id
        with pytest.raises(NotFound):
            identity.find_peer(s, "nobody")


def test_ambiguous_peer_name(tmp_path, coordinator_ws):
    from tests.sync.helpers import make_device

    a = make_device(tmp_path / "a.db", "ops", "2005092", "GOPS Narewka", "Anna A")
    b = make_device(tmp_path / "b.db", "ops", "2005092", "GOPS Narewka", "Beata B")
    introduce(a, coordinator_ws)
    introduce(b, coordinator_ws)
    with coordinator_ws.transaction() as s, pytest.raises(UsageError):
        identity.find_peer(s, "GOPS Narewka")
    a.lock()
    b.lock()


def test_revocation(ws, coordinator_ws):
    introduce(ws, coordinator_ws)
    info = identity.revoke(coordinator_ws, ws.device_id)
    assert info.revoked
    with coordinator_ws.transaction() as s:
        assert s.get(Device, ws.device_id).revoked
    with pytest.raises(SyncError):
        from app.sync import export

        export.export_bundle(coordinator_ws, ws.device_id)


def test_printable_key_card_has_the_fingerprint_in_large_type(ws):
    info = identity.show(ws)
    pdf = keycard_pdf(
        device_id=info.device_id,
        role=info.role,
        unit=info.unit_code,
        unit_name="Narewka",
        name=info.name,
        worker=info.worker_name,
        fingerprint=info.fingerprint,
        signing_public=info.signing_public,
        age_recipient=info.age_recipient,
    )
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    sizes: dict[str, float] = {}

    def visitor(text, _cm, tm, _font, size):
        if text.strip():
            sizes[text.strip()] = size * tm[0]

    reader.pages[0].extract_text(visitor_text=visitor)
    assert sizes.get(info.fingerprint, 0) >= 30
    text = reader.pages[0].extract_text()
    assert info.device_id in text and "Narewka" in text
    assert reader.metadata.title and info.worker_name not in reader.metadata.title
