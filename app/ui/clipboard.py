"""Copying case data to the clipboard without leaving it there (the KeePassXC rule).

``copy_sensitive(text)`` puts ``text`` on the clipboard, marked for clipboard managers as a
secret (KDE's ``x-kde-passwordManagerHint``, Windows' "exclude from monitoring/history"), and
clears it after 30 seconds if it is still what we put there.  The clipboard is also cleared on
lock and on exit (``clear_now``), again only if it still holds our text.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000

_SECRET_FORMATS = {
    "x-kde-passwordManagerHint": b"secret",
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': b"\0",
    'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': b"\0\0\0\0",
    'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': b"\0\0\0\0",
}


class ClipboardGuard(QObject):
    """Remembers what we copied and wipes it when its time is up."""

    def __init__(self, clear_after_ms: int = CLEAR_AFTER_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._ours: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear_now)

    @property
    def clear_after_ms(self) -> int:
        return self._timer.interval()

    def copy(self, text: str) -> None:
        mime = QMimeData()
        mime.setText(text)
        for fmt, value in _SECRET_FORMATS.items():
            mime.setData(fmt, value)
        clipboard = QGuiApplication.clipboard()
        clipboard.setMimeData(mime, QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.setText(text, QClipboard.Mode.Selection)
        self._ours = text
        self._timer.start()

    def holds_ours(self) -> bool:
        return self._ours is not None and QGuiApplication.clipboard().text() == self._ours

    def clear_now(self) -> None:
        """Clear the clipboard if it still holds what we copied (never the user's own copy)."""
        self._timer.stop()
        if self._ours is None:
            return
        clipboard = QGuiApplication.clipboard()
        if clipboard.text() == self._ours:
            clipboard.clear(QClipboard.Mode.Clipboard)
        selection = QClipboard.Mode.Selection
        if clipboard.supportsSelection() and clipboard.text(selection) == self._ours:
            clipboard.clear(selection)
        self._ours = None


_guard: ClipboardGuard | None = None


def guard() -> ClipboardGuard:
    """The application's one guard (created on first use, parented to the application)."""
    global _guard
    if _guard is None:
        _guard = ClipboardGuard(parent=QGuiApplication.instance())
        _guard.destroyed.connect(_forget)
    return _guard


def _forget(*_args: object) -> None:
    global _guard
    _guard = None


def copy_sensitive(text: str) -> None:
    """Copy case data (a PESEL, an address) for at most 30 seconds."""
    guard().copy(text)


def clear_now() -> None:
    if _guard is not None:
        _guard.clear_now()
