"""Usunięcia: erasing one case everywhere, after a confirmation that says what goes, and the
erasures made so far with the devices that have not yet confirmed them by receipt."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, ngettext
from app.printing.archive import table_label
from app.services.date_text import fmt_moment
from app.services.rodo import choices, erasure, member, status
from app.ui.context import AppContext
from app.ui.kit.form_kit import ErrorLabel, fit_columns, hint_label, list_table
from app.ui.kit.record_table_model import Column, RecordTableModel
from app.ui.kit.safe import guarded
from app.ui.kit.widgets import label
from app.ui.rodo.common import CaseCombo, PersonCombo

# The reasons a worker may give here; "archived" is the archive hand-over's own.
GUI_REASONS = ("request", "retention", "law")


def _pending_text(row: status.ErasureStatus) -> str:
    if not row.devices:
        return _("no other device held the case")
    if not row.pending:
        return _("every device confirmed")
    return ", ".join(d.name or d.device_id for d in row.pending)


class ErasureTableModel(RecordTableModel):
    COLUMNS = (
        Column(
            N_("Erased on"),
            lambda r: fmt_moment(r.erased_at),
            sort=lambda r: r.erased_at.isoformat(),
        ),
        Column(N_("Reason"), lambda r: r.reason_label),
        Column(N_("Erased by (device)"), lambda r: r.origin_name or r.origin),
        Column(N_("Not confirmed yet by"), _pending_text),
    )


class ErasureDialog(QDialog):
    """Says what an erasure removes and who must confirm it; the case number must be typed."""

    def __init__(self, preview: choices.ErasurePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(
            _("Erase {name} from case {number}").format(
                name=preview.person_name, number=preview.case_number
            )
            if preview.person_id
            else _("Erase case {number}").format(number=preview.case_number)
        )
        self.reason = QComboBox()
        self.reason.setAccessibleName(_("Reason for the erasure"))
        for code in GUI_REASONS:
            self.reason.addItem(_(erasure.REASONS[code]), code)
        self.confirm = QLineEdit()
        self.confirm.setAccessibleName(_("Case number, to confirm"))
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(label(_("Erasure &reason:"), wrap=False, buddy=self.reason), self.reason)
        form.addRow(
            label(_("&Type the case number to confirm:"), wrap=False, buddy=self.confirm),
            self.confirm,
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase = self.buttons.addButton(
            _("&Erase for good"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase.setEnabled(False)
        self.erase.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.confirm.textChanged.connect(
            lambda text: self.erase.setEnabled(text.strip() == preview.case_number)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.summary()))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def summary(self) -> str:
        p = self.preview
        first = (
            _(
                "This removes {name} (one member of case {number}) from this computer for "
                "good; the rest of the case stays. It cannot be undone."
            ).format(name=p.person_name, number=p.case_number)
            if p.person_id
            else _(
                "This removes case {number} from this computer for good; it cannot be undone."
            ).format(number=p.case_number)
        )
        parts = [
            first,
            _("People: {names}.").format(names=", ".join(p.members) or "—"),
            ngettext("{n} record goes: {tables}.", "{n} records go: {tables}.", p.records).format(
                n=p.records,
                tables=", ".join(f"{table_label(t)} {n}" for t, n in p.tables.items()),
            ),
            _(
                "With them: {documents}, {drafts}, their search data and the case's ids in "
                "the audit log."
            ).format(
                documents=ngettext("{n} document", "{n} documents", p.documents).format(
                    n=p.documents
                ),
                drafts=ngettext("{n} draft", "{n} drafts", p.drafts).format(n=p.drafts),
            ),
        ]
        if p.holders:
            parts.append(
                ngettext(
                    "This device holds a copy and must confirm the erasure after the next "
                    "sync: {devices}.",
                    "These devices hold a copy and must confirm the erasure after the next "
                    "sync: {devices}.",
                    len(p.holders),
                ).format(devices=", ".join(p.holders))
            )
        return "\n".join(parts)

    def reason_code(self) -> str:
        return str(self.reason.currentData())


class ErasureTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case = CaseCombo(ctx)
        self.person = PersonCombo(ctx, whole_case=True)
        self.case.chosen.connect(self.person.load)
        self.erase_button = QPushButton(_("Era&se…"))
        self.erase_button.clicked.connect(self.ask_erase)
        self.model = ErasureTableModel(self)
        self.table = list_table(QTableView(), _("Erasures"))
        self.table.setModel(self.model)
        self.pending = label("", "muted")
        self.pending.setAccessibleName(_("Devices yet to confirm"))
        row = QHBoxLayout()
        row.addWidget(label(_("&Case:"), wrap=False, buddy=self.case))
        row.addWidget(self.case, 1)
        row.addWidget(label(_("W&hom:"), wrap=False, buddy=self.person))
        row.addWidget(self.person, 1)
        row.addWidget(self.erase_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "Erasure removes the records themselves (with documents, drafts and search "
                    "data) when the law requires it or the person asks (art. 17 RODO). A "
                    "signed notice reaches every device that holds the case; each confirms it "
                    "by a receipt that comes back with the sync."
                )
            )
        )
        layout.addLayout(row)
        layout.addWidget(label(_("Erasures made so far:"), "heading"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.pending)

    def refresh(self) -> None:
        if not self.ctx.is_unlocked:
            return
        self.case.reload()
        self.ctx.runner.run(status.list_erasures, self.ctx.ws, success=guarded(self, self._show))

    def _show(self, rows: list[status.ErasureStatus]) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table)
        waiting = sum(len(r.pending) for r in rows)
        self.pending.setText(
            ngettext(
                "{n} confirmation is still awaited from other devices.",
                "{n} confirmations are still awaited from other devices.",
                waiting,
            ).format(n=waiting)
            if waiting
            else _("No confirmation is awaited.")
        )

    def ask_erase(self) -> None:
        family_id, person_id = self.case.family_id(), self.person.person_id()
        if not family_id:
            return
        if person_id:
            self.ctx.runner.run(
                choices.member_preview, self.ctx.ws, person_id, success=guarded(self, self._confirm)
            )
        else:
            self.ctx.runner.run(
                choices.erasure_preview,
                self.ctx.ws,
                family_id,
                success=guarded(self, self._confirm),
            )

    def _confirm(self, preview: choices.ErasurePreview) -> None:
        dialog = ErasureDialog(preview, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        done = guarded(self, lambda result: self._erased(preview, result))
        if preview.person_id:
            self.ctx.runner.run(
                member.erase_member,
                self.ctx.ws,
                preview.person_id,
                dialog.reason_code(),
                success=done,
            )
        else:
            self.ctx.runner.run(
                erasure.erase_family,
                self.ctx.ws,
                preview.family_id,
                dialog.reason_code(),
                success=done,
            )

    def _erased(self, preview: choices.ErasurePreview, result: erasure.ErasureResult) -> None:
        if preview.person_id:
            text = ngettext(
                "{name} erased from case {number}: {n} record removed.",
                "{name} erased from case {number}: {n} records removed.",
                result.rows,
            ).format(name=preview.person_name, number=preview.case_number, n=result.rows)
        else:
            text = ngettext(
                "Case {number} erased: {n} record removed.",
                "Case {number} erased: {n} records removed.",
                result.rows,
            ).format(number=preview.case_number, n=result.rows)
        if result.holders:
            text += " " + _("The devices holding a copy will confirm after the next sync.")
        QMessageBox.information(self, _("Case erased"), text)
        self.refresh()
