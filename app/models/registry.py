"""The cooperation registry: partner institutions, the PZK team, agreements, meetings, catalog.

These records are shared reference data: the coordinator sends them to every OPS device.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, SyncMixin, fk, live_join


class Institution(SyncMixin, Base):
    __tablename__ = "institution"
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str] = mapped_column(String(60), default="")
    sector_code: Mapped[str] = mapped_column(String(32), index=True)
    level: Mapped[str] = mapped_column(String(16), default="gmina")  # InstitutionLevel
    teryt_code: Mapped[str] = mapped_column(String(7), default="")
    nip: Mapped[str] = mapped_column(String(10), default="")
    regon: Mapped[str] = mapped_column(String(14), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(6), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class CooperationTeam(SyncMixin, Base):
    """Partnerski Zespół Kooperacji (PZK) of a powiat and its gminas, or the voivodeship's
    Wojewódzki Zespół Kooperacji (WZK) that supports the PZKs (``kind``).

    The PZK is run by two animators: the animator gminny (an OPS worker) and the animator
    powiatowy (often PCPR staff); each is a named person of an institution.
    """

    __tablename__ = "cooperation_team"
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(8), default="pzk", server_default="pzk")  # TeamKind
    teryt_code: Mapped[str] = mapped_column(String(7), default="")
    established_on: Mapped[date | None]
    lead_institution_id: Mapped[str | None] = mapped_column(fk("institution.id"), nullable=True)
    gmina_animator: Mapped[str] = mapped_column(String(200), default="", server_default="")
    gmina_animator_institution_id: Mapped[str | None] = mapped_column(
        fk("institution.id"), nullable=True
    )
    powiat_animator: Mapped[str] = mapped_column(String(200), default="", server_default="")
    powiat_animator_institution_id: Mapped[str | None] = mapped_column(
        fk("institution.id"), nullable=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[TeamMembership]] = relationship(
        primaryjoin=lambda: live_join(TeamMembership.team_id, CooperationTeam.id),
        viewonly=True,
        order_by=lambda: TeamMembership.joined_on,
    )


class TeamMembership(SyncMixin, Base):
    __tablename__ = "team_membership"
    team_id: Mapped[str] = mapped_column(fk("cooperation_team.id"), index=True)
    institution_id: Mapped[str] = mapped_column(fk("institution.id"), index=True)
    representative: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    joined_on: Mapped[date | None]
    left_on: Mapped[date | None]

    institution: Mapped[Institution] = relationship(viewonly=True)


class Agreement(SyncMixin, Base):
    """Porozumienie o współpracy (``kind``): the agreement forming a WZK (signed by the
    marszałek), the tripartite agreement of województwo, powiat and gmina, or the agreement
    forming a PZK with the OPS as a party."""

    __tablename__ = "agreement"
    team_id: Mapped[str] = mapped_column(fk("cooperation_team.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12), default="pzk", server_default="pzk")
    number: Mapped[str] = mapped_column(String(60), default="")
    title: Mapped[str] = mapped_column(String(300))
    signed_on: Mapped[date | None]
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    scope: Mapped[str] = mapped_column(Text, default="")
    obligations: Mapped[str] = mapped_column(Text, default="")
    data_sharing: Mapped[str] = mapped_column(Text, default="")

    parties: Mapped[list[AgreementParty]] = relationship(
        primaryjoin=lambda: live_join(AgreementParty.agreement_id, Agreement.id),
        viewonly=True,
    )


class AgreementParty(SyncMixin, Base):
    __tablename__ = "agreement_party"
    agreement_id: Mapped[str] = mapped_column(fk("agreement.id"), index=True)
    institution_id: Mapped[str] = mapped_column(fk("institution.id"), index=True)
    representative: Mapped[str] = mapped_column(String(200), default="")
    function: Mapped[str] = mapped_column(String(200), default="")
    side: Mapped[str] = mapped_column(String(12), default="partner", server_default="partner")
    signed_on: Mapped[date | None]

    institution: Mapped[Institution] = relationship(viewonly=True)


class TeamMeeting(SyncMixin, Base):
    __tablename__ = "team_meeting"
    team_id: Mapped[str] = mapped_column(fk("cooperation_team.id"), index=True)
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    chair: Mapped[str] = mapped_column(String(200), default="", server_default="")
    recorder: Mapped[str] = mapped_column(String(200), default="", server_default="")

    attendance: Mapped[list[MeetingAttendance]] = relationship(
        primaryjoin=lambda: live_join(MeetingAttendance.meeting_id, TeamMeeting.id),
        viewonly=True,
    )


class MeetingAttendance(SyncMixin, Base):
    __tablename__ = "meeting_attendance"
    meeting_id: Mapped[str] = mapped_column(fk("team_meeting.id"), index=True)
    institution_id: Mapped[str] = mapped_column(fk("institution.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(200), default="")

    institution: Mapped[Institution] = relationship(viewonly=True)


class Service(SyncMixin, Base):
    """One service of the koszyk usług: what, in which CUS area, by whom, on what legal basis."""

    __tablename__ = "service"
    code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(300))
    area_code: Mapped[str] = mapped_column(String(32), index=True)
    sector_code: Mapped[str] = mapped_column(String(32), default="")
    provider_institution_id: Mapped[str | None] = mapped_column(fk("institution.id"), nullable=True)
    legal_basis: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)

    provider: Mapped[Institution | None] = relationship(viewonly=True)
