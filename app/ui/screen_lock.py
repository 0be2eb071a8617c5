"""Noticing that the computer is leaving the user's hands: screen lock, sleep, user switch.

KeePassXC locks its database on these events (``ScreenLockListener*``); so do we, within two
seconds.  Three sources, each best-effort (a missing one never stops the program):

* **any system** — a sleep is seen as a jump of the wall clock against the monotonic clock
  between two ticks of a one-second timer (Linux's monotonic clock stops while suspended);
* **Linux** — D-Bus: ``org.freedesktop.ScreenSaver``/``org.gnome.ScreenSaver``
  ``ActiveChanged(true)`` on the session bus, logind's ``PrepareForSleep(true)`` and the
  session's ``Lock`` on the system bus;
* **Windows** — ``WM_WTSSESSION_CHANGE`` (lock, console or remote disconnect) after
  ``WTSRegisterSessionNotification``, and ``WM_POWERBROADCAST``/``PBT_APMSUSPEND``.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import time
from typing import Any

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QCoreApplication,
    QObject,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

SUSPEND_GAP_SECONDS = 8.0  # wall clock ahead of the monotonic clock by more than this: slept
TICK_MS = 1000

WM_WTSSESSION_CHANGE = 0x02B1
WM_POWERBROADCAST = 0x0218
WTS_CONSOLE_DISCONNECT = 0x2
WTS_REMOTE_DISCONNECT = 0x4
WTS_SESSION_LOCK = 0x7
PBT_APMSUSPEND = 0x4


def logind_session_path(session_id: str) -> str:
    """logind's object path of a session (``sd_bus_path_encode``: "2" → ``…/session/_32``)."""
    encoded = "".join(
        ch if ch.isascii() and (ch.isalpha() or (ch.isdigit() and i > 0)) else f"_{ord(ch):02x}"
        for i, ch in enumerate(session_id)
    )
    return f"/org/freedesktop/login1/session/{encoded or '_'}"


class _WindowsFilter(QAbstractNativeEventFilter):
    def __init__(self, on_lock) -> None:
        super().__init__()
        self._on_lock = on_lock

    def nativeEventFilter(self, event_type, message):
        if bytes(event_type) == b"windows_generic_MSG":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            locked = msg.message == WM_WTSSESSION_CHANGE and msg.wParam in (
                WTS_SESSION_LOCK,
                WTS_CONSOLE_DISCONNECT,
                WTS_REMOTE_DISCONNECT,
            )
            sleeping = msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND
            if locked or sleeping:
                self._on_lock()
        return False, 0


class ScreenLockWatcher(QObject):
    """Emits ``screen_locked`` when the session locks, sleeps or is switched away."""

    screen_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wall, self._mono = time.time(), time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._filter: _WindowsFilter | None = None
        self._hidden: QWidget | None = None
        if sys.platform == "win32":
            self._watch_windows()
        elif os.name == "posix":
            self._watch_dbus()

    def stop(self) -> None:
        self._timer.stop()

    # -- any system ------------------------------------------------------------------------
    def _tick(self) -> None:
        wall, mono = time.time(), time.monotonic()
        slept = (wall - self._wall) - (mono - self._mono) > SUSPEND_GAP_SECONDS
        self._wall, self._mono = wall, mono
        if slept:
            log.info("the computer was asleep: locking")
            self.screen_locked.emit()

    # -- Linux -----------------------------------------------------------------------------
    def _watch_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        session, system = QDBusConnection.sessionBus(), QDBusConnection.systemBus()
        # The stubs want bytes; PySide6's SLOT() gives the str that connect() takes.
        slot: Any = SLOT("_active_changed(bool)")
        locked: Any = SLOT("_locked()")
        if session.isConnected():
            for service, path in (
                ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
            ):
                session.connect(service, path, service, "ActiveChanged", self, slot)
        if system.isConnected():
            system.connect(
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                self,
                slot,
            )
            session_id = os.environ.get("XDG_SESSION_ID", "")
            if session_id:
                system.connect(
                    "org.freedesktop.login1",
                    logind_session_path(session_id),
                    "org.freedesktop.login1.Session",
                    "Lock",
                    self,
                    locked,
                )

    @Slot(bool)
    def _active_changed(self, active: bool) -> None:
        if active:
            self.screen_locked.emit()

    @Slot()
    def _locked(self) -> None:
        self.screen_locked.emit()

    # -- Windows ---------------------------------------------------------------------------
    def _watch_windows(self) -> None:
        app = QCoreApplication.instance()
        if app is None:
            return
        self._filter = _WindowsFilter(self.screen_locked.emit)
        app.installNativeEventFilter(self._filter)
        self._hidden = QWidget()  # a window handle to receive session notifications
        try:
            wtsapi = ctypes.WinDLL("wtsapi32")  # type: ignore[attr-defined]
            wtsapi.WTSRegisterSessionNotification(int(self._hidden.winId()), 0)
        except (OSError, AttributeError):
            log.warning("session notifications are not available")
