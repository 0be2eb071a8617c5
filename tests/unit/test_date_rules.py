"""Plausible dates, checked by the services for every way in: a next visit after the visit, no
programme in the year 3103, no birth in the future or before 1900."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.errors import ValidationError
from app.services import persons, plans, visits
from app.services.date_rules import check_work_date, latest_work_date


def test_a_next_visit_on_the_visits_own_day_is_refused(ws, family_case):
    day = date.today() - timedelta(days=3)
    data = visits.VisitInput(visit_on=day, next_visit_on=day)
    with pytest.raises(ValidationError) as err:
        visits.save_visit(ws, family_case.family_id, data)
    assert err.value.field == "next_visit_on"
    data.next_visit_on = day + timedelta(days=1)
    assert visits.save_visit(ws, family_case.family_id, data).next_visit_on == data.next_visit_on


def test_a_programme_ending_in_3103_is_refused_with_a_polish_message(ws, family_case):
    data = plans.PlanInput(period_from=date(2026, 12, 1), period_to=date(3103, 12, 1))
    with pytest.raises(ValidationError) as err:
        plans.save_plan(ws, family_case.family_id, data)
    assert err.value.field == "period_to"
    assert "01.12.3103" in err.value.message and "niewiarygodna" in err.value.message


def test_an_action_in_1926_is_refused(ws, family_case):
    data = plans.ActionInput(
        goal_id=family_case.goal_ids[0], description="x", start_on=date(1926, 1, 5)
    )
    with pytest.raises(ValidationError) as err:
        plans.save_action(ws, family_case.plan_id, data)
    assert err.value.field == "start_on"


@pytest.mark.parametrize(
    "born", [date.today() + timedelta(days=1), date(1899, 12, 31)], ids=["future", "before-1900"]
)
def test_implausible_birth_dates_are_refused(ws, family_case, born):
    data = persons.PersonInput(
        first_name="Ala",
        last_name="Nowak",
        birth_date=born,
        relation="child",
        document_type="passport",
        document_number="EA1234567",
    )
    with pytest.raises(ValidationError) as err:
        persons.add_person(ws, family_case.family_id, data)
    assert err.value.field == "birth_date"


def test_the_window_for_work_dates():
    today = date(2026, 12, 1)
    assert latest_work_date(today) == date(2036, 12, 1)
    assert latest_work_date(date(2028, 2, 29)) == date(2038, 2, 28)
    check_work_date(date(1990, 1, 1), "x", today)
    check_work_date(date(2036, 12, 1), "x", today)
    with pytest.raises(ValidationError):
        check_work_date(date(2036, 12, 2), "x", today)
