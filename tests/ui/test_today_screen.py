"""The Today screen: deadlines of the cases, overdue first in red, Enter opens the family."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from app.models.enums import VisitStatus
from app.services import deadlines, families, visits
from app.services.deadlines import Kind
from app.ui.deadlines_table_model import DeadlinesTableModel, when_text
from app.ui.today_screen import TodayScreen
from tests.ui.conftest import settle


def test_model_passes_the_qt_model_tester(ctx, family_case, qtbot, qtmodeltester):
    later = date.today() + timedelta(days=200)
    model = DeadlinesTableModel(later)
    model.set_rows(deadlines.collect(ctx.ws, later), later)
    assert model.rowCount() >= 2
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_when_text_in_polish():
    today = date(2026, 4, 1)
    d = deadlines.Deadline(Kind.REVIEW, date(2026, 3, 30), "f", "1/2026", "Nowak", "p")
    assert when_text(d, today) == "2 dni po terminie"
    d = deadlines.Deadline(Kind.REVIEW, date(2026, 4, 8), "f", "1/2026", "Nowak", "p")
    assert when_text(d, today) == "za 4 dni robocze"  # Easter Monday does not count
    d = deadlines.Deadline(Kind.REVIEW, today, "f", "1/2026", "Nowak", "p")
    assert when_text(d, today) == "dziś"


def test_screen_lists_deadlines_and_opens_the_family(ctx, qtbot):
    opened = date.today() - timedelta(days=40)
    urgent = families.register_family(
        ctx.ws,
        families.FamilyInput(
            gmina_code="2005092", locality="Narewka", opened_on=opened, reasons=["7"]
        ),
    )
    visits.save_visit(
        ctx.ws,
        urgent.id,
        visits.VisitInput(
            visit_on=date.today() + timedelta(days=2),
            status=VisitStatus.PLANNED,
            purpose="Wizyta w sprawie przemocy",
        ),
    )
    screen = TodayScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    settle(ctx, qtbot)
    model = screen.model
    kinds = {model.deadline(r).kind for r in range(model.rowCount())}
    assert kinds == {Kind.FIRST_DIAGNOSIS, Kind.VISIT}
    first = model.deadline(0)
    assert first.kind == Kind.FIRST_DIAGNOSIS and first.overdue(date.today())
    assert model.index(0, 1).data().endswith("po terminie")
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "1 po terminie" in screen.summary_labels[Kind.FIRST_DIAGNOSIS].text()
    assert "2 terminy" in screen.status.text()

    screen.kind.setCurrentIndex(screen.kind.findData("visit"))
    assert model.rowCount() == 1 and model.index(0, 5).data() == "Wizyta w sprawie przemocy"
    screen.table.setFocus()
    screen.table.setCurrentIndex(model.index(0, 0))
    with qtbot.waitSignal(ctx.events.family_opened) as signal:
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert signal.args == [urgent.id]


def test_screen_refreshes_on_changes_and_horizon(ctx, family_case, qtbot):
    screen = TodayScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    settle(ctx, qtbot)
    assert screen.model.rowCount() == 0  # the full case has nothing due within 30 days
    screen.horizon.setCurrentIndex(screen.horizon.findData(90))
    settle(ctx, qtbot)
    assert [screen.model.deadline(r).kind for r in range(screen.model.rowCount())] == [Kind.REVIEW]
    new = families.FamilyInput(gmina_code="2005092", locality="Lipiny")
    ctx.runner.run(families.register_family, ctx.ws, new)  # its Changes refresh the screen
    settle(ctx, qtbot)
    assert screen.model.rowCount() == 2


def test_a_next_visit_noted_at_a_visit_is_counted_on_today(ctx, qtbot):
    """Issue 10 §6: Dziś said "Zaplanowana wizyta: 0" although a visit note named the next one."""
    family = families.register_family(
        ctx.ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    visits.save_visit(
        ctx.ws,
        family.id,
        visits.VisitInput(
            visit_on=date.today(),
            status=VisitStatus.DONE,
            purpose="Rozmowa z matką",
            next_visit_on=date.today() + timedelta(days=5),
        ),
    )
    screen = TodayScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    settle(ctx, qtbot)
    assert screen.summary_labels[Kind.VISIT].text() == "0 po terminie, 1 nadchodzący"
    screen.kind.setCurrentIndex(screen.kind.findData("visit"))
    assert [screen.model.deadline(r).due_on for r in range(screen.model.rowCount())] == [
        date.today() + timedelta(days=5)
    ]


def test_today_and_the_families_list_show_one_review_date(ctx, family_case, qtbot):
    """Issue 10 §6: Rodziny said 28.11 and Dziś 30.11 for the same review."""
    from app.ui.families_table_model import COLUMNS, FamiliesTableModel

    screen = TodayScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.horizon.setCurrentIndex(screen.horizon.count() - 1)  # the longest period
    settle(ctx, qtbot)
    reviews = [
        screen.model.deadline(r)
        for r in range(screen.model.rowCount())
        if screen.model.deadline(r).kind == Kind.REVIEW
    ]
    assert len(reviews) == 1
    model = FamiliesTableModel(ctx)
    model.reload()
    settle(ctx, qtbot)
    assert model.rowCount() == 1
    column = next(i for i, c in enumerate(COLUMNS) if c.key == "next_review_on")
    assert model.index(0, column).data() == reviews[0].due_on.strftime("%d.%m.%Y")
