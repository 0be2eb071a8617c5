"""Who may sign a consent to share a family's data: not a person known to be a minor on the day
of signing.  An unknown age does not bar her (the birth date is not required).

One place for the consent form and its service (``app.services.consents``) and for the records
that arrive without them, from ``load``, a handover file or a bundle
(``app.services.record_rules``).  No database and no other service is imported here.
"""

from __future__ import annotations

from datetime import date

from app.errors import ValidationError
from app.i18n import _

ADULT = 18  # the age of majority


def age_on(birth_date: date | None, day: date) -> int | None:
    """Full years on ``day`` of a person born on ``birth_date`` (``None``: not known)."""
    if birth_date is None:
        return None
    b = birth_date
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def may_sign_at(birth_date: date | None, on: date) -> bool:
    age = age_on(birth_date, on)
    return age is None or age >= ADULT


def check_signer(birth_date: date | None, on: date, field: str = "person_id") -> None:
    if not may_sign_at(birth_date, on):
        raise ValidationError(
            _("A consent is signed by an adult; this person was {age} on that day.").format(
                age=age_on(birth_date, on)
            ),
            field,
        )
