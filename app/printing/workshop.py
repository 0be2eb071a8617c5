"""Lista obecności: the attendance list of a diagnostic workshop with the family, signed by
everyone present, with what the workshop agreed."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.i18n import _
from app.models import DiagnosticWorkshop
from app.models.enums import ParticipantKind, Relation
from app.printing.casedata import CaseData, label_of
from app.printing.layout import (
    EMPTY,
    data_table,
    field_table,
    fmt_date,
    heading,
    para,
    section,
    title_block,
)
from app.printing.signatures import signature_section
from app.services import subject_words as wording
from app.services.document_titles import TITLES

TITLE = TITLES["workshop"]
BLANK_ROWS = 3  # for someone who comes without being listed


def _row(n: int, p) -> list[object]:
    if p.kind == ParticipantKind.FAMILY and p.person is not None:
        who = p.person.full_name
        where = label_of(Relation, p.person.relation, p.person.sex)
    elif p.kind == ParticipantKind.INSTITUTION and p.institution is not None:
        who = p.name or ""
        where = p.institution.name
    else:
        who, where = p.name, _("other person")
    return [f"{n}.", who or "", where, p.role or "", Spacer(1, 9 * mm)]


def build(data: CaseData, workshop: DiagnosticWorkshop) -> list[Flowable]:
    kind = data.family.subject_kind
    story: list[Flowable] = title_block(_(TITLE), wording.workshop_subtitle(kind))
    story.append(
        field_table(
            [
                (_("Date"), fmt_date(workshop.held_on)),
                (_("Place"), workshop.place or EMPTY),
                (_("Moderator"), workshop.moderator or EMPTY),
            ]
        )
    )
    story.append(heading(_("Persons present")))
    rows = [_row(n, p) for n, p in enumerate(workshop.participants, 1)]
    start = len(rows) + 1
    rows += [[f"{start + i}.", "", "", "", Spacer(1, 9 * mm)] for i in range(BLANK_ROWS)]
    story.append(
        data_table(
            [
                _("No."),
                _("First name and surname"),
                _("Institution or relation"),
                _("Role"),
                _("Signature"),
            ],
            rows,
            [0.7, 3.6, 4.0, 2.2, 3.8],
        )
    )
    story.append(
        para(_("By signing, those present confirm they took part in the workshop."), "note")
    )
    story += section(_("What was agreed"), workshop.agreed)
    story += signature_section([data.worker_signatory(workshop.moderator or None)])
    return story
