"""How far from today a date of the casework may plausibly lie, so a slip of the keyboard (the
year 3103, 1926 for 2026) is refused with a message instead of being saved.

The rule lives here once and every way in calls it: the services for the forms and the CLI,
``app.services.record_rules`` (its ``WORK_DATES``) for ``load``, a handover file and a sync
bundle, which do not pass through the services.  Dates of the work with a family (visits,
programmes, actions, commitments, reviews, consents) lie between 1 January 1990 and ten years
from today; a birth date between 1 January 1900 and today.
"""

from __future__ import annotations

from datetime import date

from app.errors import ValidationError
from app.i18n import _
from app.services.date_text import fmt_date

EARLIEST_WORK = date(1990, 1, 1)
EARLIEST_BIRTH = date(1900, 1, 1)
YEARS_AHEAD = 10


def latest_work_date(today: date | None = None) -> date:
    today = today or date.today()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def check_work_date(value: date | None, field: str, today: date | None = None) -> None:
    """A date of the casework: refuses one before 1990 or more than ten years ahead."""
    if value is None:
        return
    latest = latest_work_date(today)
    if not EARLIEST_WORK <= value <= latest:
        raise ValidationError(
            _("{date} is not a plausible date here: give one from {earliest} to {latest}.").format(
                date=fmt_date(value), earliest=fmt_date(EARLIEST_WORK), latest=fmt_date(latest)
            ),
            field,
        )


def check_birth_date(value: date | None, field: str = "birth_date") -> None:
    if value is None:
        return
    if value > date.today():
        raise ValidationError(_("The birth date is in the future."), field)
    if value < EARLIEST_BIRTH:
        raise ValidationError(
            _("{date} is not a plausible birth date (before {earliest}).").format(
                date=fmt_date(value), earliest=fmt_date(EARLIEST_BIRTH)
            ),
            field,
        )
