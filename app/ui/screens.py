"""The screens of the main window, by key, imported only when first shown.

A screen is any ``QWidget`` built as ``ScreenClass(ctx)`` (``ctx``: ``AppContext``).  Optional
methods the shell calls if present: ``screen_shown()`` each time it becomes the visible screen,
``focus_search()`` for Ctrl+F.  Screens are destroyed on lock and on a language change and built
again afterwards, so a screen never has to clear case data itself.

Other parts of the program add screens by listing them in ``SCREENS`` (or ``register``); a
module that is not there yet gives a clear message instead of a crash.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.i18n import N_, _
from app.ui.context import AppContext
from app.ui.kit.widgets import label

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    title: str  # English source, translated when shown (N_)
    module: str
    class_name: str
    shortcut: str = ""
    coordinator_only: bool = False

    @property
    def label(self) -> str:
        return _(self.title)


SCREENS: list[ScreenSpec] = [
    ScreenSpec("today", N_("Today"), "app.ui.today_screen", "TodayScreen", "Ctrl+1"),
    ScreenSpec("families", N_("Families"), "app.ui.families_screen", "FamiliesScreen", "Ctrl+2"),
    ScreenSpec("team", N_("Cooperation"), "app.ui.registry.team_screen", "TeamScreen", "Ctrl+3"),
    ScreenSpec(
        "catalog",
        N_("Service catalogue"),
        "app.ui.registry.catalog_screen",
        "CatalogScreen",
        "Ctrl+4",
    ),
    ScreenSpec(
        "history", N_("History"), "app.ui.registry.history_screen", "HistoryScreen", "Ctrl+5"
    ),
    ScreenSpec("sync", N_("Sync"), "app.ui.sync.sync_screen", "SyncScreen", "Ctrl+6"),
    ScreenSpec(
        "dashboard",
        N_("Powiat dashboard"),
        "app.ui.sync.dashboard_screen",
        "DashboardScreen",
        "Ctrl+7",
        coordinator_only=True,
    ),
    ScreenSpec("rodo", N_("Data protection"), "app.ui.rodo.screen", "RodoScreen", "Ctrl+9"),
    ScreenSpec("settings", N_("Settings"), "app.ui.settings_screen", "SettingsScreen", "Ctrl+8"),
]


def register(spec: ScreenSpec) -> None:
    """Add or replace a screen (by key), keeping the order of existing ones."""
    for i, existing in enumerate(SCREENS):
        if existing.key == spec.key:
            SCREENS[i] = spec
            return
    SCREENS.insert(len(SCREENS) - 1, spec)  # settings stays last


def specs_for(coordinator: bool) -> list[ScreenSpec]:
    return [s for s in SCREENS if coordinator or not s.coordinator_only]


def spec(key: str) -> ScreenSpec | None:
    return next((s for s in SCREENS if s.key == key), None)


def screen_class(spec: ScreenSpec) -> Callable[[AppContext], QWidget] | None:
    """The screen's class, or None while its module is not part of the program yet."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as exc:
        if exc.name and spec.module.startswith(exc.name):
            return None
        raise
    return getattr(module, spec.class_name, None)


def create_screen(spec: ScreenSpec, ctx: AppContext) -> QWidget:
    cls = screen_class(spec)
    if cls is None:
        log.warning("screen %s is not available (%s)", spec.key, spec.module)
        return UnavailableScreen(spec)
    return cls(ctx)


class UnavailableScreen(QWidget):
    """Said plainly when a part of the program is missing from this build."""

    def __init__(self, spec: ScreenSpec) -> None:
        super().__init__()
        self.spec = spec
        layout = QVBoxLayout(self)
        layout.addWidget(label(spec.label, "heading"))
        text = label(
            _(
                "This part of the program is not available in this version. "
                "Everything else works normally; nothing is lost."
            )
        )
        text.setAccessibleName(_("Message"))
        layout.addWidget(text)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
