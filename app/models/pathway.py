"""The case path of the Model Kooperacji as the pilots ran it, beyond diagnosis and IPW.

A partner institution refers a person or family (``Referral``, zgłoszenie) and the team qualifies
it; the joint diagnosis is made at a diagnostic workshop with the family
(``DiagnosticWorkshop``); each IPW ends with an outcome and a closing summary talk
(``PlanClosure``); decisions of a team meeting about one family (``MeetingDecision``) may become
actions of its IPW; a family moving away is handed over (``FamilyTransfer``).

All of these are case data: they belong to one family and travel with it, never to devices
that do not hold the family.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, SyncMixin, fk, live_join
from app.models.family import Person
from app.models.registry import Institution


class Referral(SyncMixin, Base):
    """Zgłoszenie: who refers the family and why, its consent, the team's decision."""

    __tablename__ = "referral"
    __sensitive__ = ("referrer_name", "reason", "decision_reason")
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    referred_on: Mapped[date] = mapped_column(index=True)
    institution_id: Mapped[str] = mapped_column(fk("institution.id"), index=True)
    referrer_name: Mapped[str] = mapped_column(String(200), default="")
    referrer_function: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    # The family's (or the person's) consent to being referred to the team.
    consent_given: Mapped[bool] = mapped_column(default=False)
    consent_on: Mapped[date | None]
    consent_person_id: Mapped[str | None] = mapped_column(fk("person.id"), nullable=True)
    team_id: Mapped[str | None] = mapped_column(fk("cooperation_team.id"), nullable=True)
    decision: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    decided_on: Mapped[date | None]
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    meeting_id: Mapped[str | None] = mapped_column(fk("team_meeting.id"), nullable=True)

    institution: Mapped[Institution] = relationship(viewonly=True)
    consent_person: Mapped[Person | None] = relationship(viewonly=True)


class DiagnosticWorkshop(SyncMixin, Base):
    """Warsztat diagnostyczny: the joint diagnosis made with the family."""

    __tablename__ = "diagnostic_workshop"
    __sensitive__ = ("place", "agreed", "notes")
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    moderator: Mapped[str] = mapped_column(String(200), default="")
    agreed: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    participants: Mapped[list[WorkshopParticipant]] = relationship(
        primaryjoin=lambda: live_join(WorkshopParticipant.workshop_id, DiagnosticWorkshop.id),
        viewonly=True,
        order_by=lambda: WorkshopParticipant.position,
    )


class WorkshopParticipant(SyncMixin, Base):
    """Who was present: an institution's worker, a family member, or someone else."""

    __tablename__ = "workshop_participant"
    __sensitive__ = ("name",)
    workshop_id: Mapped[str] = mapped_column(fk("diagnostic_workshop.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(16))  # ParticipantKind
    institution_id: Mapped[str | None] = mapped_column(fk("institution.id"), nullable=True)
    person_id: Mapped[str | None] = mapped_column(fk("person.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")

    institution: Mapped[Institution | None] = relationship(viewonly=True)
    person: Mapped[Person | None] = relationship(viewonly=True)


class PlanClosure(SyncMixin, Base):
    """How one IPW ended and the closing summary talk (rozmowa podsumowująca)."""

    __tablename__ = "plan_closure"
    __sensitive__ = ("reason", "talk_present", "talk_summary", "family_opinion", "recommendations")
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    plan_id: Mapped[str] = mapped_column(fk("support_plan.id"), index=True)
    closed_on: Mapped[date]
    outcome: Mapped[str] = mapped_column(String(16), index=True)  # PlanOutcome
    reason: Mapped[str] = mapped_column(Text, default="")
    talk_on: Mapped[date | None]
    talk_present: Mapped[str] = mapped_column(String(500), default="")
    talk_summary: Mapped[str] = mapped_column(Text, default="")
    family_opinion: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")


class MeetingDecision(SyncMixin, Base):
    """A team meeting's decision about one family; it may become an action of its IPW."""

    __tablename__ = "meeting_decision"
    __sensitive__ = ("text",)
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    meeting_id: Mapped[str] = mapped_column(fk("team_meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    institution_id: Mapped[str | None] = mapped_column(fk("institution.id"), nullable=True)
    due_on: Mapped[date | None]
    action_id: Mapped[str | None] = mapped_column(fk("action.id"), nullable=True)

    institution: Mapped[Institution | None] = relationship(viewonly=True)


class FamilyTransfer(SyncMixin, Base):
    """A family handed over to another gmina (through the coordinator) or out of the powiat."""

    __tablename__ = "family_transfer"
    __sensitive__ = ("note",)
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # TransferKind
    from_gmina_code: Mapped[str] = mapped_column(String(7))
    to_gmina_code: Mapped[str] = mapped_column(String(7), default="")
    transferred_on: Mapped[date]
    from_case_number: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")
