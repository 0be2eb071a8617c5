"""Anonymised statistics (no identifiers, small cells suppressed) and the coordinator dashboard."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

from pypdf import PdfReader
from sqlalchemy import select

from app import demo
from app.models import Person
from app.printing.stats import statistics_pdf
from app.services import dashboard, reviews
from app.services import stats as stats_service
from app.services.stats import SECONDARY, SUPPRESSED, _suppress_cells
from app.sync import conflicts
from tests.factories import make_full_case
from tests.sync.helpers import edit, exchange, introduce

PESEL_RE = re.compile(r"\b\d{11}\b")


def _identifiers(ws) -> set[str]:
    with ws.transaction() as s:
        people = s.scalars(select(Person)).all()
        return {p.last_name for p in people} | {p.pesel for p in people if p.pesel}


def test_suppression_primary_and_secondary():
    rows = [[12, 10, 2, 30], [7, 4, 3, 3], [20, 12, 8, 9]]
    out = _suppress_cells(rows, [(0, [1, 2])], 5)
    assert out[0] == [12, SECONDARY, SUPPRESSED, 30]  # 2 hidden, so 10 too (12 − 10 = 2)
    assert out[1] == [7, SUPPRESSED, SUPPRESSED, SUPPRESSED]
    assert out[2] == [20, 12, 8, 9]


def test_statistics_have_no_identifiers_and_no_small_cells(coordinator_ws):
    demo.generate(coordinator_ws, families=80, seed=7)
    data = stats_service.collect(coordinator_ws)
    text = stats_service.to_csv(data)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][-1] and len(rows) > 20
    rows = [r for r in rows if r[0] != "uwaga"]  # the footnote explaining the marks
    tables = {r[0] for r in rows[1:]}
    assert len(tables) == 5
    for r in rows[1:]:
        value = r[3]
        assert value in (SUPPRESSED, SECONDARY, "0") or int(value) >= 5
    assert not PESEL_RE.search(text)
    names = _identifiers(coordinator_ws)
    assert names and not any(n in text for n in names)
    assert any(len({r[1] for r in rows[1:] if r[0] == t}) > 1 for t in tables)
    pdf = statistics_pdf(data, coordinator_ws.identity.name)
    reader = PdfReader(io.BytesIO(pdf))
    content = "".join(p.extract_text() for p in reader.pages)
    assert "<5" in content and not PESEL_RE.search(content)
    assert not any(n in content for n in names)


def test_dashboard_across_gminas(coordinator_ws, ws):
    introduce(ws, coordinator_ws)
    case = make_full_case(ws)
    reviews.record_review(
        ws,
        case.plan_id,
        reviews.ReviewInput(
            held_on=date.today() - timedelta(days=100),
            next_review_on=date.today() - timedelta(days=10),
            goal_scores=[reviews.GoalScoreInput(case.goal_ids[0], 2)],
        ),
    )
    demo.generate(coordinator_ws, families=30, seed=3)
    exchange(ws, coordinator_ws)
    exchange(coordinator_ws, ws)
    edit(ws, Person, case.child_id, phone="1")
    edit(coordinator_ws, Person, case.child_id, phone="2")
    exchange(ws, coordinator_ws)
    d = dashboard.collect(coordinator_ws)
    assert "2005092" in d.open_by_gmina and len(d.gmina_names) > 1
    assert d.gmina_names["2005092"] == "Narewka"
    assert sum(d.open_by_status().values()) == d.totals["open"]
    assert sum(d.goal_attainment.values()) == d.totals["goals_scored"] > 0
    assert d.actions_by_institution and d.totals["actions"] > 0
    [device] = d.devices
    assert device.device_id == ws.device_id and device.days_since == 0
    assert d.conflicts_waiting == len(conflicts.list_conflicts(coordinator_ws)) == 1
    assert all(r.days_overdue > 0 for r in d.overdue_reviews)
