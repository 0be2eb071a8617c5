"""Emitting signals from Python must not eat references to ``True`` (PySide6 6.12 bug)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from app.ui import pyside_fixes


class Emitter(QObject):
    fired = Signal()
    valued = Signal(str)


def test_thousands_of_emits_keep_true_alive():
    emitter = Emitter()
    got: list[str] = []
    emitter.valued.connect(got.append)
    before = sys.getrefcount(True)
    for _ in range(2000):
        assert emitter.fired.emit() is True
        emitter.valued.emit("x")
    assert sys.getrefcount(True) >= before
    assert len(got) == 2000


def test_the_probe_says_the_bug_is_gone():
    assert not pyside_fixes._emit_drops_a_reference()
    assert pyside_fixes.apply() in (True, False)  # idempotent
