"""The processing register entry (art. 30 RODO) as a PDF, from ``app.services.rodo.register``."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.i18n import _
from app.printing.layout import PageHeader, field_table, fmt_date, heading, para, title_block
from app.printing.page_frame import build_pdf
from app.services.rodo.register import RegisterEntry


def _list(items: list[str]) -> list[Flowable]:
    return [para(f"• {item}") for item in items]


def register_pdf(entry: RegisterEntry) -> bytes:
    header = PageHeader(
        institution_name=entry.controller,
        institution_address=entry.controller_address,
        reference="art. 30",
        title=_("Record of processing activities (art. 30 RODO)"),
        printed_on=entry.generated_on,
        reference_label=_("RODO"),
    )
    story: list[Flowable] = [
        *title_block(
            _("Record of processing activities (art. 30 RODO)"),
            _("Kooperacja application, as of {day}").format(day=fmt_date(entry.generated_on)),
        ),
        field_table(
            [
                (
                    _("Controller"),
                    ", ".join(p for p in (entry.controller, entry.controller_address) if p),
                ),
                (_("Data protection officer (IOD)"), entry.iod_contact),
            ]
        ),
    ]
    for title, items in (
        (_("Purposes of processing"), entry.purposes),
        (_("Categories of data subjects"), entry.subjects),
        (_("Categories of personal data"), entry.categories),
        (_("Recipients"), entry.recipients),
        (_("Retention"), entry.retention),
        (_("Technical and organisational security measures (art. 32)"), entry.security),
    ):
        story += [heading(title), *_list(items)]
    return build_pdf(header, story)
