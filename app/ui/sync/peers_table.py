"""The Synchronizacja screen's table of registered devices (``PeersTable``): for each, the last
bundle sent and received, the receipt, bundles that never arrived, open conflicts and notes
(revoked, a new key being announced, a restored database, bundles without receipt).

``status_table`` sets up such a read-only table (the powiat dashboard's too).  Apart from
``sync_screen`` because it is the one part of the Paczki tab that turns the core's
``PeerStatus`` rows into text; the screen only hands it each new snapshot.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.i18n import _
from app.services.date_text import fmt_moment
from app.sync.status import PeerStatus

MISSING_COLUMN = 5


def _when(value: datetime | None) -> str:
    return fmt_moment(value, "—")


def status_table(table: QTableWidget, headers: list[str], name: str) -> QTableWidget:
    """A read-only table of statuses (the sync screen's devices, the powiat dashboard's
    tables): whole rows selected, columns as wide as their text, Tab leaves the table."""
    table.setColumnCount(len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)
    return table


class PeersTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        status_table(
            self,
            [
                _("Device"),
                _("Unit"),
                _("Last sent"),
                _("Receipt up to"),
                _("Last received"),
                _("Missing bundles"),
                _("Conflicts"),
                _("Notes"),
            ],
            _("Devices and their bundles"),
        )

    def fill(self, peers: list[PeerStatus], unit_names: dict[str, str]) -> None:
        self.setRowCount(len(peers))
        for r, p in enumerate(peers):
            notes = []
            if p.revoked:
                notes.append(_("revoked"))
            if p.key_rotation_pending:
                notes.append(_("new key being announced"))
            if p.warning:
                notes.append(p.warning)
            if p.unacknowledged:
                notes.append(
                    _("without receipt: {seqs}").format(seqs=", ".join(map(str, p.unacknowledged)))
                )
            cells = [
                f"{p.name}\n{p.worker or ''} [{p.device_id}]",
                f"{unit_names.get(p.unit_code, '')} ({p.unit_code})".strip(),
                f"{p.last_sent_seq} · {_when(p.last_sent_at)}" if p.last_sent_seq else "—",
                str(p.acked_seq) if p.acked_seq else "—",
                f"{p.last_received_seq} · {_when(p.last_received_at)}"
                if p.last_received_seq
                else "—",
                ", ".join(map(str, p.missing)) or "—",
                str(p.open_conflicts),
                "; ".join(notes),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == MISSING_COLUMN and p.missing:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.setItem(r, c, item)
        self.resizeRowsToContents()
