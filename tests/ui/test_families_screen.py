"""The case list: model/view checks, lazy paging, search as you type, filters, sorting, opening."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app import demo
from app.services import families
from app.ui.families_screen import FamiliesScreen
from app.ui.families_table_model import COLUMNS, FamiliesTableModel, Query
from tests.factories import make_full_case
from tests.ui.conftest import settle


@pytest.fixture
def many(ctx):
    """45 demo families plus the known full case (``family_case``-like data via demo)."""
    demo.generate(ctx.ws, families=45, seed=3)
    return ctx


def loaded(model: FamiliesTableModel, ctx, qtbot) -> FamiliesTableModel:
    settle(ctx, qtbot)
    return model


def column(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.key == key)


def test_model_passes_the_qt_model_tester(many, qtbot, qtmodeltester):
    model = FamiliesTableModel(many, page_size=10)
    model.reload()
    loaded(model, many, qtbot)
    assert model.rowCount() == 10 and model.total == 45
    qtmodeltester.check(model)


def test_lazy_paging_fetches_one_page_at_a_time(many, qtbot):
    model = FamiliesTableModel(many, page_size=20)
    model.reload()
    loaded(model, many, qtbot)
    assert model.rowCount() == 20 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # one fetch at a time
    loaded(model, many, qtbot)
    assert model.rowCount() == 40
    model.fetchMore(QModelIndex())
    loaded(model, many, qtbot)
    assert model.rowCount() == 45 and not model.canFetchMore(QModelIndex())
    ids = [model.family_id(r) for r in range(45)]
    assert len(set(ids)) == 45


def test_stale_results_are_discarded(many, qtbot):
    model = FamiliesTableModel(many, page_size=50)
    model.set_query(Query(text="zzzz-nikt"))
    model.set_query(Query())  # typed past the first search before it answered
    loaded(model, many, qtbot)
    assert model.total == 45 and model.rowCount() == 45
    model.set_query(Query())
    model.set_query(Query(text="zzzz-nikt"))
    loaded(model, many, qtbot)
    assert model.total == 0 and model.rowCount() == 0


def test_search_by_surname_pesel_locality_and_case_number(ctx, family_case, qtbot):
    model = FamiliesTableModel(ctx)
    for text in ("Łęck", "lecka", "85030484082", "narewka"):
        model.set_query(Query(text=text))
        loaded(model, ctx, qtbot)
        assert model.row_of(family_case.family_id) == 0, text
    case_number = model.index(0, column("case_number")).data()
    model.set_query(Query(text=case_number))
    loaded(model, ctx, qtbot)
    assert model.total == 1
    model.set_query(Query(text="Kowalski"))
    loaded(model, ctx, qtbot)
    assert model.total == 0


def test_sorting_by_column_asks_the_database_again(many, qtbot):
    model = FamiliesTableModel(many, page_size=100)
    model.reload()
    loaded(model, many, qtbot)
    name = column("head_name")
    model.sort(name, Qt.SortOrder.AscendingOrder)
    loaded(model, many, qtbot)
    ascending = [model.index(r, name).data() for r in range(model.rowCount())]
    model.sort(name, Qt.SortOrder.DescendingOrder)
    loaded(model, many, qtbot)
    descending = [model.index(r, name).data() for r in range(model.rowCount())]
    assert model.query.sort == "name" and model.query.descending
    assert ascending[0] == descending[-1] and ascending[-1] == descending[0]
    model.sort(column("members"), Qt.SortOrder.AscendingOrder)  # not sortable: ignored
    assert model.query.sort == "name"


def test_overdue_filter_and_highlight(ctx, family_case, qtbot):
    later = date.today() + timedelta(days=200)  # the review planned in 85 days is overdue then
    model = FamiliesTableModel(ctx, today=later)
    model.set_query(Query(overdue=True))
    loaded(model, ctx, qtbot)
    assert model.total == 1
    cell = model.index(0, column("next_review_on"))
    assert "po terminie" in cell.data()
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None
    model.today = date.today()
    model.set_query(Query(overdue=True))
    loaded(model, ctx, qtbot)
    assert model.total == 0


def test_status_and_gmina_filters(coordinator_ctx, qtbot):
    ctx = coordinator_ctx  # families of two gminas: the powiat's coordinator keeps both
    case = make_full_case(ctx.ws)  # Narewka
    other = families.register_family(
        ctx.ws, families.FamilyInput(gmina_code="2005082", locality="Narew")
    )
    model = FamiliesTableModel(ctx)
    model.set_query(Query(status="new"))
    loaded(model, ctx, qtbot)
    assert [model.family_id(r) for r in range(model.rowCount())] == [other.id]
    model.set_query(Query(gmina_code="2005092"))
    loaded(model, ctx, qtbot)
    assert [model.family_id(r) for r in range(model.rowCount())] == [case.family_id]
    model.set_query(Query(gmina_code="2005082"))
    loaded(model, ctx, qtbot)
    assert [model.family_id(r) for r in range(model.rowCount())] == [other.id]


def test_screen_searches_as_you_type_and_opens_with_enter(ctx, family_case, qtbot):
    screen = FamiliesScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    settle(ctx, qtbot)
    assert screen.gmina.findData("2005092") > 0  # gminas of the powiat are offered
    assert screen.count.text() == "1 rodzina"
    qtbot.keyClicks(screen.search, "zzz")
    qtbot.waitUntil(lambda: screen.model.query.text == "zzz", timeout=3_000)
    settle(ctx, qtbot)
    assert screen.model.rowCount() == 0 and screen.count.text() == "0 rodzin"
    screen.search.setText("łęck")
    qtbot.waitUntil(lambda: screen.model.query.text == "łęck", timeout=3_000)
    settle(ctx, qtbot)
    assert screen.model.rowCount() == 1
    screen.search.setFocus()
    screen.search.returnPressed.emit()  # Enter in the search moves to the list
    assert screen.table.currentIndex().row() == 0
    with qtbot.waitSignal(ctx.events.family_opened) as opened:
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opened.args == [family_case.family_id]


def test_screen_filters_reload_and_data_changes_refresh(ctx, family_case, qtbot):
    screen = FamiliesScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    settle(ctx, qtbot)
    screen.status.setCurrentIndex(screen.status.findData("closed"))
    settle(ctx, qtbot)
    assert screen.model.total == 0
    screen.status.setCurrentIndex(0)
    settle(ctx, qtbot)
    new = families.FamilyInput(gmina_code="2005092", locality="Lipiny")
    ctx.runner.run(families.register_family, ctx.ws, new)  # its Changes refresh the screen
    settle(ctx, qtbot)
    assert screen.model.total == 2
    with qtbot.waitSignal(ctx.events.new_family_requested):
        screen.new_button.click()
