"""Koszyk usług: the main window's "catalog" screen (``CatalogScreen(ctx)``).

The service catalog by area of the CUS act (Dz.U. 2019 poz. 1818), with provider and legal
basis; services are added and edited here and chosen in the actions of a programme (IPW).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QVBoxLayout, QWidget

from app.i18n import _
from app.models import Institution, Service
from app.services import koszyk
from app.services.changes import Changes
from app.services.registry_views import CatalogData, load_catalog
from app.ui.context import AppContext
from app.ui.kit.form_kit import (
    ChoiceCombo,
    buddy_label,
    fit_columns,
    hint_label,
)
from app.ui.kit.list_panel import ListPanel, selected
from app.ui.kit.record_table_model import RECORD_ROLE, SORT_ROLE
from app.ui.kit.safe import guarded
from app.ui.kit.widgets import ask_to_remove
from app.ui.registry.service_dialog import ServiceDialog
from app.ui.registry.services_table_model import ServicesTableModel


class AreaFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.area = ""
        self.inactive = False
        self.setSortRole(SORT_ROLE)

    def set_filter(self, area: str, inactive: bool) -> None:
        self.area, self.inactive = area, inactive
        self.invalidate()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        svc: Service = self.sourceModel().index(row, 0, parent).data(RECORD_ROLE)
        if svc is None or (self.area and svc.area_code != self.area):
            return False
        return svc.active or self.inactive


class CatalogScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: CatalogData | None = None
        self.panel = ListPanel(_("Service catalogue"), _("&Add service…"), stretch=0)
        self.panel.remove.setText(_("Remo&ve from the catalogue"))
        self.model = ServicesTableModel(self)
        self.proxy = AreaFilter(self)
        self.proxy.setSourceModel(self.model)
        self.panel.table.setModel(self.proxy)
        self.panel.table.setSortingEnabled(True)
        self.panel.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.area = ChoiceCombo()
        self.inactive = QCheckBox(_("show services &no longer in use"))
        self.panel.add_widget(buddy_label(_("A&rea:"), self.area))
        self.panel.add_widget(self.area)
        self.panel.add_widget(self.inactive)
        self.description = QPlainTextEdit()
        self.description.setReadOnly(True)
        self.description.setAccessibleName(_("Description of the service"))
        self.description.setMaximumHeight(130)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "The koszyk usług: services the partners offer, by area of the act on social "
                    "services (CUS). Actions of a programme (IPW) are chosen from this list."
                )
            )
        )
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.description)
        self.area.currentIndexChanged.connect(self._filter)
        self.inactive.toggled.connect(self._filter)
        self.panel.add.clicked.connect(lambda: self.edit(None))
        self.panel.on_row(self.panel.edit, self.edit)
        self.panel.table.activated.connect(lambda _i: self.edit(selected(self.panel.table)))
        self.panel.on_row(self.panel.remove, lambda _svc: self.remove())
        self.panel.table.selectionModel().currentRowChanged.connect(lambda *_a: self._describe())
        ctx.events.data_changed.connect(self._data_changed)
        self.refresh()

    def screen_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        if self.ctx.is_unlocked:
            self.ctx.runner.run(load_catalog, self.ctx.ws, success=guarded(self, self.show_data))

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(Service, Institution):
            self.refresh()

    def show_data(self, data: CatalogData) -> None:
        self.data = data
        self.area.set_choices([(c.code, c.label) for c in data.areas], empty=_("all areas"))
        self.model.set_services(
            data.services,
            {c.code: c.label for c in data.areas},
            {c.code: c.label for c in data.sectors},
        )
        fit_columns(self.panel.table)
        self._filter()

    def _filter(self) -> None:
        self.proxy.set_filter(self.area.code(), self.inactive.isChecked())
        if not self.panel.table.currentIndex().isValid() and self.proxy.rowCount():
            self.panel.table.setCurrentIndex(self.proxy.index(0, 0))
        self._describe()

    def _describe(self) -> None:
        svc = selected(self.panel.table)
        self.description.setPlainText("" if svc is None else svc.description)

    def edit(self, service: Service | None) -> None:
        data = self.data
        if data is None:
            return
        if (
            ServiceDialog.ask(self, self.ctx, data.areas, data.sectors, data.institutions, service)
            is not None
        ):
            self.refresh()

    def remove(self) -> None:
        svc = selected(self.panel.table)
        if svc is None:
            return
        if ask_to_remove(
            self,
            _("Remove service"),
            _("Remove “{name}” from the catalogue? Programmes that use it keep it.").format(
                name=svc.name
            ),
        ):
            self.ctx.runner.run(
                koszyk.remove_service,
                self.ctx.ws,
                svc.id,
            )
