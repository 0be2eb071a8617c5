"""Two laptops of one OPS, set up separately, syncing through the coordinator.

Each installation writes its own OPS's institution row at set-up, with the same id on every
laptop of the gmina (``setup.home_institution_id``).  Set-up alone must not make a conflict about
it on any device (the workers typed the name a little differently, as people do), while two
workers really editing the same field of it still do.
"""

from __future__ import annotations

from sqlalchemy import select

from app.models import Institution
from app.services.setup import home_institution_id
from tests.sync.helpers import dump_text, edit, exchange, introduce, make_device, open_conflicts


def _round(a, b, coord) -> list[int]:
    """Both laptops to the coordinator, then back: the conflicts each import brought."""
    return [exchange(a, coord).conflicts, exchange(b, coord).conflicts] + [
        exchange(coord, a).conflicts,
        exchange(coord, b).conflicts,
    ]


def test_set_up_alone_makes_no_conflict_and_a_real_edit_still_does(tmp_path):
    a = make_device(tmp_path / "a.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    b = make_device(tmp_path / "b.db", "ops", "2005092", "GOPS w Narewce", "Beata Nowak")
    coord = make_device(tmp_path / "co.db", "coordinator", "2005", "PCPR Hajnówka", "Ewa Zawadzka")
    devices = (a, b, coord)
    try:
        introduce(a, coord)
        introduce(b, coord)
        assert _round(a, b, coord) == [0, 0, 0, 0]
        assert _round(a, b, coord) == [0, 0, 0, 0]
        for w in devices:
            assert open_conflicts(w) == [], w.identity.name
        home = home_institution_id("ops", "2005092")
        names = set()
        for w in devices:
            with w.transaction() as s:
                row = s.get(Institution, home)
                assert row is not None
                names.add(row.name)
        assert len(names) == 1  # one name everywhere, one of the two typed
        assert dump_text(a) == dump_text(b)

        # a real edit of the same field on both laptops is still a conflict, seen everywhere
        edit(a, Institution, home, phone="85 111 11 11")
        edit(b, Institution, home, phone="85 222 22 22")
        assert sum(_round(a, b, coord)) >= 1
        _round(a, b, coord)
        for w in devices:
            [c] = open_conflicts(w)
            assert c.field == "phone", w.identity.name
        with coord.transaction() as s:
            assert s.scalar(select(Institution.phone).where(Institution.id == home))
    finally:
        for w in devices:
            if not w.locked:
                w.lock()
