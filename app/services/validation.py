"""Validation of identifiers and common fields with python-stdnum (PESEL, NIP, REGON).

Every check raises ``ValidationError`` naming the field, with a message that says what is wrong
and how to fix it, never echoing the value itself (messages may end up in logs).
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import pesel as stdnum_pesel
from stdnum.pl import regon as stdnum_regon

from app.errors import ValidationError
from app.i18n import _, ngettext
from app.services.date_text import fmt_date

POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def pesel_facts(value: str) -> tuple[date, str]:
    """Validate a PESEL and return (birth date, sex "F"/"M") encoded in it."""
    compact = stdnum_pesel.compact(value or "")
    if not compact.isdigit() or len(compact) != 11:
        raise ValidationError(_("A PESEL has exactly 11 digits."), "pesel")
    try:
        stdnum_pesel.validate(compact)
    except StdnumError as exc:
        raise ValidationError(
            _("This PESEL is not valid (check digit or date). Check it against a document."),
            "pesel",
        ) from exc
    return stdnum_pesel.get_birth_date(compact), stdnum_pesel.get_gender(compact)


def check_pesel(value: str, birth_date: date | None = None, sex: str | None = None) -> str:
    """A valid PESEL consistent with the birth date and sex given; returns it compacted."""
    born, gender = pesel_facts(value)
    if birth_date is not None and birth_date != born:
        raise ValidationError(
            _("The birth date does not match the PESEL (the PESEL says {date}).").format(
                date=fmt_date(born)
            ),
            "birth_date",
        )
    if sex and sex != gender:
        raise ValidationError(_("The sex does not match the PESEL."), "sex")
    return stdnum_pesel.compact(value)


def check_nip(value: str) -> str:
    if not value:
        return ""
    compact = stdnum_nip.compact(value)
    if not stdnum_nip.is_valid(compact):
        raise ValidationError(_("This NIP is not valid (10 digits with a check digit)."), "nip")
    return compact


def check_regon(value: str) -> str:
    if not value:
        return ""
    compact = stdnum_regon.compact(value)
    if not stdnum_regon.is_valid(compact):
        raise ValidationError(
            _("This REGON is not valid (9 or 14 digits with a check digit)."), "regon"
        )
    return compact


def check_postal_code(value: str, field: str = "postal_code") -> str:
    value = (value or "").strip()
    if value and not POSTAL_CODE.match(value):
        raise ValidationError(_("A postal code looks like 17-100."), field)
    return value


def check_email(value: str, field: str = "email") -> str:
    value = (value or "").strip()
    if value and not EMAIL.match(value):
        raise ValidationError(_("This e-mail address is not valid."), field)
    return value


def too_long(label: str, max_len: int) -> str:
    return ngettext(
        "{field} is too long (at most {n} character).",
        "{field} is too long (at most {n} characters).",
        max_len,
    ).format(field=label, n=max_len)


def require_text(value: str | None, field: str, label: str, max_len: int = 300) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ValidationError(_("{field} is required.").format(field=label), field)
    if len(text) > max_len:
        raise ValidationError(
            too_long(label, max_len),
            field,
        )
    return text


def check_length(value: str | None, field: str, label: str, max_len: int) -> str:
    text = (value or "").strip()
    if len(text) > max_len:
        raise ValidationError(
            too_long(label, max_len),
            field,
        )
    return text


def check_period(start: date | None, end: date | None, field: str = "period_to") -> None:
    if start and end and end < start:
        raise ValidationError(_("The end date is earlier than the start date."), field)


def check_choice(value: str, allowed: set[str] | type[Enum], field: str, label: str) -> str:
    options = {m.value for m in allowed} if isinstance(allowed, type) else set(allowed)
    if value not in options:
        raise ValidationError(
            _("{field}: choose one of the listed values.").format(field=label), field
        )
    return value


def check_rating(value: int | None, low: int, high: int, field: str) -> int | None:
    if value is None:
        return None
    if not (low <= int(value) <= high):
        raise ValidationError(
            _("The rating must be between {low} and {high}.").format(low=low, high=high), field
        )
    return int(value)
