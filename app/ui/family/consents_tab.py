"""Zgody: the family's consents to share data with named institutions; withdrawing one."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from app.i18n import N_, _
from app.models import Consent, Person
from app.services.casefile import FamilyFile
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.family.consent_dialog import ConsentDialog, WithdrawDialog
from app.ui.family.consents_table_model import ConsentsTableModel, consent_state, recipients_text
from app.ui.family.list_tab import ListTab
from app.ui.family.tab_base import FamilyHost
from app.ui.kit.form_kit import fit_columns, fmt_date
from app.ui.kit.print_menu import print_button


class ConsentsTab(ListTab[Consent]):
    title = N_("&Consents")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(
            host, ConsentsTableModel(), _("Consents"), _("Selected consent"), stretch=2
        )
        add = QPushButton(_("&New consent…"))
        edit = QPushButton(_("&Edit…"))
        self.withdraw_button = QPushButton(_("&Withdraw…"))
        self.add_buttons(
            add,
            edit,
            self.withdraw_button,
            print_button(self, self.ctx, ["consent"], lambda: {"family_id": self.family_id}),
        )
        add.clicked.connect(lambda: self.edit(None))
        edit.clicked.connect(lambda: self.edit(self.current()))
        self.table.activated.connect(lambda _i: self.edit(self.current()))
        self.withdraw_button.clicked.connect(self.withdraw)
        self._persons: list[Person] = []
        self._gmina = ""

    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        self._persons = list(ff.persons)
        self._gmina = ff.family.gmina_code  # whose OPS keeps the case (never a recipient)
        self.model.set_rows(ff.consents)
        fit_columns(self.table)
        self.select_first()

    def describe(self, c: Consent) -> str:
        lines = [
            _("Signed on {date}").format(date=fmt_date(c.signed_on))
            + (f" – {c.person.full_name}" if c.person else ""),
            _("State: {state}").format(state=consent_state(c)),
            _("Data may be shared with: {who}").format(who=recipients_text(c)),
        ]
        if c.scope:
            lines += ["", c.scope]
        if c.withdrawal_note:
            lines += ["", _("Withdrawal: {note}").format(note=c.withdrawal_note)]
        return "\n".join(lines)

    def show_details(self) -> None:
        super().show_details()
        c = self.current()
        self.withdraw_button.setEnabled(c is not None and c.withdrawn_on is None)

    def edit(self, consent: Consent | None) -> None:
        if ConsentDialog.ask(
            self,
            self.ctx,
            self.family_id,
            self.host.case_label(),
            self._persons,
            self.host.lookups,
            self._gmina,
            consent,
        ):
            self.host.reload()

    def withdraw(self) -> None:
        consent = self.current()
        if consent is not None and WithdrawDialog.ask(self, self.ctx, consent):
            self.host.reload()

    def open_draft(self, form_key: str) -> bool:
        key = FormKey.parse(form_key)
        if key is None or key.kind not in ("consent", "withdraw"):
            return False
        kind, record_id = key.kind, key.record_id
        consent = self.model.row_with_id(record_id)
        if kind == "withdraw":
            if consent is not None and WithdrawDialog.ask(self, self.ctx, consent):
                self.host.reload()
            return True
        self.edit(consent)
        return True
