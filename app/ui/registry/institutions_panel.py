"""The institutions of the cooperation registry, filtered by sector and name, with add/edit."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QLineEdit, QWidget

from app.i18n import _
from app.models import Institution
from app.services import registry
from app.services.reference import Code
from app.services.text import fold
from app.ui.context import AppContext
from app.ui.kit.form_kit import ChoiceCombo, buddy_label, fit_columns, setup_table
from app.ui.kit.list_panel import ListPanel, selected
from app.ui.kit.record_table_model import RECORD_ROLE, SORT_ROLE
from app.ui.kit.safe import guarded
from app.ui.kit.widgets import ask_to_remove
from app.ui.registry.institution_dialog import InstitutionDialog
from app.ui.registry.institutions_table_model import InstitutionsTableModel


class InstitutionFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sector = ""
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, sector: str, text: str) -> None:
        self.sector, self.text = sector, fold(text)
        self.invalidate()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        inst: Institution = self.sourceModel().index(row, 0, parent).data(RECORD_ROLE)
        if inst is None:
            return False
        if self.sector and inst.sector_code != self.sector:
            return False
        return not self.text or self.text in fold(f"{inst.name} {inst.short_name} {inst.city}")


class InstitutionsPanel(ListPanel):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Institutions"), _("&Add institution…"))
        self.ctx = ctx
        self.sectors: list[Code] = []
        self.model = InstitutionsTableModel(self)
        self.proxy = InstitutionFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table.setModel(self.proxy)
        setup_table(self.table, _("Institutions"), stretch_column=0)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.sector = ChoiceCombo()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("name or city"))
        self.search.setClearButtonEnabled(True)
        self.add_widget(buddy_label(_("Se&ctor:"), self.sector))
        self.add_widget(self.sector)
        self.add_widget(buddy_label(_("&Find:"), self.search))
        self.add_widget(self.search)
        self.sector.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        self.add.clicked.connect(lambda: self.edit_institution(None))
        self.on_row(self.edit, self.edit_institution)
        self.table.activated.connect(lambda _i: self.edit_institution(selected(self.table)))
        self.on_row(self.remove, self.remove_institution)

    def show_data(self, institutions: list[Institution], sectors: list[Code]) -> None:
        self.sectors = sectors
        self.sector.set_choices([(c.code, c.label) for c in sectors], empty=_("all sectors"))
        self.model.set_institutions(institutions, {c.code: c.label for c in sectors})
        fit_columns(self.table)

    def _filter(self) -> None:
        self.proxy.set_filter(self.sector.code(), self.search.text())

    def edit_institution(self, inst: Institution | None) -> None:
        if InstitutionDialog.ask(self, self.ctx, self.sectors, inst) is not None:
            self.changed.emit()

    def remove_institution(self, inst: Institution) -> None:
        if ask_to_remove(
            self,
            _("Remove institution"),
            _("Remove “{name}” from the registry? Its past actions stay in the case files.").format(
                name=inst.name
            ),
        ):
            self.ctx.runner.run(
                registry.remove_institution,
                self.ctx.ws,
                inst.id,
                success=guarded(self, lambda _v: self._removed(inst.id)),
            )

    def _removed(self, _inst_id: str) -> None:
        self.changed.emit()
