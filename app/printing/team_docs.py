"""The team's own documents: the agenda of a meeting (from what is due), the minutes with
attendance and decisions (signed by the chair and the recorder), and an institution's task list
(its open actions for the families whose consent names it).  Families appear by case number
only, and only those the team has a basis to be told of (``services.rodo.team_gate``): these
papers go to every member institution."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.i18n import _
from app.models import CooperationTeam, Institution, TeamMeeting
from app.models.enums import ActionStatus
from app.printing.casedata import institution_address, label_of, period_text
from app.printing.layout import (
    EMPTY,
    PageHeader,
    data_table,
    field_table,
    fmt_date,
    heading,
    para,
    section,
    title_block,
)
from app.printing.signatures import Signatory, signature_section
from app.services.document_titles import TITLES
from app.services.meetings import AgendaItem, Task
from app.services.rodo.team_gate import GatedMinutes

TITLE_AGENDA = TITLES["agenda"]
TITLE_MINUTES = TITLES["minutes"]
TITLE_TASKS = TITLES["tasks"]


@dataclass
class TeamData:
    team: CooperationTeam | None
    home: Institution | None
    printed_on: date
    meeting: TeamMeeting | None = None
    minutes: GatedMinutes | None = None  # what the minutes may say about families
    agenda: list[AgendaItem] = field(default_factory=list)
    institution: Institution | None = None
    tasks: list[Task] = field(default_factory=list)

    def header(self, title: str) -> PageHeader:
        home = self.home
        return PageHeader(
            institution_name=home.name if home else (self.team.name if self.team else ""),
            institution_address=institution_address(home, with_contact=True),
            reference=fmt_date(self.meeting.held_on) if self.meeting else fmt_date(self.printed_on),
            title=title,
            printed_on=self.printed_on,
            reference_label=_("Meeting of") if self.meeting else _("As of"),
        )


def _team_line(team: CooperationTeam | None) -> str:
    if team is None:
        return EMPTY
    return team.name


def _agenda_table(items: list[AgendaItem]) -> Flowable:
    rows = [
        [f"{n}.", i.label, i.case_number, fmt_date(i.due_on), i.detail or EMPTY]
        for n, i in enumerate(items, 1)
    ]
    return data_table(
        [_("No."), _("Matter"), _("Case number"), _("Due"), _("Details")],
        rows,
        [0.7, 4.6, 3.2, 1.9, 3.2],
        empty_text=_("Nothing is due for this meeting."),
    )


def build_agenda(data: TeamData) -> list[Flowable]:
    day = data.meeting.held_on if data.meeting else data.printed_on
    story: list[Flowable] = title_block(
        _(TITLE_AGENDA), _("meeting on {date}").format(date=fmt_date(day))
    )
    rows = [(_("Team"), _team_line(data.team))]
    if data.meeting is not None:
        rows.append((_("Place"), data.meeting.place or EMPTY))
    story.append(field_table(rows))
    story.append(heading(_("Matters due")))
    story.append(_agenda_table(data.agenda))
    story.append(
        para(
            _(
                "Generated from the IPW reviews due, actions past their end date and referrals "
                "awaiting the team's decision."
            ),
            "note",
        )
    )
    return story


def build_minutes(data: TeamData) -> list[Flowable]:
    m, gated = data.meeting, data.minutes
    assert m is not None and gated is not None
    story: list[Flowable] = title_block(
        _(TITLE_MINUTES).upper(), _("meeting on {date}").format(date=fmt_date(m.held_on))
    )
    story.append(
        field_table(
            [
                (_("Team"), _team_line(data.team)),
                (_("Date"), fmt_date(m.held_on)),
                (_("Place"), m.place or EMPTY),
                (_("Chair"), m.chair or EMPTY),
                (_("Minutes taken by"), m.recorder or EMPTY),
            ]
        )
    )
    story.append(heading(_("Attendance")))
    rows = [
        [
            f"{n}.",
            a.institution.name if a.institution else EMPTY,
            a.person_name or "",
            Spacer(1, 8 * mm),
        ]
        for n, a in enumerate(m.attendance, 1)
    ]
    story.append(
        data_table(
            [_("No."), _("Institution"), _("Representative"), _("Signature")],
            rows,
            [0.7, 6, 3.6, 3.3],
            empty_text=_("No attendance recorded."),
        )
    )
    story += section(_("Agenda"), gated.agenda)
    story += section(_("Decisions"), gated.general)
    if gated.decisions:
        story.append(heading(_("Decisions about families"), 3))
        rows = [
            [
                f"{n}.",
                number,
                d.text,
                d.institution.display_name if d.institution else EMPTY,
                fmt_date(d.due_on),
                _("yes") if d.action_id else _("no"),
            ]
            for n, (d, number) in enumerate(gated.decisions, 1)
        ]
        story.append(
            data_table(
                [_("No."), _("Case number"), _("Decision"), _("Who"), _("By"), _("In the IPW")],
                rows,
                [0.7, 2.8, 5.2, 2.4, 1.8, 1.3],
            )
        )
    story += signature_section(
        [Signatory(m.chair, _("chair of the meeting")), Signatory(m.recorder, _("recorder"))]
    )
    return story


def build_tasks(data: TeamData) -> list[Flowable]:
    inst = data.institution
    assert inst is not None
    story: list[Flowable] = title_block(_(TITLE_TASKS), inst.name)
    story.append(
        field_table(
            [
                (_("Team"), _team_line(data.team)),
                (_("As of"), fmt_date(data.printed_on)),
                (_("Open tasks"), str(len(data.tasks))),
            ]
        )
    )
    rows = []
    for n, t in enumerate(data.tasks, 1):
        status = label_of(ActionStatus, t.status)
        if t.late(data.printed_on):
            status += " — " + _("late")
        rows.append(
            [
                f"{n}.",
                t.case_number,
                t.description,
                t.responsible_person or EMPTY,
                period_text(t.start_on, t.end_on),
                status,
            ]
        )
    story.append(
        data_table(
            [_("No."), _("Case number"), _("Action"), _("Responsible"), _("Period"), _("Status")],
            rows,
            [0.7, 3.4, 3.8, 2.9, 2.6, 2.0],
            empty_text=_("No open tasks for families that consented to share data with you."),
        )
    )
    story.append(
        para(_("Only families whose consent in force names this institution are listed."), "note")
    )
    return story
