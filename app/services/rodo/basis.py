"""The consent rule once (issue 14 §1): which families' consent in force names an institution,
and why a family has no such consent (none names it, it was withdrawn, it has expired).

Every gate asks here: a bundle to the coordinator (``sharing``), an institution's task list
(``meetings.task_list``, ``gating``) and the team's agenda and minutes (``team_gate``).  The
state of one consent on a day is ``Consent.state_on``: withdrawn from its withdrawal day,
expired after its last valid day; a consent counts from the day it was signed.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.models import Consent, ConsentRecipient

REASONS: dict[str, str] = {
    "no_consent": N_("no consent names the recipient"),
    "withdrawn": N_("the consent was withdrawn"),
    "expired": N_("the consent has expired"),
}


def reasons_text(counts: dict[str, int]) -> str:
    """Withheld counts by reason, as a worker reads them: "the consent has expired: 2; …"."""
    return "; ".join(f"{_(REASONS.get(r, r))}: {n}" for r, n in sorted(counts.items()))


def _ids(institutions: str | Collection[str]) -> list[str]:
    return [institutions] if isinstance(institutions, str) else list(institutions)


def consenting_families(s: Session, institutions: str | Collection[str], on: date) -> set[str]:
    """Families whose consent in force on ``on`` names the institution (or one of them)."""
    ids = _ids(institutions)
    if not ids:
        return set()
    # in force on ``on`` (``Consent.state_on``), tested in SQL: one row per family, not one per
    # consent and recipient (a gmina's 500 families have thousands of those)
    return set(
        s.scalars(
            select(Consent.family_id)
            .distinct()
            .join(ConsentRecipient, ConsentRecipient.consent_id == Consent.id)
            .where(
                Consent.deleted.is_(False),
                ConsentRecipient.deleted.is_(False),
                ConsentRecipient.institution_id.in_(ids),
                Consent.signed_on <= on,
                or_(Consent.withdrawn_on.is_(None), Consent.withdrawn_on > on),
                or_(Consent.valid_until.is_(None), Consent.valid_until >= on),
            )
        )
    )


def reason_for(s: Session, family_id: str, institutions: str | Collection[str], on: date) -> str:
    """Why the family has no consent in force naming the institution(s): a ``REASONS`` code."""
    rows = s.execute(
        select(Consent.valid_until, Consent.withdrawn_on)
        .join(ConsentRecipient, ConsentRecipient.consent_id == Consent.id)
        .where(
            Consent.family_id == family_id,
            Consent.deleted.is_(False),
            ConsentRecipient.deleted.is_(False),
            ConsentRecipient.institution_id.in_(_ids(institutions)),
        )
    ).all()
    if any(w is not None and w <= on for _u, w in rows):
        return "withdrawn"
    if any(u is not None and u < on for u, _w in rows):
        return "expired"
    return "no_consent"
