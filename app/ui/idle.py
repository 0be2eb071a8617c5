"""Noticing that nobody is using the program, to lock it (KeePassXC's ``InactivityTimer``).

An application-wide event filter records the time of the last mouse, keyboard, wheel or touch
event; a slow timer compares it with the limit.  Recording a timestamp per event (instead of
restarting a ``QTimer`` on every mouse move) keeps the filter cheap.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.HoverMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Shortcut,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``timeout_ms`` without user activity (while started)."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_ms = timeout_ms
        self._last = time.monotonic()
        self._active = False
        self._check = QTimer(self)
        self._check.timeout.connect(self._tick)
        self._set_interval()
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    def set_timeout_ms(self, ms: int) -> None:
        self._timeout_ms = max(ms, 10)
        self._set_interval()

    def set_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(int(minutes) * 60_000)

    def _set_interval(self) -> None:
        # Check often enough to lock within ~5 % of the limit, at most every 5 seconds.
        self._check.setInterval(max(10, min(5_000, self._timeout_ms // 20)))

    def start(self) -> None:
        self.poke()
        self._active = True
        self._check.start()

    def stop(self) -> None:
        self._active = False
        self._check.stop()

    @property
    def running(self) -> bool:
        return self._active

    def poke(self) -> None:
        """Count as user activity now."""
        self._last = time.monotonic()

    def idle_ms(self) -> int:
        return int((time.monotonic() - self._last) * 1000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self._last = time.monotonic()
        return False

    def _tick(self) -> None:
        if self._active and self.idle_ms() >= self._timeout_ms:
            self.stop()
            self.idle.emit()
