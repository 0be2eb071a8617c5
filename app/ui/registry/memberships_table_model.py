"""The member institutions of a Partnerski Zespół Kooperacji and who represents them."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.i18n import N_
from app.models import TeamMembership
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


class MembershipsTableModel(RecordTableModel[TeamMembership]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sectors: dict[str, str] = {}
        self.COLUMNS = (
            Column(N_("Institution"), lambda m: m.institution.name if m.institution else ""),
            Column(
                N_("Sector"),
                lambda m: self.sectors.get(m.institution.sector_code, "") if m.institution else "",
            ),
            Column(N_("Representative"), lambda m: m.representative),
            Column(N_("Role in the team"), lambda m: m.role),
            Column(
                N_("Member since"), lambda m: fmt_date(m.joined_on), sort=lambda m: iso(m.joined_on)
            ),
        )

    def set_members(self, rows: list[TeamMembership], sectors: dict[str, str]) -> None:
        self.sectors = sectors
        self.set_rows(rows)
