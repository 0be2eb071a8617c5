"""The framed container inside a bundle: named parts in a fixed order, parsed in memory only.

    KOOPERACJA-BUNDLE/1 <total length, 20 digits>\\n
    <name> <size>\\n<size bytes>\\n          (repeated)

No archive format, no paths, no extraction to disk: a part is a name from a fixed list and a
byte string.  The parser checks the whole structure (declared total length, header syntax, sizes,
number of parts) before looking at names, then refuses path-like, unknown and duplicate names.
"""

from __future__ import annotations

import re

from app.sync.errors import refused
from app.sync.limits import MAX_MEMBER_HEADER, MAX_MEMBERS, MIN_PLAINTEXT

MAGIC = b"KOOPERACJA-BUNDLE/1 "
PREAMBLE_LEN = len(MAGIC) + 20 + 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
RECORDS = "records.jsonl"
AUDIT = "audit.jsonl"
CONFLICTS = "conflicts.jsonl"
PADDING = "padding"
ORDER = (MANIFEST, SIGNATURE, RECORDS, AUDIT, CONFLICTS, PADDING)
_NAME_RE = re.compile(r"^[a-z][a-z0-9_.-]{0,39}$")
_SIZE_RE = re.compile(r"^[0-9]{1,12}$")


def _frame(name: str, body: bytes) -> bytes:
    return f"{name} {len(body)}\n".encode("ascii") + body + b"\n"


def build(members: dict[str, bytes]) -> bytes:
    """The container with ``members`` (manifest, signature, records, audit, conflicts) and
    padding.

    Padding (spaces, not covered by the manifest) makes the plaintext at least two age chunks
    long, which lets the importer tell a truncated file from an altered one (see ``envelope``).
    """
    body = b"".join(
        _frame(name, members[name]) for name in ORDER if name in members and name != PADDING
    )
    pad = 0
    while (short := MIN_PLAINTEXT - PREAMBLE_LEN - len(body + _frame(PADDING, b" " * pad))) > 0:
        pad += short
    body += _frame(PADDING, b" " * pad)
    total = PREAMBLE_LEN + len(body)
    return MAGIC + f"{total:020d}\n".encode("ascii") + body


def declared_length(prefix: bytes) -> int | None:
    """The total length a container announces in its first line, if ``prefix`` holds it."""
    if len(prefix) < PREAMBLE_LEN or not prefix.startswith(MAGIC):
        return None
    digits = prefix[len(MAGIC) : len(MAGIC) + 20]
    if not digits.isdigit() or prefix[PREAMBLE_LEN - 1 : PREAMBLE_LEN] != b"\n":
        return None
    return int(digits)


def _looks_like_path(name: str) -> bool:
    return (
        any(ch in name for ch in "/\\:\x00")
        or ".." in name
        or name.startswith((".", "~"))
        or (len(name) >= 2 and name[1] == ":")
    )


def parse(data: bytes) -> dict[str, bytes]:
    """The parts of a container, refusing anything that is not exactly our structure."""
    total = declared_length(data)
    if total is None:
        raise refused("container", detail="preamble")
    if total != len(data):
        raise refused("container", detail="length")
    parts: list[tuple[str, bytes]] = []
    pos = PREAMBLE_LEN
    view = memoryview(data)
    while pos < len(data):
        if len(parts) >= MAX_MEMBERS:
            raise refused("too_many_members")
        nl = data.find(b"\n", pos, pos + MAX_MEMBER_HEADER)
        if nl < 0:
            raise refused("container", detail="header")
        try:
            header = data[pos:nl].decode("ascii")
        except UnicodeDecodeError as exc:
            raise refused("container", detail="header") from exc
        name, sep, size_text = header.rpartition(" ")
        if not sep or not name or not _SIZE_RE.match(size_text) or not header.isprintable():
            raise refused("container", detail="header")
        size = int(size_text)
        start = nl + 1
        end = start + size
        if end + 1 > len(data) or data[end : end + 1] != b"\n":
            raise refused("container", detail="size")
        parts.append((name, bytes(view[start:end])))
        pos = end + 1
    out: dict[str, bytes] = {}
    for name, body in parts:
        if _looks_like_path(name):
            raise refused("member_path", name=name[:60])
        if not _NAME_RE.match(name) or name not in ORDER:
            raise refused("member_unknown", name=name[:60])
        if name in out:
            raise refused("member_duplicate", name=name)
        out[name] = body
    if [n for n in ORDER if n in out] != [n for n, _b in parts]:
        raise refused("container", detail="order")
    for required in (MANIFEST, SIGNATURE):
        if required not in out:
            raise refused("member_missing", name=required)
    if out.get(PADDING, b"").strip(b" "):
        raise refused("container", detail="padding")
    return out
