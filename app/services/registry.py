"""The cooperation registry: institutions, the PZK team, agreements, meetings (the koszyk
usług, the catalogue of services, is ``app.services.koszyk``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select

from app.errors import ValidationError
from app.i18n import _
from app.models import (
    Agreement,
    AgreementParty,
    CooperationTeam,
    Institution,
    MeetingAttendance,
    Sector,
    TeamMeeting,
    TeamMembership,
)
from app.models.enums import AgreementKind, InstitutionLevel, PartySide, TeamKind
from app.services import audit, cooperation
from app.services.common import apply, get_live, sync_children, tombstone, upsert
from app.services.text import clean, fold
from app.services.validation import (
    check_choice,
    check_email,
    check_length,
    check_nip,
    check_period,
    check_postal_code,
    check_regon,
    require_text,
)
from app.services.workspace import Workspace


# -- institutions ---------------------------------------------------------------------------
@dataclass
class InstitutionInput:
    name: str
    sector_code: str
    level: str = InstitutionLevel.GMINA
    short_name: str = ""
    teryt_code: str = ""
    nip: str = ""
    regon: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    contact_person: str = ""
    notes: str = ""


def save_institution(
    ws: Workspace, data: InstitutionInput, institution_id: str | None = None
) -> Institution:
    with ws.transaction() as s:
        if s.get(Sector, data.sector_code) is None:
            raise ValidationError(_("Choose the institution's sector."), "sector_code")
        fields = {
            "name": require_text(data.name, "name", _("Name"), 300),
            "short_name": check_length(clean(data.short_name), "short_name", _("Short name"), 60),
            "sector_code": data.sector_code,
            "level": check_choice(data.level, InstitutionLevel, "level", _("Level")),
            "teryt_code": check_length(data.teryt_code, "teryt_code", "TERYT", 7),
            "nip": check_nip(data.nip),
            "regon": check_regon(data.regon),
            "street": check_length(clean(data.street), "street", _("Street"), 200),
            "postal_code": check_postal_code(data.postal_code),
            "city": check_length(clean(data.city), "city", _("City"), 100),
            "phone": check_length(data.phone, "phone", _("Phone"), 40),
            "email": check_email(data.email),
            "contact_person": check_length(
                data.contact_person, "contact_person", _("Contact person"), 200
            ),
            "notes": check_length(data.notes, "notes", _("Notes"), 20_000),
        }
        inst, changed = upsert(s, Institution, institution_id, fields)
        if changed:
            audit.record_save(s, institution_id, "institution", inst.id)
        return inst


def remove_institution(ws: Workspace, institution_id: str) -> None:
    with ws.transaction() as s:
        inst = get_live(s, Institution, institution_id)
        tombstone(inst)
        audit.record(s, "delete", "institution", inst.id)


def list_institutions(
    ws: Workspace, sector_code: str | None = None, text: str = ""
) -> list[Institution]:
    with ws.transaction() as s:
        q = select(Institution).where(Institution.deleted.is_(False))
        if sector_code:
            q = q.where(Institution.sector_code == sector_code)
        rows = s.scalars(q.order_by(Institution.sector_code, Institution.name)).all()
        key = fold(text)
        return [r for r in rows if not key or key in fold(r.name + " " + r.short_name)]


# -- team, memberships, agreements, meetings -----------------------------------------------
@dataclass
class TeamInput:
    name: str
    teryt_code: str = ""
    established_on: date | None = None
    lead_institution_id: str | None = None
    notes: str = ""
    # None leaves the value as it is (a new team: a PZK without animators named yet).
    kind: str | None = None
    gmina_animator: str | None = None
    gmina_animator_institution_id: str | None = None
    powiat_animator: str | None = None
    powiat_animator_institution_id: str | None = None


def _team_roles(s, data: TeamInput) -> dict:
    out: dict = {}
    if data.kind is not None:
        out["kind"] = check_choice(data.kind, TeamKind, "kind", _("Kind of team"))
    for level in ("gmina", "powiat"):
        name = getattr(data, f"{level}_animator")
        iid = getattr(data, f"{level}_animator_institution_id")
        if name is not None:
            out[f"{level}_animator"] = check_length(
                clean(name), f"{level}_animator", _("Animator"), 200
            )
        if iid is not None:
            if iid:
                get_live(s, Institution, iid)
            out[f"{level}_animator_institution_id"] = iid or None
    return out


def save_team(ws: Workspace, data: TeamInput, team_id: str | None = None) -> CooperationTeam:
    with ws.transaction() as s:
        if data.lead_institution_id:
            get_live(s, Institution, data.lead_institution_id)
        fields = _team_roles(s, data) | {
            "name": require_text(data.name, "name", _("Name"), 300),
            "teryt_code": check_length(data.teryt_code, "teryt_code", "TERYT", 7),
            "established_on": data.established_on,
            "lead_institution_id": data.lead_institution_id or None,
            "notes": check_length(data.notes, "notes", _("Notes"), 20_000),
        }
        team, changed = upsert(s, CooperationTeam, team_id, fields)
        if changed:
            audit.record_save(s, team_id, "cooperation_team", team.id)
        return team


def list_teams(ws: Workspace, kind: str | None = None) -> list[CooperationTeam]:
    with ws.transaction() as s:
        q = select(CooperationTeam).where(CooperationTeam.deleted.is_(False))
        if kind:
            q = q.where(CooperationTeam.kind == check_choice(kind, TeamKind, "kind", _("Kind")))
        teams = s.scalars(q.order_by(CooperationTeam.name)).all()
        for t in teams:
            for m in t.members:
                _unused = m.institution
        return list(teams)


def add_member(
    ws: Workspace,
    team_id: str,
    institution_id: str,
    representative: str = "",
    role: str = "",
    joined_on: date | None = None,
) -> TeamMembership:
    with ws.transaction() as s:
        get_live(s, CooperationTeam, team_id)
        get_live(s, Institution, institution_id)
        existing = s.scalar(
            select(TeamMembership).where(
                TeamMembership.team_id == team_id,
                TeamMembership.institution_id == institution_id,
                TeamMembership.deleted.is_(False),
            )
        )
        if existing is not None:
            raise ValidationError(_("This institution is already a member."), "institution_id")
        m = TeamMembership(
            team_id=team_id,
            institution_id=institution_id,
            representative=check_length(representative, "representative", _("Representative"), 200),
            role=check_length(role, "role", _("Role"), 200),
            joined_on=joined_on or date.today(),
        )
        s.add(m)
        s.flush()
        audit.record(s, "create", "team_membership", m.id)
        return m


def remove_member(ws: Workspace, membership_id: str, left_on: date | None = None) -> None:
    with ws.transaction() as s:
        m = get_live(s, TeamMembership, membership_id)
        apply(m, left_on=left_on or date.today())
        tombstone(m)
        audit.record(s, "delete", "team_membership", m.id)


@dataclass
class PartyInput:
    institution_id: str
    representative: str = ""
    function: str = ""
    signed_on: date | None = None
    side: str | None = None  # PartySide; None keeps it (a new party: a partner institution)


@dataclass
class AgreementInput:
    title: str
    number: str = ""
    signed_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    scope: str = ""
    obligations: str = ""
    data_sharing: str = ""
    parties: list[PartyInput] = field(default_factory=list)
    kind: str | None = None  # AgreementKind; None keeps it (a new agreement: a PZK's)


def save_agreement(
    ws: Workspace, team_id: str, data: AgreementInput, agreement_id: str | None = None
) -> Agreement:
    with ws.transaction() as s:
        team = get_live(s, CooperationTeam, team_id)
        check_period(data.valid_from, data.valid_until, "valid_until")
        current = get_live(s, Agreement, agreement_id) if agreement_id else None
        kind = data.kind or (current.kind if current else AgreementKind.PZK)
        check_choice(kind, AgreementKind, "kind", _("Kind of agreement"))
        old_sides = {p.institution_id: p.side for p in current.parties} if current else {}
        checked = []
        for p in data.parties:
            side = p.side or old_sides.get(p.institution_id, PartySide.PARTNER)
            check_choice(side, PartySide, "parties", _("Side"))
            inst = get_live(s, Institution, p.institution_id)
            checked.append((replace(p, side=side), inst))
        cooperation.check_agreement(kind, team, checked)
        fields = {
            "kind": kind,
            "title": require_text(data.title, "title", _("Title"), 300),
            "number": check_length(data.number, "number", _("Number"), 60),
            "signed_on": data.signed_on,
            "valid_from": data.valid_from,
            "valid_until": data.valid_until,
            "scope": check_length(data.scope, "scope", _("Scope"), 50_000),
            "obligations": check_length(data.obligations, "obligations", _("Obligations"), 50_000),
            "data_sharing": check_length(
                data.data_sharing, "data_sharing", _("Data sharing"), 50_000
            ),
        }
        agreement, changed = upsert(s, Agreement, agreement_id, fields, team_id=team_id)
        parties = {}
        for p, _inst in checked:
            parties[p.institution_id] = {
                "side": p.side,
                "representative": check_length(
                    p.representative, "parties", _("Representative"), 200
                ),
                "function": check_length(p.function, "parties", _("Function"), 200),
                "signed_on": p.signed_on,
            }
        changed |= sync_children(
            s, AgreementParty.agreement_id, agreement.id, "institution_id", parties
        )
        if changed:
            audit.record_save(s, agreement_id, "agreement", agreement.id)
        return agreement


def list_agreements(ws: Workspace, team_id: str | None = None) -> list[Agreement]:
    with ws.transaction() as s:
        q = select(Agreement).where(Agreement.deleted.is_(False))
        if team_id:
            q = q.where(Agreement.team_id == team_id)
        rows = s.scalars(q.order_by(Agreement.signed_on.desc())).all()
        for a in rows:
            for p in a.parties:
                _unused = p.institution
        return list(rows)


def get_agreement(ws: Workspace, agreement_id: str) -> Agreement:
    with ws.transaction() as s:
        a = get_live(s, Agreement, agreement_id)
        for p in a.parties:
            _unused = p.institution
        return a


@dataclass
class MeetingInput:
    held_on: date
    place: str = ""
    agenda: str = ""
    decisions: str = ""
    attendance: list[tuple[str, str]] = field(default_factory=list)  # (institution id, person)
    chair: str | None = None  # None keeps the value
    recorder: str | None = None


def save_meeting(
    ws: Workspace, team_id: str, data: MeetingInput, meeting_id: str | None = None
) -> TeamMeeting:
    with ws.transaction() as s:
        get_live(s, CooperationTeam, team_id)
        fields = {
            "held_on": data.held_on,
            "place": check_length(data.place, "place", _("Place"), 200),
            "agenda": check_length(data.agenda, "agenda", _("Agenda"), 50_000),
            "decisions": check_length(data.decisions, "decisions", _("Decisions"), 50_000),
        }
        if data.chair is not None:
            fields["chair"] = check_length(clean(data.chair), "chair", _("Chair"), 200)
        if data.recorder is not None:
            fields["recorder"] = check_length(
                clean(data.recorder), "recorder", _("Minutes taken by"), 200
            )
        meeting, changed = upsert(s, TeamMeeting, meeting_id, fields, team_id=team_id)
        attendance = {}
        for iid, person in data.attendance:
            get_live(s, Institution, iid)
            attendance[iid] = {"person_name": check_length(person, "attendance", _("Name"), 200)}
        changed |= sync_children(
            s, MeetingAttendance.meeting_id, meeting.id, "institution_id", attendance
        )
        if changed:
            audit.record_save(s, meeting_id, "team_meeting", meeting.id)
        return meeting


def list_meetings(ws: Workspace, team_id: str | None = None) -> list[TeamMeeting]:
    with ws.transaction() as s:
        q = select(TeamMeeting).where(TeamMeeting.deleted.is_(False))
        if team_id:
            q = q.where(TeamMeeting.team_id == team_id)
        rows = s.scalars(q.order_by(TeamMeeting.held_on.desc())).all()
        for m in rows:
            for a in m.attendance:
                _unused = a.institution
        return list(rows)
