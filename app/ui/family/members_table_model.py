"""The family's members (Rodzina tab): name, relation, PESEL or document, birth date, status."""

from __future__ import annotations

from datetime import date

from app.i18n import N_, _
from app.models import Person
from app.models.enums import Disability, Education, Employment, IdDocument, Relation, Sex
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


def _label(enum: type, code: str, sex: str | None = None) -> str:
    """The label of ``code``; words said of a person (relation, work) in the form for ``sex``."""
    try:
        return enum(code).label_for(sex)
    except ValueError:
        return code


def identity_text(p: Person) -> str:
    if p.pesel:
        return p.pesel
    if p.document_number:
        kind = _label(IdDocument, p.document_type) if p.document_type else _("document")
        return f"{kind}: {p.document_number}"
    return ""


def born_text(p: Person) -> str:
    if p.birth_date is None:
        return ""
    age = p.age_on(date.today())
    return _("{date} ({age} y.)").format(date=fmt_date(p.birth_date), age=age)


def situation_text(p: Person) -> str:
    parts = []
    if p.employment:
        parts.append(_label(Employment, p.employment, p.sex))
    if p.education and p.education not in ("n_a",):
        parts.append(_label(Education, p.education))
    return "; ".join(parts)


class MembersTableModel(RecordTableModel[Person]):
    COLUMNS = (
        Column(N_("Surname and first name"), lambda p: f"{p.last_name} {p.first_name}"),
        Column(N_("Relation"), lambda p: _label(Relation, p.relation, p.sex)),
        Column(N_("PESEL / document"), identity_text),
        Column(N_("Born"), born_text, sort=lambda p: iso(p.birth_date)),
        Column(N_("Sex"), lambda p: _label(Sex, p.sex) if p.sex else ""),
        Column(
            N_("Disability"),
            lambda p: "" if p.disability in ("", "none") else _label(Disability, p.disability),
        ),
        Column(N_("Work / education"), situation_text),
    )
