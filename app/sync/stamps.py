"""Field stamps and version vectors: the causal bookkeeping behind the three-way merge.

Every field of a synchronised row carries the hybrid-logical-clock stamp of the write that set it;
every row carries a *version vector*: for each device, the newest stamp of that device's writes the
row incorporates (kept as a sorted list of stamps; the device is the stamp's suffix).  A device
that holds ``vv[d] >= s`` knows write ``s`` of device ``d`` (or something that already took it
into account).  Two writes to one field conflict when neither side knew the other's write.
"""

from __future__ import annotations

import json
import re

from app.models.hlc import parse_stamp

STAMP_RE = re.compile(r"^\d{13}\.\d{5}\.[A-Za-z0-9_-]{1,32}$")
META_FIELDS = ("id", "version", "origin_device")

VV = dict[str, str]  # device id → newest stamp of that device


def valid_stamp(stamp: object) -> bool:
    return isinstance(stamp, str) and STAMP_RE.match(stamp) is not None


def device_of(stamp: str) -> str:
    # "<13 digits>.<5 digits>.<device>": the device starts at a fixed offset (hot path).
    if len(stamp) > 20 and stamp[13] == "." and stamp[19] == ".":
        return stamp[20:]
    return parse_stamp(stamp)[2]


def vv_from_list(stamps: list[str]) -> VV:
    vv: VV = {}
    for s in stamps:
        d = device_of(s)
        if s > vv.get(d, ""):
            vv[d] = s
    return vv


def vv_to_list(vv: VV) -> list[str]:
    return sorted(vv.values())


# One encoder each, made once: ``json.dumps`` with options builds a new encoder per call, which
# was a good part of the cost of the tens of thousands of rows in one bundle.
_COMPACT = json.JSONEncoder(separators=(",", ":")).encode
_SORTED_COMPACT = json.JSONEncoder(sort_keys=True, separators=(",", ":")).encode
SHADOW_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode
LINE_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def vv_dumps(vv: VV) -> str:
    return _COMPACT(vv_to_list(vv))


def vv_loads(text: str) -> VV:
    return vv_from_list(json.loads(text)) if text else {}


def vv_merge(a: VV, b: VV) -> VV:
    out = dict(a)
    for d, s in b.items():
        if s > out.get(d, ""):
            out[d] = s
    return out


def knows(vv: VV, stamp: str) -> bool:
    """Whether a row state with version vector ``vv`` incorporates the write ``stamp``."""
    return vv.get(device_of(stamp), "") >= stamp


def full_stamps(compact: dict[str, str], version: str, fields: list[str]) -> dict[str, str]:
    """Every field's stamp from the compact form (only stamps that differ from ``version``)."""
    return {f: compact.get(f, version) for f in fields}


def compact_stamps(stamps: dict[str, str], version: str) -> dict[str, str]:
    return {f: s for f, s in stamps.items() if s != version}


def stamps_dumps(compact: dict[str, str]) -> str:
    return _SORTED_COMPACT(compact) if compact else ""


def stamps_loads(text: str) -> dict[str, str]:
    return json.loads(text) if text else {}
