"""Work-arounds for bugs of the PySide6 version in use, applied once when ``app.ui`` is imported.

PySide6 6.12 on Python 3.11: ``SignalInstance.emit()`` (and a failing ``disconnect()``) return
``True``/``False`` without taking a reference.  Every emit from Python therefore drops one
reference to ``True``; after a few thousand emits (a form emits on each keystroke) the
interpreter frees ``True`` and aborts ("bool_dealloc: deallocating True or False").  The fix
adds the missing reference.  It is applied only when a probe shows the bug, so a fixed PySide6
(or Python 3.12+, where ``True`` is immortal) is left alone.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_applied = False


class _Probe(QObject):
    fired = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    return sys.getrefcount(True) < before


def _keeping_bools(method: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(self: SignalInstance, *args: Any, **kwargs: Any) -> Any:
        result = method(self, *args, **kwargs)
        if result is True or result is False:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


def apply() -> bool:
    """Patch ``SignalInstance`` if this PySide6 has the bug; True when patched."""
    global _applied
    if _applied or not _emit_drops_a_reference():
        return _applied
    # Patching the library's class is the point of this module.
    SignalInstance.emit = _keeping_bools(SignalInstance.emit)  # type: ignore[method-assign]
    SignalInstance.disconnect = _keeping_bools(SignalInstance.disconnect)  # type: ignore[method-assign]
    _applied = True
    return True


apply()
