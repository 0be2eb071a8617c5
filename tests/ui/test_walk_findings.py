"""What the keyboard walk in a real 1366×768 window (Xvfb + openbox, xdotool) showed, each with
the test that keeps it fixed (notes: /work/wt/notes/walk.md is not part of the repo)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.ui.kit.date_field import fmt_datetime

pytestmark = pytest.mark.ui
APP_UI = Path(__file__).resolve().parents[2] / "app" / "ui"


def test_titles_leave_the_program_name_to_qt(first_run, main_window, qtbot):
    """X11 and Windows show ``title — Kooperacja`` (the application's display name): a title
    starting with "Kooperacja — " read "Kooperacja — pierwsze uruchomienie — Kooperacja"."""
    from app.ui.main import make_application

    app = make_application()
    assert app.applicationDisplayName() == "Kooperacja"
    session = main_window.session
    session.lock()
    qtbot.waitUntil(lambda: session.unlock_window is not None and session.unlock_window.isVisible())
    titles = [first_run.wizard.windowTitle(), session.unlock_window.windowTitle()]
    assert titles == ["Pierwsze uruchomienie", "Zablokowano"]
    assert main_window.windowTitle() == "Gminny Ośrodek Pomocy Społecznej w Narewce"


@pytest.fixture
def warsaw(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Warsaw")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_moments_show_in_local_time_and_polish_order(warsaw):
    """The sync screens showed bundle and conflict times as stored: UTC, ``2026-12-01 12:40``."""
    assert fmt_datetime(datetime(2026, 12, 1, 12, 40, tzinfo=UTC)) == "01.12.2026 13:40"
    assert fmt_datetime(datetime(2026, 7, 1, 12, 40, tzinfo=UTC)) == "01.07.2026 14:40"
    assert fmt_datetime(None, "—") == "—"


def test_no_screen_formats_a_date_the_iso_way():
    iso = [
        f"{path.relative_to(APP_UI)}"
        for path in sorted(APP_UI.rglob("*.py"))
        if '"%Y-%m-%d' in path.read_text(encoding="utf-8")
    ]
    assert iso == []


def test_an_empty_recipient_list_says_what_is_missing(ctx, ws, coordinator_ws, qtbot):
    """Synchronizacja on a new laptop: an empty "Do:" and a greyed "Zapisz paczkę…" only."""
    from app.ui.sync.sync_screen import SyncScreen
    from tests.sync.helpers import introduce
    from tests.ui.conftest import settle

    screen = SyncScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    settle(ctx, qtbot)
    assert not screen.export_button.isEnabled()
    assert screen.no_peer_hint.isVisible()
    assert "kartę klucza" in screen.no_peer_hint.text()
    introduce(ws, coordinator_ws)
    screen.refresh()
    settle(ctx, qtbot)
    assert screen.export_button.isEnabled() and not screen.no_peer_hint.isVisible()
