"""What the data-protection screen lists and what an erasure would remove, before it is done.

``cases`` and ``members`` fill the screen's choosers (case number and the head of the family;
the members' names); ``erasure_preview`` says, for the confirmation, how many records of which
kind an erasure of one case removes here, how many documents and drafts go with them, and which
other devices hold a copy and will have to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.errors import NotFound
from app.i18n import _
from app.models import Attachment, Device, Draft, Family, Person
from app.services.rodo.erasure import family_rows, holders_of
from app.services.rodo.member import member_rows
from app.services.workspace import Workspace


@dataclass(frozen=True)
class CaseChoice:
    family_id: str
    case_number: str
    head_name: str
    closed: bool


@dataclass(frozen=True)
class PersonChoice:
    person_id: str
    full_name: str


@dataclass(frozen=True)
class ErasurePreview:
    family_id: str
    case_number: str
    members: tuple[str, ...]  # full names, as the worker knows them
    records: int  # every row of the case, the family's own included
    tables: dict[str, int]  # table -> rows
    documents: int
    drafts: int
    holders: tuple[str, ...]  # names of the other devices holding a copy
    person_id: str = ""  # set when one member is erased, not the case
    person_name: str = ""


def cases(ws: Workspace) -> list[CaseChoice]:
    with ws.transaction() as s:
        q = select(Family).where(Family.deleted.is_(False)).order_by(Family.case_number)
        return [
            CaseChoice(f.id, f.case_number, f.head_name, f.closed_on is not None)
            for f in s.scalars(q)
        ]


def members(ws: Workspace, family_id: str) -> list[PersonChoice]:
    with ws.transaction() as s:
        q = (
            select(Person)
            .where(Person.family_id == family_id, Person.deleted.is_(False))
            .order_by(Person.last_name, Person.first_name)
        )
        return [PersonChoice(p.id, f"{p.first_name} {p.last_name}".strip()) for p in s.scalars(q)]


def erasure_preview(ws: Workspace, family_id: str) -> ErasurePreview:
    with ws.transaction() as s:
        family = s.get(Family, family_id)
        if family is None:
            raise NotFound(_("There is no such family."))
        found = family_rows(s, family_id)
        ids = {i for rows in found.values() for i in rows}
        drafts = sum(
            1
            for key in s.scalars(select(Draft.form_key))
            if any(part in ids for part in key.replace("/", ":").split(":"))
        )
        documents = s.scalar(
            select(func.count()).select_from(Attachment).where(Attachment.family_id == family_id)
        )
        names = {d.device_id: d.name for d in s.scalars(select(Device))}
        holders = tuple(sorted(names.get(h, h) for h in holders_of(s, family_id)))
        people = tuple(
            f"{p.first_name} {p.last_name}".strip()
            for p in s.scalars(
                select(Person)
                .where(Person.family_id == family_id)
                .order_by(Person.last_name, Person.first_name)
            )
        )
        return ErasurePreview(
            family_id,
            family.case_number,
            people,
            len(ids),
            {t: len(r) for t, r in sorted(found.items())},
            int(documents or 0),
            drafts,
            holders,
        )


def member_preview(ws: Workspace, person_id: str) -> ErasurePreview:
    """What erasing one member removes (their record and the rows pointing at it)."""
    with ws.transaction() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFound(_("There is no such person."))
        family = s.get(Family, person.family_id)
        assert family is not None
        found = member_rows(s, person_id)
        ids = {i for rows in found.values() for i in rows}
        drafts = sum(
            1
            for key in s.scalars(select(Draft.form_key))
            if any(part in ids for part in key.replace("/", ":").split(":"))
        )
        names = {d.device_id: d.name for d in s.scalars(select(Device))}
        name = f"{person.first_name} {person.last_name}".strip()
        return ErasurePreview(
            family.id,
            family.case_number,
            (name,),
            len(ids),
            {t: len(r) for t, r in sorted(found.items())},
            len(found.get(Attachment.__tablename__, ())),
            drafts,
            tuple(sorted(names.get(h, h) for h in holders_of(s, family.id))),
            person_id,
            name,
        )
