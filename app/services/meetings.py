"""Posiedzenie zespołu: the agenda from what is due, each institution's task list, decisions.

* The **agenda** of a meeting lists what is due in the team's area by the meeting day: IPW
  reviews due, actions past their end date and not done, referrals awaiting the team's decision.
  Items name cases by their case number only (the agenda goes to every member institution),
  and only cases the team has a basis to be told of (``rodo.team_gate``): the rest is counted.
* An institution's **task list** holds its open actions across families, but only for families
  whose consent in force on that day names the institution (RODO: the family decides who sees
  its data).
* A **decision** about one family is case data (``MeetingDecision``), refused without the same
  basis, and may become an action of the family's IPW in force: ``app.services.meeting_decisions``
  (its use cases are re-exported here, so callers name one module for a meeting's work).

The team's area is its TERYT code: a gmina's code, or a powiat's (all its gminas).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from app.i18n import _, ngettext
from app.models import (
    Action,
    CooperationTeam,
    Family,
    Institution,
    Referral,
    SupportPlan,
)
from app.models.enums import ActionStatus, FamilyStatus, PlanStatus, ReferralDecision
from app.services import audit, deadlines
from app.services.common import get_live
from app.services.meeting_decisions import DecisionInput as DecisionInput
from app.services.meeting_decisions import DecisionRow as DecisionRow
from app.services.meeting_decisions import add_decision as add_decision
from app.services.meeting_decisions import area_cases as area_cases
from app.services.meeting_decisions import decision_rows as decision_rows
from app.services.meeting_decisions import decision_to_action as decision_to_action
from app.services.meeting_decisions import decisions as decisions
from app.services.meeting_decisions import in_area
from app.services.rodo import team_gate
from app.services.rodo.basis import consenting_families
from app.services.workspace import Workspace

OPEN_ACTIONS = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


def _open_in_force() -> tuple[ColumnElement[bool], ...]:
    """An action still to be done (planned or under way) of a programme in force: what is late
    on the agenda and what stands on an institution's task list."""
    return (
        Action.deleted.is_(False),
        Action.status.in_(OPEN_ACTIONS),
        SupportPlan.deleted.is_(False),
        SupportPlan.status == PlanStatus.ACTIVE,
    )


# -- agenda -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AgendaItem:
    kind: str  # "review", "late_action", "referral"
    due_on: date
    family_id: str
    case_number: str
    record_id: str  # for late actions: the one longest overdue
    detail: str = ""
    count: int = 1  # late actions of the case, taken up as one matter

    @property
    def label(self) -> str:
        if self.kind == "late_action":
            return ngettext(
                "{n} action past its end date", "{n} actions past their end date", self.count
            ).format(n=self.count)
        return {
            "review": _("IPW review due"),
            "referral": _("Referral awaiting the team's decision"),
        }[self.kind]


@dataclass(frozen=True)
class Agenda:
    """What is due, and what was withheld for want of a basis to share it with the team."""

    items: list[AgendaItem]
    withheld: dict[str, int]  # reason code -> matters left out (``team_gate.TEAM_REASONS``)

    @property
    def withheld_text(self) -> str:
        return team_gate.agenda_withheld_text(self.withheld)


def agenda(ws: Workspace, team_id: str, on: date) -> Agenda:
    """What the team should take up at a meeting held ``on``, earliest first: only the matters
    it has a basis to be told of (``team_gate``), the rest counted by reason."""
    reviews = [
        d
        for d in deadlines.collect(ws, today=on, horizon_days=0)
        if d.kind == deadlines.Kind.REVIEW
    ]
    with ws.transaction() as s:
        team = get_live(s, CooperationTeam, team_id)
        families = {
            fid: (number, gmina)
            for fid, number, gmina in s.execute(
                select(Family.id, Family.case_number, Family.gmina_code).where(
                    Family.deleted.is_(False), Family.status != FamilyStatus.CLOSED
                )
            )
            if in_area(team, gmina)
        }
        candidates = [(i, False) for i in _late_actions(s, families, on)]
        candidates += _pending_referrals(s, team, families, on)
        candidates += [
            (
                AgendaItem("review", d.due_on, d.family_id, d.case_number, d.record_id, d.detail),
                False,
            )
            for d in reviews
            if d.family_id in families
        ]
        basis = team_gate.team_basis(s, team, on)
        withheld = team_gate.Withheld(s, basis)
        items = []
        for item, own_consent in candidates:
            if own_consent or item.family_id in basis.consenting:
                items.append(item)
            else:
                withheld.add(item.family_id)
    items.sort(key=lambda i: (i.due_on, i.case_number, i.kind))
    return Agenda(items, withheld.counts)


def _late_actions(s: Session, families: dict, on: date) -> list[AgendaItem]:
    q = (
        select(
            Action.id,
            Action.end_on,
            SupportPlan.family_id,
            Institution.short_name,
            Institution.name,
        )
        .join(SupportPlan, SupportPlan.id == Action.plan_id)
        .outerjoin(Institution, Institution.id == Action.institution_id)
        .where(*_open_in_force(), Action.end_on < on)
    )
    # One matter per case, however many of its actions are late: placed by the longest overdue,
    # naming each institution once.
    late: dict[str, list[tuple[date, str, str]]] = {}
    for action_id, end_on, fid, short, name in s.execute(q):
        if fid in families and end_on is not None:
            late.setdefault(fid, []).append((end_on, action_id, short or name or ""))
    out = []
    for fid, actions in late.items():
        actions.sort()
        where = sorted({w for _e, _a, w in actions if w}, key=str.casefold)
        end_on, action_id = actions[0][:2]
        out.append(
            AgendaItem(
                "late_action",
                end_on,
                fid,
                families[fid][0],
                action_id,
                ", ".join(where),
                count=len(actions),
            )
        )
    return out


def _pending_referrals(
    s: Session, team: CooperationTeam, families: dict, on: date
) -> list[tuple[AgendaItem, bool]]:
    """Each referral awaiting the team, with whether its own consent lets the team see it."""
    q = select(
        Referral.id,
        Referral.referred_on,
        Referral.family_id,
        Referral.team_id,
        Referral.consent_given,
        Referral.consent_on,
    ).where(Referral.deleted.is_(False), Referral.decision == ReferralDecision.PENDING)
    return [
        (
            AgendaItem("referral", day, fid, families[fid][0], rid),
            team_gate.referral_consented(given, given_on, on),
        )
        for rid, day, fid, tid, given, given_on in s.execute(q)
        if fid in families and tid in (None, team.id)
    ]


def agenda_text(items: list[AgendaItem]) -> str:
    """The agenda as the lines a coordinator would paste into the meeting's record."""
    return "\n".join(
        f"{n}. {i.label}: {i.case_number}" + (f" ({i.detail})" if i.detail else "")
        for n, i in enumerate(items, start=1)
    )


# -- per-institution task lists ---------------------------------------------------------------
@dataclass(frozen=True)
class Task:
    action_id: str
    family_id: str
    case_number: str
    description: str
    responsible_person: str
    start_on: date | None
    end_on: date | None
    status: str

    def late(self, on: date) -> bool:
        return self.end_on is not None and self.end_on < on


def open_actions_of(institution_id: str) -> Select:
    """(action, family id, case number) of the institution's open actions in IPWs in force,
    before any consent is looked at (``task_list`` keeps the consenting families' ones)."""
    return (
        select(Action, SupportPlan.family_id, Family.case_number)
        .join(SupportPlan, SupportPlan.id == Action.plan_id)
        .join(Family, Family.id == SupportPlan.family_id)
        .where(
            *_open_in_force(), Action.institution_id == institution_id, Family.deleted.is_(False)
        )
    )


def task_list(ws: Workspace, institution_id: str, on: date) -> list[Task]:
    """The institution's open actions in IPWs in force, for consenting families only."""
    with ws.transaction() as s:
        get_live(s, Institution, institution_id)
        allowed = consenting_families(s, institution_id, on)
        q = open_actions_of(institution_id)
        out = [
            Task(
                a.id,
                fid,
                number,
                a.description,
                a.responsible_person,
                a.start_on,
                a.end_on,
                a.status,
            )
            for a, fid, number in s.execute(q)
            if fid in allowed
        ]
        audit.record(s, "view", "task_list", institution_id, detail=str(len(out)))
    out.sort(key=lambda t: (t.end_on or date.max, t.case_number))
    return out
