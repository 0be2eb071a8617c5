"""This device's keys and the registered peers as the sync code and the screens see them: the
fingerprint people compare (80 bits of SHA-256 over both public keys, ``K7QD-3MZP-…``), raw key
bytes and signature checks, this device's identity (its current and retired age identities
and fingerprints), and ``KeyInfo`` for ``keys show`` / ``keys list``.

Key cards, registration, rotation and revocation, which change the keys, are
``app.sync.identity`` (which also re-exports these names).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import SyncError
from app.i18n import _
from app.models import Device
from app.models.sync_state import SyncKey
from app.services.workspace import Workspace

_FP_CONTEXT = b"KOOPERACJA-KEY/1\n"


def fingerprint(signing_public: bytes, age_recipient: str) -> str:
    digest = hashlib.sha256(_FP_CONTEXT + signing_public + b"\n" + age_recipient.encode()).digest()
    text = base64.b32encode(digest[:10]).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def raw_private(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def verify(public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


# -- this device ------------------------------------------------------------------------------
def self_device(s: Session) -> Device:
    device = s.scalar(select(Device).where(Device.is_self.is_(True)))
    if device is None:
        raise SyncError(_("This database has no device identity."))
    return device


def signing_key(device: Device) -> Ed25519PrivateKey:
    assert device.signing_private is not None
    return Ed25519PrivateKey.from_private_bytes(device.signing_private)


def own_identities(s: Session) -> list[str]:
    """Current age identity first, then retired ones (bundles may still be sealed to them)."""
    device = self_device(s)
    retired = s.scalars(select(SyncKey.age_identity).order_by(SyncKey.id.desc())).all()
    return [device.age_identity or "", *retired]


def own_fingerprints(s: Session) -> set[str]:
    device = self_device(s)
    keys = {fingerprint(device.signing_public, device.age_recipient)}
    for k in s.scalars(select(SyncKey)):
        keys.add(fingerprint(k.signing_public, k.age_recipient))
    return keys


@dataclass(frozen=True)
class KeyInfo:
    device_id: str
    role: str
    unit_code: str
    name: str
    worker_name: str
    fingerprint: str
    signing_public: str  # hex
    age_recipient: str
    revoked: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "device_id": self.device_id,
            "role": self.role,
            "unit": self.unit_code,
            "name": self.name,
            "worker": self.worker_name,
            "fingerprint": self.fingerprint,
            "signing_public": self.signing_public,
            "age_recipient": self.age_recipient,
            "revoked": self.revoked,
        }


def key_info(d: Device) -> KeyInfo:
    return KeyInfo(
        d.device_id,
        d.role,
        d.unit_code,
        d.name,
        d.worker_name,
        fingerprint(d.signing_public, d.age_recipient),
        d.signing_public.hex(),
        d.age_recipient,
        bool(d.revoked),
    )


def show(ws: Workspace) -> KeyInfo:
    with ws.transaction() as s:
        return key_info(self_device(s))


def peers(ws: Workspace) -> list[KeyInfo]:
    """Registered peers, by unit (gmina or powiat) then name."""
    with ws.transaction() as s:
        rows = s.scalars(
            select(Device)
            .where(Device.is_self.is_(False))
            .order_by(Device.unit_code, Device.name, Device.device_id)
        )
        return [key_info(d) for d in rows]
