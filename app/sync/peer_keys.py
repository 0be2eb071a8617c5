"""Keys carried by a bundle: the sender's key rotation, our own key the peer now knows, and the
coordinator's revocations of other devices.

Applied inside the import's write transaction (``app.sync.apply``); the signature itself was
checked before, read-only, by ``app.sync.importer``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.models import Device
from app.models.sync_state import SyncPeer
from app.sync import identity
from app.sync.import_values import Checked


def apply_keys(s: Session, device: Device, peer: SyncPeer, c: Checked) -> None:
    """The sender's newest key replaces the registered one; the key that signed stays accepted.

    The sender keeps signing with the key it knows this device holds until this device's
    bundles show that it holds the newest one, so that key (not merely the one registered
    before) is the one to keep accepting meanwhile, however many rotations came in between.
    """
    if c.rotation is not None:
        public, recipient = c.rotation
        if public != device.signing_public:
            device.signing_public = public
            device.age_recipient = recipient
            if c.signer is not None and c.signer[0] != public:
                peer.prev_signing_public, peer.prev_age_recipient = c.signer
    elif not c.signed_with_previous and peer.prev_signing_public is not None:
        # The sender now signs with its new key: the old one is no longer accepted.
        peer.prev_signing_public = None
        peer.prev_age_recipient = ""


def peer_knows_our_key(s: Session, peer: SyncPeer, known: str) -> None:
    """Stop announcing our keys once the peer's bundle was made for our current key.

    Not on a receipt: a receipt of a bundle that announced an older key says nothing about a
    key made after it (two rotations between exchanges)."""
    if peer.announce_key_id is None:
        return
    me = identity.self_device(s)
    if known == identity.fingerprint(me.signing_public, me.age_recipient):
        peer.announce_key_id = None


def apply_revocations(
    s: Session, sender: str, revocations: list[dict[str, str]], self_id: str
) -> None:
    for r in revocations:
        if r["device_id"] in (sender, self_id):
            continue
        device = s.get(Device, r["device_id"])
        if (
            device is not None
            and not device.revoked
            and identity.fingerprint(device.signing_public, device.age_recipient) == r["key"]
        ):
            device.revoked = True
