"""Hybrid logical clock: versions that order edits across devices without trusting wall clocks.

A stamp is ``<13-digit ms>.<5-digit counter>.<device id>``; plain string comparison orders
stamps by time, then counter, then device, so "newer" is well defined even when two laptops'
clocks disagree.  ``observe()`` folds in stamps received from other devices (Kulkarni et al.).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

MAX_COUNTER = 99_999
MAX_MS = 9_999_999_999_999  # 13 digits: the year 2286
# A clock never follows a stamp further ahead of its own wall clock than this: a peer's wrong
# clock (or a forged stamp) must not drag this device's stamps into the future for good.
# Bundles carrying such stamps are refused (``app.sync.clocks``).
MAX_AHEAD_MS = 24 * 60 * 60 * 1000


def format_stamp(ms: int, counter: int, device: str) -> str:
    """The fixed-width text of a stamp; a value that does not fit is an error, never wider."""
    if not (0 <= ms <= MAX_MS and 0 <= counter <= MAX_COUNTER):
        raise ValueError("stamp out of range")
    return f"{ms:013d}.{counter:05d}.{device}"


def setup_stamp(device: str) -> str:
    """The stamp of a value an installation writes at set-up, before anyone typed anything in
    it as an edit: at time zero, so that every real edit is newer.  Two set-up writes of one
    row on two devices (the home institution, the same id on every laptop of a gmina) are
    defaults, not concurrent edits: the merge never makes a conflict of them."""
    return format_stamp(0, 0, device)


def is_setup_stamp(stamp: str) -> bool:
    return stamp.startswith("0000000000000.00000.")


def parse_stamp(stamp: str) -> tuple[int, int, str]:
    ms, counter, device = stamp.split(".", 2)
    return int(ms), int(counter), device


class HybridClock:
    def __init__(
        self, device_id: str, last: str = "", now_ms: Callable[[], int] | None = None
    ) -> None:
        self.device_id = device_id
        self._now_ms = now_ms or (lambda: int(time.time() * 1000))
        self._ms, self._counter = (0, 0)
        if last:
            # Never clamped: edits must stay newer than everything this database holds, even
            # when the wall clock is behind it (``app.sync.clocks.clock_behind`` warns).
            self._ms, self._counter, _ = parse_stamp(last)
        self._lock = threading.Lock()

    def _limit(self) -> int:
        return min(self._now_ms() + MAX_AHEAD_MS, MAX_MS)

    def tick(self) -> str:
        """A new stamp, strictly greater than every stamp issued or observed so far."""
        with self._lock:
            now = self._now_ms()
            if now > self._ms:
                self._ms, self._counter = now, 0
            else:
                self._counter += 1
                if self._counter > MAX_COUNTER:  # keep the fixed width: borrow from the ms part
                    self._ms, self._counter = self._ms + 1, 0
            return format_stamp(self._ms, self._counter, self.device_id)

    def observe(self, stamp: str) -> None:
        """Advance past a stamp received from another device."""
        if not stamp:
            return
        ms, counter, _ = parse_stamp(stamp)
        if ms > self._limit():
            return  # refused on import; never followed
        with self._lock:
            if (ms, counter) > (self._ms, self._counter):
                self._ms, self._counter = ms, counter

    def last(self) -> str:
        return format_stamp(self._ms, self._counter, self.device_id)
