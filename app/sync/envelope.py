"""The outer layer: age encryption (X25519) to exactly one recipient, and telling failures apart.

``seal`` is plain ``age`` (pyrage), so ``age -d -i identity.txt bundle.kbundle`` opens a bundle.
``open_sealed`` decrypts with this device's identities and, when decryption fails, says why:
no matching key (another recipient), a truncated file or an altered one.  age authenticates
each 64 KiB chunk; the container announces its total length in its first chunk and is padded to
at least two chunks, so the verified prefix tells how long the file should have been.
"""

from __future__ import annotations

import io

import pyrage

from app.sync import container
from app.sync.errors import refused

AGE_MAGIC = b"age-encryption.org/v1\n"
CHUNK = 64 * 1024
TAG = 16
NONCE = 16
MAX_HEADER_BYTES = 8 * 1024
MAX_STANZAS = 4


def seal(plaintext: bytes, recipient: str) -> bytes:
    return pyrage.encrypt(plaintext, [pyrage.x25519.Recipient.from_str(recipient)])


def check_header(ciphertext: bytes) -> None:
    """Refuse an oversized age header before any key is tried.

    Each recipient stanza costs an X25519 operation, and a header of thousands of stanzas
    (no key needed to make one) costs minutes (RELIABILITY §4: the Crypt::Age CVE).  A bundle
    has one stanza, plus the one "grease" stanza rage adds; the header is a few hundred bytes.
    """
    if not ciphertext.startswith(AGE_MAGIC):
        raise refused("not_a_bundle")
    end = ciphertext.find(b"\n--- ", 0, MAX_HEADER_BYTES)
    if end < 0:
        if len(ciphertext) < MAX_HEADER_BYTES:
            return  # no complete header at all: told apart by ``open_sealed`` (truncated)
        raise refused("age_header", detail="size")
    if ciphertext.count(b"\n-> ", 0, end + 1) > MAX_STANZAS:
        raise refused("age_header", detail="recipients")


def _payload_length(ciphertext: bytes) -> int | None:
    """Bytes after the age header, or None when the header is incomplete."""
    mac = ciphertext.find(b"\n--- ")
    if mac < 0:
        return None
    end = ciphertext.find(b"\n", mac + 1)
    if end < 0:
        return None
    return len(ciphertext) - (end + 1)


def expected_payload(plain_length: int) -> int:
    chunks = max(1, -(-plain_length // CHUNK))
    return NONCE + plain_length + TAG * chunks


def open_sealed(ciphertext: bytes, identities: list[str]) -> bytes:
    """The plaintext container, or a refusal saying why it cannot be opened."""
    if not ciphertext.startswith(AGE_MAGIC):
        raise refused("not_a_bundle")
    keys = [pyrage.x25519.Identity.from_str(i) for i in identities]
    out = io.BytesIO()
    try:
        pyrage.decrypt_io(io.BytesIO(ciphertext), out, keys)
    except (pyrage.DecryptError, OSError, ValueError) as exc:
        # Header problems come as DecryptError, payload ones as OSError from the stream.
        raise _classify(str(exc), ciphertext, out.getvalue()) from None
    return out.getvalue()


def _classify(message: str, ciphertext: bytes, verified: bytes) -> Exception:
    payload = _payload_length(ciphertext)
    if payload is None:
        return refused("truncated")
    if "no matching keys" in message.lower():
        return refused("not_for_us")
    if "header" in message.lower():
        return refused("tampered")
    declared = container.declared_length(verified)
    if declared is not None:
        return refused("truncated" if payload < expected_payload(declared) else "tampered")
    # Nothing verified: the first chunk failed.  A genuine bundle has at least two chunks, so a
    # payload shorter than one full chunk plus a final one was cut short.
    if payload < NONCE + CHUNK + TAG + TAG + 1:
        return refused("truncated")
    return refused("tampered")
