"""What the family itself undertakes in the support plan, by whom and by when."""

from __future__ import annotations

from app.i18n import N_, _
from app.models.enums import CommitmentStatus
from app.models.plan import Commitment
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


def _status(code: str) -> str:
    try:
        return CommitmentStatus(code).label
    except ValueError:
        return code


class CommitmentsTableModel(RecordTableModel[Commitment]):
    COLUMNS = (
        Column(N_("Commitment"), lambda c: c.description),
        Column(N_("Who"), lambda c: c.person.full_name if c.person else _("the whole family")),
        Column(N_("By"), lambda c: fmt_date(c.due_on), sort=lambda c: iso(c.due_on)),
        Column(N_("Status"), lambda c: _status(c.status)),
    )
