"""Notatka z wizyty: the note of one home visit (or other contact) with the family."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.i18n import _
from app.models import Visit
from app.models.enums import VisitStatus
from app.printing.casedata import CaseData, label_of
from app.printing.layout import EMPTY, field_table, fmt_date, section, title_block
from app.printing.signatures import closing, signature_section
from app.services.document_titles import TITLES

TITLE = TITLES["visit"]


def build(data: CaseData, visit: Visit) -> list[Flowable]:
    story: list[Flowable] = title_block(
        _(TITLE), _("visit on {date}").format(date=fmt_date(visit.visit_on))
    )
    story.append(
        field_table(
            [
                (_("Date of the visit"), fmt_date(visit.visit_on)),
                (_("Status"), label_of(VisitStatus, visit.status)),
                (_("Place"), data.address),
                (_("Purpose of the visit"), visit.purpose or EMPTY),
                (_("Persons present"), visit.present or EMPTY),
                (_("Social worker"), visit.worker or data.worker or EMPTY),
                (_("Next visit"), fmt_date(visit.next_visit_on)),
            ]
        )
    )
    last = section(_("Course of the visit and arrangements"), visit.notes)
    lead = closing(last, visit.notes)
    story += last
    people = [data.worker_signatory(visit.worker or None)] + data.family_signatories()
    story += signature_section(people, lead=lead)
    return story
