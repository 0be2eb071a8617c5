"""The pilot's evaluation as a file for the ROPS (CSV or PDF): one use case for the CLI
(``kooperacja evaluation``) and the "Ewaluacja" tab, audited as an export."""

from __future__ import annotations

from pathlib import Path

from app.config import atomic_write_bytes
from app.errors import FileProblem, UsageError
from app.i18n import _
from app.printing.stats import statistics_pdf
from app.services import audit, evaluation
from app.services.stats import to_csv
from app.services.workspace import Workspace

FORMATS = ("csv", "pdf")


def evaluation_file(ws: Workspace, fmt: str) -> bytes:
    """The evaluation counted now, as CSV (UTF-8 with BOM, for a spreadsheet) or PDF."""
    if fmt not in FORMATS:
        raise UsageError(_("Choose CSV or PDF."))
    data = evaluation.collect(ws)
    audit.log_event(ws, "export", entity="evaluation", detail=fmt)
    if fmt == "csv":
        return ("\ufeff" + to_csv(data)).encode("utf-8")
    return statistics_pdf(
        data,
        ws.identity.name,
        title=_("Evaluation of the pilot"),
        heading_text=_("Evaluation of the Model Kooperacji pilot"),
    )


def write_evaluation(ws: Workspace, fmt: str, path: Path) -> Path:
    """Write the evaluation to ``path`` atomically (readable by its user only)."""
    payload = evaluation_file(ws, fmt)
    try:
        atomic_write_bytes(path, payload)
    except OSError as exc:
        raise FileProblem(_("The file cannot be written.")) from exc
    return path
