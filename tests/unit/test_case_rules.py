"""The rules of the support plan, the monitoring review and the consent, each tested directly.

Every refused input names the field at fault and changes nothing: the whole database (with its
audit log) reads the same afterwards.  A review refused half-way (after its row was flushed)
must leave no review behind either.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import AuditEvent, Consent
from app.services import consents, dump, plans, reviews

TODAY = date.today()


def state(ws) -> tuple[str, list[tuple[str, str]]]:
    """Every record, and the audit trail less the dumps this check itself makes."""
    records = dump.dump_json(ws)
    with ws.transaction() as s:
        trail = s.execute(
            select(AuditEvent.action, AuditEvent.entity)
            .where(AuditEvent.action != "export")
            .order_by(AuditEvent.seq)
        ).all()
    return records, [tuple(row) for row in trail]


def refused(ws, field: str, call, *args) -> None:
    """``call(ws, *args)`` raises a ValidationError for ``field`` and the database is unchanged."""
    before = state(ws)
    with pytest.raises(ValidationError) as caught:
        call(ws, *args)
    assert caught.value.field == field
    assert state(ws) == before


# -- the support plan (IPW) ------------------------------------------------------------------
def plan_input(**changes) -> plans.PlanInput:
    base = {"period_from": TODAY, "period_to": TODAY + timedelta(days=180)}
    return plans.PlanInput(**{**base, **changes})


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"period_to": TODAY - timedelta(days=1)}, "period_to"),
        ({"review_every_days": 6}, "review_every_days"),
        ({"review_every_days": 367}, "review_every_days"),
        ({"status": "approved-by-nobody"}, "status"),
        ({"number": "9" * 41}, "number"),
    ],
)
def test_a_plan_is_refused_for(ws, family_case, changes, field):
    refused(ws, field, plans.save_plan, family_case.family_id, plan_input(**changes))


def test_a_plan_takes_the_limits_of_its_review_interval(ws, family_case):
    for days in (7, 366):
        plan = plans.save_plan(ws, family_case.family_id, plan_input(review_every_days=days))
        assert plan.review_every_days == days


def test_an_active_plan_is_adopted_today_unless_told(ws, family_case):
    plan = plans.save_plan(ws, family_case.family_id, plan_input(status="active"))
    assert plan.adopted_on == TODAY


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"level_0": ""}, "level_0"),
        ({"baseline": 3}, "baseline"),
    ],
)
def test_a_goal_is_refused_for(ws, family_case, changes, field):
    goal = plans.GoalInput(**{"title": "Praca", "level_0": "Umowa o pracę", **changes})
    refused(ws, field, plans.save_goal, family_case.plan_id, goal)


def test_an_action_needs_someone_to_do_it_and_a_reason_to_drop_it(ws, family_case):
    nobody = plans.ActionInput("Kurs zawodowy")
    refused(ws, "institution_id", plans.save_action, family_case.plan_id, nobody)
    dropped = plans.ActionInput("Kurs zawodowy", responsible_person="A. Nowak", status="dropped")
    refused(ws, "drop_reason", plans.save_action, family_case.plan_id, dropped)
    backwards = plans.ActionInput(
        "Kurs zawodowy",
        responsible_person="A. Nowak",
        start_on=TODAY,
        end_on=TODAY - timedelta(days=1),
    )
    refused(ws, "end_on", plans.save_action, family_case.plan_id, backwards)


def test_an_action_cannot_serve_another_plans_goal(ws, family_case):
    other = plans.save_plan(ws, family_case.family_id, plan_input())
    stray = plans.ActionInput(
        "Kurs", goal_id=family_case.goal_ids[0], responsible_person="A. Nowak"
    )
    refused(ws, "goal_id", plans.save_action, other.id, stray)


# -- the monitoring review -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("review", "field"),
    [
        (reviews.ReviewInput(held_on=TODAY + timedelta(days=1)), "held_on"),
        (reviews.ReviewInput(held_on=TODAY, next_review_on=TODAY), "next_review_on"),
        (
            reviews.ReviewInput(held_on=TODAY, domain_ratings=[reviews.DomainRatingInput("x", 0)]),
            "domain_ratings",
        ),
    ],
)
def test_a_review_is_refused_for(ws, family_case, review, field):
    refused(ws, field, reviews.record_review, family_case.plan_id, review)


def test_a_review_refused_after_its_row_was_written_leaves_nothing(ws, family_case):
    """The goal scores are checked after the review row is flushed: all of it rolls back."""
    goal = family_case.goal_ids[0]
    too_high = reviews.ReviewInput(held_on=TODAY, goal_scores=[reviews.GoalScoreInput(goal, 3)])
    refused(ws, "goal_scores", reviews.record_review, family_case.plan_id, too_high)
    other = plans.save_plan(ws, family_case.family_id, plan_input())
    foreign = reviews.ReviewInput(held_on=TODAY, goal_scores=[reviews.GoalScoreInput(goal, 1)])
    refused(ws, "goal_scores", reviews.record_review, other.id, foreign)
    wrong_action = reviews.ReviewInput(
        held_on=TODAY,
        action_statuses=[reviews.ActionStatusInput(family_case.action_ids[0], "finished-ish")],
    )
    refused(ws, "action_statuses", reviews.record_review, family_case.plan_id, wrong_action)


def test_gas_t_score_follows_kiresuk_sherman():
    assert reviews.gas_t_score([]) is None
    assert reviews.gas_t_score([(0, 1), (0, 3)]) == 50
    # One goal at +1: T = 50 + 10·w / √((1−ρ)w² + ρw²) = 60 whatever the weight.
    assert reviews.gas_t_score([(1, 4)]) == pytest.approx(60)
    # Two equal goals at −1, ρ = 0.3: 50 − 20 / √(0.7·2 + 0.3·4) = 37.5965…
    assert reviews.gas_t_score([(-1, 1), (-1, 1)]) == pytest.approx(37.5965, abs=1e-4)


# -- the consent -----------------------------------------------------------------------------
def test_a_consent_is_refused_for(ws, family_case):
    family = family_case.family_id
    institution = next(iter(family_case.institution_ids.values()))

    def consent(**changes) -> consents.ConsentInput:
        base = {"signed_on": TODAY, "institution_ids": [institution]}
        return consents.ConsentInput(**{**base, **changes})

    refused(ws, "signed_on", consents.save_consent, family, consent(signed_on=TODAY + timedelta(1)))
    ends_early = consent(valid_until=TODAY - timedelta(days=1))
    refused(ws, "valid_until", consents.save_consent, family, ends_early)
    refused(ws, "institution_ids", consents.save_consent, family, consent(institution_ids=[]))


def test_a_consent_cannot_be_withdrawn_before_it_was_signed(ws, family_case):
    with ws.transaction() as s:
        signed = s.get(Consent, family_case.consent_id).signed_on
    early = signed - timedelta(days=1)
    refused(ws, "on", consents.withdraw_consent, family_case.consent_id, early)


def test_a_consent_is_in_force_until_it_ends_or_is_withdrawn():
    day = date(2026, 3, 10)
    open_ended = Consent(signed_on=day - timedelta(days=30), valid_until=None, withdrawn_on=None)
    assert open_ended.active_on(day)
    ends = Consent(signed_on=day - timedelta(days=30), valid_until=day, withdrawn_on=None)
    assert ends.active_on(day)  # the last day still counts
    assert not ends.active_on(day + timedelta(days=1))
    withdrawn = Consent(signed_on=day - timedelta(days=30), valid_until=None, withdrawn_on=day)
    assert withdrawn.active_on(day - timedelta(days=1))
    assert not withdrawn.active_on(day)  # withdrawn that day: no longer in force


def test_a_new_programme_starts_as_a_draft_for_a_year_reviewed_every_90_days(ws, family_case):
    new = plans.new_plan(date(2026, 3, 1))
    assert (new.period_from, new.period_to) == (date(2026, 3, 1), date(2027, 3, 1))
    assert (new.status, new.review_every_days, new.adopted_on) == ("draft", 90, None)
    saved = plans.save_plan(ws, family_case.family_id, new)  # the defaults pass the rules
    assert saved.review_every_days == 90


def test_the_review_interval_refusal_names_the_bounds_the_records_keep(ws, family_case):
    with pytest.raises(ValidationError) as info:
        plans.save_plan(ws, family_case.family_id, plan_input(review_every_days=400))
    assert "co 7 do 366 dni" in info.value.message  # the bounds of record_rules.RANGES


def test_the_closing_form_offers_exactly_the_programmes_a_closure_may_end(ws, family_case):
    """One rule (``closure.open_plans``) for the form's choices and the service's refusal."""
    from app.models import SupportPlan
    from app.models.enums import PlanStatus
    from app.services import closure

    offered = {p.status for p in closure.open_plans([SupportPlan(status=s) for s in PlanStatus])}
    assert offered == {PlanStatus.ACTIVE, PlanStatus.DRAFT}
    data = closure.ClosureInput(closed_on=date.today(), outcome="achieved", reason="Cel.")
    closure.close_plan(ws, family_case.plan_id, data)
    with pytest.raises(ValidationError) as err:  # completed now: no longer offered, refused
        closure.close_plan(ws, family_case.plan_id, data)
    assert err.value.field == "plan_id"
