"""The case: a family (środowisko), its members, task team, consents, visits and attachments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, SyncMixin, fk, live_join
from app.models.enums import ConsentState
from app.models.registry import Institution


class Family(SyncMixin, Base):
    __tablename__ = "family"
    __sensitive__ = (
        "street",
        "house_number",
        "flat_number",
        "phone",
        "notes",
        "closure_note",
        "head_name",
    )

    case_number: Mapped[str] = mapped_column(String(40), index=True)
    gmina_code: Mapped[str] = mapped_column(String(7), index=True)
    locality: Mapped[str] = mapped_column(String(100), default="")
    locality_folded: Mapped[str] = mapped_column(String(100), default="", index=True)
    street: Mapped[str] = mapped_column(String(200), default="")
    house_number: Mapped[str] = mapped_column(String(20), default="")
    flat_number: Mapped[str] = mapped_column(String(20), default="")
    postal_code: Mapped[str] = mapped_column(String(6), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    # Who the case is about (SubjectKind): a family, a person living alone, an older person.
    subject_kind: Mapped[str] = mapped_column(String(8), default="family", server_default="family")
    lead_worker: Mapped[str] = mapped_column(String(200), default="")
    # Derived from the members (kept by app.services.persons): the head of household's name,
    # for sorting and showing the case list without a join.
    head_name: Mapped[str] = mapped_column(String(200), default="")
    head_name_folded: Mapped[str] = mapped_column(String(200), default="", index=True)
    opened_on: Mapped[date]
    closed_on: Mapped[date | None]
    closure_note: Mapped[str] = mapped_column(Text, default="")
    retention_class: Mapped[str] = mapped_column(String(8), default="B10")
    notes: Mapped[str] = mapped_column(Text, default="")

    persons: Mapped[list[Person]] = relationship(
        primaryjoin=lambda: live_join(Person.family_id, Family.id),
        viewonly=True,
        order_by=lambda: (Person.sort_order, Person.birth_date),
    )
    reasons: Mapped[list[FamilyReason]] = relationship(
        primaryjoin=lambda: live_join(FamilyReason.family_id, Family.id), viewonly=True
    )


class FamilyReason(SyncMixin, Base):
    """One art. 7 reason for help recorded for the family."""

    __tablename__ = "family_reason"
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    reason_code: Mapped[str] = mapped_column(String(8))
    noted_on: Mapped[date | None]


class Person(SyncMixin, Base):
    __tablename__ = "person"
    __sensitive__ = (
        "first_name",
        "last_name",
        "pesel",
        "document_number",
        "phone",
        "school",
        "notes",
        "health_notes",
    )
    __table_args__ = (Index("ix_person_name_birth", "last_name_folded", "birth_date"),)

    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    last_name_folded: Mapped[str] = mapped_column(String(100), index=True)
    pesel: Mapped[str] = mapped_column(String(11), default="", index=True)
    document_type: Mapped[str] = mapped_column(String(20), default="")  # IdDocument
    document_number: Mapped[str] = mapped_column(String(40), default="")
    birth_date: Mapped[date | None]
    sex: Mapped[str] = mapped_column(String(1), default="")  # Sex
    relation: Mapped[str] = mapped_column(String(20), default="applicant")  # Relation
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    disability: Mapped[str] = mapped_column(String(12), default="none")  # Disability
    disability_until: Mapped[date | None]
    education: Mapped[str] = mapped_column(String(20), default="")  # Education
    employment: Mapped[str] = mapped_column(String(24), default="")  # Employment
    school: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    health_notes: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


class CaseTeamMember(SyncMixin, Base):
    """A named partner worker in the family's task team (zespół zadaniowy, ZZK)."""

    __tablename__ = "case_team_member"
    __sensitive__ = ("name", "phone", "email")
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    institution_id: Mapped[str | None] = mapped_column(fk("institution.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(200))
    function: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")

    institution: Mapped[Institution | None] = relationship(viewonly=True)


class Consent(SyncMixin, Base):
    """Written consent to process data and share them with named institutions of the team."""

    __tablename__ = "consent"
    __sensitive__ = ("scope", "withdrawal_note")
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(fk("person.id"), nullable=True)
    signed_on: Mapped[date]
    scope: Mapped[str] = mapped_column(Text, default="")
    valid_until: Mapped[date | None]
    withdrawn_on: Mapped[date | None]
    withdrawal_note: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person | None] = relationship(viewonly=True)
    recipients: Mapped[list[ConsentRecipient]] = relationship(
        primaryjoin=lambda: live_join(ConsentRecipient.consent_id, Consent.id), viewonly=True
    )

    def state_on(self, day: date) -> ConsentState:
        """The one rule: withdrawn from its withdrawal day, expired after its last valid day."""
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return ConsentState.WITHDRAWN
        if self.valid_until is not None and self.valid_until < day:
            return ConsentState.EXPIRED
        return ConsentState.IN_FORCE

    def active_on(self, day: date) -> bool:
        return self.state_on(day) is ConsentState.IN_FORCE


class ConsentRecipient(SyncMixin, Base):
    __tablename__ = "consent_recipient"
    consent_id: Mapped[str] = mapped_column(fk("consent.id"), index=True)
    institution_id: Mapped[str] = mapped_column(fk("institution.id"), index=True)

    institution: Mapped[Institution] = relationship(viewonly=True)


class Visit(SyncMixin, Base):
    """A home visit or other contact, planned or done (append-only in sync)."""

    __tablename__ = "visit"
    __sensitive__ = ("present", "notes")
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    visit_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(12), default="done")  # VisitStatus
    purpose: Mapped[str] = mapped_column(String(300), default="")
    present: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    worker: Mapped[str] = mapped_column(String(200), default="")
    next_visit_on: Mapped[date | None]


class Attachment(SyncMixin, Base):
    """A scan or photo, its bytes stored inside the encrypted database."""

    __tablename__ = "attachment"
    __sensitive__ = ("title", "filename", "content")
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16), default="scan")  # AttachmentKind
    filename: Mapped[str] = mapped_column(String(260), default="")
    mime_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    added_on: Mapped[date]
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
