"""Meetings of the cooperation team: when, where, which institutions came, what was decided."""

from __future__ import annotations

from app.i18n import N_
from app.models import TeamMeeting
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


def present_text(m: TeamMeeting) -> str:
    return ", ".join(a.institution.display_name for a in m.attendance if a.institution)


class MeetingsTableModel(RecordTableModel[TeamMeeting]):
    COLUMNS = (
        Column(N_("Date"), lambda m: fmt_date(m.held_on), sort=lambda m: iso(m.held_on)),
        Column(N_("Place"), lambda m: m.place),
        Column(N_("Institutions present"), present_text),
        Column(N_("Decisions"), lambda m: " ".join(m.decisions.split())),
    )
