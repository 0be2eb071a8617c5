"""Device keys that change: key cards, the peer registry, rotation and revocation (the
fingerprint, key bytes and this device's identity are ``app.sync.device_keys``).

A device has an Ed25519 signing key and an age X25519 identity (created at ``init``, kept in the
encrypted ``device`` table).  People compare keys by a short *fingerprint*: 80 bits of SHA-256
over both public keys, in four groups of four base32 letters (``K7QD-3MZP-…``).  A *key card* is
the public half as self-signed JSON; importing one registers a peer after the user confirmed the
fingerprint with its owner (by phone, or on the printed card).

Rotation: new keys replace the device's keys at once; the old ones go to ``SyncKey``.  Until a
peer shows that it holds the current key (its bundles name the key they were made for), bundles
to it are signed with the key it is known to hold and carry the chain of every later key (each
with a proof by that key), so the peer trusts the new keys through the old one, however many
rotations happened in between.  Revocation marks a peer's device as revoked: its bundles are
refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FileProblem, NotFound, SyncError, UsageError, ValidationError
from app.i18n import _
from app.models import Device, utcnow
from app.models.sync_state import SyncKey, SyncPeer
from app.services import audit
from app.services.workspace import Workspace
from app.sync.device_keys import (
    KeyInfo,
    fingerprint,
    key_info,
    raw_private,
    raw_public,
    self_device,
    signing_key,
    verify,
)

# This device's and the peers' keys live in ``device_keys``; re-exported, as callers look here.
from app.sync.device_keys import own_fingerprints as own_fingerprints
from app.sync.device_keys import own_identities as own_identities
from app.sync.device_keys import peers as peers
from app.sync.device_keys import show as show

CARD_MAX_BYTES = 64 * 1024  # a card is about 1 KiB; anything this long is not one
CARD_FORMAT = "kooperacja-keycard"
CARD_VERSION = 1
_CARD_CONTEXT = b"KOOPERACJA-KEYCARD/1\n"
_ROTATION_CONTEXT = b"KOOPERACJA-KEY-ROTATION/1\n"


# -- key cards -------------------------------------------------------------------------------
def _card_body(d: Device) -> dict[str, object]:
    return {
        "format": CARD_FORMAT,
        "format_version": CARD_VERSION,
        "device_id": d.device_id,
        "role": d.role,
        "unit": d.unit_code,
        "name": d.name,
        "worker": d.worker_name,
        "signing_public": d.signing_public.hex(),
        "age_recipient": d.age_recipient,
        "fingerprint": fingerprint(d.signing_public, d.age_recipient),
        "created_at": utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def _canonical(data: dict[str, object]) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def export_card(ws: Workspace) -> bytes:
    """This device's key card: public keys and who we are, self-signed (no secrets)."""
    with ws.transaction() as s:
        device = self_device(s)
        body = _card_body(device)
        body["signature"] = signing_key(device).sign(_CARD_CONTEXT + _canonical(body)).hex()
        audit.record(s, "key_export", "key_card", device.device_id, detail="card")
    return (json.dumps(body, sort_keys=True, ensure_ascii=False, indent=1) + "\n").encode()


@dataclass(frozen=True)
class Card:
    device_id: str
    role: str
    unit_code: str
    name: str
    worker_name: str
    signing_public: bytes
    age_recipient: str
    fingerprint: str


def read_card_file(path: Path | str) -> Card:
    """A key card from a file (read no further than a card can be long)."""
    try:
        with open(path, "rb") as f:
            data = f.read(CARD_MAX_BYTES + 1)
    except OSError as exc:
        raise FileProblem(_("The file cannot be read.")) from exc
    return read_card(data)


def read_card(data: bytes) -> Card:
    """Parse and check a key card (shape, key formats, self-signature, fingerprint)."""
    bad = ValidationError(_("This file is not a valid Kooperacja key card."), "card")
    if len(data) > CARD_MAX_BYTES:
        raise bad
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise bad from None
    if not isinstance(raw, dict) or raw.get("format") != CARD_FORMAT:
        raise bad
    if raw.get("format_version") != CARD_VERSION:
        raise ValidationError(
            _("The key card comes from a newer version of Kooperacja. Update the application."),
            "card",
        )
    expected = {
        "format",
        "format_version",
        "device_id",
        "role",
        "unit",
        "name",
        "worker",
        "signing_public",
        "age_recipient",
        "fingerprint",
        "created_at",
        "signature",
    }
    if set(raw) != expected or not all(
        isinstance(raw[k], str) for k in expected - {"format_version"}
    ):
        raise bad
    try:
        public = bytes.fromhex(raw["signing_public"])
        signature = bytes.fromhex(raw["signature"])
        pyrage.x25519.Recipient.from_str(raw["age_recipient"])
    except (ValueError, pyrage.RecipientError):
        raise bad from None
    device_id = raw["device_id"]
    if not (
        len(public) == 32
        and 1 <= len(device_id) <= 32
        and device_id.isalnum()
        and raw["role"] in ("ops", "coordinator")
        and raw["unit"].isdigit()
        and len(raw["unit"]) in (4, 7)
        and len(raw["name"]) <= 200
        and len(raw["worker"]) <= 200
        and len(raw["age_recipient"]) <= 100
    ):
        raise bad
    body = {k: v for k, v in raw.items() if k != "signature"}
    if not verify(public, signature, _CARD_CONTEXT + _canonical(body)):
        raise ValidationError(
            _("The key card's signature does not match its key: the card was altered."), "card"
        )
    fp = fingerprint(public, raw["age_recipient"])
    if raw["fingerprint"] != fp:
        raise ValidationError(_("The key card's fingerprint does not match its keys."), "card")
    return Card(
        device_id,
        raw["role"],
        raw["unit"],
        raw["name"],
        raw["worker"],
        public,
        raw["age_recipient"],
        fp,
    )


def register_card(ws: Workspace, card: Card) -> str:
    """Register the peer of a checked card (after the user confirmed its fingerprint).

    Returns ``"added"``, or ``"unchanged"`` when this exact key is already registered.  A known
    device with different keys is refused: keys change only by a signed rotation.
    """
    with ws.transaction() as s:
        if card.device_id == ws.device_id:
            raise ValidationError(_("This is the key card of this device itself."), "card")
        existing = s.get(Device, card.device_id)
        if existing is not None:
            if existing.revoked:
                raise SyncError(_("This device has been revoked; its card cannot be imported."))
            same = (
                existing.signing_public == card.signing_public
                and existing.age_recipient == card.age_recipient
            )
            if not same:
                raise SyncError(
                    _(
                        "A different key is already registered for this device. Keys change "
                        "only by a rotation announced in a signed bundle."
                    )
                )
            return "unchanged"
        s.add(
            Device(
                device_id=card.device_id,
                is_self=False,
                role=card.role,
                unit_code=card.unit_code,
                name=card.name,
                worker_name=card.worker_name,
                signing_public=card.signing_public,
                age_recipient=card.age_recipient,
                revoked=False,
            )
        )
        if s.get(SyncPeer, card.device_id) is None:
            s.add(SyncPeer(device_id=card.device_id))
        audit.record(s, "key_import", "device", card.device_id, detail=card.role)
    return "added"


def find_peer(s: Session, ref: str) -> Device:
    """A registered peer by device id, or by a unique (case-insensitive) name or worker name."""
    ref = (ref or "").strip()
    device = s.get(Device, ref)
    if device is not None and not device.is_self:
        return device
    folded = ref.casefold()
    matches = [
        d
        for d in s.scalars(select(Device).where(Device.is_self.is_(False)))
        if folded and folded in (d.name.casefold(), d.worker_name.casefold())
    ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise UsageError(
            _("Several registered devices have this name; give the device id instead.")
        )
    raise NotFound(_("No registered device matches {peer}.").format(peer=ref[:40]))


def revoke(ws: Workspace, ref: str) -> KeyInfo:
    """Mark a peer's device as revoked (a lost or stolen laptop): its bundles are refused."""
    with ws.transaction() as s:
        device = find_peer(s, ref)
        device.revoked = True
        audit.record(s, "key_revoke", "device", device.device_id)
        return key_info(device)


def rotate(ws: Workspace) -> KeyInfo:
    """Replace this device's keys; peers learn the new ones from the next signed bundles."""
    with ws.transaction() as s:
        device = self_device(s)
        assert device.signing_private is not None and device.age_identity is not None
        old = SyncKey(
            signing_private=device.signing_private,
            signing_public=device.signing_public,
            age_identity=device.age_identity,
            age_recipient=device.age_recipient,
            created_at=device.registered_at,
            retired_at=utcnow(),
        )
        s.add(old)
        s.flush()
        signing = Ed25519PrivateKey.generate()
        identity = pyrage.x25519.Identity.generate()
        device.signing_private = raw_private(signing)
        device.signing_public = raw_public(signing)
        device.age_identity = str(identity)
        device.age_recipient = str(identity.to_public())
        device.registered_at = utcnow()
        for peer in s.scalars(select(SyncPeer)):
            if peer.announce_key_id is None:
                peer.announce_key_id = old.id
        audit.record(s, "key_rotate", "device", device.device_id)
        return key_info(device)


def _link(device_id: str, private: bytes, public: bytes, recipient: str) -> dict[str, str]:
    """One step of a rotation chain: a key, with a proof that its holder made the claim."""
    message = _ROTATION_CONTEXT + device_id.encode() + public + recipient.encode()
    return {
        "signing_public": public.hex(),
        "age_recipient": recipient,
        "key": fingerprint(public, recipient),
        "proof": Ed25519PrivateKey.from_private_bytes(private).sign(message).hex(),
    }


def rotation_chain(s: Session, device: Device, known_key_id: int) -> list[dict[str, str]]:
    """Every key of this device after the retired key ``known_key_id``, oldest first.

    The bundle is signed by the key the peer is known to hold (``known_key_id``), so that
    signature vouches for the whole chain; each step proves possession of its key.  Any number
    of rotations between two exchanges thus reaches the peer in one bundle.
    """
    assert device.signing_private is not None
    later = s.scalars(select(SyncKey).where(SyncKey.id > known_key_id).order_by(SyncKey.id))
    chain = [
        _link(device.device_id, k.signing_private, k.signing_public, k.age_recipient) for k in later
    ]
    chain.append(
        _link(device.device_id, device.signing_private, device.signing_public, device.age_recipient)
    )
    return chain


def check_announcement(device_id: str, data: dict[str, str]) -> tuple[bytes, str]:
    """The announced (signing public key, age recipient), if the proof holds; else ValueError."""
    public = bytes.fromhex(data["signing_public"])
    recipient = data["age_recipient"]
    pyrage.x25519.Recipient.from_str(recipient)
    if len(public) != 32 or data["key"] != fingerprint(public, recipient):
        raise ValueError("announcement")
    message = _ROTATION_CONTEXT + device_id.encode() + public + recipient.encode()
    if not verify(public, bytes.fromhex(data["proof"]), message):
        raise ValueError("proof")
    return public, recipient


def retired_key(s: Session, key_id: int) -> SyncKey:
    key = s.get(SyncKey, key_id)
    if key is None:
        raise SyncError(_("A retired key of this device is missing."))
    return key


def export_identity(ws: Workspace, confirm_passphrase: str) -> str:
    """The age identity file (current and retired keys) for the standard ``age`` tool.

    Guarded by the passphrase typed again; the export is written to the audit log.
    """
    if not ws.vault.verify_passphrase(confirm_passphrase):
        from app.errors import WrongPassphrase

        raise WrongPassphrase(_("The passphrase is wrong; the key was not exported."))
    with ws.transaction() as s:
        device = self_device(s)
        lines = [
            "# Kooperacja: age identity of device " + device.device_id,
            "# created: " + datetime.now().astimezone().isoformat(timespec="seconds"),
            "# public key: " + device.age_recipient,
            device.age_identity or "",
        ]
        for k in s.scalars(select(SyncKey).order_by(SyncKey.id.desc())):
            lines += ["# retired key, public key: " + k.age_recipient, k.age_identity]
        audit.record(s, "key_export", "device", device.device_id, detail="age_identity")
    return "\n".join(lines) + "\n"
