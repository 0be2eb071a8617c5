"""Warsztat diagnostyczny: when and where, who moderated, who was present (institutions, family
members, others) and what was agreed; and which diagnosis the workshop produced.  Both call
``app.services.workshops``."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFormLayout, QPushButton, QTableView, QWidget

from app.i18n import _
from app.models import DiagnosticWorkshop
from app.services import workshops
from app.services.casefile import FamilyFile
from app.services.date_text import fmt_date
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.family.participants import (
    add_other_row,
    participant_rows,
    participant_values,
    read_participants,
)
from app.ui.kit.checklist_table_model import ChecklistTableModel
from app.ui.kit.form_kit import (
    ChoiceCombo,
    DateEdit,
    buddy_label,
    fit_columns,
    hint_label,
    line_edit,
    setup_table,
    tab_chain,
    text_edit,
)
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit


class WorkshopDialog(CaseRecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        case_number: str,
        ff: FamilyFile,
        lookups: Lookups,
        workshop: DiagnosticWorkshop | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("workshop", family_id, record_id=workshop.id if workshop else "new"),
            case_number,
            (_("Diagnostic workshop"), _("New diagnostic workshop")),
            parent,
        )
        self.family_id, self.workshop = family_id, workshop
        b = self.binding
        self.held_on = b.add("held_on", DateEdit())
        self.place = b.add("place", line_edit(200))
        self.moderator = b.add("moderator", line_edit(200))
        self.participants = ChecklistTableModel(
            _("Who took part"), (_("Role or function"),), _("As"), parent=self
        )
        existing = list(workshop.participants) if workshop is not None else []
        self.participants.set_rows(participant_rows(ff, lookups, existing))
        b.add("participants", self.participants)
        self.participants_view = QTableView()
        setup_table(self.participants_view, _("Participants of the workshop"), 0)
        self.participants_view.setModel(self.participants)
        self.participants_view.setMinimumHeight(170)
        self.add_other = QPushButton(_("Add another &person…"))
        self.add_other.clicked.connect(self._add_other)
        self.agreed = b.add("agreed", text_edit(4))
        self.agreed.setPlaceholderText(_("what the family and the institutions agreed"))
        self.notes = b.add("notes", text_edit(3))
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Held on:"), self.held_on), self.held_on)
        f.addRow(buddy_label(_("P&lace:"), self.place), self.place)
        f.addRow(buddy_label(_("&Moderator:"), self.moderator), self.moderator)
        f.addRow(buddy_label(_("&Present:"), self.participants_view), self.participants_view)
        f.addRow(
            hint_label(_("Space ticks who was present; type a role in its column.")),
            self.add_other,
        )
        f.addRow(buddy_label(_("What was &agreed:"), self.agreed), self.agreed)
        f.addRow(buddy_label(_("N&otes:"), self.notes), self.notes)
        tab_chain([self.held_on, self.place, self.moderator, self.participants_view,
                   self.add_other, self.agreed, self.notes])  # fmt: skip
        values: dict[str, Any] = {}
        if workshop is not None:
            values = {
                "held_on": workshop.held_on.isoformat(),
                "place": workshop.place,
                "moderator": workshop.moderator,
                "participants": participant_values(workshop.participants),
                "agreed": workshop.agreed,
                "notes": workshop.notes,
            }
        self.finish_setup(form, values)
        fit_columns(self.participants_view)
        resize_to_fit(self, 760, 680)

    def _add_other(self) -> None:
        row = add_other_row(self.participants)
        index = self.participants.index(row, 0)
        self.participants_view.setCurrentIndex(index)
        self.participants_view.edit(index)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = workshops.WorkshopInput(
            held_on=date.fromisoformat(v["held_on"]),
            place=v["place"],
            moderator=v["moderator"],
            agreed=v["agreed"],
            notes=v["notes"],
            participants=read_participants(self.participants, workshops.AttendeeInput),
        )
        workshop_id = self.workshop.id if self.workshop else None
        return workshops.save_workshop, (self.ctx.ws, self.family_id, data, workshop_id)


class LinkDiagnosisDialog(CaseRecordDialog):
    """Which of the family's diagnoses this workshop produced (the diagnosis points to it)."""

    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        case_number: str,
        ff: FamilyFile,
        workshop: DiagnosticWorkshop,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("workshop_link", family_id, record_id=workshop.id),
            case_number,
            (_("Diagnosis from the workshop"), _("Diagnosis from the workshop")),
            parent,
        )
        self.workshop = workshop
        self.diagnosis = self.binding.add("diagnosis_id", ChoiceCombo())
        self.diagnosis.set_choices(
            [(d.id, _("diagnosis of {date}").format(date=fmt_date(d.made_on)))
             for d in ff.diagnoses],
            empty=_("— choose —"),
        )  # fmt: skip
        linked = next((d.id for d in ff.diagnoses if d.workshop_id == workshop.id), "")
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(
            hint_label(_("The diagnosis made at this workshop points to it on paper and here."))
        )
        f.addRow(buddy_label(_("&Diagnosis:"), self.diagnosis), self.diagnosis)
        self.finish_setup(form, {"diagnosis_id": linked})
        resize_to_fit(self, 520, 220)

    def submit(self) -> Submit:
        v = self.binding.values()
        return workshops.link_diagnosis, (self.ctx.ws, v["diagnosis_id"], self.workshop.id)
