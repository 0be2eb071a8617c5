"""The powiat's evaluation of the pilot (what the ROPS asked the pilots for), anonymised.

Tables by gmina: families referred, qualified, with an IPW and with a completed IPW; completed
IPWs by outcome; months in the IPW of the completed ones; actions by institution and status;
and the team meetings held.  Counts only, suppressed exactly as ``app.services.stats`` does
(counts under 5 shown as "<5", a second count hidden where a total would give one away); the
meetings table counts the teams' own sittings, not people, and is shown in full.

The result is a ``Statistics`` value, so it writes to CSV (``stats.to_csv``) and PDF
(``app.printing.stats``) the same way as the statistics.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select

from app.i18n import _, ngettext
from app.models import (
    Action,
    CooperationTeam,
    Family,
    Institution,
    PlanClosure,
    Referral,
    SupportPlan,
    TeamMeeting,
    TercUnit,
)
from app.models.enums import ActionStatus, PlanOutcome, PlanStatus, ReferralDecision
from app.services.stats import MIN_CELL, Statistics, StatTable, _table
from app.services.workspace import Workspace

# Months in the IPW of a completed plan: (upper bound in months, exclusive), the last open.
MONTH_BUCKETS = (6, 10, 14)  # under 6, 6–9, 10–13 (the pilots' 10–13 months), 14 and more


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (a month is complete on the same day number)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return max(0, months - (1 if end.day < start.day else 0))


def _bucket(months: int) -> int:
    for i, bound in enumerate(MONTH_BUCKETS):
        if months < bound:
            return i
    return len(MONTH_BUCKETS)


def collect(ws: Workspace, min_cell: int = MIN_CELL, on: date | None = None) -> Statistics:
    on = on or date.today()
    with ws.transaction() as s:
        terc = {u.code: u.name for u in s.scalars(select(TercUnit))}
        gmina_of: dict[str, str] = {
            fid: code
            for fid, code in s.execute(
                select(Family.id, Family.gmina_code).where(Family.deleted.is_(False))
            )
        }

        def per_gmina(width: int) -> defaultdict[str, list[int]]:
            return defaultdict(lambda: [0] * width)

        path = per_gmina(4)
        families: dict[int, set[str]] = {0: set(), 1: set(), 2: set(), 3: set()}
        for fid, decision in s.execute(
            select(Referral.family_id, Referral.decision).where(Referral.deleted.is_(False))
        ):
            if fid in gmina_of:
                families[0].add(fid)
                if decision == ReferralDecision.QUALIFIED:
                    families[1].add(fid)
        plans = s.execute(
            select(
                SupportPlan.id,
                SupportPlan.family_id,
                SupportPlan.status,
                SupportPlan.period_from,
                SupportPlan.adopted_on,
            ).where(SupportPlan.deleted.is_(False), SupportPlan.status != PlanStatus.DRAFT)
        ).all()
        started = {pid: adopted or start for pid, _f, _st, start, adopted in plans}
        families[2] = {fid for _p, fid, *_rest in plans if fid in gmina_of}
        outcomes = [o.value for o in PlanOutcome]
        by_outcome = per_gmina(1 + len(outcomes))
        by_months = per_gmina(2 + len(MONTH_BUCKETS))
        for fid, pid, outcome, closed_on in s.execute(
            select(
                PlanClosure.family_id,
                PlanClosure.plan_id,
                PlanClosure.outcome,
                PlanClosure.closed_on,
            ).where(PlanClosure.deleted.is_(False))
        ):
            code = gmina_of.get(fid)
            if code is None:
                continue
            families[3].add(fid)
            row = by_outcome[code]
            row[0] += 1
            if outcome in outcomes:
                row[1 + outcomes.index(outcome)] += 1
            start = started.get(pid)
            if start is not None:
                months = by_months[code]
                months[0] += 1
                months[1 + _bucket(months_between(start, closed_on))] += 1
        for column, members in families.items():
            for fid in members:
                path[gmina_of[fid]][column] += 1

        statuses = [x.value for x in ActionStatus]
        by_institution: defaultdict[str, list[int]] = defaultdict(lambda: [0] * (1 + len(statuses)))
        names = {i.id: i.name for i in s.scalars(select(Institution))}
        for iid, status, n in s.execute(
            select(Action.institution_id, Action.status, func.count())
            .join(SupportPlan, SupportPlan.id == Action.plan_id)
            .join(Family, Family.id == SupportPlan.family_id)
            .where(
                Action.deleted.is_(False),
                SupportPlan.deleted.is_(False),
                Family.deleted.is_(False),
            )
            .group_by(Action.institution_id, Action.status)
        ):
            row = by_institution[names.get(iid, "") if iid else ""]
            row[0] += n
            if status in statuses:
                row[1 + statuses.index(status)] += n

        meetings = [
            (name, [n])
            for name, n in s.execute(
                select(CooperationTeam.name, func.count(TeamMeeting.id))
                .join(TeamMeeting, TeamMeeting.team_id == CooperationTeam.id)
                .where(
                    CooperationTeam.deleted.is_(False),
                    TeamMeeting.deleted.is_(False),
                    TeamMeeting.held_on <= on,
                )
                .group_by(CooperationTeam.id, CooperationTeam.name)
                .order_by(CooperationTeam.name)
            )
        ]
        home = ws.identity.unit_code
        unit_name = terc.get(home, home)

    def gminas(table: dict[str, list[int]]) -> list[tuple[str, list[int]]]:
        return [(f"{terc.get(c, c)} ({c})", table[c]) for c in sorted(table)]

    outcome_columns = [PlanOutcome(v).label for v in outcomes]
    status_columns = [ActionStatus(v).label for v in statuses]
    first, last = MONTH_BUCKETS[0], MONTH_BUCKETS[-1]
    month_columns = [
        ngettext("under {n} month", "under {n} months", first).format(n=first),
        *[
            ngettext("{a}–{n} month", "{a}–{n} months", b - 1).format(a=a, n=b - 1)
            for a, b in zip(MONTH_BUCKETS, MONTH_BUCKETS[1:], strict=False)
        ],
        ngettext("{n} month or more", "{n} months or more", last).format(n=last),
    ]
    institution_rows = [
        (name or _("not given"), by_institution[name]) for name in sorted(by_institution)
    ]
    tables: list[StatTable] = [
        _table(
            "path",
            _("Families on the case path"),
            [_("Gmina"), _("Referred"), _("Qualified"), _("With an IPW"), _("IPW completed")],
            gminas(path),
            min_cell,
        ),
        _table(
            "outcome",
            _("Completed IPWs by outcome"),
            [_("Gmina"), _("Completed IPWs"), *outcome_columns],
            gminas(by_outcome),
            min_cell,
            [(0, list(range(1, 1 + len(outcomes))))],
        ),
        _table(
            "months",
            _("Months in the IPW (completed IPWs)"),
            [_("Gmina"), _("Completed IPWs"), *month_columns],
            gminas(by_months),
            min_cell,
            [(0, list(range(1, 2 + len(MONTH_BUCKETS))))],
        ),
        _table(
            "institution",
            _("IPW actions by institution and status"),
            [_("Institution"), _("Actions"), *status_columns],
            institution_rows,
            min_cell,
            [(0, list(range(1, 1 + len(statuses))))],
        ),
        StatTable(
            "meetings",
            _("Team meetings held"),
            [_("Team"), _("Meetings")],
            [[name, *counts] for name, counts in meetings],
        ),
    ]
    return Statistics(home, unit_name, on, min_cell, tables)
