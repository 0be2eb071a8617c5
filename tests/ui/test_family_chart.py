"""The chart of goal attainment over time renders the goals and the T-score (QPainter)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

from PySide6.QtGui import QColor

from app.services import reviews
from app.services.reviews import AttainmentPoint
from app.ui.family.attainment_chart_widget import PALETTE, AttainmentChartWidget


def colour_count(widget: AttainmentChartWidget, colour: str) -> int:
    image = widget.grab().toImage()
    wanted = QColor(colour)
    hits = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - wanted.red())
                + abs(c.green() - wanted.green())
                + abs(c.blue() - wanted.blue())
                < 30
            ):
                hits += 1
    return hits


def test_chart_draws_each_goal_and_describes_itself(qtbot):
    chart = AttainmentChartWidget()
    qtbot.addWidget(chart)
    chart.resize(640, 400)
    points = [
        AttainmentPoint(date(2026, 1, 10), 38.0, {"a": -1, "b": -2}),
        AttainmentPoint(date(2026, 4, 10), 46.0, {"a": 0, "b": -1}),
        AttainmentPoint(date(2026, 7, 10), 57.0, {"a": 1, "b": 0}),
    ]
    chart.set_data(points, [("a", "Zatrudnienie matki"), ("b", "Nauka córki")])
    assert colour_count(chart, PALETTE[0]) > 40
    assert colour_count(chart, PALETTE[1]) > 40
    assert colour_count(chart, PALETTE[2]) == 0  # no third goal
    text = chart.accessibleDescription()
    assert "10.07.2026" in text and "Zatrudnienie matki: +1" in text and "57" in text


def test_empty_chart_says_why(qtbot):
    chart = AttainmentChartWidget()
    qtbot.addWidget(chart)
    chart.resize(500, 320)
    chart.set_data([AttainmentPoint(date(2026, 1, 10), 40.0, {"a": -1})], [("a", "Cel")])
    assert "pierwszej ocenie okresowej" in chart.describe()
    assert colour_count(chart, PALETTE[0]) < 40  # only the legend swatch, no line


def test_chart_of_a_real_plan(ctx, qtbot, family_case):
    points = reviews.attainment_history(ctx.ws, family_case.plan_id)
    chart = AttainmentChartWidget()
    qtbot.addWidget(chart)
    chart.resize(600, 380)
    chart.set_data(points, [(g, str(i)) for i, g in enumerate(family_case.goal_ids)])
    # The baseline starts the line even when the plan was recorded as adopted after a review.
    assert chart.points[0].levels == points[0].levels
    assert len(chart.points) == 2
    assert colour_count(chart, PALETTE[0]) > 20 and colour_count(chart, PALETTE[1]) > 20
