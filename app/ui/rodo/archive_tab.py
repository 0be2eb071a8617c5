"""Do archiwizacji: closed cases past their active use, handed over as an encrypted package
with a printed handover protocol, and an archive package read back and checked whole."""

from __future__ import annotations

from PySide6.QtWidgets import (
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
from app.printing import rodo_files
from app.printing.archive import table_label
from app.services.date_text import fmt_date
from app.services.rodo import archive, retention
from app.store import keys
from app.ui.context import AppContext
from app.ui.kit.form_kit import ErrorLabel, fit_columns, hint_label, list_table
from app.ui.kit.list_panel import selected
from app.ui.kit.record_table_model import Column, RecordTableModel, iso
from app.ui.kit.safe import guarded
from app.ui.kit.screen_fit import resize_to_fit
from app.ui.kit.widgets import StrengthMeter, label, password_edit, set_role
from app.ui.rodo import common


def _day(value) -> str:
    return fmt_date(value, _("for ever (category A)"))


class DueTableModel(RecordTableModel):
    COLUMNS = (
        Column(N_("Case number"), lambda r: r.case_number),
        Column(N_("Closed on"), lambda r: _day(r.closed_on), sort=lambda r: iso(r.closed_on)),
        Column(N_("JRWA category"), lambda r: r.retention_class),
        Column(
            N_("Due for the archive"), lambda r: _day(r.leaves_on), sort=lambda r: iso(r.leaves_on)
        ),
        Column(
            N_("Kept until"),
            lambda r: _day(r.retention_until),
            sort=lambda r: iso(r.retention_until),
        ),
    )


class PassphraseForm(QDialog):
    """A passphrase (typed twice) for a package, and where it goes or comes from."""

    def __init__(self, title: str, intro: str, *, twice: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.passphrase = password_edit(_("Package passphrase"))
        self.repeat = password_edit(_("Repeat the passphrase"))
        self.place = QLineEdit()
        self.place.setAccessibleName(_("Folder or file"))
        self.browse = QPushButton(_("C&hoose…"))
        self.error = ErrorLabel()
        self.meter = StrengthMeter()  # a new package's passphrase: the service's own rule
        form = QFormLayout()
        form.addRow(
            label(_("Package &passphrase:"), wrap=False, buddy=self.passphrase), self.passphrase
        )
        if twice:
            form.addRow("", self.meter)
            form.addRow(label(_("Re&peat it:"), wrap=False, buddy=self.repeat), self.repeat)
            self.passphrase.textChanged.connect(self._rate)
        else:
            self.repeat.hide()
            self.meter.hide()
        row = QHBoxLayout()
        row.addWidget(self.place, 1)
        row.addWidget(self.browse)
        form.addRow(label(_("&Where:"), wrap=False, buddy=self.place), row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(intro))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.twice = twice
        self.passphrase.setFocus()
        resize_to_fit(self, 620, 0)  # the title and a folder's path read whole

    def _rate(self, text: str) -> None:
        set_role(self.meter.message, "muted")
        self.meter.show_strength(keys.assess_passphrase(text) if text else None)

    def check(self) -> None:
        verdict = keys.assess_passphrase(self.passphrase.text()) if self.twice else None
        if not self.passphrase.text():
            self.error.show_message(_("Give the package passphrase."))
        elif verdict is not None and not verdict.acceptable:
            # said in the form, everything typed kept (it used to close the form, then refuse);
            # the meter already says why: once, in red
            self.error.show_message("")
            set_role(self.meter.message, "error")
        elif self.twice and self.passphrase.text() != self.repeat.text():
            self.error.show_message(_("The passphrases differ."))
        elif not self.place.text().strip():
            self.error.show_message(_("Choose where."))
        else:
            self.accept()


class ArchiveTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = DueTableModel(self)
        self.table = list_table(QTableView(), _("Cases due for the archive"))
        self.table.setModel(self.model)
        self.count = label("", "muted")
        self.hand_over = QPushButton(_("&Hand over to the archive…"))
        self.hand_over.clicked.connect(self.archive_selected)
        self.check_package = QPushButton(_("Chec&k an archive package…"))
        self.check_package.clicked.connect(self.open_package)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hand_over)
        buttons.addWidget(self.check_package)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                _(
                    "Closed cases whose active use is over (the JRWA category and the closing "
                    "date decide). Handing one over writes an encrypted package and a handover "
                    "protocol to print and sign, checks the package, then removes the case "
                    "from this computer and from every device that holds it."
                )
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        if self.ctx.is_unlocked:
            self.ctx.runner.run(
                retention.due_for_archive, self.ctx.ws, success=guarded(self, self._show)
            )

    def _show(self, rows: list[retention.DueCase]) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table)
        if rows:
            self.table.selectRow(0)
        self.count.setText(
            ngettext(
                "{n} case due for the archive", "{n} cases due for the archive", len(rows)
            ).format(n=len(rows))
        )
        self.hand_over.setEnabled(bool(rows))

    def archive_selected(self) -> None:
        due = selected(self.table)
        if due is None:
            return
        form = PassphraseForm(
            _("Hand case {number} over to the archive").format(number=due.case_number),
            _(
                "The package is encrypted with this passphrase: give it to the archive "
                "separately from the package (at least 12 characters, hard to guess). "
                "Choose the folder for the package and the protocol."
            ),
            twice=True,
            parent=self,
        )
        form.browse.clicked.connect(
            lambda: form.place.setText(
                common.choose_folder(form, _("Folder for the archive package")) or form.place.text()
            )
        )
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        self.ctx.runner.run(
            rodo_files.archive_case,
            self.ctx.ws,
            due.family_id,
            form.passphrase.text(),
            form.place.text().strip(),
            success=guarded(self, self._archived),
        )

    def _archived(self, done: rodo_files.ArchiveOutcome) -> None:
        QMessageBox.information(
            self,
            _("Handed over to the archive"),
            ngettext(
                "Case {number} is in the package {package} in the folder {folder}; print the "
                "protocol {protocol} and have it signed. {rows} record was removed from this "
                "computer.",
                "Case {number} is in the package {package} in the folder {folder}; print the "
                "protocol {protocol} and have it signed. {rows} records were removed from this "
                "computer.",
                done.rows,
            ).format(
                number=done.case_number,
                folder=done.package.parent,
                package=done.package.name,
                protocol=done.protocol.name,
                rows=done.rows,
            ),
        )
        self.refresh()

    def open_package(self) -> None:
        form = PassphraseForm(
            _("Check an archive package"),
            _("Choose the package file and give its passphrase: everything in it is checked."),
            twice=False,
            parent=self,
        )
        filters = _("Archive packages (*{suffix})").format(suffix=archive.SUFFIX)
        form.browse.clicked.connect(
            lambda: form.place.setText(
                common.open_path(form, _("Archive package"), filters) or form.place.text()
            )
        )
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        self.ctx.runner.run(
            archive.read_package,
            form.place.text().strip(),
            form.passphrase.text(),
            success=guarded(self, self._package_read),
        )

    def _package_read(self, contents: archive.PackageContents) -> None:
        lines = [
            _("Case {number}, handed over on {day} by {who}.").format(
                number=contents.case_number, day=contents.handed_on, who=contents.handed_by
            ),
            *(f"{table_label(t)}: {n}" for t, n in contents.counts.items()),
            ngettext(
                "{n} document matches its checksum.",
                "{n} documents match their checksums.",
                contents.documents,
            ).format(n=contents.documents),
            ngettext(
                "{n} audit entry matches its hash.",
                "{n} audit entries match their hashes.",
                contents.audit_entries,
            ).format(n=contents.audit_entries),
        ]
        if contents.problems:
            QMessageBox.warning(self, _("Archive package"), "\n".join([*lines, *contents.problems]))
        else:
            lines.append(_("The package is complete: everything in it checks out."))
            QMessageBox.information(self, _("Archive package"), "\n".join(lines))
