"""Consents to share the family's data: who signed, with which institutions, whether in force."""

from __future__ import annotations

from datetime import date

from app.i18n import N_, _, pgettext
from app.models import Consent
from app.models.enums import ConsentState
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


def consent_state(c: Consent, today: date | None = None) -> str:
    """``Consent.state_on`` in words (a withdrawal with its date)."""
    state = c.state_on(today or date.today())
    if state is ConsentState.WITHDRAWN:
        return pgettext("consent state", "withdrawn on {date}").format(
            date=fmt_date(c.withdrawn_on)
        )
    return state.label


def recipients_text(c: Consent) -> str:
    return ", ".join(r.institution.display_name for r in c.recipients if r.institution)


class ConsentsTableModel(RecordTableModel[Consent]):
    COLUMNS = (
        Column(N_("Signed on"), lambda c: fmt_date(c.signed_on), sort=lambda c: iso(c.signed_on)),
        Column(N_("Signed by"), lambda c: c.person.full_name if c.person else ""),
        Column(N_("Data may be shared with"), recipients_text),
        Column(
            N_("Valid until"),
            lambda c: fmt_date(c.valid_until) or _("until withdrawn"),
            sort=lambda c: iso(c.valid_until),
        ),
        Column(N_("State"), consent_state),
    )
