"""Registering and editing families (cases), their status, reasons for help and task team."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.i18n import _
from app.models import CaseTeamMember, Family, FamilyReason, HelpReason, Institution, Setting
from app.models.enums import FamilyStatus, SubjectKind
from app.services import audit, reference
from app.services.common import apply, get_live, sync_children, tombstone, upsert
from app.services.text import clean, fold
from app.services.validation import (
    check_choice,
    check_email,
    check_length,
    check_postal_code,
    require_text,
)
from app.services.workspace import Workspace

STATUS_ORDER = [s.value for s in FamilyStatus]


@dataclass
class FamilyInput:
    gmina_code: str
    locality: str
    street: str = ""
    house_number: str = ""
    flat_number: str = ""
    postal_code: str = ""
    phone: str = ""
    lead_worker: str = ""
    opened_on: date | None = None
    case_number: str = ""
    notes: str = ""
    retention_class: str = "B10"
    reasons: list[str] | None = None  # art. 7 codes; None leaves them unchanged
    subject_kind: str | None = None  # SubjectKind; None leaves it (a new case: a family)


def _validated(s: Session, ws: Workspace, data: FamilyInput) -> dict:
    reference.require_terc(s, data.gmina_code, ("gmina",), "gmina_code")
    reference.require_work_gmina(s, ws.identity.role, ws.identity.unit_code, data.gmina_code)
    extra = {}
    if data.subject_kind is not None:
        extra["subject_kind"] = check_choice(
            data.subject_kind, SubjectKind, "subject_kind", _("Who the case is about")
        )
    return extra | {
        "gmina_code": data.gmina_code.strip(),
        "locality": require_text(data.locality, "locality", _("Locality"), 100),
        "locality_folded": fold(data.locality),
        "street": check_length(clean(data.street), "street", _("Street"), 200),
        "house_number": check_length(data.house_number, "house_number", _("House number"), 20),
        "flat_number": check_length(data.flat_number, "flat_number", _("Flat number"), 20),
        "postal_code": check_postal_code(data.postal_code),
        "phone": check_length(data.phone, "phone", _("Phone"), 40),
        "lead_worker": check_length(clean(data.lead_worker), "lead_worker", _("Lead worker"), 200),
        "notes": check_length(data.notes, "notes", _("Notes"), 20000),
        "retention_class": check_length(data.retention_class, "retention_class", "JRWA", 8),
    }


def next_case_number(s: Session, gmina_code: str, year: int) -> str:
    """``<gmina TERC>/<year>/<n>``: the next number never given here.

    The highest number issued is kept in the settings too: an erased case's rows are gone,
    and its number (on the archive's protocol, in the coordinator's papers) must not be
    given to another family."""
    prefix = f"{gmina_code}/{year}/"
    taken = s.scalars(select(Family.case_number).where(Family.case_number.startswith(prefix)))
    numbers = [int(m.group(1)) for c in taken if (m := re.match(r".*/(\d+)$", c))]
    n = max(max(numbers, default=0), _issued(s, prefix)) + 1
    remember_case_number(s, f"{prefix}{n:04d}")
    return f"{prefix}{n:04d}"


_ISSUED = "case_number_issued:"  # + "<gmina>/<year>/": the highest number given (a count only)


def _issued(s: Session, prefix: str) -> int:
    mark = s.get(Setting, _ISSUED + prefix)
    return int(mark.value) if mark is not None and mark.value.isdigit() else 0


def remember_case_number(s: Session, number: str) -> None:
    """Count ``number`` (``<gmina>/<year>/<n>``, also one a worker typed) as given."""
    m = re.match(r"^(\d{7}/\d{4}/)(\d+)$", number)
    if m and int(m.group(2)) > _issued(s, m.group(1)):
        s.merge(Setting(key=_ISSUED + m.group(1), value=str(int(m.group(2)))))


def _set_reasons(s: Session, family: Family, codes: list[str]) -> None:
    known = set(s.scalars(select(HelpReason.code)))
    wanted = []
    for code in codes:
        if code not in known:
            raise ValidationError(
                _("Unknown reason for help: {code}.").format(code=code), "reasons"
            )
        if code not in wanted:
            wanted.append(code)
    sync_children(
        s,
        FamilyReason.family_id,
        family.id,
        "reason_code",
        {code: {} for code in wanted},
        on_create={"noted_on": date.today()},
    )


def register_family(ws: Workspace, data: FamilyInput) -> Family:
    """Open a new case; members are added with ``persons.add_person``."""
    with ws.transaction() as s:
        fields = _validated(s, ws, data)
        opened = data.opened_on or date.today()
        number = clean(data.case_number) or next_case_number(s, fields["gmina_code"], opened.year)
        remember_case_number(s, number)
        family = Family(case_number=number, opened_on=opened, status=FamilyStatus.NEW, **fields)
        if not family.lead_worker:
            family.lead_worker = ws.actor
        s.add(family)
        s.flush()
        if data.reasons:
            _set_reasons(s, family, data.reasons)
        audit.record(s, "create", "family", family.id, family.id)
        return family


def update_family(ws: Workspace, family_id: str, data: FamilyInput) -> Family:
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        fields = _validated(s, ws, data)
        if clean(data.case_number):
            fields["case_number"] = clean(data.case_number)
        if data.opened_on:
            fields["opened_on"] = data.opened_on
        changed = apply(family, **fields)
        if data.reasons is not None:
            _set_reasons(s, family, data.reasons)
            changed = True
        if changed:
            audit.record(s, "update", "family", family.id, family.id)
        return family


def set_reasons(ws: Workspace, family_id: str, reasons: list[str]) -> Family:
    """Record the art. 7 reasons for help (e.g. from the diagnosis form) without the address."""
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        current = set(
            s.scalars(
                select(FamilyReason.reason_code).where(
                    FamilyReason.family_id == family.id, FamilyReason.deleted.is_(False)
                )
            )
        )
        if current != set(reasons):
            _set_reasons(s, family, reasons)
            audit.record(s, "update", "family", family.id, family.id, detail="reasons")
        return family


def advance_status(s: Session, family: Family, status: FamilyStatus) -> None:
    """Move a case forward (never back) when its work reaches a new stage."""
    if family.status == FamilyStatus.CLOSED:
        return
    if STATUS_ORDER.index(status) > STATUS_ORDER.index(family.status):
        family.status = status


def close_family(ws: Workspace, family_id: str, closed_on: date, note: str = "") -> Family:
    with ws.transaction() as s:
        family = get_live(s, Family, family_id)
        if closed_on < family.opened_on:
            raise ValidationError(_("A case cannot close before it opened."), "closed_on")
        apply(family, status=FamilyStatus.CLOSED, closed_on=closed_on, closure_note=note or "")
        audit.record(s, "update", "family", family.id, family.id, detail="closed")
        return family


# -- task team (ZZK) ------------------------------------------------------------------------
@dataclass
class TeamMemberInput:
    name: str
    institution_id: str | None = None
    function: str = ""
    phone: str = ""
    email: str = ""


def save_team_member(
    ws: Workspace, family_id: str, data: TeamMemberInput, member_id: str | None = None
) -> CaseTeamMember:
    with ws.transaction() as s:
        get_live(s, Family, family_id)
        if data.institution_id:
            get_live(s, Institution, data.institution_id)
        fields = {
            "name": require_text(data.name, "name", _("Name"), 200),
            "institution_id": data.institution_id or None,
            "function": check_length(data.function, "function", _("Function"), 200),
            "phone": check_length(data.phone, "phone", _("Phone"), 40),
            "email": check_email(data.email),
        }
        member, changed = upsert(s, CaseTeamMember, member_id, fields, family_id=family_id)
        if changed:
            audit.record_save(s, member_id, "case_team_member", member.id, family_id)
        return member


def remove_team_member(ws: Workspace, member_id: str) -> None:
    with ws.transaction() as s:
        member = get_live(s, CaseTeamMember, member_id)
        tombstone(member)
        audit.record(s, "delete", "case_team_member", member.id, member.family_id)


def family_id_of(ws: Workspace, ref: str) -> str:
    """The id of the family named by ``ref``: its id or its case number (e.g. "OPS.5531.1.2026")."""
    ref = (ref or "").strip()
    with ws.transaction() as s:
        family = s.get(Family, ref)
        if family is not None and not family.deleted:
            return family.id
        ids = s.scalars(
            select(Family.id).where(Family.case_number == ref, Family.deleted.is_(False))
        ).all()
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise ValidationError(
            _("Several families have this case number; give the family's id."), "family"
        )
    raise NotFound(_("There is no family with this id or case number."))
