"""The visit log: home visits and other contacts, planned and done."""

from __future__ import annotations

from app.i18n import N_
from app.models import Visit
from app.models.enums import VisitStatus
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


def _status(code: str) -> str:
    try:
        return VisitStatus(code).label
    except ValueError:
        return code


class VisitsTableModel(RecordTableModel[Visit]):
    COLUMNS = (
        Column(N_("Date"), lambda v: fmt_date(v.visit_on), sort=lambda v: iso(v.visit_on)),
        Column(N_("Status"), lambda v: _status(v.status)),
        Column(N_("Purpose"), lambda v: v.purpose),
        Column(N_("Present"), lambda v: v.present),
        Column(N_("Worker"), lambda v: v.worker),
        Column(
            N_("Next visit"),
            lambda v: fmt_date(v.next_visit_on),
            sort=lambda v: iso(v.next_visit_on),
        ),
    )
