"""A SQLCipher 4 page decryptor for canary scans of what a database file still holds.

Scanning an encrypted file for a name proves nothing (every page is ciphertext).  This reads the
file page by page with the raw key, decrypts each page (AES-256-CBC, the IV in the page's
reserved tail) including free pages and WAL frames, and so sees exactly what an attacker holding
the passphrase would see with a hex editor: deleted rows that ``secure_delete``/``VACUUM`` did
not overwrite included.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    body = page[start : PAGE - RESERVE]
    d = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return d.update(body) + d.finalize()


def plaintext_pages(db: Path, key: bytes) -> bytes:
    """Every page of ``db`` and of its WAL, decrypted and concatenated."""
    out: list[bytes] = []
    data = db.read_bytes()
    for i in range(0, len(data) - PAGE + 1, PAGE):
        out.append(_decrypt_page(key, data[i : i + PAGE], i == 0))
    wal = Path(f"{db}-wal")
    if wal.exists():
        w = wal.read_bytes()
        pos = WAL_HEADER
        while pos + FRAME_HEADER + PAGE <= len(w):
            number = int.from_bytes(w[pos : pos + 4], "big")
            page = w[pos + FRAME_HEADER : pos + FRAME_HEADER + PAGE]
            out.append(_decrypt_page(key, page, number == 1))
            pos += FRAME_HEADER + PAGE
    return b"".join(out)


def needles(values: list[str]) -> list[bytes]:
    found: list[bytes] = []
    for v in values:
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            found.append(v.encode(enc))
    return found


def hits(db: Path, key: bytes, values: list[str]) -> list[str]:
    text = plaintext_pages(db, key)
    return [v for v in values if any(n in text for n in needles([v]))]
