"""The head of the family file: who, which case, its status, gmina and lead worker.

The window's title names the head of the family and the case number; the header line above the
tabs adds the status (a handed-over family's trace says so), the gmina and the lead worker.
"""

from __future__ import annotations

from app.i18n import _
from app.models.enums import FamilyStatus
from app.services.casefile import FamilyFile


def texts(ff: FamilyFile) -> tuple[str, str]:
    """(window title, header rich text) of a case."""
    fam = ff.family
    status = FamilyStatus(fam.status).label if fam.status in set(FamilyStatus) else fam.status
    if ff.is_handover_trace:  # the old OPS's closed, read-only trace of a handed-over family
        status = _("closed – handed over to another gmina")
    head = fam.head_name or _("(no members yet)")
    gmina = ff.gmina.name if ff.gmina else fam.gmina_code
    title = _("{name} – case {case}").format(name=head, case=fam.case_number)
    header = f"<b style='font-size:13pt'>{_escape(head)}</b>&nbsp;&nbsp; " + _escape(
        _("case {case} · status: {status} · gmina {gmina} · lead worker: {worker}").format(
            case=fam.case_number, status=status, gmina=gmina, worker=fam.lead_worker
        )
    )
    return title, header


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
