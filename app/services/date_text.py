"""How a date and a moment are written for the worker, once for every front end.

A day reads ``dd.mm.rrrr`` (04.03.2026), as Polish forms write it; a moment reads
``dd.mm.rrrr gg:mm`` in this computer's local time.  Stored moments are UTC: shown as stored
they were an hour or two early in Poland.  A moment without a zone is taken as already local
(what ``datetime.now()`` gives).  Screens, printed documents, sync and CLI messages all call
these; Qt-free, so printing and sync may.  ``empty`` is what stands for no date (screens leave
the cell blank, documents print a dash).
"""

from __future__ import annotations

from datetime import date, datetime

DAY = "%d.%m.%Y"
MOMENT = "%d.%m.%Y %H:%M"


def fmt_date(day: date | None, empty: str = "") -> str:
    """A day (or a moment's day, as its own zone has it) the Polish way: 04.03.2026."""
    return day.strftime(DAY) if day else empty


def fmt_moment(moment: datetime | None, empty: str = "") -> str:
    """A stored moment as this computer's local time: 04.03.2026 14:05."""
    if moment is None:
        return empty
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return local.strftime(MOMENT)
