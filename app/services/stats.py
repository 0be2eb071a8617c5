"""Anonymised statistics for the ROPS: counts only, small cells suppressed.

Five tables: families by gmina (open, closed, members), reasons for help (art. 7), actions by
sector and status, actions by service of the koszyk usług, and outcomes (the latest Goal
Attainment Scale score of each goal).  Nothing identifies a person: no names, PESELs, addresses,
case numbers or dates of birth, only category labels and counts.

Suppression: every count from 1 to ``min_cell`` − 1 (1–4) is shown as ``<5``; zeros are shown as
0 (a zero says nothing about a person).  Where parts add up to a shown total (open + closed =
families; statuses = actions; levels = all scored goals), a single suppressed part could be
recovered by subtraction, so the next smallest non-zero part is hidden as well (secondary
suppression) and shown as ``X`` — never as ``<5``, which would be false over 28.  Both marks are
explained in a footnote of the CSV and the PDF (``NOTES``).
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.i18n import _, current_language
from app.models import (
    Action,
    Family,
    FamilyReason,
    Goal,
    GoalScore,
    HelpReason,
    Person,
    Review,
    Sector,
    Service,
    SupportPlan,
    TercUnit,
)
from app.models.enums import ActionStatus, FamilyStatus
from app.services.workspace import Workspace

MIN_CELL = 5
SUPPRESSED = "<5"
SECONDARY = "X"
Cell = int | str


@dataclass(frozen=True)
class StatTable:
    key: str
    title: str
    columns: list[str]  # the first names the category
    rows: list[list[Cell]]  # [category label, counts…] after suppression


@dataclass(frozen=True)
class Statistics:
    unit_code: str
    unit_name: str
    generated_on: date
    min_cell: int
    tables: list[StatTable]


def _suppress_cells(
    rows: list[list[int]], groups: list[tuple[int, list[int]]], min_cell: int
) -> list[list[Cell]]:
    """Primary suppression of small counts, then secondary within each (total, parts) group.

    ``groups`` lists, per row, the column of a total and the columns of its parts.
    """
    hidden = [[SUPPRESSED if 0 < v < min_cell else "" for v in row] for row in rows]
    changed = True
    while changed:
        changed = False
        for r, row in enumerate(rows):
            for total, parts in groups:
                cells = [total, *parts]
                if sum(bool(hidden[r][c]) for c in cells) != 1:
                    continue
                candidates = [c for c in parts if not hidden[r][c] and row[c] > 0]
                if candidates:
                    smallest = min(candidates, key=lambda c: row[c])
                    hidden[r][smallest] = SECONDARY
                    changed = True
    return [[hidden[r][c] or v for c, v in enumerate(row)] for r, row in enumerate(rows)]


def notes(min_cell: int = MIN_CELL) -> list[str]:
    """The footnote explaining both marks (CSV and PDF)."""
    return [
        _("{mark}: fewer than {n} (a count from 1 to {m}, hidden to protect the persons)").format(
            mark=SUPPRESSED, n=min_cell, m=min_cell - 1
        ),
        _(
            "{mark}: hidden so that a count marked {small} cannot be worked out from the total "
            "(secondary suppression); it may be any number"
        ).format(mark=SECONDARY, small=SUPPRESSED),
    ]


def _table(
    key: str,
    title: str,
    columns: list[str],
    labelled: list[tuple[str, list[int]]],
    min_cell: int,
    groups: list[tuple[int, list[int]]] = (),  # type: ignore[assignment]
) -> StatTable:
    counts = [c for _label, c in labelled]
    # Groups refer to count columns; shift past the label column afterwards.
    suppressed = _suppress_cells(counts, list(groups), min_cell)
    rows = [[label, *cells] for (label, _c), cells in zip(labelled, suppressed, strict=True)]
    return StatTable(key, title, columns, rows)


def collect(ws: Workspace, min_cell: int = MIN_CELL) -> Statistics:
    """Aggregate the whole database (the coordinator's: every gmina of the powiat)."""
    lang = current_language()
    with ws.transaction() as s:
        live_family = Family.deleted.is_(False)
        terc = {u.code: u.name for u in s.scalars(select(TercUnit))}
        by_gmina: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for code, status, n in s.execute(
            select(Family.gmina_code, Family.status, func.count())
            .where(live_family)
            .group_by(Family.gmina_code, Family.status)
        ):
            row = by_gmina[code]
            row[0] += n
            row[2 if status == FamilyStatus.CLOSED else 1] += n
        for code, n in s.execute(
            select(Family.gmina_code, func.count(Person.id))
            .join(Person, Person.family_id == Family.id)
            .where(live_family, Person.deleted.is_(False))
            .group_by(Family.gmina_code)
        ):
            by_gmina[code][3] += n
        gmina_rows = [
            (f"{terc.get(code, code)} ({code})", by_gmina[code]) for code in sorted(by_gmina)
        ]

        reason_labels = {r.code: r.label(lang) for r in s.scalars(select(HelpReason))}
        reasons = [
            (reason_labels.get(code, code), [n])
            for code, n in s.execute(
                select(FamilyReason.reason_code, func.count(func.distinct(FamilyReason.family_id)))
                .join(Family, Family.id == FamilyReason.family_id)
                .where(live_family, FamilyReason.deleted.is_(False))
                .group_by(FamilyReason.reason_code)
                .order_by(FamilyReason.reason_code)
            )
        ]

        statuses = [s_.value for s_ in ActionStatus]
        live_actions = (
            select(Action)
            .join(SupportPlan, SupportPlan.id == Action.plan_id)
            .join(Family, Family.id == SupportPlan.family_id)
            .where(live_family, Action.deleted.is_(False), SupportPlan.deleted.is_(False))
            .subquery()
        )
        sector_labels = {r.code: r.label(lang) for r in s.scalars(select(Sector))}
        by_sector: dict[str, list[int]] = defaultdict(lambda: [0] * (1 + len(statuses)))
        for sector, status, n in s.execute(
            select(live_actions.c.sector_code, live_actions.c.status, func.count()).group_by(
                live_actions.c.sector_code, live_actions.c.status
            )
        ):
            row = by_sector[sector or ""]
            row[0] += n
            if status in statuses:
                row[1 + statuses.index(status)] += n
        sector_rows = [
            (sector_labels.get(code, code or _("not given")), by_sector[code])
            for code in sorted(by_sector)
        ]

        service_names = {x.id: x.name for x in s.scalars(select(Service))}
        service_rows = [
            (service_names.get(sid, sid), [n_actions, n_families])
            for sid, n_actions, n_families in s.execute(
                select(
                    live_actions.c.service_id,
                    func.count(),
                    func.count(func.distinct(SupportPlan.family_id)),
                )
                .join(SupportPlan, SupportPlan.id == live_actions.c.plan_id)
                .where(live_actions.c.service_id.is_not(None))
                .group_by(live_actions.c.service_id)
            )
        ]
        service_rows.sort(key=lambda r: r[0])

        levels = latest_levels(s)
        level_counts = Counter(levels.values())
        outcome_rows = [
            (f"{lvl:+d}" if lvl else "0", [level_counts.get(lvl, 0)]) for lvl in range(-2, 3)
        ]
        outcome_rows.append((_("All scored goals"), [sum(level_counts.values())]))

        home = ws.identity.unit_code
        unit_name = terc.get(home, home)
    status_columns = [ActionStatus(v).label for v in statuses]
    tables = [
        _table(
            "gmina",
            _("Families by gmina"),
            [_("Gmina"), _("Families"), _("Open cases"), _("Closed cases"), _("Members")],
            gmina_rows,
            min_cell,
            [(0, [1, 2])],
        ),
        _table(
            "reason",
            _("Reasons for help (art. 7)"),
            [_("Reason"), _("Families")],
            reasons,
            min_cell,
        ),
        _table(
            "sector",
            _("Actions by sector and status"),
            [_("Sector"), _("Actions"), *status_columns],
            sector_rows,
            min_cell,
            [(0, list(range(1, 1 + len(statuses))))],
        ),
        _table(
            "service",
            _("Actions by service (koszyk usług)"),
            [_("Service"), _("Actions"), _("Families")],
            service_rows,
            min_cell,
        ),
        _outcomes(outcome_rows, min_cell),
    ]
    return Statistics(home, unit_name, date.today(), min_cell, tables)


def _outcomes(rows: list[tuple[str, list[int]]], min_cell: int) -> StatTable:
    """Goal attainment levels; the last row is their total, so suppression works by column."""
    values = [r[1][0] for r in rows]
    # The last row is the total of the others: the same rule as the tables' groups.
    marked = _suppress_cells([values], [(len(values) - 1, list(range(len(values) - 1)))], min_cell)
    cells = [[label, cell] for (label, _v), cell in zip(rows, marked[0], strict=True)]
    return StatTable(
        "outcome",
        _("Outcomes: latest goal attainment (GAS −2 … +2)"),
        [_("Level"), _("Goals")],
        cells,
    )


def latest_levels(s: Session) -> dict[str, int]:
    """Each live goal's level in its latest review."""
    q = (
        select(GoalScore.goal_id, GoalScore.level, Review.held_on, Review.id)
        .join(Review, Review.id == GoalScore.review_id)
        .join(Goal, Goal.id == GoalScore.goal_id)
        .join(Family, Family.id == Review.family_id)
        .where(
            GoalScore.deleted.is_(False),
            Review.deleted.is_(False),
            Goal.deleted.is_(False),
            Family.deleted.is_(False),
        )
        .order_by(Review.held_on, Review.id)
    )
    latest: dict[str, int] = {}
    for goal_id, level, _held, _rid in s.execute(q):
        latest[goal_id] = level
    return latest


def to_csv(stats: Statistics) -> str:
    """Long format, one count per line: table;category;measure;value (UTF-8, ``;``-separated)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow([_("table"), _("category"), _("measure"), _("value")])
    for t in stats.tables:
        for row in t.rows:
            for column, value in zip(t.columns[1:], row[1:], strict=True):
                w.writerow([t.title, row[0], column, value])
    for line in notes(stats.min_cell):  # the footnote: what "<5" and "X" mean
        w.writerow([_("note"), "", "", line])
    return buf.getvalue()
