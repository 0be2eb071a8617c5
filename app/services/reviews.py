"""Monitoring reviews: GAS score per goal, domain re-ratings, action statuses, next review.

Recording a review also moves each action to the status the review gave it, and the case to
the monitoring stage.  A GAS summary (Kiresuk's T-score) is computed for charts and reports.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from app.errors import ValidationError
from app.i18n import _
from app.models import (
    ActionStatusEntry,
    Family,
    GoalScore,
    LifeDomain,
    Review,
    ReviewDomainRating,
    SupportPlan,
)
from app.models.enums import ActionStatus, FamilyStatus
from app.services import audit
from app.services.common import apply, get_live
from app.services.date_rules import check_work_date
from app.services.families import advance_status
from app.services.record_rules import RANGES
from app.services.validation import check_choice, check_length, check_rating
from app.services.workspace import Workspace

MAX_TEXT = 20_000
GAS_RHO = 0.3


@dataclass
class GoalScoreInput:
    goal_id: str
    level: int
    note: str = ""


@dataclass
class DomainRatingInput:
    domain_code: str
    rating: int | None
    note: str = ""


@dataclass
class ActionStatusInput:
    action_id: str
    status: str
    note: str = ""


@dataclass
class ReviewInput:
    held_on: date
    next_review_on: date | None = None
    present: str = ""
    family_attended: bool = True
    summary: str = ""
    family_opinion: str = ""
    goal_scores: list[GoalScoreInput] = field(default_factory=list)
    domain_ratings: list[DomainRatingInput] = field(default_factory=list)
    action_statuses: list[ActionStatusInput] = field(default_factory=list)


def record_review(ws: Workspace, plan_id: str, data: ReviewInput) -> Review:
    """Add a review of a plan (reviews are append-only: a correction is a new review)."""
    with ws.transaction() as s:
        plan = get_live(s, SupportPlan, plan_id)
        family = get_live(s, Family, plan.family_id)
        check_work_date(data.held_on, "held_on")
        check_work_date(data.next_review_on, "next_review_on")
        if data.held_on > date.today():
            raise ValidationError(_("The review date is in the future."), "held_on")
        if data.next_review_on and data.next_review_on <= data.held_on:
            raise ValidationError(_("The next review must come after this one."), "next_review_on")
        review = Review(
            family_id=family.id,
            plan_id=plan.id,
            held_on=data.held_on,
            next_review_on=data.next_review_on,
            present=check_length(data.present, "present", _("Present"), 500),
            family_attended=bool(data.family_attended),
            summary=check_length(data.summary, "summary", _("Summary"), MAX_TEXT),
            family_opinion=check_length(
                data.family_opinion, "family_opinion", _("Family's opinion"), MAX_TEXT
            ),
        )
        s.add(review)
        s.flush()
        goals = {g.id for g in plan.goals}
        for gs in data.goal_scores:
            if gs.goal_id not in goals:
                raise ValidationError(_("The goal belongs to another plan."), "goal_scores")
            level = check_rating(gs.level, *RANGES[("goal_score", "level")], "goal_scores")
            s.add(
                GoalScore(
                    review_id=review.id,
                    goal_id=gs.goal_id,
                    level=level,
                    note=check_length(gs.note, "goal_scores", _("Note"), MAX_TEXT),
                )
            )
        domains = set(s.scalars(select(LifeDomain.code)))
        for dr in data.domain_ratings:
            if dr.domain_code not in domains:
                raise ValidationError(_("Unknown life domain."), "domain_ratings")
            s.add(
                ReviewDomainRating(
                    review_id=review.id,
                    domain_code=dr.domain_code,
                    rating=check_rating(
                        dr.rating, *RANGES[("review_domain_rating", "rating")], "domain_ratings"
                    ),
                    note=check_length(dr.note, "domain_ratings", _("Note"), MAX_TEXT),
                )
            )
        actions = {a.id: a for a in plan.actions}
        for st in data.action_statuses:
            action = actions.get(st.action_id)
            if action is None:
                raise ValidationError(_("The action belongs to another plan."), "action_statuses")
            check_choice(st.status, ActionStatus, "action_statuses", _("Status"))
            s.add(
                ActionStatusEntry(
                    review_id=review.id,
                    action_id=action.id,
                    status=st.status,
                    note=check_length(st.note, "action_statuses", _("Note"), MAX_TEXT),
                )
            )
            apply(action, status=st.status)
            if st.status == ActionStatus.DROPPED and not action.drop_reason:
                action.drop_reason = st.note
        advance_status(s, family, FamilyStatus.MONITORING)
        audit.record(s, "create", "review", review.id, family.id)
        return review


def gas_t_score(levels_and_weights: list[tuple[int, int]], rho: float = GAS_RHO) -> float | None:
    """Kiresuk–Sherman T = 50 + 10·Σwx / √((1−ρ)Σw² + ρ(Σw)²); None without scores."""
    if not levels_and_weights:
        return None
    sw = sum(w for _x, w in levels_and_weights)
    swx = sum(w * x for x, w in levels_and_weights)
    sw2 = sum(w * w for _x, w in levels_and_weights)
    return 50 + 10 * swx / math.sqrt((1 - rho) * sw2 + rho * sw * sw)


@dataclass(frozen=True)
class AttainmentPoint:
    held_on: date
    t_score: float | None
    levels: dict[str, int]  # goal id → level


def attainment_history(ws: Workspace, plan_id: str) -> list[AttainmentPoint]:
    """Goal attainment over time (baseline first, then each review), for the chart."""
    with ws.transaction() as s:
        plan = get_live(s, SupportPlan, plan_id)
        goals = {g.id: g for g in plan.goals}
        points = []
        baseline = {gid: g.baseline for gid, g in goals.items()}
        if goals:
            pairs = [(g.baseline, g.weight) for g in goals.values()]
            start = plan.adopted_on or plan.period_from
            points.append(AttainmentPoint(start, gas_t_score(pairs), baseline))
        reviews = s.scalars(
            select(Review)
            .where(Review.plan_id == plan.id, Review.deleted.is_(False))
            .order_by(Review.held_on)
        ).all()
        for r in reviews:
            levels = {gs.goal_id: gs.level for gs in r.goal_scores if gs.goal_id in goals}
            pairs = [(lvl, goals[gid].weight) for gid, lvl in levels.items()]
            points.append(AttainmentPoint(r.held_on, gas_t_score(pairs), levels))
        return points
