"""Refresh, export and the pending count first ask every synced table at once which have rows
for them (``rowstate.dirty_tables``, ``outgoing.models_to_send``), then read only those: a row
moved in any one table is still found, refreshed and sent, and nothing else is."""

from __future__ import annotations

from sqlalchemy import event, func, select, update

from app.models import SYNCED_MODELS, Visit
from app.services.records import table_of
from app.sync import export, importer, pending
from app.sync.rowstate import dirty_tables, refresh
from app.sync.stamps import device_of
from tests.sync.helpers import exchange, introduce


def _settled(ws, coordinator_ws):
    """The full case in the OPS database, at the coordinator, and the receipt back."""
    introduce(ws, coordinator_ws)
    first = export.export_bundle(ws, coordinator_ws.device_id)
    importer.import_bundle(coordinator_ws, first.data)
    exchange(coordinator_ws, ws)
    assert pending.pending_changes(ws, coordinator_ws.device_id).records == 0
    return first


def _move_one_row(ws, model) -> str | None:
    """A new version of one row of ``model``, written in bulk (as ``load`` does): only its
    version moves, so only the sync layer's look at that table can notice it."""
    table = table_of(model)
    with ws.transaction() as s:
        row_id = s.scalar(select(table.c.id).order_by(table.c.id).limit(1))
        if row_id is not None:
            stamp = ws.clock.tick()
            s.execute(
                update(table)
                .where(table.c.id == row_id)
                .values(version=stamp, origin_device=device_of(stamp))
            )
    return row_id


def test_a_row_moved_in_each_table_is_found_refreshed_and_sent(family_case, ws, coordinator_ws):
    first = _settled(ws, coordinator_ws)
    # the peer holds everything: a full bundle carries it all again, an ordinary one nothing
    with ws.transaction() as s:
        held = {
            m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in SYNCED_MODELS
        }
    assert export.export_bundle(ws, coordinator_ws.device_id, full=True).counts == {
        tbl: n for tbl, n in held.items() if n
    }
    assert export.export_bundle(ws, coordinator_ws.device_id).counts == {}
    moved = [m for m in SYNCED_MODELS if _move_one_row(ws, m) is not None]
    # the full case fills 19 of the tables, from the first (institution) to the visits
    assert len(moved) >= 15 and moved[0] is SYNCED_MODELS[0] and Visit in moved
    assert {m.__tablename__ for m in moved} == set(first.counts)  # all went the first time
    with ws.transaction() as s:
        assert dirty_tables(s) == moved  # in SYNCED_MODELS' order
    assert pending.pending_changes(ws, coordinator_ws.device_id).records == len(moved)
    with ws.transaction() as s:
        assert dirty_tables(s) == []  # the count refreshed them
    bundle = export.export_bundle(ws, coordinator_ws.device_id)
    assert bundle.counts == {m.__tablename__: 1 for m in moved}


def test_each_table_alone(family_case, ws, coordinator_ws):
    """One table at a time, so a table answering for another would show."""
    _settled(ws, coordinator_ws)
    waiting = 0
    for model in SYNCED_MODELS:
        if _move_one_row(ws, model) is None:
            continue
        with ws.transaction() as s:
            assert dirty_tables(s) == [model]
            assert refresh(s, ws.device_id, ws.clock.tick) == 1
            assert dirty_tables(s) == []
        waiting += 1  # the rows moved so far wait for the coordinator, this one too
        assert pending.pending_changes(ws, coordinator_ws.device_id).records == waiting, model


def test_nothing_changed_is_one_statement(ws):
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = ws.vault.engine
    with ws.transaction() as s:
        refresh(s, ws.device_id, ws.clock.tick)  # the installation's own rows, once
        event.listen(engine, "before_cursor_execute", count)
        try:
            assert refresh(s, ws.device_id, ws.clock.tick) == 0
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 1, statements
