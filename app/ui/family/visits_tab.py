"""Wizyty: the visit log (planned and done) with the notes of the selected visit."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from app.i18n import N_, _
from app.models import Visit
from app.services import visits
from app.services.casefile import FamilyFile
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.family.list_tab import ListTab
from app.ui.family.tab_base import FamilyHost
from app.ui.family.visit_dialog import VisitDialog
from app.ui.family.visits_table_model import VisitsTableModel
from app.ui.kit.form_kit import fit_columns, fmt_date
from app.ui.kit.print_menu import print_button
from app.ui.kit.safe import guarded
from app.ui.kit.widgets import ask_to_remove


class VisitsTab(ListTab[Visit]):
    title = N_("&Visits")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(
            host, VisitsTableModel(), _("Visit log"), _("Notes of the visit"), stretch=2
        )
        add = QPushButton(_("&New visit…"))
        edit = QPushButton(_("&Edit…"))
        remove = QPushButton(_("Remo&ve"))
        self.add_buttons(
            add,
            edit,
            remove,
            print_button(self, self.ctx, ["visit", "blank-visit"], self._print_ids),
        )
        add.clicked.connect(lambda: self.edit(None))
        edit.clicked.connect(lambda: self.edit(self.current()))
        self.table.activated.connect(lambda _i: self.edit(self.current()))
        remove.clicked.connect(self.remove)

    def _print_ids(self) -> dict[str, Any]:
        ids: dict[str, Any] = {"family_id": self.family_id}
        visit = self.current()
        if visit is not None:
            ids["visit_id"] = visit.id
        return ids

    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        self.model.set_rows(ff.visits)
        fit_columns(self.table)
        self.select_first()

    def describe(self, v: Visit) -> str:
        lines = [f"{fmt_date(v.visit_on)} – {v.purpose}".rstrip(" –")]
        if v.present:
            lines.append(_("Present: {who}").format(who=v.present))
        if v.next_visit_on:
            lines.append(_("Next visit: {date}").format(date=fmt_date(v.next_visit_on)))
        return "\n".join(lines) + "\n\n" + v.notes

    def edit(self, visit: Visit | None) -> None:
        if VisitDialog.ask(self, self.ctx, self.family_id, self.host.case_label(), visit):
            self.host.reload()

    def remove(self) -> None:
        visit = self.current()
        if visit is None:
            return
        if ask_to_remove(self, _("Remove visit"), _("Remove the selected visit?")):
            self.ctx.runner.run(
                visits.remove_visit,
                self.ctx.ws,
                visit.id,
                success=guarded(self, lambda _v: self.host.reload()),
            )

    def open_draft(self, form_key: str) -> bool:
        key = FormKey.parse(form_key)
        if key is None or key.kind != "visit":
            return False
        record_id = key.record_id
        self.edit(self.model.row_with_id(record_id))
        return True
