"""The actions of a support plan: who does what, for which goal, when, and how it goes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject

from app.i18n import N_, _
from app.models.enums import ActionStatus
from app.models.plan import Action
from app.services.lookups import Lookups
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.record_table_model import Column, RecordTableModel, iso


def status_label(code: str) -> str:
    try:
        return ActionStatus(code).label
    except ValueError:
        return code


def period_text(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{fmt_date(start)} – {fmt_date(end)}"
    if start:
        return f"{fmt_date(start)} –"
    return f"– {fmt_date(end)}" if end else ""


def action_title(a: Action) -> str:
    """What the action is: its description, else its service (synchronised or demo records
    may carry only the service)."""
    return a.description or (a.service.name if a.service else "") or _("(no description)")


def who_text(a: Action) -> str:
    parts = [a.institution.display_name] if a.institution else []
    if a.responsible_person:
        parts.append(a.responsible_person)
    return ", ".join(parts)


class ActionsTableModel(RecordTableModel[Action]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lookups = Lookups()
        self.COLUMNS = (
            Column(N_("Action"), action_title),
            Column(N_("Goal"), lambda a: a.goal.title if a.goal else ""),
            Column(N_("Who"), who_text),
            Column(N_("Sector"), lambda a: self.lookups.sector_label(a.sector_code)),
            Column(N_("Service (koszyk usług)"), lambda a: a.service.name if a.service else ""),
            Column(
                N_("When"),
                lambda a: period_text(a.start_on, a.end_on),
                sort=lambda a: iso(a.start_on),
            ),
            Column(N_("How often"), lambda a: a.frequency),
            Column(N_("Status"), lambda a: status_label(a.status)),
        )

    def set_actions(self, actions: list[Action], lookups: Lookups) -> None:
        self.lookups = lookups
        self.set_rows(actions)
