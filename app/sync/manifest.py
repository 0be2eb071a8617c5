"""The signed manifest: canonical JSON describing a bundle, and its strict validation.

The manifest is the only part the Ed25519 signature covers; it binds the sender, the recipient
(device and key fingerprint, so a signed bundle cannot be re-addressed), the sequence number and
previous bundle's hash, and the SHA-256 and size of every other part.  Validation checks the exact
set of keys and every type before any value is used.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from app.i18n import _
from app.sync.container import AUDIT, CONFLICTS, RECORDS
from app.sync.errors import refused
from app.sync.limits import (
    BUNDLE_LIFETIME_DAYS,
    FORMAT,
    FORMAT_VERSION,
    MAX_ACKS,
    MAX_AUDIT_EVENTS,
    MAX_MANIFEST_BYTES,
    MAX_REVOCATIONS,
    MAX_ROTATIONS,
)
from app.sync.stamps import valid_stamp

MAX_LIFETIME = timedelta(days=BUNDLE_LIFETIME_DAYS * 3)  # what a sender may ask for

SIGNATURE_CONTEXT = b"KOOPERACJA-BUNDLE-MANIFEST/1\n"
_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,36}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_FP_RE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$")
_TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
KEYS = {
    "format",
    "format_version",
    "schema",
    "app_version",
    "bundle_id",
    "created_at",
    "expires_at",
    "sender",
    "recipient",
    "seq",
    "prev_bundle_hash",
    "full",
    "counts",
    "members",
    "acks",
    "audit_head",
    "audit_held",
    "clock",
    "revocations",
    "key_rotation",
}


def parse_time(text: str) -> datetime:
    """A manifest time (``YYYY-MM-DDTHH:MM:SSZ``); ValueError when it is not a real one."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def signed_message(manifest_bytes: bytes) -> bytes:
    return SIGNATURE_CONTEXT + manifest_bytes


def parse(data: bytes) -> dict[str, Any]:
    """The manifest as a dict, refusing anything malformed (format is checked first)."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise refused("manifest", detail="size")
    try:
        raw = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise refused("nesting") from None
    except (UnicodeDecodeError, ValueError):
        raise refused("manifest", detail="json") from None
    if not isinstance(raw, dict):
        raise refused("manifest", detail="type")
    if raw.get("format") != FORMAT or raw.get("format_version") != FORMAT_VERSION:
        raise refused(
            "format",
            format=str(raw.get("format"))[:40],
            version=str(raw.get("format_version"))[:10],
        )
    if canonical(raw) != data:
        raise refused("manifest", detail="not canonical")
    _check(raw)
    return raw


def _fail(name: str) -> Exception:
    """The manifest's field ``name`` (as docs/bundle-format.md spells it) is malformed."""
    return refused("manifest", detail=_("field {name}").format(name=name))


def _str(value: Any, pattern: re.Pattern | None = None, maxlen: int = 200) -> bool:
    return (
        isinstance(value, str)
        and len(value) <= maxlen
        and (pattern is None or pattern.match(value) is not None)
    )


def _int(value: Any, low: int = 0, high: int = 2**53) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _check(m: dict[str, Any]) -> None:
    if set(m) != KEYS:
        raise _fail("keys")
    if not _str(m["schema"], re.compile(r"^[0-9a-z_]{1,32}$")) or not _str(m["app_version"]):
        raise _fail("schema")
    if not _str(m["bundle_id"], _ID_RE) or not _str(m["created_at"], _TIME_RE):
        raise _fail("bundle_id")
    if not _str(m["expires_at"], _TIME_RE):
        raise _fail("expires_at")
    try:
        lifetime = parse_time(m["expires_at"]) - parse_time(m["created_at"])
    except ValueError:
        raise _fail("created_at") from None
    if not timedelta(0) < lifetime <= MAX_LIFETIME:
        raise _fail("expires_at")
    for party in ("sender", "recipient"):
        p = m[party]
        wanted = {"device_id", "key"} | ({"role", "unit"} if party == "sender" else set())
        if not isinstance(p, dict) or set(p) != wanted:
            raise _fail(party)
        if not _str(p["device_id"], _ID_RE) or not _str(p["key"], _FP_RE):
            raise _fail(party)
    s = m["sender"]
    if s["role"] not in ("ops", "coordinator") or not _str(s["unit"], re.compile(r"^\d{4,7}$")):
        raise _fail("sender")
    if not _int(m["seq"], 1) or not isinstance(m["full"], bool):
        raise _fail("seq")
    if not (m["prev_bundle_hash"] == "" or _str(m["prev_bundle_hash"], _HEX64)):
        raise _fail("prev_bundle_hash")
    counts = m["counts"]
    if not isinstance(counts, dict) or len(counts) > 64:
        raise _fail("counts")
    for table, n in counts.items():
        if not _str(table, re.compile(r"^[a-z_]{1,40}$")) or not _int(n, 1):
            raise _fail("counts")
    members = m["members"]
    names = (
        [x.get("name") for x in members if isinstance(x, dict)] if isinstance(members, list) else []
    )
    # conflicts.jsonl came later: a bundle without it carries no conflict entries
    if names not in ([RECORDS, AUDIT], [RECORDS, AUDIT, CONFLICTS]) or len(names) != len(members):
        raise _fail("members")
    for x in members:
        if set(x) != {"name", "size", "sha256"} or not _int(x["size"]):
            raise _fail("members")
        if not _str(x["sha256"], _HEX64):
            raise _fail("members")
    acks = m["acks"]
    if not isinstance(acks, list) or len(acks) > MAX_ACKS:
        raise _fail("acks")
    for a in acks:
        keys = {"seq", "bundle_id", "records", "conflicts", "imported_at"}
        if not isinstance(a, dict) or set(a) != keys:
            raise _fail("acks")
        if not (_int(a["seq"], 1) and _int(a["records"]) and _int(a["conflicts"])):
            raise _fail("acks")
        if not _str(a["bundle_id"], _ID_RE) or not _str(a["imported_at"], _TIME_RE):
            raise _fail("acks")
    head = m["audit_head"]
    if not isinstance(head, dict) or set(head) != {"seq", "hash", "events"}:
        raise _fail("audit_head")
    if not (_int(head["seq"]) and _int(head["events"], 0, MAX_AUDIT_EVENTS)):
        raise _fail("audit_head")
    if not (head["hash"] == "" or _str(head["hash"], _HEX64)):
        raise _fail("audit_head")
    if not _int(m["audit_held"]):
        raise _fail("audit_held")
    if not (m["clock"] == "" or valid_stamp(m["clock"])):
        raise _fail("clock")
    revocations = m["revocations"]
    if not isinstance(revocations, list) or len(revocations) > MAX_REVOCATIONS:
        raise _fail("revocations")
    for r in revocations:
        if not isinstance(r, dict) or set(r) != {"device_id", "key"}:
            raise _fail("revocations")
        if not _str(r["device_id"], _ID_RE) or not _str(r["key"], _FP_RE):
            raise _fail("revocations")
    rotation = m["key_rotation"]
    if rotation is not None:
        if not isinstance(rotation, list) or not 1 <= len(rotation) <= MAX_ROTATIONS:
            raise _fail("key_rotation")
        keys = {"signing_public", "age_recipient", "key", "proof"}
        for link in rotation:
            if not isinstance(link, dict) or set(link) != keys:
                raise _fail("key_rotation")
            if not all(_str(v, maxlen=200) for v in link.values()):
                raise _fail("key_rotation")
