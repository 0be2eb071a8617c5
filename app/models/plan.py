"""The support plan (Indywidualny Program Współpracy): goals with GAS, actions, commitments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, SyncMixin, fk, live_join
from app.models.family import Person
from app.models.registry import Institution, Service


class SupportPlan(SyncMixin, Base):
    __tablename__ = "support_plan"
    __sensitive__ = ("main_goal", "notes")
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), default="")
    period_from: Mapped[date]
    period_to: Mapped[date]
    main_goal: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="draft")  # PlanStatus
    adopted_on: Mapped[date | None]
    review_every_days: Mapped[int] = mapped_column(Integer, default=90)
    # A closed case reopened: the new IPW points to the one it follows.
    previous_plan_id: Mapped[str | None] = mapped_column(fk("support_plan.id"), nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    goals: Mapped[list[Goal]] = relationship(
        primaryjoin=lambda: live_join(Goal.plan_id, SupportPlan.id),
        viewonly=True,
        order_by=lambda: Goal.position,
    )
    actions: Mapped[list[Action]] = relationship(
        primaryjoin=lambda: live_join(Action.plan_id, SupportPlan.id),
        viewonly=True,
        order_by=lambda: (Action.start_on, Action.position),
    )
    commitments: Mapped[list[Commitment]] = relationship(
        primaryjoin=lambda: live_join(Commitment.plan_id, SupportPlan.id),
        viewonly=True,
        order_by=lambda: Commitment.position,
    )


class Goal(SyncMixin, Base):
    """A goal with its Goal Attainment Scale: each level −2 … +2 described in words."""

    __tablename__ = "goal"
    __sensitive__ = (
        "title",
        "description",
        "level_m2",
        "level_m1",
        "level_0",
        "level_p1",
        "level_p2",
    )
    plan_id: Mapped[str] = mapped_column(fk("support_plan.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    domain_code: Mapped[str] = mapped_column(String(32), default="")
    weight: Mapped[int] = mapped_column(Integer, default=1)
    baseline: Mapped[int] = mapped_column(Integer, default=-1)
    level_m2: Mapped[str] = mapped_column(Text, default="")
    level_m1: Mapped[str] = mapped_column(Text, default="")
    level_0: Mapped[str] = mapped_column(Text, default="")
    level_p1: Mapped[str] = mapped_column(Text, default="")
    level_p2: Mapped[str] = mapped_column(Text, default="")

    def level_text(self, level: int) -> str:
        return {
            -2: self.level_m2,
            -1: self.level_m1,
            0: self.level_0,
            1: self.level_p1,
            2: self.level_p2,
        }[level]


class Action(SyncMixin, Base):
    """Who does what, when: an institution's action, usually a service of the koszyk usług."""

    __tablename__ = "action"
    __sensitive__ = ("description", "responsible_person", "drop_reason")
    plan_id: Mapped[str] = mapped_column(fk("support_plan.id"), index=True)
    goal_id: Mapped[str | None] = mapped_column(fk("goal.id"), nullable=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    institution_id: Mapped[str | None] = mapped_column(
        fk("institution.id"), nullable=True, index=True
    )
    sector_code: Mapped[str] = mapped_column(String(32), default="")
    service_id: Mapped[str | None] = mapped_column(fk("service.id"), nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    responsible_person: Mapped[str] = mapped_column(String(200), default="")
    start_on: Mapped[date | None]
    end_on: Mapped[date | None]
    frequency: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(12), default="planned", index=True)
    drop_reason: Mapped[str] = mapped_column(Text, default="")

    institution: Mapped[Institution | None] = relationship(viewonly=True)
    service: Mapped[Service | None] = relationship(viewonly=True)
    goal: Mapped[Goal | None] = relationship(viewonly=True)


class Commitment(SyncMixin, Base):
    """What the family itself undertakes to do."""

    __tablename__ = "commitment"
    __sensitive__ = ("description",)
    plan_id: Mapped[str] = mapped_column(fk("support_plan.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(fk("person.id"), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(12), default="pending")  # CommitmentStatus

    person: Mapped[Person | None] = relationship(viewonly=True)
