"""Passphrase handling: strength rules, Argon2id key derivation, and wiping key material.

The database key is derived once per unlock with Argon2id and handed to SQLCipher as a raw key
(``x'…'``), so SQLCipher's own PBKDF2 is skipped and the key never appears in SQL built from user
input.  The 16-byte SQLCipher salt at the start of the file doubles as the Argon2id salt and also
records the KDF cost (last four bytes), so a backup made with ``VACUUM INTO`` (which keeps the salt)
carries everything needed to open it, with no side file to lose.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from app.errors import WeakPassphrase
from app.i18n import _, ngettext

MIN_PASSPHRASE_LENGTH = 12
SALT_LEN = 16
KEY_LEN = 32
_MAGIC = 0x4B  # "K": marks a salt whose tail encodes KDF parameters


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: ``time_cost`` passes over ``2**memory_log2`` KiB, ``parallelism`` lanes."""

    time_cost: int = 3
    memory_log2: int = 16  # 64 MiB
    parallelism: int = 2

    def encode(self) -> bytes:
        return bytes([_MAGIC, self.time_cost, self.memory_log2, self.parallelism])

    @classmethod
    def decode(cls, tail: bytes) -> KdfParams:
        if len(tail) != 4 or tail[0] != _MAGIC or not all(tail[1:]):
            raise ValueError("salt carries no KDF parameters")
        return cls(time_cost=tail[1], memory_log2=tail[2], parallelism=tail[3])


# A deliberately cheap profile for the test suite: tests pass it as ``kdf=`` or put it in place
# of ``default_kdf`` (tests/conftest.py); shipped code never chooses it.
TEST_KDF = KdfParams(time_cost=1, memory_log2=10, parallelism=1)


def default_kdf() -> KdfParams:
    """The cost of a new database's key when the caller names none: calibrated to this machine."""
    return calibrate()


def calibrate(target_seconds: float = 0.5, memory_log2: int = 16) -> KdfParams:
    """Pick the Argon2id pass count that takes about ``target_seconds`` on this machine."""
    probe = KdfParams(time_cost=2, memory_log2=memory_log2, parallelism=2)
    salt = os.urandom(12) + probe.encode()
    derive_key(bytearray(b"warm-up"), salt)  # the first run pays for page faults: not timed
    timings = []
    for _attempt in range(2):
        start = time.perf_counter()
        derive_key(bytearray(b"calibration-passphrase"), salt)
        timings.append(time.perf_counter() - start)
    per_pass = max(min(timings) / probe.time_cost, 1e-4)
    passes = int(target_seconds / per_pass)
    return KdfParams(time_cost=max(3, min(passes, 200)), memory_log2=memory_log2, parallelism=2)


def new_salt(params: KdfParams) -> bytes:
    return os.urandom(SALT_LEN - 4) + params.encode()


def params_from_salt(salt: bytes) -> KdfParams:
    return KdfParams.decode(salt[-4:])


def derive_key(passphrase: bytearray | bytes, salt: bytes) -> bytearray:
    """Argon2id(passphrase, salt) → 32-byte key in a wipeable ``bytearray``."""
    params = params_from_salt(salt)
    raw = hash_secret_raw(
        bytes(passphrase),
        salt,
        time_cost=params.time_cost,
        memory_cost=1 << params.memory_log2,
        parallelism=params.parallelism,
        hash_len=KEY_LEN,
        type=Type.ID,
    )
    return bytearray(raw)


def wipe(buf: bytearray | None) -> None:
    """Overwrite key material in place (Python ``str`` cannot be wiped; bytearrays can)."""
    if buf is not None:
        for i in range(len(buf)):
            buf[i] = 0


def passphrase_bytes(passphrase: str | bytes | bytearray) -> bytearray:
    if isinstance(passphrase, str):
        return bytearray(passphrase.encode("utf-8"))
    return bytearray(passphrase)


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) … 4 (very strong), as zxcvbn rates it
    acceptable: bool
    message: str


def assess_passphrase(passphrase: str, hints: tuple[str, ...] = ()) -> Strength:
    """Rate a new passphrase; ``hints`` are words the user's own data suggest (name, gmina)."""
    from zxcvbn import zxcvbn

    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return Strength(
            0,
            False,
            ngettext(
                "The passphrase must have at least {n} character.",
                "The passphrase must have at least {n} characters.",
                MIN_PASSPHRASE_LENGTH,
            ).format(n=MIN_PASSPHRASE_LENGTH),
        )
    words = [h for h in hints if h] + ["kooperacja", "ops", "gops", "mops", "pcpr", "haslo"]
    result = zxcvbn(passphrase[:100], user_inputs=words)
    score = int(result["score"])
    if score < 3:
        return Strength(
            score,
            False,
            _(
                "This passphrase is too easy to guess. Use several unrelated words, "
                "e.g. three or four words with a number between them."
            ),
        )
    return Strength(score, True, _("Strong passphrase.") if score == 4 else _("Good passphrase."))


def require_strong(passphrase: str, hints: tuple[str, ...] = ()) -> None:
    verdict = assess_passphrase(passphrase, hints)
    if not verdict.acceptable:
        raise WeakPassphrase(verdict.message)
