"""Importing a bundle: every check first, in a fixed order, then one transaction.

1. size caps (before reading the file);
2. decrypt with this device's age identities (another recipient, truncation and tampering are
   told apart);
3. container structure and manifest syntax, then the Ed25519 signature by a registered,
   non-revoked sender (its current key, or its previous key while a rotation is in flight);
4. the recipient (device and key fingerprint) is this device;
5. the sequence number: the same bundle again is a no-op that says so, an older one is refused
   as a replay, the next one must continue the hash chain, a jump reports the missing bundles;
6. sizes and SHA-256 of the parts, before they are parsed;
7. schema validation with limits (``app.sync.validate``, ``app.sync.conflict_sync``), the
   sender's rights (``app.sync.authorize``), clocks, domain rules, the sender's audit chain;
8. one write transaction: receipts, merge (``app.sync.merge``), conflicts found and received,
   audit events, peer state, and this device's own audit entry.

Nothing before step 8 writes to the database, so a refused bundle leaves the file byte-identical.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import KooperacjaError
from app.models import AuditEvent, Device, utcnow
from app.models.sync_state import SyncPeer, SyncReceived
from app.services.audit import chain_head
from app.services.date_text import fmt_date
from app.services.rodo import erasure_file
from app.services.workspace import Workspace
from app.store.migrate import alembic_config
from app.sync import clocks, conflict_sync, container, envelope, identity, manifest, went_back
from app.sync.apply import MAX_MISSING_KEPT, Checked, ImportResult, apply_checked
from app.sync.authorize import authorize
from app.sync.errors import BundleRefused, refused
from app.sync.limits import MAX_BUNDLE_BYTES
from app.sync.rowstate import TABLES
from app.sync.validate import check_domain, parse_audit, parse_records

__all__ = ["ImportResult", "import_bundle", "read_bundle_file"]

Progress = Callable[[int, int], None]


def read_bundle_file(path: Path | str) -> bytes:
    path = Path(path)
    try:
        size = os.stat(path).st_size
    except OSError:
        raise refused("unreadable") from None
    if size > MAX_BUNDLE_BYTES:
        raise refused(
            "too_large", size=size // (1024 * 1024), limit=MAX_BUNDLE_BYTES // (1024 * 1024)
        )
    try:
        with open(path, "rb") as f:
            return f.read(MAX_BUNDLE_BYTES + 1)
    except OSError:
        raise refused("unreadable") from None


def import_bundle(
    ws: Workspace, source: Path | str | bytes, progress: Progress | None = None
) -> ImportResult:
    """Check and import one bundle file (or its bytes)."""
    data = source if isinstance(source, bytes) else read_bundle_file(source)
    if len(data) > MAX_BUNDLE_BYTES:
        raise refused(
            "too_large", size=len(data) // (1024 * 1024), limit=MAX_BUNDLE_BYTES // (1024 * 1024)
        )
    if progress:
        progress(0, 4)
    checked = _check(ws, data)
    if isinstance(checked, ImportResult):
        return checked
    if progress:
        progress(2, 4)
    newest = [checked.manifest["clock"], *(r.state.version for r in checked.records)]
    ws.clock.observe(max(s for s in newest if s) if any(newest) else "")
    try:
        result = apply_checked(ws, checked)
    except IntegrityError:
        raise refused("references") from None
    erasure_file.reapply(ws)  # keeps the erasure list, VACUUMs after an erasure notice
    if progress:
        progress(4, 4)
    return result


@dataclass(frozen=True)
class Outcome:
    """One file of ``import_bundles``: its result, or the error that refused it."""

    path: Path
    result: ImportResult | None = None
    error: KooperacjaError | None = None


def import_bundles(ws: Workspace, paths: Iterable[Path | str]) -> Iterator[Outcome]:
    """Import several bundle files in one order, for every front end: by file name, which
    carries the sender, the receiver and the zero-padded sequence number (``file_name_for``),
    so one sender's bundles come oldest first.  A refused file stops nothing; each outcome is
    yielded as soon as its file is done (the inbox scan moves it before the next one)."""
    for path in sorted((Path(p) for p in paths), key=lambda p: (p.name, str(p))):
        try:
            yield Outcome(path, result=import_bundle(ws, path))
        except KooperacjaError as exc:
            yield Outcome(path, error=exc)


# -- steps 2–7: read-only checks ----------------------------------------------------------------
def _check(ws: Workspace, data: bytes) -> Checked | ImportResult:
    """Steps 2–7.  The costly ones (decryption, hashing, parsing) run outside any transaction:
    every transaction here is ``BEGIN IMMEDIATE``, and a worker saving a form meanwhile must not
    wait for a hostile bundle to be taken apart."""
    envelope.check_header(data)
    with ws.transaction() as s:
        identities = identity.own_identities(s)
    plaintext = envelope.open_sealed(data, identities)
    parts = container.parse(plaintext)
    m = manifest.parse(parts[container.MANIFEST])
    manifest_hash = manifest.digest(parts[container.MANIFEST])
    sender_id = m["sender"]["device_id"]
    with ws.transaction() as s:
        device = s.get(Device, sender_id)
        if device is None or device.is_self:
            raise refused("unknown_sender", device=sender_id)
        if device.revoked:
            raise refused("revoked_sender", device=sender_id)
        peer = s.get(SyncPeer, sender_id) or SyncPeer(device_id=sender_id, in_seq=0, in_hash="")
        seen = s.get(SyncReceived, m["bundle_id"])
        in_seq, in_hash = peer.in_seq or 0, peer.in_hash or ""
        duplicate = seen is not None and seen.manifest_hash == manifest_hash
        try:
            signer, previous = _verify_signature(m, parts[container.SIGNATURE], device, peer)
        except BundleRefused:
            # A genuine bundle signed by a key this device no longer accepts (the sender rotated
            # since) is older than what arrived signed by the newer key: say so, not "forged".
            if duplicate:  # byte-identical to a bundle verified when it was imported
                return ImportResult("duplicate", sender_id, device.name, m["seq"], m["bundle_id"])
            if m["seq"] <= in_seq:
                raise refused("older_seq", seq=m["seq"], device=sender_id, last=in_seq) from None
            raise
        if m["sender"]["role"] != device.role:
            raise refused("manifest", detail="sender role")
        if m["recipient"]["device_id"] != ws.device_id:
            raise refused("wrong_recipient", device=m["recipient"]["device_id"])
        if m["recipient"]["key"] not in identity.own_fingerprints(s):
            raise refused("wrong_recipient_key")
        if duplicate:
            return ImportResult("duplicate", sender_id, device.name, m["seq"], m["bundle_id"])
        if seen is not None or m["seq"] <= in_seq:
            raise refused("older_seq", seq=m["seq"], device=sender_id, last=in_seq)
        if m["seq"] == in_seq + 1 and in_seq > 0 and m["prev_bundle_hash"] != in_hash:
            raise refused("chain", seq=m["seq"], device=sender_id, last=in_seq)
        if manifest.parse_time(m["expires_at"]) < utcnow():
            raise refused(
                "expired",
                seq=m["seq"],
                device=sender_id,
                when=fmt_date(manifest.parse_time(m["expires_at"]).astimezone()),
                today=fmt_date(utcnow().astimezone()),
            )
        sender_name = device.name
    missing = list(range(in_seq + 1, m["seq"]))[-MAX_MISSING_KEPT:]
    for member in m["members"]:
        body = parts.get(member["name"])
        if body is None:
            raise refused("member_missing", name=member["name"])
        if len(body) != member["size"]:
            raise refused("member_size", name=member["name"])
        if manifest.digest(body) != member["sha256"]:
            raise refused("member_hash", name=member["name"])
    known = ScriptRevisions.get()
    if m["schema"] not in known:
        raise refused("schema_newer", schema=m["schema"][:32])
    records = parse_records(parts[container.RECORDS], frozenset(TABLES), m["counts"])
    events = parse_audit(parts[container.AUDIT], sender_id, m["audit_head"]["events"])
    conflicts = conflict_sync.parse(parts.get(container.CONFLICTS, b""))
    rotation = _rotation(sender_id, m["key_rotation"])
    with ws.transaction() as s:
        device = s.get(Device, sender_id)
        assert device is not None
        conflicts = authorize(s, device, records, conflicts)
        clocks.check_ahead(m, records)
        check_domain(s, records)
        restored = went_back.restored_in(s, sender_id, events)
        events, audit_forked = _audit_to_insert(s, sender_id, events, m["audit_head"])
    return Checked(
        m,
        manifest_hash,
        sender_id,
        sender_name,
        previous,
        records,
        events,
        missing,
        rotation,
        audit_forked,
        signer,
        conflicts,
        sender_restored=restored,
    )


def _rotation(sender_id: str, chain: list[dict[str, str]] | None) -> tuple[bytes, str] | None:
    """The sender's newest key from a checked rotation chain (each step proves its key)."""
    if chain is None:
        return None
    try:
        keys = [identity.check_announcement(sender_id, link) for link in chain]
    except (ValueError, KeyError, TypeError):
        raise refused("rotation") from None
    return keys[-1]


class ScriptRevisions:
    """The schema revisions this version knows (bundles from newer schemas are refused)."""

    _known: frozenset[str] | None = None

    @classmethod
    def get(cls) -> frozenset[str]:
        if cls._known is None:
            from alembic.script import ScriptDirectory

            script = ScriptDirectory.from_config(alembic_config())
            cls._known = frozenset(r.revision for r in script.walk_revisions())
        return cls._known


def _verify_signature(
    m: dict[str, Any], sig_part: bytes, device: Device, peer: SyncPeer
) -> tuple[tuple[bytes, str], bool]:
    """The key that signed, and whether it is the sender's previous one (rotation in flight);
    refuse when neither did."""
    try:
        signature = bytes.fromhex(sig_part.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise refused("bad_signature", device=device.device_id) from None
    message = manifest.signed_message(manifest.canonical(m))
    candidates = [(device.signing_public, device.age_recipient, False)]
    if peer.prev_signing_public:
        candidates.append((peer.prev_signing_public, peer.prev_age_recipient, True))
    for public, recipient, previous in candidates:
        if identity.verify(public, signature, message):
            if m["sender"]["key"] != identity.fingerprint(public, recipient):
                break
            return (public, recipient), previous
    raise refused("bad_signature", device=device.device_id)


def _audit_to_insert(
    s: Session, sender: str, events: list[dict[str, Any]], head: dict[str, Any]
) -> tuple[list[dict[str, Any]], bool]:
    """The sender's audit events that continue its chain here, and whether the chain forked.

    A fork (an entry this device already holds with another hash, or a head older than the copy
    received earlier) means the sender's database was restored from an old copy.  The data are
    still imported (the merge loses nothing), the forked entries are not, and the peer is
    flagged so the coordinator sees it.
    """
    if events and events[-1]["seq"] == head["seq"] and events[-1]["hash"] != head["hash"]:
        raise refused("audit", detail="head")
    if events and events[-1]["seq"] > head["seq"]:
        raise refused("audit", detail="head")
    top, top_hash = chain_head(s, sender)
    if not events:
        forked = head["seq"] < top or (head["seq"] == top and top and head["hash"] != top_hash)
        return [], bool(forked)
    held: dict[int, str] = {}
    overlap = [e["seq"] for e in events if e["seq"] <= top]
    for i in range(0, len(overlap), 500):
        rows = s.execute(
            select(AuditEvent.seq, AuditEvent.hash).where(
                AuditEvent.device_id == sender, AuditEvent.seq.in_(overlap[i : i + 500])
            )
        )
        held.update({seq: digest for seq, digest in rows})
    out: list[dict[str, Any]] = []
    for e in events:
        if e["seq"] <= top:
            if held.get(e["seq"]) != e["hash"]:
                return out, True
            continue
        if e["seq"] > top + 1:
            # This device lacks earlier entries (its own database went back to an older copy):
            # not the sender's fault.  It names what it holds (``audit_held``), the sender
            # sends the rest again.
            return out, False
        if e["prev_hash"] != top_hash:
            return out, True
        out.append(e)
        top, top_hash = e["seq"], e["hash"]
    return out, False
