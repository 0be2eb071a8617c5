"""The deadline engine: Polish working days, the rules, and ``collect`` over a real database."""

from __future__ import annotations

from datetime import date, timedelta

from app.models.enums import PlanStatus, VisitStatus
from app.services import deadlines, families, plans, reviews, search, visits
from app.services.deadlines import (
    Kind,
    add_months,
    add_working_days,
    first_diagnosis_due,
    is_working_day,
    next_working_day,
    review_due,
    update_due,
    working_days_between,
)


def test_weekends_and_polish_holidays_are_not_working_days():
    assert is_working_day(date(2026, 3, 4))  # a Wednesday
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 3, 8))  # Sunday
    assert not is_working_day(date(2026, 11, 11))  # Independence Day, a Wednesday
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(date(2026, 6, 4))  # Corpus Christi (Thursday)
    assert not is_working_day(date(2026, 12, 24))  # Christmas Eve is a holiday since 2025


def test_next_working_day_skips_a_long_weekend():
    # 1 May 2026 is a Friday, 2–3 May a weekend (3 May is a holiday anyway).
    assert next_working_day(date(2026, 5, 1)) == date(2026, 5, 4)
    assert next_working_day(date(2026, 5, 4)) == date(2026, 5, 4)


def test_fourteen_working_days_across_easter():
    # Opened on Wednesday 1 April 2026: Easter Monday (6 April) does not count.
    assert add_working_days(date(2026, 4, 1), 14) == date(2026, 4, 22)
    assert add_working_days(date(2026, 4, 1), 2) == date(2026, 4, 3)
    # Over Christmas: 24, 25, 26 December and the weekend are skipped.
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)


def test_working_days_between_counts_signed():
    assert working_days_between(date(2026, 4, 1), date(2026, 4, 22)) == 14
    assert working_days_between(date(2026, 4, 22), date(2026, 4, 1)) == -14
    assert working_days_between(date(2026, 4, 1), date(2026, 4, 1)) == 0


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 1, 15), 6) == date(2026, 7, 15)
    assert add_months(date(2025, 12, 10), 2) == date(2026, 2, 10)


def test_review_due_prefers_the_latest_reviews_next_date():
    adopted = date(2026, 1, 5)
    assert review_due(date(2026, 5, 4), date(2026, 2, 1), adopted, 90) == date(2026, 5, 4)
    # Next review planned on a Saturday moves to Monday.
    assert review_due(date(2026, 3, 7), None, adopted, 90) == date(2026, 3, 9)
    # No planned date: adoption + 90 days (5 April 2026 is Easter Sunday → Tuesday 7 April).
    assert review_due(None, None, adopted, 90) == date(2026, 4, 7)
    # A review without a next date: counted from that review.
    assert review_due(None, date(2026, 2, 2), adopted, 30) == date(2026, 3, 4)
    assert review_due(None, None, None, 90) is None


def test_update_due_six_months_after_latest_diagnosis_or_review():
    assert update_due(None, None) is None
    assert update_due(date(2026, 1, 12), None) == date(2026, 7, 13)  # 12 July is a Sunday
    assert update_due(date(2026, 1, 12), date(2026, 3, 2)) == date(2026, 9, 2)


def test_first_diagnosis_urgent_reasons_shorten_the_deadline():
    opened = date(2026, 4, 1)
    assert first_diagnosis_due(opened, ["1", "4"]) == date(2026, 4, 22)
    assert first_diagnosis_due(opened, ["7"]) == date(2026, 4, 3)


def _new_family(ws, opened_on: date, reasons: list[str]) -> str:
    fam = families.register_family(
        ws,
        families.FamilyInput(
            gmina_code="2005092", locality="Narewka", opened_on=opened_on, reasons=reasons
        ),
    )
    return fam.id


def test_collect_lists_the_full_cases_deadlines(ws, family_case):
    today = date.today()
    found = deadlines.collect(ws, today, horizon_days=120)
    mine = [d for d in found if d.family_id == family_case.family_id]
    kinds = {d.kind for d in mine}
    # Review planned 85 days ahead; diagnosis 60 days ago and review 5 days ago → no update yet.
    assert Kind.REVIEW in kinds
    assert Kind.UPDATE not in kinds
    assert Kind.FIRST_DIAGNOSIS not in kinds
    review = next(d for d in mine if d.kind == Kind.REVIEW)
    assert review.due_on == next_working_day(today + timedelta(days=85))
    assert review.case_number and review.record_id == family_case.plan_id
    # Within 30 days nothing of this case is due.
    assert not [d for d in deadlines.collect(ws, today) if d.family_id == family_case.family_id]


def test_collect_overdue_review_plan_end_update_and_visit(ws, family_case):
    later = date.today() + timedelta(days=200)
    found = [d for d in deadlines.collect(ws, later) if d.family_id == family_case.family_id]
    by_kind = {d.kind: d for d in found}
    assert by_kind[Kind.REVIEW].overdue(later)
    assert Kind.UPDATE in by_kind  # six months after the review held 5 days ago
    assert by_kind[Kind.UPDATE].due_on == next_working_day(
        add_months(date.today() - timedelta(days=5), 6)
    )
    assert Kind.PLAN_END not in by_kind  # the plan ends in 300 days
    plan_end_day = date.today() + timedelta(days=300)
    near_end = deadlines.collect(ws, plan_end_day - timedelta(days=10))
    assert any(d.kind == Kind.PLAN_END and d.due_on == plan_end_day for d in near_end)

    visits.save_visit(
        ws,
        family_case.family_id,
        visits.VisitInput(
            visit_on=date.today() + timedelta(days=3),
            status=VisitStatus.PLANNED,
            purpose="Wizyta monitorująca",
        ),
    )
    soon = deadlines.collect(ws, date.today(), horizon_days=7)
    visit = next(d for d in soon if d.kind == Kind.VISIT)
    assert visit.detail == "Wizyta monitorująca" and not visit.overdue(date.today())


def test_collect_new_cases_and_closed_cases(ws):
    opened = date.today() - timedelta(days=30)
    urgent = _new_family(ws, opened, ["7"])
    normal = _new_family(ws, date.today(), ["1"])
    closed = _new_family(ws, opened, ["1"])
    families.close_family(ws, closed, date.today(), "Cel osiągnięty")
    found = {d.family_id: d for d in deadlines.collect(ws, date.today())}
    assert found[urgent].kind == Kind.FIRST_DIAGNOSIS and found[urgent].overdue(date.today())
    assert found[urgent].due_on == add_working_days(opened, 2)
    assert found[normal].due_on == add_working_days(date.today(), 14)
    assert closed not in found


def test_inactive_plans_have_no_review_deadline(ws, family_case):
    plan = plans.save_plan(
        ws,
        family_case.family_id,
        plans.PlanInput(
            period_from=date.today(),
            period_to=date.today() + timedelta(days=10),
            status=PlanStatus.DRAFT,
        ),
    )
    found = deadlines.collect(ws, date.today())
    assert not [d for d in found if d.record_id == plan.id]


def test_summary_counts_overdue_and_due(ws, family_case):
    later = date.today() + timedelta(days=200)
    found = deadlines.collect(ws, later)
    counts = deadlines.summary(found, later)
    assert counts[Kind.REVIEW][0] >= 1
    assert sum(a + b for a, b in counts.values()) == len(found)


# -- one rule for Rodziny and Dziś (issue 10 §6) ---------------------------------------------
def _saturday_after(day: date) -> date:
    return day + timedelta(days=(5 - day.weekday()) % 7 or 7)


def _family_row(ws, family_id: str):
    return next(r for r in search.search_families(ws, limit=500).rows if r.id == family_id)


def test_families_list_and_today_show_one_review_due_date(ws, family_case):
    """A next review noted for a Saturday is due on Monday, in the list as on Dziś."""
    saturday = _saturday_after(date.today() + timedelta(days=10))
    reviews.record_review(
        ws, family_case.plan_id, reviews.ReviewInput(held_on=date.today(), next_review_on=saturday)
    )
    today = {d.family_id: d for d in deadlines.collect(ws, horizon_days=60) if d.kind == "review"}
    row = _family_row(ws, family_case.family_id)
    assert today[family_case.family_id].due_on == next_working_day(saturday) != saturday
    assert row.next_review_on == today[family_case.family_id].due_on


def test_families_list_counts_from_the_plan_before_any_review(ws, family_case):
    """No review with a date yet: the plan's interval counts, as on Dziś (the list showed —)."""
    fam = families.register_family(ws, families.FamilyInput(gmina_code="2005092", locality="X"))
    adopted = date.today() - timedelta(days=100)
    plan = plans.save_plan(
        ws,
        fam.id,
        plans.PlanInput(
            period_from=adopted,
            period_to=adopted + timedelta(days=365),
            adopted_on=adopted,
            status=PlanStatus.ACTIVE,
            review_every_days=90,
        ),
    )
    row = _family_row(ws, fam.id)
    assert row.next_review_on == next_working_day(adopted + timedelta(days=90))
    assert row.overdue(date.today())
    late = search.search_families(ws, overdue_on=date.today(), limit=500).rows
    assert fam.id in {r.id for r in late}
    due = [d for d in deadlines.collect(ws) if d.record_id == plan.id and d.kind == "review"]
    assert [d.due_on for d in due] == [row.next_review_on]


def test_an_inactive_plans_review_is_not_shown_in_the_list(ws, family_case):
    fam = families.register_family(ws, families.FamilyInput(gmina_code="2005092", locality="X"))
    day = date.today() - timedelta(days=10)
    plans.save_plan(
        ws,
        fam.id,
        plans.PlanInput(
            period_from=day, period_to=day + timedelta(days=30), adopted_on=day, status="draft"
        ),
    )
    assert _family_row(ws, fam.id).next_review_on is None
    assert fam.id not in {r.id for r in search.search_families(ws, overdue_on=date.today()).rows}


def test_a_next_visit_noted_at_a_visit_is_on_today(ws, family_case):
    """Dziś counted planned visit records only: "Następna wizyta" in the notes was lost."""
    next_on = date.today() + timedelta(days=6)
    done = visits.save_visit(
        ws,
        family_case.family_id,
        visits.VisitInput(visit_on=date.today(), purpose="Monitoring", next_visit_on=next_on),
    )
    found = [d for d in deadlines.collect(ws, horizon_days=7) if d.kind == Kind.VISIT]
    assert [(d.due_on, d.record_id, d.family_id) for d in found] == [
        (next_on, done.id, family_case.family_id)
    ]
    assert deadlines.summary(found, date.today())[Kind.VISIT] == (0, 1)
    # Once that visit is planned as a record of its own, it is listed once, not twice.
    planned = visits.save_visit(
        ws,
        family_case.family_id,
        visits.VisitInput(visit_on=next_on, status=VisitStatus.PLANNED, purpose="Kontrola"),
    )
    found = [d for d in deadlines.collect(ws, horizon_days=7) if d.kind == Kind.VISIT]
    assert [d.record_id for d in found] == [planned.id]


def test_a_later_visit_replaces_the_noted_next_visit(ws, family_case):
    visits.save_visit(
        ws,
        family_case.family_id,
        visits.VisitInput(
            visit_on=date.today() - timedelta(days=2),
            next_visit_on=date.today() + timedelta(days=3),
        ),
    )
    visits.save_visit(ws, family_case.family_id, visits.VisitInput(visit_on=date.today()))
    assert not [d for d in deadlines.collect(ws, horizon_days=7) if d.kind == Kind.VISIT]
