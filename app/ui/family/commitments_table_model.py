"""What the family itself undertakes in the support plan, by whom and by when."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.i18n import N_
from app.models.enums import CommitmentStatus
from app.models.plan import Commitment
from app.services import subject_words
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


def _status(code: str) -> str:
    try:
        return CommitmentStatus(code).label
    except ValueError:
        return code


class CommitmentsTableModel(RecordTableModel[Commitment]):
    """``subject_kind`` is the case's: a commitment of no one member is "the whole family's",
    or the person's alone (``app.services.subject_words``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.subject_kind: str | None = None
        self.COLUMNS = (
            Column(N_("Commitment"), lambda c: c.description),
            Column(N_("Who"), self._who),
            Column(N_("By"), lambda c: fmt_date(c.due_on), sort=lambda c: iso(c.due_on)),
            Column(N_("Status"), lambda c: _status(c.status)),
        )

    def _who(self, c: Commitment) -> str:
        if c.person is not None:
            return c.person.full_name
        return subject_words.about(self.subject_kind, N_("the whole family"))
