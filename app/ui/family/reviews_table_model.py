"""Past monitoring reviews of a plan: date, summary T-score, attendance, next review."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.i18n import N_, _
from app.models import Review
from app.services.reviews import gas_t_score
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


class ReviewsTableModel(RecordTableModel[Review]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.weights: dict[str, int] = {}
        self.COLUMNS = (
            Column(N_("Held on"), lambda r: fmt_date(r.held_on), sort=lambda r: iso(r.held_on)),
            Column(N_("T-score"), self._t_text, sort=lambda r: self._t(r) or 0, right=True),
            Column(N_("Goals scored"), lambda r: str(len(r.goal_scores)), right=True),
            Column(N_("Family took part"), lambda r: _("yes") if r.family_attended else _("no")),
            Column(
                N_("Next review"),
                lambda r: fmt_date(r.next_review_on),
                sort=lambda r: iso(r.next_review_on),
            ),
            Column(N_("Summary"), lambda r: " ".join(r.summary.split())),
        )

    def set_reviews(self, reviews: list[Review], weights: dict[str, int]) -> None:
        self.weights = weights
        self.set_rows(reviews)

    def _t(self, r: Review) -> float | None:
        pairs = [
            (s.level, self.weights.get(s.goal_id, 1))
            for s in r.goal_scores
            if s.goal_id in self.weights
        ]
        return gas_t_score(pairs)

    def _t_text(self, r: Review) -> str:
        t = self._t(r)
        return "" if t is None else f"{t:.0f}"
