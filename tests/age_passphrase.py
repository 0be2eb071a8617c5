"""An age v1 passphrase (scrypt) file writer at a chosen work factor, for the archive tests.

rage picks the scrypt work factor itself (about a second per encryption, and the same again for
every decryption, since a file is opened at its own factor); ``pyrage.passphrase.encrypt`` takes
no factor.  Archive packages in the tests are sealed by this writer instead, at ``2**WORK_FACTOR``:
a genuine age v1 file (https://age-encryption.org/v1: one scrypt stanza, HKDF-SHA256 header MAC,
ChaCha20-Poly1305 STREAM payload) that the shipped path (``pyrage.passphrase.decrypt`` in
``app.services.rodo.archive.open_package``) opens like any other.  A test that uses the
``production_archive_cost`` fixture (tests/rodo/conftest.py) keeps the shipped sealing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.services.rodo import archive

SHIPPED_SEAL = archive.seal  # as imported, before any test replaces it

WORK_FACTOR = 10  # log2 of scrypt's N: 1 MiB of memory, about a millisecond
CHUNK = 64 * 1024  # the STREAM chunk size of the age format


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")  # age: standard alphabet, no padding


def _hkdf(key: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _body_lines(body: bytes) -> bytes:
    """Stanza body: base64 in lines of 64 columns, the last one shorter (maybe empty)."""
    text = _b64(body)
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    if not lines or len(lines[-1]) == 64:
        lines.append(b"")
    return b"\n".join(lines) + b"\n"


def encrypt(plaintext: bytes, passphrase: str, work_factor: int = WORK_FACTOR) -> bytes:
    """``plaintext`` as an age v1 file that opens with ``passphrase`` (scrypt at 2**work_factor)."""
    file_key = os.urandom(16)
    salt = os.urandom(16)
    wrap_key = hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=b"age-encryption.org/v1/scrypt" + salt,
        n=2**work_factor,
        r=8,
        p=1,
        maxmem=2**work_factor * 8 * 128 * 2,
        dklen=32,
    )
    wrapped = ChaCha20Poly1305(wrap_key).encrypt(b"\x00" * 12, file_key, None)
    header = (
        b"age-encryption.org/v1\n"
        + b"-> scrypt "
        + _b64(salt)
        + b" "
        + str(work_factor).encode()
        + b"\n"
        + _body_lines(wrapped)
        + b"---"
    )
    mac = hmac.new(_hkdf(file_key, None, b"header"), header, hashlib.sha256).digest()
    nonce = os.urandom(16)
    stream = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    chunks = [plaintext[i : i + CHUNK] for i in range(0, len(plaintext), CHUNK)] or [b""]
    payload = b"".join(
        stream.encrypt(
            n.to_bytes(11, "big") + (b"\x01" if n == len(chunks) - 1 else b"\x00"), chunk, None
        )
        for n, chunk in enumerate(chunks)
    )
    return header + b" " + _b64(mac) + b"\n" + nonce + payload


def work_factor_of(data: bytes) -> int:
    """The scrypt work factor an age passphrase file names in its header."""
    stanza = data.split(b"\n", 2)[1].split()
    assert stanza[:2] == [b"->", b"scrypt"], stanza
    return int(stanza[3])


def seal_cheaply(monkeypatch) -> None:
    """Archive packages made from now on in this test are sealed at ``WORK_FACTOR``."""
    monkeypatch.setattr(archive, "seal", encrypt)
