"""Cooperation agreements (porozumienia) of the team and the institutions that are parties."""

from __future__ import annotations

from app.i18n import N_
from app.models import Agreement
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


def validity(a: Agreement) -> str:
    if a.valid_from and a.valid_until:
        return f"{fmt_date(a.valid_from)} – {fmt_date(a.valid_until)}"
    return fmt_date(a.valid_from) or fmt_date(a.valid_until)


class AgreementsTableModel(RecordTableModel[Agreement]):
    COLUMNS = (
        Column(N_("Number"), lambda a: a.number),
        Column(N_("Title"), lambda a: a.title),
        Column(N_("Signed on"), lambda a: fmt_date(a.signed_on), sort=lambda a: iso(a.signed_on)),
        Column(N_("Valid"), validity, sort=lambda a: iso(a.valid_from)),
        Column(
            N_("Parties"),
            lambda a: ", ".join(p.institution.display_name for p in a.parties if p.institution),
        ),
    )
