"""Taking bundles apart and putting (possibly hostile) ones together, for the attack tests.

An attacker who has only public keys can re-seal any container to a recipient; one who stole a
device's signing key can also re-sign a manifest.  These helpers do both.
"""

from __future__ import annotations

import json
from typing import Any

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from app.models import Device
from app.services.workspace import Workspace
from app.sync import container, envelope, identity, manifest


def keys_of(ws: Workspace) -> Device:
    with ws.transaction() as s:
        return s.scalar(select(Device).where(Device.is_self.is_(True)))


def open_parts(data: bytes, owner: Workspace) -> dict[str, bytes]:
    with owner.transaction() as s:
        keys = [pyrage.x25519.Identity.from_str(k) for k in identity.own_identities(s)]
    return container.parse(pyrage.decrypt(data, keys))


def raw_container(parts: list[tuple[str, bytes]]) -> bytes:
    """A container with exactly these parts, names and order (no validation, no padding)."""
    body = b"".join(f"{n} {len(b)}\n".encode("ascii", "replace") + b + b"\n" for n, b in parts)
    total = len(container.MAGIC) + 21 + len(body)
    return container.MAGIC + f"{total:020d}\n".encode() + body


def seal_for(plaintext: bytes, recipient: Workspace) -> bytes:
    return envelope.seal(plaintext, keys_of(recipient).age_recipient)


def reseal(parts: dict[str, bytes], recipient: Workspace) -> bytes:
    return seal_for(container.build(parts), recipient)


def resign(
    parts: dict[str, bytes],
    signer: Workspace,
    *,
    records: bytes | None = None,
    audit: bytes | None = None,
    conflicts: bytes | None = None,
    counts: dict[str, int] | None = None,
    **changes: Any,
) -> dict[str, bytes]:
    """New parts with the given records/audit/manifest changes, hashed and signed by ``signer``."""
    m = json.loads(parts[container.MANIFEST])
    records = parts[container.RECORDS] if records is None else records
    audit = parts[container.AUDIT] if audit is None else audit
    conflicts = parts.get(container.CONFLICTS, b"") if conflicts is None else conflicts
    m["members"] = [
        {"name": container.RECORDS, "size": len(records), "sha256": manifest.digest(records)},
        {"name": container.AUDIT, "size": len(audit), "sha256": manifest.digest(audit)},
        {"name": container.CONFLICTS, "size": len(conflicts), "sha256": manifest.digest(conflicts)},
    ]
    if counts is not None:
        m["counts"] = counts
    m.update(changes)
    body = manifest.canonical(m)
    key = Ed25519PrivateKey.from_private_bytes(keys_of(signer).signing_private)
    return {
        container.MANIFEST: body,
        container.SIGNATURE: key.sign(manifest.signed_message(body)).hex().encode(),
        container.RECORDS: records,
        container.AUDIT: audit,
        container.CONFLICTS: conflicts,
    }


def record_lines(parts: dict[str, bytes]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in parts[container.RECORDS].splitlines()]


def dump_lines(items: list[dict[str, Any]]) -> bytes:
    return b"".join(
        json.dumps(i, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        for i in items
    )
