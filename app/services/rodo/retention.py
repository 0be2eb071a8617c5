"""Retention (issue 14 §2): from a closed case's JRWA class and closing date to its dates.

The OPS's own JRWA gives each case a category: ``A`` (kept for ever, handed over to the state
archive), ``B<n>`` / ``BE<n>`` (kept ``n`` years, then destroyed with the state archive's
consent; BE: examined first) or ``Bc`` (destroyed once no longer needed).  Both periods count
from 1 January of the year after the case closed.  A closed case leaves active use, and is due
for the "do archiwizacji" list, ``active years`` after that (the OPS's setting, 2 by default:
the office keeps closed files two years before handing them to its archiwum zakładowe).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.models import Family, Setting
from app.services.workspace import Workspace

ACTIVE_YEARS_SETTING = "rodo.active_years"
DEFAULT_ACTIVE_YEARS = 2
_CLASS_RE = re.compile(r"^(A|Bc|B(\d{1,2})|BE(\d{1,2}))$")


def retention_years(category: str) -> int | None:
    """Years the category keeps a file (None: for ever); refuses what is not a JRWA category."""
    m = _CLASS_RE.match(category or "")
    if not m:
        raise ValidationError(
            _("{value} is not a JRWA archival category (A, B10, BE5, Bc …).").format(
                value=category
            ),
            "retention_class",
        )
    if m.group(1) == "A":
        return None
    if m.group(1) == "Bc":
        return 0
    return int(m.group(2) or m.group(3))


def retention_ends(closed_on: date, category: str) -> date | None:
    years = retention_years(category)
    return None if years is None else date(closed_on.year + 1 + years, 1, 1)


def active_years(s: Session) -> int:
    row = s.get(Setting, ACTIVE_YEARS_SETTING)
    try:
        value = int(row.value) if row else DEFAULT_ACTIVE_YEARS
    except ValueError:
        value = DEFAULT_ACTIVE_YEARS
    return min(25, max(0, value))


def leaves_active_use(closed_on: date, years: int) -> date:
    return date(closed_on.year + 1 + years, 1, 1)


@dataclass(frozen=True)
class DueCase:
    family_id: str
    case_number: str
    closed_on: date
    retention_class: str
    leaves_on: date
    retention_until: date | None  # None: category A, for ever (state archive)


def due_for_archive(ws: Workspace, on: date | None = None) -> list[DueCase]:
    """Closed cases past their active use on ``on`` (the "do archiwizacji" list)."""
    on = on or date.today()
    with ws.transaction() as s:
        years = active_years(s)
        out: list[DueCase] = []
        q = select(Family).where(Family.deleted.is_(False), Family.closed_on.is_not(None))
        for f in s.scalars(q.order_by(Family.closed_on, Family.case_number)):
            assert f.closed_on is not None
            leaves = leaves_active_use(f.closed_on, years)
            if leaves > on:
                continue
            try:
                until = retention_ends(f.closed_on, f.retention_class)
            except ValidationError:
                until = None
            out.append(DueCase(f.id, f.case_number, f.closed_on, f.retention_class, leaves, until))
        return out
