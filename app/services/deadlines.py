"""The deadline engine behind the "Dziś" (today) view: what is overdue or due soon, per case.

Dates are counted on Polish working days: Saturdays, Sundays and public holidays (the
``holidays`` package) are not working days, and a deadline that falls on one moves to the next
working day (the rule of art. 57 § 4 k.p.a.).  The rules:

* **review** — the latest review's "next review" date, or, before any review with one, the plan's
  adoption (or the last review) plus the plan's ``review_every_days``; for active plans;
* **plan end** — an active plan whose period ends within the horizon (or has ended but the plan
  was never completed);
* **6-month update** — six months after the latest diagnosis or review of an open case (the
  "at least every 6 months" update of the wywiad, see docs/domain.md);
* **first diagnosis** — a new case without a diagnosis: the wywiad is due 14 working days after
  the case was opened, or 2 working days for urgent reasons (§3 of the 2021 RWS regulation);
* **visit** — planned visits that have not been recorded yet, and the "next visit" noted at a
  family's latest visit (unless a later visit, planned or done, has been entered since).

The calendar and rule functions are pure (tested without a database); ``collect`` reads what
they need in one transaction.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

import holidays
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.models import Diagnosis, Family, FamilyReason, Review, SupportPlan, Visit
from app.models.enums import FamilyStatus, PlanStatus, VisitStatus
from app.services.date_text import fmt_date
from app.services.handover_rule import still_here
from app.services.workspace import Workspace

RWS_WORKING_DAYS = 14
RWS_URGENT_WORKING_DAYS = 2
UPDATE_MONTHS = 6
# How far ahead the Dziś view looks by default: a plan ending within it is shown.
PLAN_END_WARNING_DAYS = 30
# [unverified] Art. 7 reasons treated as urgent for the 2-working-day wywiad: domestic violence,
# a random event or crisis, a natural disaster.  The regulation says "urgent cases" without a
# list; this is a sensible default kept as data.
URGENT_REASONS = frozenset({"7", "14", "15"})


class Kind(StrEnum):
    REVIEW = "review"
    PLAN_END = "plan_end"
    UPDATE = "update"
    FIRST_DIAGNOSIS = "first_diagnosis"
    VISIT = "visit"

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self.value])


KIND_LABELS = {
    "review": N_("Monitoring review"),
    "plan_end": N_("Plan period ends"),
    "update": N_("6-month update of the diagnosis"),
    "first_diagnosis": N_("First diagnosis (wywiad)"),
    "visit": N_("Planned visit"),
}


# -- the calendar ------------------------------------------------------------------------------
@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("PL", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted)."""
    day = start
    while n > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative when ``end`` is before ``start``."""
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later; the 31st becomes the month's last day when needed."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- the rules ---------------------------------------------------------------------------------
def review_due(
    next_review_on: date | None,
    last_review_on: date | None,
    adopted_on: date | None,
    every_days: int,
) -> date | None:
    """When a plan's next review is due (moved to a working day)."""
    if next_review_on is not None:
        return next_working_day(next_review_on)
    base = last_review_on or adopted_on
    if base is None:
        return None
    return next_working_day(base + timedelta(days=every_days))


def update_due(last_diagnosis_on: date | None, last_review_on: date | None) -> date | None:
    """Six months after the latest diagnosis or review (None before the first diagnosis)."""
    dates = [d for d in (last_diagnosis_on, last_review_on) if d is not None]
    if last_diagnosis_on is None or not dates:
        return None
    return next_working_day(add_months(max(dates), UPDATE_MONTHS))


def first_diagnosis_due(opened_on: date, reason_codes: Iterable[str]) -> date:
    urgent = bool(URGENT_REASONS.intersection(reason_codes))
    return add_working_days(opened_on, RWS_URGENT_WORKING_DAYS if urgent else RWS_WORKING_DAYS)


@dataclass(frozen=True)
class Deadline:
    kind: Kind
    due_on: date
    family_id: str
    case_number: str
    head_name: str
    record_id: str  # the plan, visit or family the deadline belongs to
    detail: str = ""

    def overdue(self, today: date) -> bool:
        return self.due_on < today

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days

    def working_days_left(self, today: date) -> int:
        return working_days_between(today, self.due_on)


# -- reading the database ----------------------------------------------------------------------
def collect(
    ws: Workspace, today: date | None = None, horizon_days: int = PLAN_END_WARNING_DAYS
) -> list[Deadline]:
    """Every deadline that is overdue or due within ``horizon_days``, earliest first."""
    today = today or date.today()
    until = today + timedelta(days=horizon_days)
    with ws.transaction() as s:
        families = _open_families(s)
        out = _plan_deadlines(s, families, until)
        out += _case_deadlines(s, families, until)
        out += _visit_deadlines(s, families, until)
    out = [d for d in out if d.due_on <= until]
    out.sort(key=lambda d: (d.due_on, d.case_number, d.kind.value))
    return out


class _Case(NamedTuple):
    """The few columns of an open case the rules need (not whole rows: 20,000 cases)."""

    id: str
    case_number: str
    head_name: str
    opened_on: date


def _open_families(s: Session) -> dict[str, _Case]:
    q = select(Family.id, Family.case_number, Family.head_name, Family.opened_on).where(
        Family.deleted.is_(False), Family.status != FamilyStatus.CLOSED, still_here()
    )
    return {row[0]: _Case(*row) for row in s.execute(q)}


def _deadline(kind: Kind, due: date, family: _Case, record_id: str, detail: str = "") -> Deadline:
    return Deadline(kind, due, family.id, family.case_number, family.head_name, record_id, detail)


class PlanReview(NamedTuple):
    """An active plan and when its next review is due (None: no date to count from)."""

    plan_id: str
    family_id: str
    number: str
    period_to: date
    due: date | None


def plan_reviews(s: Session, family_ids: Collection[str] | None = None) -> list[PlanReview]:
    """The review rule applied to every active plan (of ``family_ids``, when given)."""
    latest = (
        select(Review.plan_id, func.max(Review.held_on).label("held_on"))
        .where(Review.deleted.is_(False))
        .group_by(Review.plan_id)
        .subquery()
    )
    plan = SupportPlan
    q = (
        select(
            plan.id,
            plan.family_id,
            plan.number,
            plan.period_to,
            plan.adopted_on,
            plan.review_every_days,
            latest.c.held_on,
            Review.next_review_on,
        )
        .outerjoin(latest, latest.c.plan_id == SupportPlan.id)
        .outerjoin(
            Review,
            and_(
                Review.plan_id == SupportPlan.id,
                Review.held_on == latest.c.held_on,
                Review.deleted.is_(False),
            ),
        )
        .where(SupportPlan.deleted.is_(False), SupportPlan.status == PlanStatus.ACTIVE)
    )
    if family_ids is not None:
        q = q.where(SupportPlan.family_id.in_(list(family_ids)))
    out: list[PlanReview] = []
    seen: set[str] = set()
    for plan_id, family_id, number, period_to, adopted, every, last_held, next_on in s.execute(q):
        if plan_id in seen:  # two reviews on one day: keep the first row
            continue
        seen.add(plan_id)
        due = review_due(next_on, last_held, adopted, every)
        out.append(PlanReview(plan_id, family_id, number, period_to, due))
    return out


def review_due_by_family(s: Session, family_ids: Collection[str] | None = None) -> dict[str, date]:
    """Per family, its earliest review due over its active plans (what Rodziny and Dziś show)."""
    out: dict[str, date] = {}
    for p in plan_reviews(s, family_ids):
        if p.due is not None and (p.family_id not in out or p.due < out[p.family_id]):
            out[p.family_id] = p.due
    return out


def _plan_deadlines(s: Session, families: dict[str, _Case], until: date) -> list[Deadline]:
    out: list[Deadline] = []
    for p in plan_reviews(s):
        family = families.get(p.family_id)
        if family is None:
            continue
        if p.due is not None:
            out.append(_deadline(Kind.REVIEW, p.due, family, p.plan_id, p.number))
        if p.period_to <= until:
            out.append(_deadline(Kind.PLAN_END, p.period_to, family, p.plan_id, p.number))
    return out


def _case_deadlines(s: Session, families: dict[str, _Case], until: date) -> list[Deadline]:
    diag = _latest_per_family(s, Diagnosis.family_id, Diagnosis.made_on, Diagnosis.deleted)
    rev = _latest_per_family(s, Review.family_id, Review.held_on, Review.deleted)
    new_ids = [f.id for f in families.values() if f.id not in diag]
    reasons: dict[str, set[str]] = {}
    for chunk in _chunks(new_ids, 500):
        q = select(FamilyReason.family_id, FamilyReason.reason_code).where(
            FamilyReason.family_id.in_(chunk), FamilyReason.deleted.is_(False)
        )
        for fid, code in s.execute(q):
            reasons.setdefault(fid, set()).add(code)
    out: list[Deadline] = []
    for family in families.values():
        if family.id not in diag:
            due = first_diagnosis_due(family.opened_on, reasons.get(family.id, ()))
            out.append(_deadline(Kind.FIRST_DIAGNOSIS, due, family, family.id))
            continue
        update_on = update_due(diag[family.id], rev.get(family.id))
        if update_on is not None and update_on <= until:
            out.append(_deadline(Kind.UPDATE, update_on, family, family.id))
    return out


def _latest_per_family(s: Session, family_col, date_col, deleted_col) -> dict[str, date]:
    q = select(family_col, func.max(date_col)).where(deleted_col.is_(False)).group_by(family_col)
    return {fid: day for fid, day in s.execute(q)}


def _visit_deadlines(s: Session, families: dict[str, _Case], until: date) -> list[Deadline]:
    q = select(Visit.id, Visit.family_id, Visit.visit_on, Visit.purpose).where(
        Visit.deleted.is_(False),
        Visit.status == VisitStatus.PLANNED,
        Visit.visit_on <= until,
    )
    out = []
    for visit_id, family_id, visit_on, purpose in s.execute(q):
        family = families.get(family_id)
        if family is not None:
            out.append(_deadline(Kind.VISIT, visit_on, family, visit_id, purpose))
    return out + _noted_next_visits(s, families, until)


def _noted_next_visits(s: Session, families: dict[str, _Case], until: date) -> list[Deadline]:
    """The "next visit" written in the notes of each family's latest visit."""
    latest = (
        select(Visit.family_id, func.max(Visit.visit_on).label("visit_on"))
        .where(Visit.deleted.is_(False), Visit.status != VisitStatus.CANCELLED)
        .group_by(Visit.family_id)
        .subquery()
    )
    q = (
        select(Visit.id, Visit.family_id, Visit.visit_on, Visit.next_visit_on)
        .join(
            latest,
            and_(latest.c.family_id == Visit.family_id, latest.c.visit_on == Visit.visit_on),
        )
        .where(
            Visit.deleted.is_(False),
            Visit.status == VisitStatus.DONE,
            Visit.next_visit_on.is_not(None),
            Visit.next_visit_on <= until,
        )
    )
    out = []
    seen: set[str] = set()
    for visit_id, family_id, visit_on, next_on in s.execute(q):
        family = families.get(family_id)
        if family is None or next_on is None or family_id in seen:  # two visits a day: one
            continue
        seen.add(family_id)
        detail = _("noted at the visit of {date}").format(date=fmt_date(visit_on))
        out.append(_deadline(Kind.VISIT, next_on, family, visit_id, detail))
    return out


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def summary(deadlines: Iterable[Deadline], today: date) -> dict[Kind, tuple[int, int]]:
    """Per kind: (overdue, due within the horizon) counts, for the headline of the Today view."""
    counts: dict[Kind, list[int]] = {k: [0, 0] for k in Kind}
    for d in deadlines:
        counts[d.kind][0 if d.overdue(today) else 1] += 1
    return {k: (v[0], v[1]) for k, v in counts.items()}
