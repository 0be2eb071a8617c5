"""The anonymised statistics for the ROPS as a PDF: the tables of ``app.services.stats``."""

from __future__ import annotations

from app.i18n import _
from app.printing.layout import PageHeader, data_table, fmt_date, heading, para, title_block
from app.printing.page_frame import build_pdf
from app.services.stats import Statistics, notes


def statistics_pdf(
    stats: Statistics,
    institution_name: str,
    title: str | None = None,
    heading_text: str | None = None,
) -> bytes:
    """``title``: the document type (default "Anonymised statistics"); ``heading_text``: the
    line over the tables (the evaluation of the pilot passes its own)."""
    header = PageHeader(
        institution_name=institution_name,
        institution_address=stats.unit_name,
        reference=stats.unit_code,
        title=title or _("Anonymised statistics"),
        printed_on=stats.generated_on,
        reference_label=_("Unit"),
    )
    story = [
        *title_block(
            heading_text or _("Anonymised statistics of the Model Kooperacji"),
            _("{unit} ({code}), as of {day}").format(
                unit=stats.unit_name, code=stats.unit_code, day=fmt_date(stats.generated_on)
            ),
        ),
        para(_("Counts only: no names, PESEL numbers, addresses or case numbers."), "note"),
    ]
    for table in stats.tables:
        widths = [3.0] + [1.0] * (len(table.columns) - 1)
        story += [
            heading(table.title),
            data_table(table.columns, table.rows, widths, empty_text=_("No data.")),
        ]
    story += [heading(_("Marks"))] + [para(line, "note") for line in notes(stats.min_cell)]
    return build_pdf(header, story)
