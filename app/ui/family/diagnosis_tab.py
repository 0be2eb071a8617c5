"""Diagnoza: the joint diagnosis of the family, edited in place with an autosaved draft.

The latest diagnosis is shown; earlier ones can be chosen, and "Nowa diagnoza" starts an update.
Saving records the diagnosis and the family's art. 7 reasons for help.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.i18n import N_, _
from app.models import Diagnosis
from app.services import diagnosis as diagnosis_service
from app.services import families
from app.services.casefile import FamilyFile
from app.services.diagnosis import DiagnosisInput, ParticipantInput, RatingInput
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.services.workspace import Workspace
from app.ui.family.diagnosis_view import DiagnosisView
from app.ui.family.participants import (
    add_other_row,
    participant_rows,
    participant_values,
    read_participants,
)
from app.ui.family.tab_base import NEW, FamilyHost, RecordFormTab, Then
from app.ui.kit.checklist_table_model import CheckRow
from app.ui.kit.draft_guard import DraftGuard
from app.ui.kit.form_kit import FormBinding, fit_columns, fmt_date
from app.ui.kit.print_menu import print_button

TEXTS = diagnosis_service.TEXT_FIELDS


def _save(
    ws: Workspace,
    family_id: str,
    data: DiagnosisInput,
    diagnosis_id: str | None,
    reasons: list[str],
) -> Diagnosis:
    saved = diagnosis_service.save_diagnosis(ws, family_id, data, diagnosis_id)
    families.set_reasons(ws, family_id, reasons)
    return saved


class DiagnosisTab(RecordFormTab):
    title = N_("&Diagnosis")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(host)
        self.view = DiagnosisView()
        self.binding = FormBinding(self)
        self.view.bind(self.binding)
        self.current: str = NEW
        self.guard = DraftGuard(self.ctx, self.binding, self._key(), _("Diagnosis"), self)
        self._file: FamilyFile | None = None
        self._first = True
        self.view.print_slot.addWidget(
            print_button(
                self,
                self.ctx,
                ["diagnosis", "blank-diagnosis"],
                lambda: {"family_id": self.family_id},
            )
        )
        self.view.save_button.clicked.connect(lambda: self.save_form(None))
        self.view.new_button.clicked.connect(lambda: self.switch_to(NEW))
        self.view.chooser.activated.connect(self._chosen)
        self.view.add_other.clicked.connect(self.add_other)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def _key(self, diagnosis_id: str | None = None) -> FormKey:
        return FormKey("diagnosis", self.family_id, record_id=diagnosis_id or self.current)

    def _title(self) -> str:
        what = _("New diagnosis") if self.current == NEW else _("Diagnosis")
        return _("{form} – case {case}").format(form=what, case=self.host.case_label())

    # -- showing ------------------------------------------------------------------------------
    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        self._file = ff
        known = {d.id for d in ff.diagnoses}
        if self._first or (self.current != NEW and self.current not in known):
            self.current = ff.diagnoses[0].id if ff.diagnoses else NEW
        with self.guard.quiet():
            self.view.ratings.set_domains(lookups.domains)
        self.view.chain_tabs()
        if not self.guard.is_modified():
            self._fill_lists(ff, lookups, self._diagnosis())
            self.guard.set_key(self._key(), self._title())
            self.guard.reset(self._values(ff))
        self._fill_chooser(ff)
        if self._first:
            self._first = False
            self.guard.offer_restore(self)

    def _diagnosis(self) -> Diagnosis | None:
        ff = self._file
        return next((d for d in ff.diagnoses if d.id == self.current), None) if ff else None

    def _fill_chooser(self, ff: FamilyFile) -> None:
        chooser = self.view.chooser
        chooser.clear()
        for d in ff.diagnoses:
            mark = _("final") if d.finalized else _("working")
            chooser.addItem(f"{fmt_date(d.made_on)} ({mark})", d.id)
        if self.current == NEW:
            chooser.addItem(_("new diagnosis (not saved yet)"), NEW)
        chooser.setCurrentIndex(max(chooser.findData(self.current), 0))
        shown = self._diagnosis()
        self.view.state.setText(
            _("Author: {author}").format(author=shown.author)
            if shown is not None and shown.author
            else ""
        )

    def _fill_lists(self, ff: FamilyFile, lookups: Lookups, d: Diagnosis | None) -> None:
        self.view.reasons.set_rows(
            [CheckRow(c.code, f"{c.code}. {c.label}") for c in lookups.reasons]
        )
        existing = list(d.participants) if d is not None else []
        rows = participant_rows(ff, lookups, existing)
        self.view.participants.set_rows(rows)
        fit_columns(self.view.participants_view)

    def _values(self, ff: FamilyFile) -> dict[str, Any]:
        d = self._diagnosis()
        values: dict[str, Any] = {
            "reasons": {r.reason_code: [True, ""] for r in ff.family.reasons},
        }
        if d is None:
            values.update({name: "" for name in TEXTS})
            values.update(
                made_on=date.today().isoformat(), finalized=False, ratings={}, participants={}
            )
            return values
        values.update({name: getattr(d, name) for name in TEXTS})
        values.update(
            made_on=d.made_on.isoformat(),
            finalized=d.finalized,
            ratings={r.domain_code: [r.rating, r.note] for r in d.ratings},
            participants=participant_values(d.participants),
        )
        return values

    # -- switching ----------------------------------------------------------------------------
    def _chosen(self, index: int) -> None:
        self.switch_to(self.view.chooser.itemData(index))

    def _chooser_back(self) -> None:
        if self._file is not None:
            self._fill_chooser(self._file)

    def _show_current(self) -> None:
        if self._file is not None:
            self._fill_lists(self._file, self.host.lookups, self._diagnosis())
            self.guard.set_key(self._key(), self._title())
            self.guard.reset(self._values(self._file))
            self._fill_chooser(self._file)

    def _first_field(self) -> QWidget:
        return self.view.made_on

    def add_other(self) -> None:
        row = add_other_row(self.view.participants)
        index = self.view.participants.index(row, 0)
        self.view.participants_view.setCurrentIndex(index)
        self.view.participants_view.edit(index)

    # -- saving -------------------------------------------------------------------------------
    def diagnosis_input(self) -> tuple[DiagnosisInput, list[str]]:
        v = self.binding.values()
        participants = read_participants(self.view.participants, ParticipantInput)
        data = DiagnosisInput(
            made_on=date.fromisoformat(v["made_on"]),
            finalized=bool(v["finalized"]),
            ratings=[RatingInput(code, r, note) for code, r, note in self.view.ratings.ratings()],
            participants=participants,
            **{name: v[name] for name in TEXTS},
        )
        return data, self.view.reasons.checked_keys()

    def save_form(self, then: Then) -> None:
        def call() -> tuple:
            data, reasons = self.diagnosis_input()
            diagnosis_id = None if self.current == NEW else self.current
            return _save, (self.ctx.ws, self.family_id, data, diagnosis_id, reasons)

        self.save_in_place(call, then, self.view.error, self.view.save_button)

    def open_draft(self, form_key: str) -> bool:
        key = FormKey.parse(form_key)
        if key is None or key.kind != "diagnosis":
            return False
        diagnosis_id = key.record_id
        if diagnosis_id != self.current:
            self.switch_to(diagnosis_id)
        return True
