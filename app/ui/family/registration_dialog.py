"""Nowa rodzina: registering a case with its address, reasons for help and first member.

``RegistrationDialog.ask(parent, ctx)`` returns the new family's id (or ``None``).  The gmina is
the device's own for an OPS worker; a powiat coordinator chooses one of the powiat's gminas.
The first member's PESEL is checked as typed and possible duplicates are warned about, as in
the member dialog; the case and the member are saved together.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from app.i18n import _
from app.models import Family
from app.services import persons
from app.services.form_keys import FormKey
from app.services.lookups import Lookups, load_lookups
from app.ui.context import AppContext
from app.ui.family.case_form_view import CaseFormView, family_input
from app.ui.family.member_checks import MemberChecks
from app.ui.family.member_view import MemberFieldsView, person_input
from app.ui.kit.record_dialog import RecordDialog, Submit
from app.ui.kit.safe import guarded
from app.ui.kit.screen_fit import resize_to_fit

PREFIX = "m_"


class RegistrationDialog(RecordDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            _("New family"),
            FormKey("registration"),
            parent,
            draft_title=_("New family (registration)"),
        )
        self.case = CaseFormView(full=False)
        self.case.bind(self.binding)
        self.member = MemberFieldsView(with_notes=False)
        self.member.bind(self.binding, PREFIX)
        self.checks = MemberChecks(ctx, self.member, None, self)
        form = QWidget()
        row = QHBoxLayout(form)
        row.addWidget(self.case, 2)
        first = QGroupBox(_("First member (usually the applicant)"))
        QVBoxLayout(first).addWidget(self.member)
        row.addWidget(first, 3)
        self.finish_setup(form, {PREFIX + "relation": "applicant", PREFIX + "disability": "none"})
        resize_to_fit(self, 1280, 700)
        ctx.runner.run(load_lookups, ctx.ws, success=guarded(self, self._lookups))
        self.case.locality.setFocus()

    def _lookups(self, lookups: Lookups) -> None:
        untouched = self.guard is not None and not self.guard.is_modified()
        self.case.set_lookups(lookups)
        if self.ctx.ws.is_coordinator:
            self.case.gmina.set_choices(lookups.gminas, empty=_("— choose the gmina —"))
            self.case.gmina.set_code("")  # a coordinator picks the gmina deliberately
        else:
            self.case.gmina.set_code(self.ctx.ws.identity.unit_code)
        if untouched and self.guard is not None:
            self.guard.reset()

    def save(self) -> None:
        if self._busy or not self.ctx.is_unlocked:
            return
        self.checks.confirm(self, lambda: RecordDialog.save(self))

    def show_failure(self, exc: BaseException) -> None:
        super().show_failure(exc)
        field = getattr(exc, "field", None)
        if field and self.binding.widget(field) is None:
            self.binding.focus(PREFIX + field)  # the member's fields carry a prefix here

    def submit(self) -> Submit:
        values = self.binding.values()
        return persons.register_family_with_member, (
            self.ctx.ws,
            family_input(values),
            person_input(values, PREFIX),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext) -> str | None:
        family: Family | None = cls.run(cls(ctx, parent))
        return family.id if family is not None else None
