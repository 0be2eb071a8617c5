"""Windows sized for the municipal laptop: a 1366×768 screen, less its taskbar and the window's
title bar, is the most a window or dialog may ask for (its content scrolls inside when longer)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

MAX_WIDTH = 1366
MAX_HEIGHT = 690  # 768 − a 40 px taskbar − a 38 px title bar
TITLE_BAR = 38


def resize_to_fit(window: QWidget, width: int, height: int) -> None:
    """``resize(width, height)``, but never beyond 1366×690 nor beyond the screen it is on."""
    w, h = min(width, MAX_WIDTH), min(height, MAX_HEIGHT)
    screen = window.screen()
    if screen is not None:
        available = screen.availableGeometry()
        w = min(w, available.width())
        h = min(h, available.height() - TITLE_BAR)
    window.resize(max(w, window.minimumWidth()), max(h, window.minimumHeight()))
