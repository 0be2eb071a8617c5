"""The koszyk usług: services by CUS area, with their provider and legal basis."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.i18n import N_, _
from app.models import Service
from app.ui.kit.record_table_model import Column, RecordTableModel


class ServicesTableModel(RecordTableModel[Service]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.areas: dict[str, str] = {}
        self.sectors: dict[str, str] = {}
        self.COLUMNS = (
            Column(N_("Service"), lambda s: s.name),
            Column(N_("Area (CUS act)"), lambda s: self.areas.get(s.area_code, s.area_code)),
            Column(N_("Sector"), lambda s: self.sectors.get(s.sector_code, s.sector_code)),
            Column(N_("Provider"), lambda s: s.provider.display_name if s.provider else ""),
            Column(N_("Legal basis"), lambda s: s.legal_basis),
            Column(N_("Code"), lambda s: s.code),
            Column(N_("In use"), lambda s: _("yes") if s.active else _("no")),
        )

    def set_services(
        self, rows: list[Service], areas: dict[str, str], sectors: dict[str, str]
    ) -> None:
        self.areas, self.sectors = areas, sectors
        self.set_rows(rows)
