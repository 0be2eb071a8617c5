"""Monitoring reviews (ocena okresowa): GAS score per goal, domain re-ratings, action statuses."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, SyncMixin, fk, live_join


class Review(SyncMixin, Base):
    __tablename__ = "review"
    __table_args__ = (Index("ix_review_family_next", "family_id", "next_review_on"),)
    __sensitive__ = ("summary", "family_opinion", "present")
    family_id: Mapped[str] = mapped_column(fk("family.id"), index=True)
    plan_id: Mapped[str] = mapped_column(fk("support_plan.id"), index=True)
    held_on: Mapped[date] = mapped_column(index=True)
    present: Mapped[str] = mapped_column(String(500), default="")
    family_attended: Mapped[bool] = mapped_column(default=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    family_opinion: Mapped[str] = mapped_column(Text, default="")
    next_review_on: Mapped[date | None] = mapped_column(index=True)

    goal_scores: Mapped[list[GoalScore]] = relationship(
        primaryjoin=lambda: live_join(GoalScore.review_id, Review.id), viewonly=True
    )
    domain_ratings: Mapped[list[ReviewDomainRating]] = relationship(
        primaryjoin=lambda: live_join(ReviewDomainRating.review_id, Review.id), viewonly=True
    )
    action_statuses: Mapped[list[ActionStatusEntry]] = relationship(
        primaryjoin=lambda: live_join(ActionStatusEntry.review_id, Review.id), viewonly=True
    )


class GoalScore(SyncMixin, Base):
    __tablename__ = "goal_score"
    __sensitive__ = ("note",)
    review_id: Mapped[str] = mapped_column(fk("review.id"), index=True)
    goal_id: Mapped[str] = mapped_column(fk("goal.id"), index=True)
    level: Mapped[int] = mapped_column(Integer)  # −2 … +2
    note: Mapped[str] = mapped_column(Text, default="")


class ReviewDomainRating(SyncMixin, Base):
    __tablename__ = "review_domain_rating"
    __sensitive__ = ("note",)
    review_id: Mapped[str] = mapped_column(fk("review.id"), index=True)
    domain_code: Mapped[str] = mapped_column(String(32))
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class ActionStatusEntry(SyncMixin, Base):
    __tablename__ = "action_status_entry"
    __sensitive__ = ("note",)
    review_id: Mapped[str] = mapped_column(fk("review.id"), index=True)
    action_id: Mapped[str] = mapped_column(fk("action.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))  # ActionStatus
    note: Mapped[str] = mapped_column(Text, default="")
