"""A database that already holds stamps from the future (made before clocks were bounded) is
repaired by ``sync repair-clock``, which says what it did; it refuses when the clock itself is
behind (issue 8 §3, the leftover of the clock bound)."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Family
from app.models.hlc import MAX_AHEAD_MS, HybridClock, parse_stamp
from app.models.sync_state import SyncRow
from app.services import audit, families
from app.sync import clocks, export, importer
from app.sync.clock_repair import repair_future_stamps
from app.sync.errors import BundleRefused
from tests.sync.helpers import dump_text, edit, exchange, introduce, unlock

YEAR_2200_MS = 7_258_118_400_000


@pytest.fixture
def future_ops(ws, coordinator_ws):
    """An OPS laptop whose clock was set to the year 2200 for one edit, then corrected."""
    ops, coord = ws, coordinator_ws
    introduce(ops, coord)
    fam = families.register_family(
        ops, families.FamilyInput(gmina_code="2005092", locality="Narewka", phone="600 000 001")
    )
    exchange(ops, coord)
    exchange(coord, ops)
    ops.clock = HybridClock(ops.device_id, ops.clock.last(), now_ms=lambda: YEAR_2200_MS)
    edit(ops, Family, fam.id, phone="600 000 002")
    path = ops.path
    ops.lock()
    fixed = unlock(path)  # the clock is right again, the database still holds 2200
    yield fixed, coord, fam.id
    if not fixed.locked:
        fixed.lock()


def test_far_future_stamps_are_re_dated_and_sync_works_again(future_ops):
    ops, coord, family_id = future_ops
    assert parse_stamp(ops.clock.last())[0] >= YEAR_2200_MS
    warning = clocks.clock_behind(ops)
    assert warning is not None and "repair-clock" in warning.message
    with pytest.raises(BundleRefused) as info:  # what a peer does with such a database's bundle
        importer.import_bundle(coord, export.export_bundle(ops, coord.device_id).data)
    assert info.value.code == "clock_ahead"
    report = repair_future_stamps(ops)
    assert report.rows == {"family": 1} and report.devices == {ops.device_id}
    assert "2200" in report.message and "1" in report.message
    assert parse_stamp(ops.clock.last())[0] < time.time() * 1000 + MAX_AHEAD_MS
    assert clocks.clock_behind(ops) is None
    with ops.transaction() as s:
        assert s.get(Family, family_id).phone == "600 000 002"  # values unchanged
        vv = s.scalar(select(SyncRow.vv).where(SyncRow.row_id == family_id))
        assert "72581" not in vv
    result = exchange(ops, coord)
    assert result.changed == 1
    exchange(coord, ops)
    assert dump_text(ops) == dump_text(coord)
    with coord.transaction() as s:
        assert s.get(Family, family_id).phone == "600 000 002"
    # the second run finds nothing, and says so
    assert repair_future_stamps(ops).total == 0


def test_the_repair_refuses_when_the_clock_is_behind(ws):
    families.register_family(
        ws, families.FamilyInput(gmina_code="2005092", locality="Narewka", phone="600 000 001")
    )
    before = dump_text(ws)
    two_years_ago = int(time.time() * 1000) - 2 * 365 * 24 * 3600 * 1000
    with pytest.raises(ValidationError) as info:
        repair_future_stamps(ws, now=two_years_ago)
    assert "zegar" in info.value.message.lower()
    assert dump_text(ws) == before


def test_repair_clock_from_the_command_line(cli):
    from tests.sync.test_cli import init_both

    init_both(cli)
    out = cli("ops.db", "sync", "repair-clock").stdout
    assert "nic nie zmieniono" in out.lower()


def test_a_long_audit_detail_cannot_stop_sync(future_ops):
    """Seen in the trial: the repair's audit entry listed its tables in a detail longer than
    the column; every later bundle was refused (``audit_event.detail`` too long)."""
    ops, coord, _family_id = future_ops
    repair_future_stamps(ops)
    audit.log_event(ops, "clock_repair", detail="family:1," * 100)
    assert exchange(ops, coord).status == "imported"


def test_a_case_numbered_under_the_wrong_year_gets_this_years_number(ws, coordinator_ws):
    """A family registered while the clock ran a year ahead got the next year's case number
    and opening date; after the repair it has this year's next number and today's date, the
    worker is told both numbers, and the old number is never given again."""
    from datetime import date, timedelta

    ops, coord = ws, coordinator_ws
    introduce(ops, coord)
    today = date.today()
    here = families.register_family(
        ops, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    typed = families.register_family(  # a number a worker typed herself: left alone
        ops,
        families.FamilyInput(
            gmina_code="2005092", locality="Narewka", case_number=f"2005092/{today.year + 2}/0100"
        ),
    )
    ahead_ms = int(time.time() * 1000) + 365 * 24 * 3600 * 1000
    ops.clock = HybridClock(ops.device_id, ops.clock.last(), now_ms=lambda: ahead_ms)
    wrong = families.register_family(
        ops,
        families.FamilyInput(
            gmina_code="2005092", locality="Narewka", opened_on=today + timedelta(days=365)
        ),
    )
    assert wrong.case_number == f"2005092/{today.year + 1}/0001"
    path = ops.path
    ops.lock()
    ops = unlock(path)
    try:
        report = repair_future_stamps(ops)
        new = f"2005092/{today.year}/0002"
        assert wrong.case_number in report.message and new in report.message
        with ops.transaction() as s:
            fixed = s.get(Family, wrong.id)
            assert (fixed.case_number, fixed.opened_on) == (new, today)
            assert s.get(Family, typed.id).case_number == typed.case_number
            assert s.get(Family, here.id).case_number == f"2005092/{today.year}/0001"
        exchange(ops, coord)
        with coord.transaction() as s:
            assert s.get(Family, wrong.id).case_number == new
        later = families.register_family(
            ops,
            families.FamilyInput(
                gmina_code="2005092", locality="Narewka", opened_on=today + timedelta(days=366)
            ),
        )
        assert later.case_number != wrong.case_number  # the old number stays given
        assert repair_future_stamps(ops).total == 0
    finally:
        ops.lock()


def test_the_repair_message_gives_the_furthest_date_in_local_time(warsaw):
    """23:30 UTC on 31 December is already New Year's Day in Poland: the worker reads the
    day as the laptop shows it (the message gave the UTC day)."""
    from datetime import UTC, datetime

    from app.sync.clock_repair import RepairReport

    moment = datetime(2027, 12, 31, 23, 30, tzinfo=UTC)
    report = RepairReport(
        rows={"family": 1}, devices={"abc"}, furthest_ms=int(moment.timestamp() * 1000)
    )
    assert "do 01.01.2028" in report.message, report.message
