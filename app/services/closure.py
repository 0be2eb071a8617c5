"""Zamknięcie: the outcome of each IPW, the closing summary talk, and reopening a closed case.

Each IPW ends with an outcome (achieved, partly, not achieved, broken off) and its reason; the
closing summary talk with the family (rozmowa podsumowująca) is recorded with it and prints.
The plan becomes completed (or cancelled when the cooperation was broken off); when no other
plan of the case is still in force, the case closes on the same day.  A closed case reopens
as a new IPW that points to the one before it, so the history stays whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.errors import ValidationError
from app.i18n import _
from app.models import Family, PlanClosure, SupportPlan
from app.models.enums import FamilyStatus, PlanOutcome, PlanStatus
from app.services import audit
from app.services.common import apply, get_live
from app.services.deadlines import add_months
from app.services.validation import check_choice, check_length, require_text
from app.services.workspace import Workspace

MAX_TEXT = 50_000


@dataclass
class ClosureInput:
    closed_on: date
    outcome: str  # PlanOutcome
    reason: str
    talk_on: date | None = None
    talk_present: str = ""
    talk_summary: str = ""
    family_opinion: str = ""
    recommendations: str = ""


# A programme still in force (not completed or cancelled): the ones a closure may end, and while
# one is left the case stays open.
OPEN_PLAN_STATUSES = (PlanStatus.ACTIVE, PlanStatus.DRAFT)


def open_plans(plans: Sequence[SupportPlan]) -> list[SupportPlan]:
    """The programmes still in force, which a closure may end (the form offers these)."""
    return [p for p in plans if p.status in OPEN_PLAN_STATUSES]


def close_plan(ws: Workspace, plan_id: str, data: ClosureInput) -> PlanClosure:
    """Close one IPW with its outcome; closes the case when no other plan is in force."""
    if not plan_id:
        raise ValidationError(_("Choose the programme to close."), "plan_id")
    check_choice(data.outcome, PlanOutcome, "outcome", _("Outcome"))
    with ws.transaction() as s:
        plan = get_live(s, SupportPlan, plan_id)
        family = get_live(s, Family, plan.family_id)
        if plan.status not in OPEN_PLAN_STATUSES:
            raise ValidationError(_("This plan has already been closed."), "plan_id")
        existing = s.scalar(
            select(PlanClosure).where(
                PlanClosure.plan_id == plan.id, PlanClosure.deleted.is_(False)
            )
        )
        if existing is not None:
            raise ValidationError(_("This plan has already been closed."), "plan_id")
        if data.closed_on > date.today():
            raise ValidationError(_("The closing date is in the future."), "closed_on")
        if data.closed_on < plan.period_from:
            raise ValidationError(_("A plan cannot close before its period starts."), "closed_on")
        if data.talk_on is not None and (
            data.talk_on > date.today() or data.talk_on < plan.period_from
        ):
            raise ValidationError(
                _("The summary talk must fall within the plan, and not in the future."),
                "talk_on",
            )
        closure = PlanClosure(
            family_id=family.id,
            plan_id=plan.id,
            closed_on=data.closed_on,
            outcome=data.outcome,
            reason=require_text(data.reason, "reason", _("Reason"), MAX_TEXT),
            talk_on=data.talk_on,
            talk_present=check_length(data.talk_present, "talk_present", _("Present"), 500),
            talk_summary=check_length(
                data.talk_summary, "talk_summary", _("Summary of the talk"), MAX_TEXT
            ),
            family_opinion=check_length(
                data.family_opinion, "family_opinion", _("Opinion of the family"), MAX_TEXT
            ),
            recommendations=check_length(
                data.recommendations, "recommendations", _("Recommendations"), MAX_TEXT
            ),
        )
        s.add(closure)
        status = (
            PlanStatus.CANCELLED if data.outcome == PlanOutcome.DROPPED else (PlanStatus.COMPLETED)
        )
        apply(plan, status=status)
        s.flush()
        audit.record(s, "create", "plan_closure", closure.id, family.id, detail=data.outcome)
        still_open = s.scalar(
            select(SupportPlan.id).where(
                SupportPlan.family_id == family.id,
                SupportPlan.deleted.is_(False),
                SupportPlan.status.in_(OPEN_PLAN_STATUSES),
            )
        )
        if still_open is None and family.status != FamilyStatus.CLOSED:
            apply(family, status=FamilyStatus.CLOSED, closed_on=data.closed_on)
            audit.record(s, "update", "family", family.id, family.id, detail="closed")
        return closure


def closures(ws: Workspace, family_id: str) -> list[PlanClosure]:
    with ws.transaction() as s:
        get_live(s, Family, family_id)
        return list(
            s.scalars(
                select(PlanClosure)
                .where(PlanClosure.family_id == family_id, PlanClosure.deleted.is_(False))
                .order_by(PlanClosure.closed_on)
            )
        )


@dataclass
class ReopenInput:
    reopened_on: date
    reason: str
    period_months: int = 12


def reopen_case(ws: Workspace, family_id: str, data: ReopenInput) -> SupportPlan:
    """Reopen a closed case as a new draft IPW that follows the last closed one."""
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        if family.status != FamilyStatus.CLOSED:
            raise ValidationError(_("Only a closed case can be reopened."), "family_id")
        if data.reopened_on > date.today():
            raise ValidationError(_("The reopening date is in the future."), "reopened_on")
        if family.closed_on is not None and data.reopened_on < family.closed_on:
            raise ValidationError(_("A case cannot reopen before it was closed."), "reopened_on")
        if not 1 <= int(data.period_months) <= 36:
            raise ValidationError(_("A plan runs for 1 to 36 months."), "period_months")
        reason = require_text(data.reason, "reason", _("Reason"), MAX_TEXT)
        previous = s.scalar(
            select(SupportPlan)
            .where(SupportPlan.family_id == family.id, SupportPlan.deleted.is_(False))
            .order_by(SupportPlan.period_to.desc(), SupportPlan.id)
            .limit(1)
        )
        plan = SupportPlan(
            family_id=family.id,
            period_from=data.reopened_on,
            period_to=add_months(data.reopened_on, int(data.period_months)) - timedelta(days=1),
            status=PlanStatus.DRAFT,
            previous_plan_id=previous.id if previous else None,
            notes=reason,
        )
        s.add(plan)
        apply(family, status=FamilyStatus.PLAN, closed_on=None)
        s.flush()
        audit.record(s, "create", "support_plan", plan.id, family.id, detail="reopened")
        audit.record(s, "update", "family", family.id, family.id, detail="reopened")
        return plan
