"""The key-card dialogs offer the ``.card`` files the README writes (they were invisible under a
``*.json`` filter), and saving proposes a ``.card`` name."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QFileDialog

from app.ui.sync.keys_panel import KeysPanel
from tests.ui.conftest import settle


def test_card_dialogs_show_card_files(ctx, qtbot, monkeypatch):
    panel = KeysPanel(ctx)
    qtbot.addWidget(panel)
    settle(ctx, qtbot)
    asked: list[tuple[str, str]] = []

    def chooser(_parent, _title, start, filters, *args, **kwargs):
        asked.append((start, filters))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(chooser))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(chooser))
    panel.choose_import()
    panel.choose_save()
    (_start, open_filter), (save_as, save_filter) = asked
    assert "*.card" in open_filter.split(";;")[0]
    assert save_as.endswith(".card") and "*.card" in save_filter.split(";;")[0]
