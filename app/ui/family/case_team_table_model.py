"""The family's task team (zespół zadaniowy, ZZK): named partner workers and their institution."""

from __future__ import annotations

from app.i18n import N_
from app.models import CaseTeamMember
from app.ui.kit.record_table_model import Column, RecordTableModel


class CaseTeamTableModel(RecordTableModel[CaseTeamMember]):
    COLUMNS = (
        Column(N_("Name"), lambda m: m.name),
        Column(N_("Institution"), lambda m: m.institution.display_name if m.institution else ""),
        Column(N_("Function"), lambda m: m.function),
        Column(N_("Phone"), lambda m: m.phone),
        Column(N_("E-mail"), lambda m: m.email),
    )
