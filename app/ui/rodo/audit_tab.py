"""Dziennik zdarzeń: the audit log per case or per person, filtered by kind, with the state of
its hash chain, exported for the IOD (the export verifies the chain and is itself audited)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, ngettext
from app.printing import rodo_files
from app.services.rodo import audit_view
from app.ui.context import AppContext
from app.ui.kit.form_kit import fit_columns, list_table
from app.ui.kit.safe import guarded
from app.ui.kit.widgets import label
from app.ui.registry.audit_table_model import AuditTableModel
from app.ui.rodo import common

# One check box per kind of event, with a letter of its own.
KIND_BOXES = (
    ("view", N_("&Views")),
    ("change", N_("C&hanges")),
    ("print", N_("Pri&nts")),
    ("export", N_("E&xports")),
    ("bundle", N_("Sync &bundles")),
    ("access", N_("Unlocks and &keys")),
)


class AuditTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case = common.CaseCombo(ctx, any_case=True)
        self.person = common.PersonCombo(ctx, whole_case=True)
        self.case.chosen.connect(self._case_chosen)
        self.person.currentIndexChanged.connect(lambda _i: self.refresh_log())
        self.kinds: dict[str, QCheckBox] = {}
        kinds_row = QHBoxLayout()
        for code, text in KIND_BOXES:
            box = QCheckBox(_(text))
            box.toggled.connect(lambda _on: self.refresh_log())
            self.kinds[code] = box
            kinds_row.addWidget(box)
        kinds_row.addStretch(1)
        self.model = AuditTableModel(self)
        self.table = list_table(QTableView(), _("Audit log entries"))
        self.table.setModel(self.model)
        self.chain = label("", wrap=False)
        self.chain.setAccessibleName(_("Hash chain"))
        self.count = label("", "muted", wrap=False)
        self.result = label("", "muted")  # what the last export did; a reload keeps it
        self.result.setAccessibleName(_("Result"))
        self.export = QPushButton(_("Export for the &IOD…"))
        self.export.clicked.connect(self.export_for_iod)
        form = QFormLayout()
        form.addRow(label(_("&Case:"), wrap=False, buddy=self.case), self.case)
        form.addRow(label(_("Per&son:"), wrap=False, buddy=self.person), self.person)
        bottom = QHBoxLayout()
        bottom.addWidget(self.chain)
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(label(_("Kinds (none ticked: every kind):"), "muted"))
        layout.addLayout(kinds_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.result)

    def refresh(self) -> None:
        self.case.reload()

    def _case_chosen(self, family_id: str) -> None:
        self.person.load(family_id)
        self.refresh_log()

    def selection(self) -> audit_view.AuditSelection:
        return audit_view.AuditSelection(
            family_id=self.case.family_id(),
            person_id=self.person.person_id(),
            kinds=tuple(code for code, box in self.kinds.items() if box.isChecked()),
        )

    def refresh_log(self) -> None:
        if self.ctx.is_unlocked:
            self.ctx.runner.run(
                audit_view.view, self.ctx.ws, self.selection(), success=guarded(self, self._show)
            )

    def _show(self, result: audit_view.AuditView) -> None:
        self.model.set_rows(result.rows)
        fit_columns(self.table)
        self.chain.setText(
            _("Hash chain verified: no entry was changed or removed.")
            if not result.chain_problems
            else ngettext(
                "Hash chain BROKEN: {n} problem found.",
                "Hash chain BROKEN: {n} problems found.",
                result.chain_problems,
            ).format(n=result.chain_problems)
        )
        self.count.setText(
            ngettext("{n} entry", "{n} entries", result.total).format(n=result.total)
        )

    def export_for_iod(self) -> None:
        path = common.save_path(
            self, _("Save the audit log for the IOD as"), "dziennik-zdarzen.json",
            _("JSON files (*.json)"),
        )  # fmt: skip
        if not path:
            return
        sel = self.selection()
        self.ctx.runner.run(
            rodo_files.write_audit_export,
            self.ctx.ws,
            sel,
            path,
            success=guarded(self, lambda _r: self._exported(path)),
        )

    def _exported(self, path: str) -> None:
        self.result.setText(_("Audit log written: {path}").format(path=path))
        self.refresh_log()
