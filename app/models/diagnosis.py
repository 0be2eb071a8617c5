"""The joint individualized diagnosis: the model's four axes, domain ratings, participants."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, SyncMixin, fk, live_join
from app.models.family import Person
from app.models.registry import Institution


class Diagnosis(SyncMixin, Base):
    """One diagnosis of a family; the four axes of the Model Kooperacji are narrative fields."""

    __tablename__ = "diagnosis"
    __sensitive__ = (
        "causes",
        "strengths",
        "weaknesses",
        "resources",
        "deficits",
        "needs",
        "expectations",
        "family_view",
        "conclusions",
    )
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    made_on: Mapped[date]
    # The diagnostic workshop (warsztat diagnostyczny) at which the diagnosis was made.
    workshop_id: Mapped[str | None] = mapped_column(
        fk("diagnostic_workshop.id"), nullable=True, index=True
    )
    # Axis 1: causes and sources of the difficult situation
    causes: Mapped[str] = mapped_column(Text, default="")
    # Axis 2: strengths and weaknesses
    strengths: Mapped[str] = mapped_column(Text, default="")
    weaknesses: Mapped[str] = mapped_column(Text, default="")
    # Axis 3: resources and deficits
    resources: Mapped[str] = mapped_column(Text, default="")
    deficits: Mapped[str] = mapped_column(Text, default="")
    # Axis 4: needs and expectations
    needs: Mapped[str] = mapped_column(Text, default="")
    expectations: Mapped[str] = mapped_column(Text, default="")
    family_view: Mapped[str] = mapped_column(Text, default="")
    conclusions: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    finalized: Mapped[bool] = mapped_column(default=False)

    ratings: Mapped[list[DomainRating]] = relationship(
        primaryjoin=lambda: live_join(DomainRating.diagnosis_id, Diagnosis.id), viewonly=True
    )
    participants: Mapped[list[DiagnosisParticipant]] = relationship(
        primaryjoin=lambda: live_join(DiagnosisParticipant.diagnosis_id, Diagnosis.id),
        viewonly=True,
    )


class DomainRating(SyncMixin, Base):
    """A life domain rated −3 (serious problem) … +2 (clear strength), with notes."""

    __tablename__ = "domain_rating"
    __sensitive__ = ("note",)
    diagnosis_id: Mapped[str] = mapped_column(fk("diagnosis.id"), index=True)
    domain_code: Mapped[str] = mapped_column(String(32))
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class DiagnosisParticipant(SyncMixin, Base):
    """Who took part: an institution of the team, a family member, or someone else."""

    __tablename__ = "diagnosis_participant"
    __sensitive__ = ("name",)
    diagnosis_id: Mapped[str] = mapped_column(fk("diagnosis.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # ParticipantKind
    institution_id: Mapped[str | None] = mapped_column(fk("institution.id"), nullable=True)
    person_id: Mapped[str | None] = mapped_column(fk("person.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")

    institution: Mapped[Institution | None] = relationship(viewonly=True)
    person: Mapped[Person | None] = relationship(viewonly=True)
