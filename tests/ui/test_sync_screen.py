"""The Synchronizacja screen and the coordinator dashboard, offscreen with real databases."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.config import Settings
from app.models import Person
from app.sync import conflicts
from app.ui.sync.charts import BarChart
from app.ui.sync.dashboard_screen import DashboardScreen
from app.ui.sync.sync_screen import SyncScreen
from tests.factories import make_full_case
from tests.sync.helpers import edit, exchange, introduce
from tests.ui.conftest import settle

pytestmark = pytest.mark.ui


@pytest.fixture
def linked(ws, coordinator_ws):
    introduce(ws, coordinator_ws)
    case = make_full_case(ws)
    return case


def test_export_and_import_through_the_screens(
    ctx, coordinator_ctx, linked, qtbot, tmp_path, monkeypatch
):
    ops_screen = SyncScreen(ctx)
    qtbot.addWidget(ops_screen)
    settle(ctx, qtbot)
    assert ops_screen.peer.count() == 1
    assert ops_screen.peers.rowCount() == 1
    assert ops_screen.snapshot.me.fingerprint in ops_screen.me.text()
    # the file chooser proposes a name without personal data; the bundle is written there
    proposed = {}

    def save_dialog(parent, title, start, filters):
        proposed["start"] = start
        return str(tmp_path / Path(start).name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    ops_screen.export_button.click()
    settle(ctx, qtbot)
    [bundle] = tmp_path.glob("*.kbundle")
    assert Path(proposed["start"]).name == bundle.name and "000001" in bundle.name
    assert "Zapisano i sprawdzono" in ops_screen.result.text()
    assert ops_screen.peers.item(0, 2).text().startswith("1")

    coord_screen = SyncScreen(coordinator_ctx)
    qtbot.addWidget(coord_screen)
    settle(coordinator_ctx, qtbot)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bundle))])
    drop = QDropEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    coord_screen.dropEvent(drop)
    settle(coordinator_ctx, qtbot)
    assert "Zaimportowano paczkę 1" in coord_screen.result.text()
    settle(coordinator_ctx, qtbot)
    assert coord_screen.peers.item(0, 4).text().startswith("1")
    # the same file again: a no-op that says so
    coord_screen.import_paths([str(bundle)])
    settle(coordinator_ctx, qtbot)
    assert "już zaimportowana" in coord_screen.result.text()


def test_conflict_inbox_side_by_side_and_resolution(
    ctx, coordinator_ctx, ws, coordinator_ws, linked, qtbot
):
    exchange(ws, coordinator_ws)
    exchange(coordinator_ws, ws)
    edit(ws, Person, linked.mother_id, phone="600 000 111")
    edit(coordinator_ws, Person, linked.mother_id, phone="600 000 222")
    exchange(ws, coordinator_ws)
    screen = SyncScreen(coordinator_ctx)
    qtbot.addWidget(screen)
    settle(coordinator_ctx, qtbot)
    assert screen.conflict_list.rowCount() == 1
    assert "(1)" in screen.tabs.tabText(1)
    assert screen.mine.value.toPlainText() == "600 000 222"
    assert screen.theirs.value.toPlainText() == "600 000 111"
    assert "Anna Kowalczyk" in screen.theirs.who.text()
    assert ws.device_id in screen.theirs.who.text()
    assert "Ewa Zawadzka" in screen.mine.who.text()
    assert screen.take_theirs.isEnabled()
    screen.take_theirs.click()
    settle(coordinator_ctx, qtbot)
    settle(coordinator_ctx, qtbot)
    assert screen.conflict_list.rowCount() == 0
    assert not screen.empty_inbox.isHidden()
    with coordinator_ws.transaction() as s:
        assert s.get(Person, linked.mother_id).phone == "600 000 111"


def test_a_decision_made_elsewhere_is_told_in_the_inbox_until_seen(
    ctx, coordinator_ctx, ws, coordinator_ws, linked, qtbot
):
    exchange(ws, coordinator_ws)
    exchange(coordinator_ws, ws)
    edit(ws, Person, linked.mother_id, phone="600 000 111")
    edit(coordinator_ws, Person, linked.mother_id, phone="600 000 222")
    exchange(ws, coordinator_ws)
    [c] = conflicts.list_conflicts(coordinator_ws)
    conflicts.resolve(coordinator_ws, c.id, "mine")  # the coordinator keeps its value
    exchange(coordinator_ws, ws)
    screen = SyncScreen(ctx)  # the OPS worker's screen
    qtbot.addWidget(screen)
    settle(ctx, qtbot)
    inbox = screen.conflict_inbox
    assert not inbox.notices.isHidden() and not inbox.seen_button.isHidden()
    assert "„600 000 222” zamiast Twojej wartości „600 000 111”" in inbox.notices.text()
    assert "Ewa Zawadzka" in inbox.notices.text()
    assert "Nic nie zostało nadpisane" not in inbox.empty_inbox.text()
    inbox.seen_button.click()
    settle(ctx, qtbot)
    assert inbox.notices.isHidden() and inbox.seen_button.isHidden()
    assert conflicts.replaced_notices(ws) == []


def test_inbox_folder_scan(ctx, coordinator_ctx, ws, linked, qtbot, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    ops_screen = SyncScreen(ctx)
    qtbot.addWidget(ops_screen)
    settle(ctx, qtbot)
    ops_screen.outbox.setText(str(share))
    ops_screen.save_folders_and_scan()
    settle(ctx, qtbot)
    assert len(list(share.glob("*.kbundle"))) == 1
    assert Settings.load().sync_outbox == str(share)
    # the coordinator's installation reads the shared folder as its inbox, at start
    settings = Settings.load()
    settings.sync_inbox, settings.sync_outbox = str(share), ""
    settings.save()
    coord_screen = SyncScreen(coordinator_ctx)
    qtbot.addWidget(coord_screen)
    settle(coordinator_ctx, qtbot)
    settle(coordinator_ctx, qtbot)
    settle(coordinator_ctx, qtbot)
    assert list(share.glob("*.kbundle")) == []
    assert coord_screen.peers.item(0, 4).text().startswith("1")


def test_dashboard_draws_its_charts(coordinator_ctx, ws, coordinator_ws, linked, qtbot):
    from app import demo

    demo.generate(coordinator_ws, families=25, seed=11)
    exchange(ws, coordinator_ws)
    screen = DashboardScreen(coordinator_ctx)
    qtbot.addWidget(screen)
    screen.resize(1100, 900)
    settle(coordinator_ctx, qtbot)
    assert screen.data is not None
    assert int(screen.tiles["open"].text()) == screen.data.totals["open"] > 0
    assert screen.open_chart.categories and "Narewka" in screen.open_chart.categories
    assert screen.actions_chart.categories
    assert sum(sum(v) for v in screen.gas_chart.values) == screen.data.totals["goals_scored"]
    assert screen.devices.rowCount() == 1
    assert "Narewka" in screen.open_chart.accessibleDescription()
    image = screen.grab()
    assert not image.isNull()
    chart = screen.open_chart.grab().toImage()
    colours = {
        chart.pixelColor(x, y).name()
        for x in range(0, chart.width(), 7)
        for y in range(0, chart.height(), 5)
    }
    assert len(colours) > 3  # bars were painted, not an empty widget


def test_bar_chart_empty_and_stacked(qtbot):
    chart = BarChart("Test")
    qtbot.addWidget(chart)
    chart.resize(400, 120)
    chart.set_data([], [], [])
    assert not chart.grab().isNull()
    chart.set_data(["A", "B"], ["x", "y"], [[1, 2], [3, 0]])
    assert chart.total(0) == 3 and "A: 3" in chart.toolTip()
    assert not chart.grab().isNull()


def test_key_cards_from_the_screen(
    ctx, coordinator_ctx, ws, coordinator_ws, qtbot, tmp_path, monkeypatch, dialogs
):
    """A new user exchanges key cards in the program itself: save, import, confirm, revoke."""
    from app.sync import identity

    ops_screen = SyncScreen(ctx)
    qtbot.addWidget(ops_screen)
    settle(ctx, qtbot)
    assert ops_screen.keys.fingerprint.text() == identity.show(ws).fingerprint
    card = tmp_path / "karta.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(card), ""))
    )
    ops_screen.keys.save_button.click()
    settle(ctx, qtbot)
    assert card.exists()
    pdf = tmp_path / "karta.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pdf), ""))
    )
    ops_screen.keys.save_button.click()
    settle(ctx, qtbot)
    assert pdf.read_bytes().startswith(b"%PDF")

    coord_screen = SyncScreen(coordinator_ctx)
    qtbot.addWidget(coord_screen)
    settle(coordinator_ctx, qtbot)
    # declining the fingerprint registers nothing
    coord_screen.keys.import_card(str(card))
    settle(coordinator_ctx, qtbot)
    assert any(identity.show(ws).fingerprint in text for kind, text in dialogs)
    assert identity.peers(coordinator_ws) == []
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    coord_screen.keys.import_card(str(card))
    settle(coordinator_ctx, qtbot)
    settle(coordinator_ctx, qtbot)
    assert [p.device_id for p in identity.peers(coordinator_ws)] == [ws.device_id]
    assert coord_screen.keys.table.rowCount() == 1
    assert coord_screen.peer.count() == 1  # the new device can be sent bundles
    coord_screen.keys.table.selectRow(0)
    coord_screen.keys.revoke_button.click()
    settle(coordinator_ctx, qtbot)
    settle(coordinator_ctx, qtbot)
    assert identity.peers(coordinator_ws)[0].revoked
    assert coord_screen.peer.count() == 0
