"""Family members: adding and editing with PESEL checks, duplicate warnings, removal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import Family, Person
from app.models.enums import Disability, Education, Employment, IdDocument, Relation, Sex
from app.services import audit
from app.services.common import apply, get_live, tombstone
from app.services.date_rules import check_birth_date, check_work_date
from app.services.families import FamilyInput, register_family
from app.services.text import clean, fold
from app.services.validation import (
    check_choice,
    check_length,
    check_pesel,
    pesel_facts,
    require_text,
)
from app.services.workspace import Workspace


@dataclass
class PersonInput:
    first_name: str
    last_name: str
    pesel: str = ""
    document_type: str = ""
    document_number: str = ""
    birth_date: date | None = None
    sex: str = ""
    relation: str = "applicant"
    disability: str = "none"
    disability_until: date | None = None
    education: str = ""
    employment: str = ""
    school: str = ""
    phone: str = ""
    health_notes: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Duplicate:
    """Another member who may be the same person (shown as a warning, not an error)."""

    person_id: str
    family_id: str
    case_number: str
    full_name: str
    reason: str  # "pesel" | "name_birth"


def _validated(data: PersonInput) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "first_name": require_text(data.first_name, "first_name", _("First name"), 100),
        "last_name": require_text(data.last_name, "last_name", _("Surname"), 100),
        "relation": check_choice(data.relation, Relation, "relation", _("Relation")),
        "disability": check_choice(
            data.disability or "none", Disability, "disability", _("Disability")
        ),
        "disability_until": data.disability_until,
        "school": check_length(clean(data.school), "school", _("School"), 200),
        "phone": check_length(data.phone, "phone", _("Phone"), 40),
        "health_notes": check_length(data.health_notes, "health_notes", _("Health"), 20000),
        "notes": check_length(data.notes, "notes", _("Notes"), 20000),
        "education": check_choice(data.education, {"", *Education}, "education", _("Education")),
        "employment": check_choice(
            data.employment, {"", *Employment}, "employment", _("Employment")
        ),
    }
    fields["last_name_folded"] = fold(fields["last_name"])
    sex = data.sex or ""
    if sex:
        check_choice(sex, Sex, "sex", _("Sex"))
    pesel = "".join(data.pesel.split()) if data.pesel else ""
    if pesel:
        pesel = check_pesel(pesel, data.birth_date, sex or None)
        born, gender = pesel_facts(pesel)
        fields.update(pesel=pesel, birth_date=born, sex=gender)
        fields.update(document_type=data.document_type or "", document_number="")
        if data.document_number:
            fields["document_number"] = check_length(
                data.document_number, "document_number", _("Document number"), 40
            )
    else:
        if not clean(data.document_number):
            raise ValidationError(
                _("Give the PESEL or, for a person without one, an identity document number."),
                "pesel",
            )
        fields.update(
            pesel="",
            document_type=check_choice(
                data.document_type or "other", IdDocument, "document_type", _("Document")
            ),
            document_number=check_length(
                clean(data.document_number), "document_number", _("Document number"), 40
            ),
            birth_date=data.birth_date,
            sex=sex,
        )
    check_birth_date(fields["birth_date"])
    check_work_date(data.disability_until, "disability_until")
    return fields


def find_duplicates(
    ws: Workspace,
    pesel: str = "",
    last_name: str = "",
    birth_date: date | None = None,
    exclude_person_id: str | None = None,
) -> list[Duplicate]:
    """Members already registered with this PESEL, or with this surname and birth date."""
    with ws.transaction() as s:
        return _duplicates(s, pesel, last_name, birth_date, exclude_person_id)


def _duplicates(
    s: Session, pesel: str, last_name: str, birth_date: date | None, exclude: str | None
) -> list[Duplicate]:
    hits: dict[str, Duplicate] = {}
    queries = []
    if pesel:
        queries.append(("pesel", Person.pesel == pesel.strip()))
    if last_name and birth_date:
        queries.append(
            (
                "name_birth",
                (Person.last_name_folded == fold(last_name)) & (Person.birth_date == birth_date),
            )
        )
    for reason, condition in queries:
        q = (
            select(Person, Family.case_number)
            .join(Family, Family.id == Person.family_id)
            .where(condition, Person.deleted.is_(False), Family.deleted.is_(False))
        )
        for person, case_number in s.execute(q):
            if person.id != exclude and person.id not in hits:
                hits[person.id] = Duplicate(
                    person.id, person.family_id, case_number, person.full_name, reason
                )
    return list(hits.values())


def _refresh_head(s: Session, family: Family) -> None:
    members = s.scalars(
        select(Person)
        .where(Person.family_id == family.id, Person.deleted.is_(False))
        .order_by(Person.sort_order, Person.birth_date)
    ).all()
    head = next((p for p in members if p.relation == Relation.APPLICANT), None)
    head = head or (members[0] if members else None)
    name = f"{head.last_name} {head.first_name}" if head else ""
    apply(family, head_name=name, head_name_folded=fold(name))


def register_family_with_member(ws: Workspace, family: FamilyInput, first: PersonInput) -> Family:
    """Open a case with its first member; the member is checked first, so a mistake in the
    member's data never leaves a case without members behind."""
    _validated(first)
    registered = register_family(ws, family)
    add_person(ws, registered.id, first)
    return registered


def add_person(ws: Workspace, family_id: str, data: PersonInput) -> Person:
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        fields = _validated(data)
        _refuse_same_pesel_in_family(s, family.id, fields["pesel"], None)
        position = len(family.persons)
        person = Person(family_id=family.id, sort_order=position, **fields)
        s.add(person)
        s.flush()
        _refresh_head(s, family)
        audit.record(s, "create", "person", person.id, family.id)
        return person


def update_person(ws: Workspace, person_id: str, data: PersonInput) -> Person:
    with ws.transaction() as s:
        person = get_live(s, Person, person_id)
        fields = _validated(data)
        _refuse_same_pesel_in_family(s, person.family_id, fields["pesel"], person.id)
        if apply(person, **fields):
            s.flush()
            _refresh_head(s, get_live(s, Family, person.family_id))
            audit.record(s, "update", "person", person.id, person.family_id)
        return person


def remove_person(ws: Workspace, person_id: str) -> None:
    with ws.transaction() as s:
        person = get_live(s, Person, person_id)
        tombstone(person)
        s.flush()
        _refresh_head(s, get_live(s, Family, person.family_id))
        audit.record(s, "delete", "person", person.id, person.family_id)


def _refuse_same_pesel_in_family(
    s: Session, family_id: str, pesel: str, exclude: str | None
) -> None:
    if not pesel:
        return
    q = select(Person.id).where(
        Person.family_id == family_id, Person.pesel == pesel, Person.deleted.is_(False)
    )
    if any(pid != exclude for pid in s.scalars(q)):
        raise ValidationError(_("This PESEL is already registered in this family."), "pesel")
