"""The fields of one family member (layout only); used by the member dialog and registration.

Field names are those of ``persons.PersonInput`` (with an optional prefix), so the form's values
turn into the service's input without a mapping table.
"""

from __future__ import annotations

from dataclasses import fields as dc_fields
from datetime import date
from typing import Any

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.models.enums import Disability, Education, Employment, IdDocument, Relation, Sex
from app.services.persons import PersonInput
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import (
    ChoiceCombo,
    FormBinding,
    OptionalDateEdit,
    buddy_label,
    hint_label,
    line_edit,
    tab_chain,
    text_edit,
)
from app.ui.kit.mnemonics import key_field
from app.ui.theme import note_style

DATE_FIELDS = {"birth_date", "disability_until"}


class MemberFieldsView(QWidget):
    """Name, identity (PESEL or a document), situation and notes of one person."""

    def __init__(self, parent: QWidget | None = None, with_notes: bool = True) -> None:
        super().__init__(parent)
        self.first_name = line_edit(100)
        self.last_name = line_edit(100)
        self.relation = ChoiceCombo()
        self.relation.set_choices(Relation.choices(), empty=_("— choose —"))
        self.pesel = line_edit(15)
        self.pesel.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9 ]{0,15}"), self.pesel)
        )
        self.pesel.setPlaceholderText(_("11 digits"))
        self.pesel_status = QLabel()
        self.pesel_status.setWordWrap(True)
        self.pesel_status.setAccessibleName(_("PESEL check"))
        self.birth_date = OptionalDateEdit()
        self.sex = ChoiceCombo()
        self.sex.set_choices(Sex.choices(), empty=_("— not given —"))
        self.document_type = ChoiceCombo()
        self.document_type.set_choices(IdDocument.choices(), empty=_("— none —"))
        self.document_number = line_edit(40)
        self.disability = ChoiceCombo()
        self.disability.set_choices(Disability.choices())
        self.disability_until = OptionalDateEdit()
        self.education = ChoiceCombo()
        self.education.set_choices(Education.choices(), empty=_("— not given —"))
        self.employment = ChoiceCombo()
        self.employment.set_choices(Employment.choices(), empty=_("— not given —"))
        self.school = line_edit(200)
        self.school.setPlaceholderText(_("school or kindergarten the child attends"))
        self.phone = line_edit(40)
        self.health_notes = text_edit(3)
        self.notes = text_edit(3)
        self.duplicates = QLabel()
        self.duplicates.setWordWrap(True)
        self.duplicates.setStyleSheet(note_style())
        self.duplicates.setAccessibleName(_("Possible duplicate"))
        self.duplicates.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.duplicates.hide()
        self.sex.currentIndexChanged.connect(self._follow_sex)
        self._with_notes = with_notes
        self._build()

    def _follow_sex(self) -> None:
        """Relation and work are said of this person: their words follow the chosen sex."""
        sex = self.sex.code() or None
        self.relation.set_choices(Relation.choices(sex), empty=_("— choose —"))
        self.employment.set_choices(Employment.choices(sex), empty=_("— not given —"))

    def _build(self) -> None:
        person = QGroupBox(_("Person"))
        f = QFormLayout(person)
        f.addRow(buddy_label(_("&First name:"), self.first_name), self.first_name)
        f.addRow(buddy_label(_("&Surname:"), self.last_name), self.last_name)
        f.addRow(buddy_label(_("&Relation to the applicant:"), self.relation), self.relation)
        f.addRow(buddy_label(_("P&hone:"), self.phone), self.phone)

        ident = QGroupBox(_("Identity"))
        g = QFormLayout(ident)
        g.addRow(buddy_label(_("&PESEL:"), key_field(self.pesel)), self.pesel)
        g.addRow("", self.pesel_status)
        g.addRow(buddy_label(_("&Birth date:"), self.birth_date), self.birth_date)
        g.addRow(buddy_label(_("Se&x:"), self.sex), self.sex)
        self.no_pesel_hint = hint_label(_("Without a PESEL, give an identity document:"))
        g.addRow(self.no_pesel_hint)
        g.addRow(buddy_label(_("&Document:"), self.document_type), self.document_type)
        g.addRow(buddy_label(_("Document n&umber:"), self.document_number), self.document_number)

        situation = QGroupBox(_("Situation"))
        h = QFormLayout(situation)
        h.addRow(buddy_label(_("D&isability:"), self.disability), self.disability)
        h.addRow(
            buddy_label(_("Certificate &valid until:"), self.disability_until),
            self.disability_until,
        )
        h.addRow(buddy_label(_("&Education:"), self.education), self.education)
        h.addRow(buddy_label(_("&Work / income source:"), self.employment), self.employment)
        h.addRow(buddy_label(_("Sch&ool:"), self.school), self.school)

        grid = QGridLayout()
        grid.addWidget(person, 0, 0)
        if self._with_notes:
            grid.addWidget(ident, 0, 1)
            grid.addWidget(situation, 1, 0)
        else:  # beside the case form (Nowa rodzina): one column, so the long choices fit
            grid.addWidget(ident, 1, 0)
            grid.addWidget(situation, 2, 0)
        if self._with_notes:
            notes = QGroupBox(_("Notes"))
            n = QFormLayout(notes)
            n.addRow(buddy_label(_("Hea&lth:"), self.health_notes), self.health_notes)
            n.addRow(buddy_label(_("Ot&her notes:"), self.notes), self.notes)
            grid.addWidget(notes, 1, 1)
        # The left column holds the long choices ("wnioskodawczyni (głowa gospodarstwa)",
        # "bezrobotna, zarejestrowana w PUP"); the right one PESEL, dates and short codes.
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2 if self._with_notes else 0)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.duplicates)
        outer.addLayout(grid)
        outer.addStretch(1)
        tab_chain(self.tab_widgets())

    def tab_widgets(self) -> list[QWidget]:
        order = ["first_name", "last_name", "relation", "phone", "pesel", "birth_date", "sex",
                 "document_type", "document_number", "disability", "disability_until",
                 "education", "employment", "school"]  # fmt: skip
        if self._with_notes:
            order += ["health_notes", "notes"]
        return [getattr(self, name) for name in order]

    def bind(self, binding: FormBinding, prefix: str = "") -> None:
        for name in self.field_names():
            binding.add(prefix + name, getattr(self, name))

    def field_names(self) -> list[str]:
        names = [f.name for f in dc_fields(PersonInput)]
        if not self._with_notes:
            names = [n for n in names if n not in ("health_notes", "notes")]
        return names


def person_values(p: Any | None, has_applicant: bool = False) -> dict[str, Any]:
    """Form values of a saved person (or the defaults of a new one: the applicant, unless the
    family already has one; then the relation is left for the worker to choose)."""
    if p is None:
        return {"relation": "" if has_applicant else "applicant", "disability": "none"}
    out: dict[str, Any] = {}
    for f in dc_fields(PersonInput):
        value = getattr(p, f.name)
        out[f.name] = value.isoformat() if isinstance(value, date) else (value or "")
    return out


def person_input(values: dict[str, Any], prefix: str = "") -> PersonInput:
    kwargs: dict[str, Any] = {}
    for f in dc_fields(PersonInput):
        if prefix + f.name not in values:
            continue
        value = values[prefix + f.name]
        if f.name in DATE_FIELDS:
            value = form_day(value)
        kwargs[f.name] = value
    kwargs["pesel"] = "".join(str(kwargs.get("pesel", "")).split())
    return PersonInput(**kwargs)
