"""Bounded clocks: a wrong clock on one device must not break or skew sync for everyone.

* **Ahead**: a bundle whose manifest clock, creation time or any record stamp lies more than a
  day after this computer's wall clock is refused, naming the device whose clock is wrong.  The
  hybrid clock never follows such a stamp (``app.models.hlc.MAX_AHEAD_MS``), so no device is
  dragged towards the 13-digit limit of the stamp format (year 2286) and stamps keep their
  fixed width.
* **Behind** (a dead BIOS battery): the hybrid clock keeps this device's stamps above everything
  it holds, but every other device's newer edits win against its concurrent ones.
  ``clock_behind`` tells the person at unlock (the CLI prints it; the GUI shows it), so the
  date gets fixed before edits quietly lose merges.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.i18n import _
from app.models.hlc import MAX_AHEAD_MS, parse_stamp
from app.services.date_text import fmt_moment
from app.services.workspace import Workspace
from app.sync.errors import refused
from app.sync.validate import Incoming

# A clock this far behind the newest stamp held is worth a warning (laptops drift by seconds).
BEHIND_WARNING_MS = 10 * 60 * 1000


def now_ms() -> int:
    return int(time.time() * 1000)


def _when(ms: int) -> str:
    return fmt_moment(datetime.fromtimestamp(ms / 1000, UTC))


def check_ahead(m: dict[str, Any], records: list[Incoming], now: int | None = None) -> None:
    """Refuse a bundle holding a time more than a day ahead of this computer's clock."""
    limit = (now_ms() if now is None else now) + MAX_AHEAD_MS
    sender = m["sender"]["device_id"]
    created = datetime.strptime(m["created_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    created_ms = int(created.timestamp() * 1000)
    if created_ms > limit:
        raise refused("clock_ahead", device=sender, when=_when(created_ms))
    if m["clock"]:
        ms, _counter, _device = parse_stamp(m["clock"])
        if ms > limit:
            raise refused("clock_ahead", device=sender, when=_when(ms))
    for item in records:
        # Every field stamp is known to the version vector, so its entries bound them all.
        for stamp in item.state.vv.values():
            ms, _counter, device = parse_stamp(stamp)
            if ms > limit:
                raise refused("clock_ahead", device=device, when=_when(ms))


@dataclass(frozen=True)
class ClockBehind:
    """This computer's clock is behind the newest change its database holds."""

    now_ms: int
    newest_ms: int

    @property
    def message(self) -> str:
        text = _(
            "This computer's clock shows {now}, but this database already holds changes made "
            "at {newest}. Set the correct date and time: while the clock is behind, changes "
            "made here lose against changes made on other devices."
        ).format(now=_when(self.now_ms), newest=_when(self.newest_ms))
        if self.newest_ms - self.now_ms > MAX_AHEAD_MS:
            text += " " + _(
                "If this computer's date is right, the database holds changes dated in the "
                "future (a clock set wrong before, or an old bundle): re-date them with "
                "kooperacja sync repair-clock."
            )
        return text


def clock_behind(ws: Workspace, now: int | None = None) -> ClockBehind | None:
    """A warning when the wall clock is well behind the newest stamp this device holds.

    Qt-free, called right after unlocking (CLI and GUI).  The workspace's hybrid clock starts
    at the newest stamp in the database, so no query is needed.
    """
    current = now_ms() if now is None else now
    newest, _counter, _device = parse_stamp(ws.clock.last())
    if newest - current <= BEHIND_WARNING_MS:
        return None
    return ClockBehind(current, newest)
