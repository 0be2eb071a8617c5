"""The case's own data (layout only): gmina and address, art. 7 reasons, case details.

Field names are those of ``families.FamilyInput``; the registration dialog shows the address and
reasons, the Rodzina tab also the case number, dates, lead worker and notes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression, QSize, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.models.enums import SubjectKind
from app.services.families import FamilyInput
from app.services.lookups import Lookups
from app.ui.kit.checklist_table_model import ChecklistTableModel, CheckRow
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import (
    ChoiceCombo,
    DateEdit,
    FormBinding,
    buddy_label,
    line_edit,
    tab_chain,
    text_edit,
)
from app.ui.kit.mnemonics import key_field


class AllRowsTable(QTableView):
    """A table as tall as all its rows (the form around it scrolls, never the list itself): the
    art. 7 list showed 9 of its 15 reasons in a 180-pixel box."""

    def __init__(self) -> None:
        super().__init__()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.verticalHeader().sectionResized.connect(lambda *_a: self.updateGeometry())

    def _all_rows(self) -> int:
        rows = self.verticalHeader().length() if self.model() is not None else 0
        return max(rows, self.verticalHeader().defaultSectionSize() * 3) + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._all_rows())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._all_rows())


def reasons_view(model: ChecklistTableModel, name: str) -> QTableView:
    """A compact checkable list of the art. 7 reasons (Space ticks the current one), all shown."""
    view = AllRowsTable()
    view.setModel(model)
    view.horizontalHeader().hide()
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.setShowGrid(False)
    view.setWordWrap(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setTabKeyNavigation(False)
    view.setAccessibleName(name)
    model.modelReset.connect(view.updateGeometry)
    model.layoutChanged.connect(view.updateGeometry)
    return view


class CaseFormView(QWidget):
    def __init__(self, full: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full = full
        self.gmina = ChoiceCombo()
        self.locality = line_edit(100)
        self.street = line_edit(200)
        self.street.setPlaceholderText(_("leave empty in a village without streets"))
        self.house_number = line_edit(20)
        self.flat_number = line_edit(20)
        self.postal_code = line_edit(6)
        self.postal_code.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,2}-?\d{0,3}"), self.postal_code)
        )
        self.postal_code.setPlaceholderText("17-220")
        self.phone = line_edit(40)
        self.subject_kind = ChoiceCombo()
        self.subject_kind.set_choices(SubjectKind.choices())
        self.reasons = ChecklistTableModel("", parent=self)
        self.reasons_view = reasons_view(self.reasons, _("Reasons for help (art. 7)"))
        self.case_number = line_edit(40)
        self.opened_on = DateEdit()
        self.lead_worker = line_edit(200)
        self.retention_class = line_edit(8)
        self.notes = text_edit(4)
        self._build()

    def _build(self) -> None:
        address = QGroupBox(_("Address"))
        f = QFormLayout(address)
        f.addRow(buddy_label(_("&Gmina:"), self.gmina), self.gmina)
        f.addRow(buddy_label(_("&Locality:"), self.locality), self.locality)
        f.addRow(buddy_label(_("S&treet:"), self.street), self.street)
        numbers = QHBoxLayout()
        numbers.addWidget(self.house_number)
        flat = QLabel(_("fla&t:"))
        flat.setBuddy(self.flat_number)
        self.flat_number.setAccessibleName(_("Flat number"))
        numbers.addWidget(flat)
        numbers.addWidget(self.flat_number)
        f.addRow(buddy_label(_("House &number:"), self.house_number), numbers)
        f.addRow(buddy_label(_("&Postal code:"), self.postal_code), self.postal_code)
        f.addRow(buddy_label(_("P&hone:"), self.phone), self.phone)
        f.addRow(
            buddy_label(_("The case is &about:"), key_field(self.subject_kind)), self.subject_kind
        )

        reasons = QGroupBox(_("Reasons for help (art. 7 u.p.s.)"))
        r = QVBoxLayout(reasons)
        r.addWidget(self.reasons_view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(address)
        if self.full:
            case = QGroupBox(_("Case"))
            c = QFormLayout(case)
            c.addRow(buddy_label(_("Case n&umber:"), self.case_number), self.case_number)
            c.addRow(buddy_label(_("&Opened on:"), self.opened_on), self.opened_on)
            c.addRow(buddy_label(_("Lead &worker:"), self.lead_worker), self.lead_worker)
            c.addRow(
                buddy_label(_("&Archive category (JRWA):"), self.retention_class),
                self.retention_class,
            )
            c.addRow(buddy_label(_("N&otes:"), self.notes), self.notes)
            layout.addWidget(case)
        layout.addWidget(reasons, 1)
        tab_chain(self.tab_widgets())

    def tab_widgets(self) -> list[QWidget]:
        order = [self.gmina, self.locality, self.street, self.house_number, self.flat_number,
                 self.postal_code, self.phone, self.subject_kind]  # fmt: skip
        if self.full:
            order += [self.case_number, self.opened_on, self.lead_worker, self.retention_class,
                      self.notes]  # fmt: skip
        return [*order, self.reasons_view]

    def set_lookups(self, lookups: Lookups) -> None:
        self.gmina.set_choices(lookups.gminas)
        checked = self.reasons.checked_keys()
        self.reasons.set_rows([CheckRow(c.code, f"{c.code}. {c.label}") for c in lookups.reasons])
        self.reasons.set_checked(checked)

    def bind(self, binding: FormBinding) -> None:
        binding.add("gmina_code", self.gmina)
        for name in ("locality", "street", "house_number", "flat_number", "postal_code", "phone"):
            binding.add(name, getattr(self, name))
        binding.add("subject_kind", self.subject_kind)
        binding.add("reasons", self.reasons)
        if self.full:
            for name in ("case_number", "opened_on", "lead_worker", "retention_class", "notes"):
                binding.add(name, getattr(self, name))


def family_values(family: Any) -> dict[str, Any]:
    return {
        "gmina_code": family.gmina_code,
        "locality": family.locality,
        "street": family.street,
        "house_number": family.house_number,
        "flat_number": family.flat_number,
        "postal_code": family.postal_code,
        "phone": family.phone,
        "subject_kind": family.subject_kind,
        "reasons": {r.reason_code: [True, ""] for r in family.reasons},
        "case_number": family.case_number,
        "opened_on": family.opened_on.isoformat(),
        "lead_worker": family.lead_worker,
        "retention_class": family.retention_class,
        "notes": family.notes,
    }


def family_input(values: dict[str, Any]) -> FamilyInput:
    reasons = [code for code, item in (values.get("reasons") or {}).items() if item and item[0]]
    opened = values.get("opened_on")
    return FamilyInput(
        gmina_code=values.get("gmina_code") or "",
        locality=values.get("locality", ""),
        street=values.get("street", ""),
        house_number=values.get("house_number", ""),
        flat_number=values.get("flat_number", ""),
        postal_code=values.get("postal_code", ""),
        phone=values.get("phone", ""),
        subject_kind=values.get("subject_kind") or None,
        lead_worker=values.get("lead_worker", ""),
        opened_on=form_day(opened),
        case_number=values.get("case_number", ""),
        notes=values.get("notes", ""),
        retention_class=values.get("retention_class") or "B10",
        reasons=sorted(reasons, key=_reason_sort),
    )


def _reason_sort(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 999, code)
