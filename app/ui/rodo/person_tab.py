"""Dane osoby: a person's own data (art. 15 RODO, PDF for the person and JSON, the hand-over
audited) and corrections (art. 16, recorded with who corrected which fields)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, ngettext
from app.printing import rodo_files
from app.printing.access import FIELD_LABELS
from app.services.rodo import corrections
from app.ui.context import AppContext
from app.ui.kit.date_field import DateField
from app.ui.kit.form_kit import hint_label
from app.ui.kit.safe import guarded
from app.ui.kit.screen_fit import resize_to_fit
from app.ui.kit.widgets import label
from app.ui.rodo import common

# What a person most often asks to put right; the rest goes through the family file's forms.
FIELDS = ("first_name", "last_name", "pesel", "document_number", "birth_date", "phone", "school")
_MNEMONIC_LABELS = {
    "first_name": N_("&First name:"),
    "last_name": N_("&Last name:"),
    "pesel": N_("&PESEL:"),
    "document_number": N_("&Document number:"),
    "birth_date": N_("Date of &birth:"),
    "phone": N_("P&hone:"),
    "school": N_("&School:"),
}


class CorrectionDialog(QDialog):
    """The person's data as recorded, to be put right (only changed fields are saved)."""

    def __init__(self, name: str, current: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Correct the data of {name} (art. 16 RODO)").format(name=name))
        self.current = current
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for field in FIELDS:
            edit: QLineEdit
            if field == "birth_date":  # typed dd.mm.rrrr as everywhere else, not the ISO way
                day = DateField(optional=True)
                day.set_draft_value(current.get(field) or None)
                edit = day
            else:
                edit = QLineEdit(current.get(field, ""))
            edit.setAccessibleName(_(FIELD_LABELS[field]) if field in FIELD_LABELS else field)
            self.edits[field] = edit
            form.addRow(label(_(_MNEMONIC_LABELS[field]), wrap=False, buddy=edit), edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save = buttons.addButton(
            _("Sa&ve the correction"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "The audit log records who corrected which fields (not the values); the "
                    "correction reaches the coordinator with the next sync."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.edits[FIELDS[0]].setFocus()
        resize_to_fit(self, 620, 0)  # the title and a double-barrelled surname read whole

    def changes(self) -> dict[str, str]:
        typed = {f: self._typed(e) for f, e in self.edits.items()}
        return {f: v for f, v in typed.items() if v != self.current.get(f, "")}

    @staticmethod
    def _typed(edit: QLineEdit) -> str:
        if isinstance(edit, DateField):  # ISO for the service; a half-typed date as typed
            return edit.draft_value() or ""
        return edit.text().strip()


class PersonTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case = common.CaseCombo(ctx)
        self.person = common.PersonCombo(ctx)
        self.case.chosen.connect(self.person.load)
        self.pdf = QPushButton(_("Copy as PD&F…"))
        self.pdf.clicked.connect(lambda: self.write_copy("pdf"))
        self.json = QPushButton(_("Copy as &JSON…"))
        self.json.clicked.connect(lambda: self.write_copy("json"))
        self.correct = QPushButton(_("Correc&t the data…"))
        self.correct.clicked.connect(self.ask_correction)
        self.result = label("", "muted")
        self.result.setAccessibleName(_("Result"))
        form = QFormLayout()
        form.addRow(label(_("&Case:"), wrap=False, buddy=self.case), self.case)
        form.addRow(label(_("Per&son:"), wrap=False, buddy=self.person), self.person)
        buttons = QHBoxLayout()
        for b in (self.pdf, self.json, self.correct):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "On a person's request (art. 15 RODO): every record about them, their "
                    "consents with the history, the documents, and everyone their data went "
                    "to (prints, exports, sync bundles). A PDF for the person, a JSON file "
                    "for a machine; the hand-over is recorded in the audit log."
                )
            )
        )
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def refresh(self) -> None:
        self.case.reload()

    def write_copy(self, fmt: str) -> None:
        person_id = self.person.person_id()
        if not person_id:
            return
        filters = _("PDF documents (*.pdf)") if fmt == "pdf" else _("JSON files (*.json)")
        path = common.save_path(self, _("Save the person's data as"), f"dane-osoby.{fmt}", filters)
        if not path:
            return
        self.ctx.runner.run(
            rodo_files.write_access,
            self.ctx.ws,
            person_id,
            fmt,
            path,
            success=guarded(self, lambda n: self._written(path, n)),
        )

    def _written(self, path: str, recipients: int) -> None:
        self.result.setText(
            ngettext(
                "Written: {path} ({n} recipient found in the audit log).",
                "Written: {path} ({n} recipients found in the audit log).",
                recipients,
            ).format(path=path, n=recipients)
        )

    def ask_correction(self) -> None:
        person_id = self.person.person_id()
        if not person_id:
            return
        name = self.person.currentText()
        self.ctx.runner.run(
            corrections.current,
            self.ctx.ws,
            person_id,
            success=guarded(self, lambda current: self._correct(person_id, name, current)),
        )

    def _correct(self, person_id: str, name: str, current: dict[str, str]) -> None:
        dialog = CorrectionDialog(name, current, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.changes():
            return
        self.ctx.runner.run(
            corrections.correct_person,
            self.ctx.ws,
            person_id,
            dialog.changes(),
            success=guarded(self, self._corrected),
        )

    def _corrected(self, changed: list[str]) -> None:
        names = ", ".join(_(FIELD_LABELS[f]) if f in FIELD_LABELS else f for f in changed)
        text = (
            _("Corrected: {fields}.").format(fields=names)
            if changed
            else _("Nothing to correct: the values are already recorded.")
        )
        self.result.setText(text)  # said once, here
        self.case.reload()  # the new name in both lists; the chosen person stays chosen
