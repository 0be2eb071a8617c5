"""The goals of a support plan (IPW) with their Goal Attainment Scale baseline and target."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.i18n import N_, _
from app.models.enums import GAS_LEVELS
from app.models.plan import Goal
from app.services.lookups import Lookups
from app.ui.family.domain_ratings_widget import signed
from app.ui.kit.record_table_model import Column, RecordTableModel


def gas_text(level: int | None) -> str:
    if level is None:
        return ""
    return f"{signed(level)} {_(GAS_LEVELS.get(level, ''))}".strip()


class GoalsTableModel(RecordTableModel[Goal]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lookups = Lookups()
        self.COLUMNS = (
            Column(
                N_("No."),
                lambda g: str(self._rows.index(g) + 1),
                sort=lambda g: g.position,
                right=True,
            ),
            Column(N_("Goal"), lambda g: g.title),
            Column(N_("Life domain"), lambda g: self.lookups.domain_label(g.domain_code)),
            Column(N_("Baseline"), lambda g: gas_text(g.baseline), sort=lambda g: g.baseline),
            Column(N_("Expected outcome (0)"), lambda g: g.level_0),
            Column(N_("Weight"), lambda g: str(g.weight), sort=lambda g: g.weight, right=True),
        )

    def set_goals(self, goals: list[Goal], lookups: Lookups) -> None:
        self.lookups = lookups
        self.set_rows(goals)
