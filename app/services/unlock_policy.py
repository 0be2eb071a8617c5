"""The growing wait after wrong passphrases: one rule for the unlock window and the CLI.

Three tries are free (typos happen with gloves on in winter); from the third wrong passphrase on
the user waits 2, 4, 8 … seconds, at most five minutes.  The count survives a restart of the
program (kept in the settings file, which holds no personal data), so restarting does not reset
the wait; a correct passphrase resets it.  The unlock window counts down on the throttle;
the command line opens databases through ``open_throttled``, which refuses to try while the
wait lasts (a script cannot guess faster than a person at the window).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import Settings
from app.errors import WrongPassphrase
from app.i18n import _

if TYPE_CHECKING:
    # The unlock window holds a throttle before anything else is loaded: the ORM and the
    # store (``setup``) are imported when a passphrase is tried, on the DB worker.
    from app.services.workspace import Workspace

FREE_ATTEMPTS = 2
MAX_DELAY_SECONDS = 300
_FAILURES_KEY = "unlock_failures"
_UNTIL_KEY = "unlock_blocked_until"


def delay_after(failures: int) -> int:
    """Seconds to wait after ``failures`` wrong passphrases in a row."""
    if failures <= FREE_ATTEMPTS:
        return 0
    return min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS)


class UnlockThrottle:
    def __init__(
        self,
        settings: Settings | None = None,
        clock: Callable[[], float] = time.time,
        persist: bool = True,
    ) -> None:
        self._settings = settings if settings is not None else Settings.load()
        self._clock = clock
        self._persist = persist

    @property
    def failures(self) -> int:
        return int(self._settings.extra.get(_FAILURES_KEY, 0) or 0)

    def wait_seconds(self) -> int:
        """Seconds left before the next try is allowed (0: try now)."""
        until = float(self._settings.extra.get(_UNTIL_KEY, 0) or 0)
        left = until - self._clock()
        # A clock set back must not block for longer than the longest delay.
        return max(0, min(int(left + 0.999), MAX_DELAY_SECONDS))

    def record_failure(self) -> int:
        failures = self.failures + 1
        delay = delay_after(failures)
        self._settings.extra[_FAILURES_KEY] = failures
        self._settings.extra[_UNTIL_KEY] = self._clock() + delay
        self._save()
        return delay

    def record_success(self) -> None:
        if self.failures or _UNTIL_KEY in self._settings.extra:
            self._settings.extra.pop(_FAILURES_KEY, None)
            self._settings.extra.pop(_UNTIL_KEY, None)
            self._save()

    def _save(self) -> None:
        if self._persist:
            # Reload first so other preferences changed meanwhile are kept.
            fresh = Settings.load()
            fresh.extra[_FAILURES_KEY] = self._settings.extra.get(_FAILURES_KEY, 0)
            fresh.extra[_UNTIL_KEY] = self._settings.extra.get(_UNTIL_KEY, 0)
            if _FAILURES_KEY not in self._settings.extra:
                fresh.extra.pop(_FAILURES_KEY, None)
                fresh.extra.pop(_UNTIL_KEY, None)
            fresh.save()


class UnlockWait(WrongPassphrase):
    """A try refused without looking at the passphrase: the wait after wrong ones lasts."""

    def __init__(self, seconds: int) -> None:
        super().__init__(
            _("Too many wrong passphrases: wait {n} s before the next try.").format(n=seconds)
        )
        self.seconds = seconds


def open_throttled(
    path: Path | str, passphrase: str | bytes | bytearray, throttle: UnlockThrottle | None = None
) -> Workspace:
    """``setup.open_workspace`` under the growing wait: refused while it lasts, counted after."""
    from app.services import setup

    throttle = throttle or UnlockThrottle()
    left = throttle.wait_seconds()
    if left > 0:
        raise UnlockWait(left)
    try:
        ws = setup.open_workspace(path, passphrase)
    except WrongPassphrase:
        delay = throttle.record_failure()
        if delay:
            raise WrongPassphrase(
                _("Wrong passphrase. The database was not changed.")
                + " "
                + _("For safety, wait {n} s before the next try.").format(n=delay)
            ) from None
        raise
    throttle.record_success()
    return ws
