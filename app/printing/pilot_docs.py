"""Loading and building the pilot model's documents for ``app.printing.service``.

Case documents (the family's file header): ``referral`` (karta zgłoszenia), ``workshop``
(attendance list of the diagnostic workshop), ``closing`` (closing summary and talk).  Team
documents: ``agenda``, ``minutes`` and ``tasks`` (an institution's task list).  Each returns
what the service needs to render and audit it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable
from sqlalchemy import select

from app.errors import NotFound, UsageError
from app.i18n import _
from app.models import (
    CooperationTeam,
    DiagnosticWorkshop,
    Family,
    Institution,
    MeetingDecision,
    PlanClosure,
    Referral,
    TeamMeeting,
    TeamMembership,
)
from app.printing import referral, summary_talk, team_docs, workshop
from app.printing.casedata import CaseData
from app.printing.layout import PageHeader
from app.services import casefile, meetings
from app.services.common import get_live
from app.services.rodo import gating, team_gate
from app.services.workspace import Workspace

# kind → (title, audited entity, file stem)
KINDS: dict[str, tuple[str, str, str]] = {
    "referral": (referral.TITLE, "referral", "karta-zgloszenia"),
    "workshop": (workshop.TITLE, "diagnostic_workshop", "lista-obecnosci-warsztat"),
    "closing": (summary_talk.TITLE, "plan_closure", "podsumowanie-wspolpracy"),
    "agenda": (team_docs.TITLE_AGENDA, "cooperation_team", "porzadek-posiedzenia"),
    "minutes": (team_docs.TITLE_MINUTES, "team_meeting", "protokol-posiedzenia"),
    "tasks": (team_docs.TITLE_TASKS, "institution", "lista-zadan"),
}
CASE_KINDS = ("referral", "workshop", "closing")


@dataclass
class Built:
    header: PageHeader
    story: list[Flowable]
    record_id: str
    family_id: str
    warnings: tuple[str, ...] = ()  # for the worker, not printed (e.g. what was withheld)


@dataclass(frozen=True)
class Ids:
    family_id: str | None = None
    referral_id: str | None = None
    workshop_id: str | None = None
    plan_id: str | None = None
    team_id: str | None = None
    meeting_id: str | None = None
    institution_id: str | None = None


def _latest(ws: Workspace, model, family_id: str, order, chosen: str | None, missing: str):
    with ws.transaction() as s:
        if chosen:
            row = get_live(s, model, chosen)
            if row.family_id != family_id:
                raise NotFound(_("This record is not in the family's file."))
        else:
            row = s.scalar(
                select(model)
                .where(model.family_id == family_id, model.deleted.is_(False))
                .order_by(order.desc())
                .limit(1)
            )
            if row is None:
                raise NotFound(missing)
        for rel in ("institution", "consent_person"):
            if hasattr(row, rel):
                getattr(row, rel)
        for p in getattr(row, "participants", []):
            _unused = (p.institution, p.person)
        return row


def build_case(ws: Workspace, kind: str, ids: Ids, title: str, case: CaseData) -> Built:
    fid = case.family.id
    if kind == "referral":
        r = _latest(
            ws,
            Referral,
            fid,
            Referral.referred_on,
            ids.referral_id,
            _("No referral of this family has been recorded yet."),
        )
        with ws.transaction() as s:
            team = s.get(CooperationTeam, r.team_id) if r.team_id else None
        return Built(case.header(title), referral.build(case, r, team), r.id, fid)
    if kind == "workshop":
        w = _latest(
            ws,
            DiagnosticWorkshop,
            fid,
            DiagnosticWorkshop.held_on,
            ids.workshop_id,
            _("No diagnostic workshop with this family has been recorded yet."),
        )
        return Built(case.header(title), workshop.build(case, w), w.id, fid)
    c = _latest(
        ws,
        PlanClosure,
        fid,
        PlanClosure.closed_on,
        None,
        _("No programme of this family has been closed yet."),
    )
    if ids.plan_id:
        with ws.transaction() as s:
            c = s.scalar(
                select(PlanClosure).where(
                    PlanClosure.plan_id == ids.plan_id,
                    PlanClosure.family_id == fid,
                    PlanClosure.deleted.is_(False),
                )
            )
        if c is None:
            raise NotFound(_("This programme has not been closed."))
    plan = next((p for p in case.file.plans if p.id == c.plan_id), None)
    if plan is None:
        raise NotFound(_("The programme of this closure was not found."))
    story = summary_talk.build(case, plan, c, case.file.reviews)
    return Built(case.header(title), story, c.id, fid)


def _team_of_meeting(s, meeting_id: str) -> tuple[TeamMeeting, CooperationTeam]:
    meeting = get_live(s, TeamMeeting, meeting_id)
    for a in meeting.attendance:
        _unused = a.institution
    return meeting, get_live(s, CooperationTeam, meeting.team_id)


def _decisions(s, meeting_id: str) -> list[tuple[MeetingDecision, str]]:
    rows = s.execute(
        select(MeetingDecision, Family.case_number)
        .join(Family, Family.id == MeetingDecision.family_id)
        .where(MeetingDecision.meeting_id == meeting_id, MeetingDecision.deleted.is_(False))
        .order_by(MeetingDecision.position)
    ).all()
    for d, _n in rows:
        _unused = d.institution
    return [(d, n) for d, n in rows]


def build_team(ws: Workspace, kind: str, ids: Ids, title: str, day: date) -> Built:
    home = casefile.home_institution(ws)
    meeting: TeamMeeting | None
    team: CooperationTeam | None
    if kind == "minutes":
        if not ids.meeting_id:
            raise UsageError(_("The minutes need --meeting ID."))
        with ws.transaction() as s:
            meeting, team = _team_of_meeting(s, ids.meeting_id)
            gated = team_gate.gate_minutes(s, team, meeting, _decisions(s, meeting.id), day)
        data = team_docs.TeamData(team, home, day, meeting=meeting, minutes=gated)
        return Built(
            data.header(title),
            team_docs.build_minutes(data),
            meeting.id,
            "",
            _warnings(gated.withheld_text),
        )
    if kind == "agenda":
        with ws.transaction() as s:
            if ids.meeting_id:
                meeting, team = _team_of_meeting(s, ids.meeting_id)
            elif ids.team_id:
                meeting, team = None, get_live(s, CooperationTeam, ids.team_id)
            else:
                raise UsageError(_("The agenda needs --team ID or --meeting ID."))
        on = meeting.held_on if meeting else day
        due = meetings.agenda(ws, team.id, on)
        data = team_docs.TeamData(team, home, day, meeting=meeting, agenda=due.items)
        return Built(
            data.header(title),
            team_docs.build_agenda(data),
            team.id,
            "",
            _warnings(due.withheld_text),
        )
    if not ids.institution_id:
        raise UsageError(_("The task list needs --institution ID."))
    with ws.transaction() as s:
        inst = get_live(s, Institution, ids.institution_id)
        team = _team_for(s, inst.id, ids.team_id)
    tasks = meetings.task_list(ws, inst.id, day)
    withheld = gating.withheld_tasks_text(gating.withheld_tasks(ws, inst.id, day))
    data = team_docs.TeamData(team, home, day, institution=inst, tasks=tasks)
    return Built(data.header(title), team_docs.build_tasks(data), inst.id, "", _warnings(withheld))


def _warnings(*texts: str) -> tuple[str, ...]:
    """What the worker is told before printing (what was withheld), never printed."""
    return tuple(t for t in texts if t)


def _team_for(s, institution_id: str, team_id: str | None) -> CooperationTeam | None:
    if team_id:
        return get_live(s, CooperationTeam, team_id)
    team = s.scalar(
        select(CooperationTeam)
        .join(TeamMembership, TeamMembership.team_id == CooperationTeam.id)
        .where(
            TeamMembership.institution_id == institution_id,
            TeamMembership.deleted.is_(False),
            CooperationTeam.deleted.is_(False),
            CooperationTeam.kind == "pzk",
        )
        .order_by(CooperationTeam.name)
        .limit(1)
    )
    return team
