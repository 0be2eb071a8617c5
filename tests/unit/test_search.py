"""Search paging: the total is right whether the page is full, partial, or past the end."""

from __future__ import annotations

from app import demo
from app.services import search


def test_totals_and_pages_agree(ws):
    demo.generate(ws, families=37, seed=11)
    everything = search.search_families(ws, limit=1000)
    assert everything.total == 37 == len(everything.rows)
    first = search.search_families(ws, limit=10)
    assert first.total == 37 and len(first.rows) == 10
    last = search.search_families(ws, offset=30, limit=10)
    assert last.total == 37 and len(last.rows) == 7
    beyond = search.search_families(ws, offset=50, limit=10)
    assert beyond.total == 37 and beyond.rows == []
    ids = [r.id for p in range(4) for r in search.search_families(ws, offset=p * 10, limit=10).rows]
    assert sorted(ids) == sorted(r.id for r in everything.rows)


def test_no_match_and_single_match(ws):
    demo.generate(ws, families=12, seed=3)
    assert search.search_families(ws, "zzzznikt").total == 0
    row = search.search_families(ws, limit=1).rows[0]
    pesel = row.members[0].pesel
    found = search.search_families(ws, pesel)
    assert found.total == 1 and found.rows[0].id == row.id
