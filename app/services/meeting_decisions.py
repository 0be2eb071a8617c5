"""Decisions of a team's meeting about one family: recorded, listed, turned into an IPW action.

A decision is case data (``MeetingDecision``): it is refused for a family outside the team's area
(its TERYT code: a gmina's, or a powiat's with all its gminas) or one the team has no basis to be
told of (``rodo.team_gate``), and may become an action of the family's IPW in force
(``decision_to_action``).  The agenda and the institutions' task lists are
``app.services.meetings``, which re-exports these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.errors import ValidationError
from app.i18n import _
from app.models import (
    Action,
    CooperationTeam,
    Family,
    Institution,
    MeetingDecision,
    SupportPlan,
    TeamMeeting,
)
from app.models.enums import FamilyStatus, PlanStatus
from app.services import audit, plans
from app.services.common import get_live
from app.services.rodo import team_gate
from app.services.validation import require_text
from app.services.workspace import Workspace


def in_area(team: CooperationTeam, gmina_code: str) -> bool:
    return not team.teryt_code or gmina_code.startswith(team.teryt_code)


@dataclass
class DecisionInput:
    family_id: str
    text: str
    institution_id: str | None = None
    due_on: date | None = None


def add_decision(ws: Workspace, meeting_id: str, data: DecisionInput) -> MeetingDecision:
    if not data.family_id:
        raise ValidationError(_("Choose the case the decision is about."), "family_id")
    with ws.transaction() as s:
        meeting = get_live(s, TeamMeeting, meeting_id)
        team = get_live(s, CooperationTeam, meeting.team_id)
        family = get_live(s, Family, data.family_id)
        if not in_area(team, family.gmina_code):
            raise ValidationError(_("The family lives outside the team's area."), "family_id")
        basis = team_gate.team_basis(s, team, meeting.held_on)
        if not basis.allows(family.id):
            raise ValidationError(team_gate.decision_refusal(s, basis, family.id), "family_id")
        if data.institution_id:
            get_live(s, Institution, data.institution_id)
        if data.due_on is not None and data.due_on < meeting.held_on:
            raise ValidationError(_("The deadline comes before the meeting."), "due_on")
        top = s.scalar(
            select(func.max(MeetingDecision.position)).where(
                MeetingDecision.meeting_id == meeting.id
            )
        )
        decision = MeetingDecision(
            family_id=family.id,
            meeting_id=meeting.id,
            position=(top or 0) + 1,
            text=require_text(data.text, "text", _("Decision"), 20_000),
            institution_id=data.institution_id or None,
            due_on=data.due_on,
        )
        s.add(decision)
        s.flush()
        audit.record(s, "create", "meeting_decision", decision.id, family.id)
        return decision


def decisions(ws: Workspace, meeting_id: str) -> list[MeetingDecision]:
    with ws.transaction() as s:
        get_live(s, TeamMeeting, meeting_id)
        rows = list(
            s.scalars(
                select(MeetingDecision)
                .where(MeetingDecision.meeting_id == meeting_id, MeetingDecision.deleted.is_(False))
                .order_by(MeetingDecision.position)
            )
        )
        for r in rows:
            _unused = r.institution
        return rows


def decision_to_action(ws: Workspace, decision_id: str, goal_id: str | None = None) -> Action:
    """Turn a decision into an action of the family's IPW in force (once), in one transaction."""
    with ws.transaction() as s:
        decision = get_live(s, MeetingDecision, decision_id)
        if decision.action_id:
            raise ValidationError(_("This decision is already an action of the IPW."), "action")
        meeting = get_live(s, TeamMeeting, decision.meeting_id)
        plan_id = s.scalar(
            select(SupportPlan.id)
            .where(
                SupportPlan.family_id == decision.family_id,
                SupportPlan.deleted.is_(False),
                SupportPlan.status == PlanStatus.ACTIVE,
            )
            .order_by(SupportPlan.period_from.desc())
            .limit(1)
        )
        if plan_id is None:
            raise ValidationError(
                _("The family has no IPW in force to add the action to."), "plan_id"
            )
        action = plans.save_action_in(
            s,
            plan_id,
            plans.ActionInput(
                description=decision.text,
                goal_id=goal_id,
                institution_id=decision.institution_id,
                responsible_person="" if decision.institution_id else ws.actor,
                start_on=meeting.held_on,
                end_on=decision.due_on,
            ),
        )
        decision.action_id = action.id
        audit.record(
            s, "update", "meeting_decision", decision.id, decision.family_id, detail="action"
        )
        return action


@dataclass(frozen=True)
class DecisionRow:
    """A decision as listed at its meeting: the case by its number only."""

    id: str
    family_id: str
    position: int
    case_number: str
    text: str
    institution: str
    due_on: date | None
    action_id: str | None


def decision_rows(ws: Workspace, meeting_id: str) -> list[DecisionRow]:
    with ws.transaction() as s:
        get_live(s, TeamMeeting, meeting_id)
        q = (
            select(MeetingDecision, Family.case_number, Institution.short_name, Institution.name)
            .join(Family, Family.id == MeetingDecision.family_id)
            .outerjoin(Institution, Institution.id == MeetingDecision.institution_id)
            .where(MeetingDecision.meeting_id == meeting_id, MeetingDecision.deleted.is_(False))
            .order_by(MeetingDecision.position)
        )
        return [
            DecisionRow(
                d.id, d.family_id, d.position, number, d.text, short or name or "", d.due_on,
                d.action_id,
            )
            for d, number, short, name in s.execute(q)
        ]  # fmt: skip


def area_cases(ws: Workspace, team_id: str) -> list[tuple[str, str]]:
    """(family id, case number) of the open cases in the team's area, by case number: the
    families a decision of its meeting may be about."""
    with ws.transaction() as s:
        team = get_live(s, CooperationTeam, team_id)
        rows = s.execute(
            select(Family.id, Family.case_number, Family.gmina_code).where(
                Family.deleted.is_(False), Family.status != FamilyStatus.CLOSED
            )
        )
        out = [(fid, number) for fid, number, gmina in rows if in_area(team, gmina)]
    return sorted(out, key=lambda r: r[1])
