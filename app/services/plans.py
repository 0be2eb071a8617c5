"""The support plan (IPW): plan period and main goal, goals with GAS, actions, commitments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import Action, Commitment, Family, Goal, Institution, Service, SupportPlan
from app.models.enums import ActionStatus, CommitmentStatus, FamilyStatus, PlanStatus
from app.services import audit
from app.services.common import family_member, get_live, tombstone, upsert
from app.services.date_rules import check_work_date
from app.services.families import advance_status
from app.services.record_rules import RANGES
from app.services.validation import (
    check_choice,
    check_length,
    check_period,
    check_rating,
    require_text,
)
from app.services.workspace import Workspace

MAX_TEXT = 20_000

WEIGHT = RANGES[("goal", "weight")]  # a goal's weight is kept within these bounds


@dataclass
class PlanInput:
    period_from: date
    period_to: date
    main_goal: str = ""
    number: str = ""
    status: str = PlanStatus.DRAFT
    adopted_on: date | None = None
    review_every_days: int = 90
    notes: str = ""


def new_plan(today: date) -> PlanInput:
    """What a new programme starts as: a draft for a year from today, reviewed every 90 days."""
    return PlanInput(period_from=today, period_to=today + timedelta(days=365))


@dataclass
class GoalInput:
    title: str
    description: str = ""
    domain_code: str = ""
    weight: int = 1
    baseline: int = -1
    level_m2: str = ""
    level_m1: str = ""
    level_0: str = ""
    level_p1: str = ""
    level_p2: str = ""


@dataclass
class ActionInput:
    description: str
    goal_id: str | None = None
    institution_id: str | None = None
    sector_code: str = ""
    service_id: str | None = None
    responsible_person: str = ""
    start_on: date | None = None
    end_on: date | None = None
    frequency: str = ""
    status: str = ActionStatus.PLANNED
    drop_reason: str = ""


@dataclass
class CommitmentInput:
    description: str
    person_id: str | None = None
    due_on: date | None = None
    status: str = CommitmentStatus.PENDING


def save_plan(
    ws: Workspace, family_id: str, data: PlanInput, plan_id: str | None = None
) -> SupportPlan:
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        for name in ("period_from", "period_to", "adopted_on"):
            check_work_date(getattr(data, name), name)
        check_period(data.period_from, data.period_to)
        check_choice(data.status, PlanStatus, "status", _("Status"))
        low, high = RANGES[("support_plan", "review_every_days")]
        if not low <= int(data.review_every_days) <= high:
            raise ValidationError(
                _("Reviews are held every {low} to {high} days.").format(low=low, high=high),
                "review_every_days",
            )
        fields = {
            "period_from": data.period_from,
            "period_to": data.period_to,
            "main_goal": check_length(data.main_goal, "main_goal", _("Main goal"), MAX_TEXT),
            "number": check_length(data.number, "number", _("Number"), 40),
            "status": data.status,
            "adopted_on": data.adopted_on,
            "review_every_days": int(data.review_every_days),
            "notes": check_length(data.notes, "notes", _("Notes"), MAX_TEXT),
        }
        if data.status == PlanStatus.ACTIVE and not fields["adopted_on"]:
            fields["adopted_on"] = date.today()
        plan, changed = upsert(s, SupportPlan, plan_id, fields, family_id=family.id)
        if plan.status == PlanStatus.ACTIVE:
            advance_status(s, family, FamilyStatus.PLAN)
        if changed:
            audit.record_save(s, plan_id, "support_plan", plan.id, family.id)
        return plan


def _next_position(s: Session, model: type[Goal | Action | Commitment], plan_id: str) -> int:
    top = s.scalar(select(func.max(model.position)).where(model.plan_id == plan_id))
    return (top or 0) + 1


def save_goal(ws: Workspace, plan_id: str, data: GoalInput, goal_id: str | None = None) -> Goal:
    with ws.transaction() as s:
        plan = get_live(s, SupportPlan, plan_id)
        fields = {
            "title": require_text(data.title, "title", _("Goal"), 500),
            "description": check_length(
                data.description, "description", _("Description"), MAX_TEXT
            ),
            "domain_code": data.domain_code or "",
            "weight": max(WEIGHT[0], min(int(data.weight or 1), WEIGHT[1])),
            "baseline": check_rating(data.baseline, *RANGES[("goal", "baseline")], "baseline"),
        }
        for level in ("level_m2", "level_m1", "level_0", "level_p1", "level_p2"):
            fields[level] = check_length(getattr(data, level), level, _("GAS level"), MAX_TEXT)
        if not fields["level_0"]:
            raise ValidationError(
                _("Describe the expected outcome (level 0 of the scale)."), "level_0"
            )
        goal, changed = upsert(
            s, Goal, goal_id, fields, plan_id=plan.id, position=_next_position(s, Goal, plan.id)
        )
        if changed:
            audit.record_save(s, goal_id, "goal", goal.id, plan.family_id)
        return goal


def remove_goal(ws: Workspace, goal_id: str) -> None:
    with ws.transaction() as s:
        goal = get_live(s, Goal, goal_id)
        plan = get_live(s, SupportPlan, goal.plan_id)
        tombstone(goal)
        audit.record(s, "delete", "goal", goal.id, plan.family_id)


def save_action(
    ws: Workspace, plan_id: str, data: ActionInput, action_id: str | None = None
) -> Action:
    with ws.transaction() as s:
        return save_action_in(s, plan_id, data, action_id)


def save_action_in(
    s: Session, plan_id: str, data: ActionInput, action_id: str | None = None
) -> Action:
    """``save_action`` inside the caller's transaction (e.g. a team decision becoming one)."""
    plan = get_live(s, SupportPlan, plan_id)
    if data.goal_id:
        goal = get_live(s, Goal, data.goal_id)
        if goal.plan_id != plan.id:
            raise ValidationError(_("The goal belongs to another plan."), "goal_id")
    sector = data.sector_code
    if data.institution_id:
        institution = get_live(s, Institution, data.institution_id)
        sector = sector or institution.sector_code
    if data.service_id:
        service = get_live(s, Service, data.service_id)
        sector = sector or service.sector_code
    check_work_date(data.start_on, "start_on")
    check_work_date(data.end_on, "end_on")
    check_period(data.start_on, data.end_on, "end_on")
    check_choice(data.status, ActionStatus, "status", _("Status"))
    if data.status == ActionStatus.DROPPED and not data.drop_reason.strip():
        raise ValidationError(_("Say why the action was dropped."), "drop_reason")
    if not data.institution_id and not data.responsible_person.strip():
        raise ValidationError(
            _("Say who carries out the action (an institution or a person)."), "institution_id"
        )
    fields = {
        "description": require_text(data.description, "description", _("Action"), MAX_TEXT),
        "goal_id": data.goal_id or None,
        "institution_id": data.institution_id or None,
        "sector_code": sector or "",
        "service_id": data.service_id or None,
        "responsible_person": check_length(
            data.responsible_person, "responsible_person", _("Responsible person"), 200
        ),
        "start_on": data.start_on,
        "end_on": data.end_on,
        "frequency": check_length(data.frequency, "frequency", _("Frequency"), 100),
        "status": data.status,
        "drop_reason": check_length(data.drop_reason, "drop_reason", _("Reason"), MAX_TEXT),
    }
    action, changed = upsert(
        s,
        Action,
        action_id,
        fields,
        plan_id=plan.id,
        position=_next_position(s, Action, plan.id),
    )
    if changed:
        audit.record_save(s, action_id, "action", action.id, plan.family_id)
    return action


def remove_action(ws: Workspace, action_id: str) -> None:
    with ws.transaction() as s:
        action = get_live(s, Action, action_id)
        plan = get_live(s, SupportPlan, action.plan_id)
        tombstone(action)
        audit.record(s, "delete", "action", action.id, plan.family_id)


def save_commitment(
    ws: Workspace, plan_id: str, data: CommitmentInput, commitment_id: str | None = None
) -> Commitment:
    with ws.transaction() as s:
        plan = get_live(s, SupportPlan, plan_id)
        family_member(s, plan.family_id, data.person_id, "person_id")
        check_choice(data.status, CommitmentStatus, "status", _("Status"))
        check_work_date(data.due_on, "due_on")
        fields = {
            "description": require_text(data.description, "description", _("Commitment"), MAX_TEXT),
            "person_id": data.person_id or None,
            "due_on": data.due_on,
            "status": data.status,
        }
        item, changed = upsert(
            s,
            Commitment,
            commitment_id,
            fields,
            plan_id=plan.id,
            position=_next_position(s, Commitment, plan.id),
        )
        if changed:
            audit.record_save(s, commitment_id, "commitment", item.id, plan.family_id)
        return item


def remove_commitment(ws: Workspace, commitment_id: str) -> None:
    with ws.transaction() as s:
        item = get_live(s, Commitment, commitment_id)
        plan = get_live(s, SupportPlan, item.plan_id)
        tombstone(item)
        audit.record(s, "delete", "commitment", item.id, plan.family_id)
