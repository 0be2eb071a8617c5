"""Partner institutions of the cooperation registry, with their sector and level."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.i18n import N_
from app.models import Institution
from app.models.enums import InstitutionLevel
from app.ui.kit.record_table_model import Column, RecordTableModel


def level_label(code: str) -> str:
    try:
        return InstitutionLevel(code).label
    except ValueError:
        return code


class InstitutionsTableModel(RecordTableModel[Institution]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sectors: dict[str, str] = {}
        self.COLUMNS = (
            Column(N_("Name"), lambda i: i.name),
            Column(N_("Short name"), lambda i: i.short_name),
            Column(N_("Sector"), lambda i: self.sectors.get(i.sector_code, i.sector_code)),
            Column(N_("Level"), lambda i: level_label(i.level)),
            Column(N_("City"), lambda i: i.city),
            Column(N_("Contact person"), lambda i: i.contact_person),
            Column(N_("Phone"), lambda i: i.phone),
            Column(N_("NIP"), lambda i: i.nip),
            Column(N_("REGON"), lambda i: i.regon),
        )

    def set_institutions(self, rows: list[Institution], sectors: dict[str, str]) -> None:
        self.sectors = sectors
        self.set_rows(rows)
