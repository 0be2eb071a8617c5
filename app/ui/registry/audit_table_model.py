"""Audit events (who did what to which record, when) for the Historia screens.

Entries carry ids and action codes only; the model turns them into Polish words ("zmieniono",
"członek rodziny") and shows a short record id, never any data of the case.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from app.i18n import N_
from app.services.audit import AuditRow
from app.services.audit_words import detail_label, entity_label
from app.services.date_text import fmt_moment
from app.ui.kit.record_table_model import Column, RecordTableModel


def entity_text(row: AuditRow) -> str:
    return entity_label(row.entity)


class AuditTableModel(RecordTableModel[AuditRow]):
    COLUMNS = (
        Column(N_("When"), lambda r: fmt_moment(r.at), sort=lambda r: r.at.isoformat()),
        Column(N_("Who"), lambda r: r.actor),
        Column(N_("What"), lambda r: r.action_label),
        Column(N_("Record"), entity_text),
        Column(N_("Detail"), lambda r: detail_label(r.action, r.detail)),
        Column(N_("Record id"), lambda r: r.record_id[:8]),
    )

    def append_rows(self, rows: list[AuditRow]) -> None:
        if not rows:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
