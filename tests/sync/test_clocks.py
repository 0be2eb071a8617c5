"""Bounded clocks: far-future stamps are refused, stamps keep their width, a slow clock warns.

The attacks are signed by the sending OPS itself (its own stamps, so only the clock is wrong):
a stamp of the year 2286 (the 13-digit limit), of the year 2200, or only the manifest's clock.
"""

from __future__ import annotations

import time

import pytest

from app.models import Family
from app.models.hlc import MAX_AHEAD_MS, HybridClock, format_stamp, parse_stamp
from app.sync import clocks, export
from app.sync.errors import BundleRefused
from app.sync.importer import import_bundle
from tests.sync.forge import dump_lines, open_parts, record_lines, reseal, resign
from tests.sync.helpers import db_hash

YEAR_2286 = 9_999_999_999_999
YEAR_2200 = 7_258_118_400_000


def _with_family_stamp(ops, coord, family_id: str, ms: int, counter: int = 0) -> bytes:
    """A genuine bundle whose family record carries one more write of the OPS at ``ms``."""
    from app.services.common import apply

    with ops.transaction() as s:
        apply(s.get(Family, family_id), phone="600 999 999")
    parts = open_parts(export.export_bundle(ops, coord.device_id).data, coord)
    lines = record_lines(parts)
    stamp = format_stamp(ms, counter, ops.device_id)
    for line in lines:
        if line["t"] == "family":
            line["r"]["version"] = stamp
            line["v"] = sorted([s for s in line["v"] if not s.endswith(ops.device_id)] + [stamp])
            line["s"] = {}
    return reseal(resign(parts, ops, records=dump_lines(lines)), coord)


def refuse(ws, data, code: str) -> str:
    before = db_hash(ws)
    with pytest.raises(BundleRefused) as info:
        import_bundle(ws, data)
    assert info.value.code == code, info.value.message
    assert db_hash(ws) == before
    return info.value.message


@pytest.mark.parametrize("ms", [YEAR_2286, YEAR_2200])
def test_far_future_stamp_is_refused_naming_the_device(known_pair, ms):
    ops, coord, family_id = known_pair
    data = _with_family_stamp(ops, coord, family_id, ms, counter=99_999 if ms == YEAR_2286 else 0)
    message = refuse(coord, data, "clock_ahead")
    assert ops.device_id in message and "zegar" in message.lower()
    # the coordinator's clock did not follow it: its next stamps are of today
    assert parse_stamp(coord.clock.tick())[0] < int(time.time() * 1000) + 60_000


def test_manifest_clock_alone_far_ahead_is_refused(known_pair):
    ops, coord, _family_id = known_pair
    parts = open_parts(export.export_bundle(ops, coord.device_id).data, coord)
    clock = format_stamp(YEAR_2286, 99_999, ops.device_id)
    refuse(coord, reseal(resign(parts, ops, clock=clock), coord), "clock_ahead")


def test_a_clock_an_hour_ahead_is_still_accepted(known_pair):
    ops, coord, family_id = known_pair
    data = _with_family_stamp(ops, coord, family_id, int(time.time() * 1000) + 3_600_000)
    assert import_bundle(coord, data).changed == 1


def test_stamps_keep_their_width():
    with pytest.raises(ValueError):
        format_stamp(YEAR_2286 + 1, 0, "dev")
    with pytest.raises(ValueError):
        format_stamp(0, 100_000, "dev")
    now = int(time.time() * 1000)
    clock = HybridClock("dev", now_ms=lambda: now)
    clock.observe(format_stamp(YEAR_2286, 99_999, "other"))  # never followed
    clock.observe(format_stamp(now + MAX_AHEAD_MS + 1, 0, "other"))
    stamp = clock.tick()
    assert parse_stamp(stamp)[0] == now and len(stamp.split(".")[0]) == 13
    clock.observe(format_stamp(now + 1000, 5, "other"))  # a little ahead: followed (HLC)
    assert clock.tick() > format_stamp(now + 1000, 5, "other")


def test_slow_clock_warns_at_unlock(known_pair):
    """A laptop whose clock runs a year behind the newest change it holds is told so."""
    ops, _coord, _family_id = known_pair
    now = int(time.time() * 1000)
    assert clocks.clock_behind(ops, now=now) is None
    warning = clocks.clock_behind(ops, now=now - 365 * 24 * 3_600_000)
    assert warning is not None
    assert "zegar" in warning.message.lower() and str(time.gmtime().tm_year) in warning.message


def test_cli_unlock_prints_the_warning(known_pair, capsys, monkeypatch):
    from types import SimpleNamespace

    from app import commands
    from tests.conftest import PASSPHRASE

    ops, _coord, _family_id = known_pair
    path = ops.path
    ops.lock()
    monkeypatch.setenv(commands.PASSPHRASE_ENV, PASSPHRASE)
    monkeypatch.setattr(clocks, "now_ms", lambda: int(time.time() * 1000) - 10**10)
    ws = commands.open_from_args(SimpleNamespace(db=str(path), passphrase_file=None))
    try:
        assert "zegar" in capsys.readouterr().err.lower()
    finally:
        ws.lock()
