"""The handover protocol of an archived case (spis zdawczo-odbiorczy), for two signatures."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from app.i18n import _
from app.models import SYNCED_MODELS
from app.printing.access import TABLE_LABELS
from app.printing.layout import (
    PageHeader,
    data_table,
    field_table,
    fmt_date,
    heading,
    para,
    title_block,
)
from app.printing.page_frame import build_pdf
from app.services.rodo.archive import ArchivePackage

_CASE_ORDER = {m.__tablename__: i for i, m in enumerate(SYNCED_MODELS)}


def _case_order(item: tuple[str, int]) -> tuple[int, str]:
    """The case's own order (the file, its reasons, the members, consents… visits), not the
    alphabet of table names ("Działania programu" came before "Akta sprawy")."""
    return (_CASE_ORDER.get(item[0], len(_CASE_ORDER)), item[0])


def table_label(tbl: str) -> str:
    if tbl in TABLE_LABELS:
        return _(TABLE_LABELS[tbl])
    return {
        "family": _("Case file"),
        "person": _("Family members"),
        "consent": _("Consents"),
        "consent_recipient": _("Consent recipients"),
    }.get(tbl, tbl)


def handover_protocol_pdf(
    package: ArchivePackage, institution_name: str, institution_address: str = ""
) -> bytes:
    header = PageHeader(
        institution_name=institution_name,
        institution_address=institution_address,
        reference=package.case_number,
        title=_("Handover protocol of a case to the archive"),
        printed_on=package.handed_on,
    )
    story: list[Flowable] = [
        *title_block(
            _("Handover protocol of a case to the archive"),
            _("Case {number}").format(number=package.case_number),
        ),
        field_table(
            [
                (_("Case number"), package.case_number),
                (_("Opened on"), fmt_date(package.opened_on)),
                (_("Closed on"), fmt_date(package.closed_on)),
                (_("Archival category (JRWA)"), package.retention_class),
                (
                    _("Kept until"),
                    fmt_date(package.retention_until)
                    if package.retention_until
                    else _("for ever (category A: state archive)"),
                ),
                (_("Package file"), package.file_name),
                (_("SHA-256 of the package"), package.sha256),
                (_("Handed over by"), package.handed_by),
                (_("Handed over on"), fmt_date(package.handed_on)),
            ]
        ),
        heading(_("What the package holds")),
        data_table(
            [_("Records"), _("Count")],
            [(table_label(t), n) for t, n in sorted(package.counts.items(), key=_case_order)],
            [4, 1],
        ),
        heading(_("Documents")),
        data_table(
            [_("Title"), _("File"), _("Size (bytes)")],
            package.attachments,
            [3, 2, 1],
            empty_text=_("No documents."),
        ),
        para(
            _(
                "The package is encrypted with the archive's passphrase. After it was written "
                "and read back, the case was removed from the application (and from every "
                "device that held it, through sync)."
            ),
            "note",
        ),
        Spacer(1, 30),
        field_table(
            [
                (_("Handing over (signature)"), "……………………………………"),
                (_("Receiving for the archive (signature)"), "……………………………………"),
            ],
            0.45,
            ruled=False,
        ),
    ]
    return build_pdf(header, story)
