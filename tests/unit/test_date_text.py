"""How a date and a moment are written for the worker: one rule for screens, printed documents,
the CLI and messages (``app.services.date_text``)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from app.services.date_text import fmt_date, fmt_moment

APP = Path(__file__).resolve().parents[2] / "app"
HOME = APP / "services" / "date_text.py"


def test_a_day_reads_the_polish_way():
    assert fmt_date(date(2026, 3, 4)) == "04.03.2026"
    assert fmt_date(None) == ""
    assert fmt_date(None, "—") == "—"


def test_a_moment_reads_in_local_time(warsaw):
    """Moments are stored in UTC; shown as stored they were an hour or two early in Poland."""
    assert fmt_moment(datetime(2026, 12, 1, 12, 40, tzinfo=UTC)) == "01.12.2026 13:40"
    assert fmt_moment(datetime(2026, 7, 1, 12, 40, tzinfo=UTC)) == "01.07.2026 14:40"
    assert fmt_moment(datetime(2026, 7, 1, 12, 40)) == "01.07.2026 12:40"  # already local
    assert fmt_moment(None) == ""
    assert fmt_moment(None, "—") == "—"


def test_printed_documents_write_them_by_the_same_rule_with_a_dash_for_none(warsaw):
    from app.printing import layout

    moment = datetime(2026, 12, 1, 23, 5, tzinfo=UTC)
    assert layout.fmt_moment(moment) == fmt_moment(moment) == "02.12.2026 00:05"
    assert layout.fmt_date(date(2026, 12, 2)) == fmt_date(date(2026, 12, 2))
    assert layout.fmt_moment(None) == layout.fmt_date(None) == layout.EMPTY == "—"
    assert layout.fmt_value("2026-12-01T23:05:00+00:00") == "02.12.2026 00:05"
    assert layout.fmt_value("2026-12-02") == "02.12.2026"


def test_the_date_format_is_written_in_one_place():
    """Screens, printing, sync messages and the CLI each wrote ``%d.%m.%Y`` out again (and the
    moments' local-time conversion with it): 25 copies in 19 modules."""
    copies = [
        str(path.relative_to(APP))
        for path in sorted(APP.rglob("*.py"))
        if path != HOME and "%d.%m.%Y" in path.read_text(encoding="utf-8")
    ]
    assert copies == []
