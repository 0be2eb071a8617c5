"""Program (IPW): the support plan's period, main goal and status, with its goals (GAS),
the partners' actions and the family's commitments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.i18n import N_, _
from app.models import SupportPlan
from app.models.enums import PlanStatus
from app.models.plan import Action, Commitment, Goal
from app.services import plans
from app.services.casefile import FamilyFile
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.family.action_dialog import ActionDialog
from app.ui.family.actions_table_model import ActionsTableModel
from app.ui.family.commitment_dialog import CommitmentDialog
from app.ui.family.commitments_table_model import CommitmentsTableModel
from app.ui.family.goal_dialog import GoalDialog
from app.ui.family.goals_table_model import GoalsTableModel
from app.ui.family.plan_view import PlanView
from app.ui.family.tab_base import NEW, FamilyHost, RecordFormTab, Then
from app.ui.kit.date_field import form_day
from app.ui.kit.draft_guard import DraftGuard
from app.ui.kit.form_kit import FormBinding, fit_columns, fmt_date
from app.ui.kit.list_panel import ListPanel, selected
from app.ui.kit.print_menu import print_button
from app.ui.kit.safe import guarded
from app.ui.kit.widgets import ask_to_remove


def plan_values(p: Any) -> dict[str, Any]:
    if p is None:
        new = plans.new_plan(date.today())
        return {
            "number": new.number,
            "period_from": new.period_from.isoformat(),
            "period_to": new.period_to.isoformat(),
            "status": new.status,
            "adopted_on": None,
            "review_every_days": new.review_every_days,
            "main_goal": new.main_goal,
            "notes": new.notes,
        }
    return {
        "number": p.number,
        "period_from": p.period_from.isoformat(),
        "period_to": p.period_to.isoformat(),
        "status": p.status,
        "adopted_on": p.adopted_on,
        "review_every_days": p.review_every_days,
        "main_goal": p.main_goal,
        "notes": p.notes,
    }


class PlanTab(RecordFormTab):
    title = N_("&Programme (IPW)")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(host)
        self.view = PlanView()
        self.binding = FormBinding(self)
        self.view.bind(self.binding)
        self.current = NEW
        self.guard = DraftGuard(self.ctx, self.binding, self._key(), _("Programme"), self)
        self._file: FamilyFile | None = None
        self._first = True
        self.goals = GoalsTableModel(self)
        self.action_rows = ActionsTableModel(self)
        self.commitments = CommitmentsTableModel(self)
        v = self.view
        for panel, model in (
            (v.goals, self.goals),
            (v.action_list, self.action_rows),
            (v.commitments, self.commitments),
        ):
            panel.table.setModel(model)
        self._connect(v.goals, self.edit_goal, plans.remove_goal, "goal")
        self._connect(v.action_list, self.edit_action, plans.remove_action, "action")
        self._connect(v.commitments, self.edit_commitment, plans.remove_commitment, "commitment")
        v.print_slot.addWidget(
            print_button(
                self, self.ctx, ["plan", "contract"], lambda: {"family_id": self.family_id}
            )
        )
        v.save_button.clicked.connect(lambda: self.save_form(None))
        v.new_button.clicked.connect(lambda: self.switch_to(NEW))
        v.chooser.activated.connect(lambda i: self.switch_to(v.chooser.itemData(i)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(v)

    def _connect(
        self,
        panel: ListPanel,
        edit: Callable[[Any], None],
        remove: Callable[..., object],
        kind: str,
    ) -> None:
        panel.add.clicked.connect(lambda: edit(None))
        panel.on_row(panel.edit, edit)
        panel.table.activated.connect(lambda _i: self._edit_selected(panel, edit))
        panel.on_row(panel.remove, lambda _r: self._remove(panel, remove, kind))

    def _key(self) -> FormKey:
        return FormKey("plan", self.family_id, record_id=self.current)

    def _title(self) -> str:
        what = _("New programme") if self.current == NEW else _("Programme (IPW)")
        return _("{form} – case {case}").format(form=what, case=self.host.case_label())

    @property
    def plan(self) -> SupportPlan | None:
        ff = self._file
        return next((p for p in ff.plans if p.id == self.current), None) if ff else None

    # -- showing ------------------------------------------------------------------------------
    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        self._file = ff
        if self._first or (self.current != NEW and self.plan is None):
            current = ff.current_plan
            self.current = current.id if current is not None else NEW
        if not self.guard.is_modified():
            self.guard.set_key(self._key(), self._title())
            self.guard.reset(plan_values(self.plan))
        self._fill_lists(lookups)
        if self._first:
            self._first = False
            self.guard.offer_restore(self)

    def _fill_lists(self, lookups: Lookups) -> None:
        plan = self.plan
        self.goals.set_goals(list(plan.goals) if plan else [], lookups)
        self.action_rows.set_actions(list(plan.actions) if plan else [], lookups)
        self.commitments.subject_kind = self._file.family.subject_kind if self._file else None
        self.commitments.set_rows(list(plan.commitments) if plan else [])
        for panel in (self.view.goals, self.view.action_list, self.view.commitments):
            fit_columns(panel.table)
        self.view.lists.setEnabled(plan is not None)
        self.view.unsaved_hint.setVisible(plan is None)
        chooser = self.view.chooser
        chooser.clear()
        for p in self._file.plans if self._file else []:
            number = p.number or _("no number")  # not in an f-string: the extractor misses it
            label = f"{number}: {fmt_date(p.period_from)} – "
            label += f"{fmt_date(p.period_to)} ({PlanStatus(p.status).label})"
            chooser.addItem(label, p.id)
        if self.current == NEW:
            chooser.addItem(_("new programme (not saved yet)"), NEW)
        chooser.setCurrentIndex(max(chooser.findData(self.current), 0))

    def _chooser_back(self) -> None:
        self._fill_lists(self.host.lookups)

    def _show_current(self) -> None:
        self.guard.set_key(self._key(), self._title())
        self.guard.reset(plan_values(self.plan))
        self._fill_lists(self.host.lookups)

    def _first_field(self) -> QWidget:
        return self.view.number

    # -- saving the plan ----------------------------------------------------------------------
    def plan_input(self) -> plans.PlanInput:
        v = self.binding.values()
        return plans.PlanInput(
            period_from=date.fromisoformat(v["period_from"]),
            period_to=date.fromisoformat(v["period_to"]),
            main_goal=v["main_goal"],
            number=v["number"],
            status=v["status"],
            adopted_on=form_day(v["adopted_on"]),
            review_every_days=int(v["review_every_days"]),
            notes=v["notes"],
        )

    def save_form(self, then: Then) -> None:
        def call() -> tuple:
            plan_id = None if self.current == NEW else self.current
            return plans.save_plan, (self.ctx.ws, self.family_id, self.plan_input(), plan_id)

        self.save_in_place(call, then, self.view.error, self.view.save_button)

    # -- goals, actions, commitments ----------------------------------------------------------
    def _edit_selected(self, panel: ListPanel, edit: Callable[[Any], None]) -> None:
        record = selected(panel.table)
        if record is not None:
            edit(record)

    def _after(self, result: object) -> None:
        if result is not None:
            self.host.reload()

    def edit_goal(self, goal: Goal | None) -> None:
        if self.plan is not None:
            self._after(
                GoalDialog.ask(
                    self,
                    self.ctx,
                    self.family_id,
                    self.plan.id,
                    self.host.case_label(),
                    self.host.lookups,
                    goal,
                )
            )

    def edit_action(self, action: Action | None) -> None:
        if self.plan is not None:
            self._after(
                ActionDialog.ask(
                    self,
                    self.ctx,
                    self.family_id,
                    self.plan,
                    self.host.case_label(),
                    self.host.lookups,
                    action,
                )
            )

    def edit_commitment(self, item: Commitment | None) -> None:
        if self.plan is not None and self._file is not None:
            self._after(
                CommitmentDialog.ask(
                    self,
                    self.ctx,
                    self.family_id,
                    self.plan.id,
                    self.host.case_label(),
                    self._file.persons,
                    item,
                    subject_kind=self._file.family.subject_kind,
                )
            )

    def _remove(self, panel: ListPanel, remove: Callable[..., object], kind: str) -> None:
        record = selected(panel.table)
        if record is None:
            return
        if ask_to_remove(self, _("Remove"), _("Remove the selected item from the programme?")):
            self.ctx.runner.run(
                remove,
                self.ctx.ws,
                record.id,
                success=guarded(self, lambda _v: self.host.reload()),
            )

    def open_draft(self, form_key: str) -> bool:
        key = FormKey.parse(form_key)
        if key is None:
            return False
        kind = key.kind
        if kind == "plan":
            if key.record_id != self.current:
                self.switch_to(key.record_id)
            return True
        if kind not in ("goal", "action", "commitment"):
            return False
        plan_id, record_id = key.parent_id, key.record_id
        if plan_id != self.current:
            self.switch_to(plan_id)
        if kind == "goal":
            self.edit_goal(self.goals.row_with_id(record_id))
        elif kind == "action":
            self.edit_action(self.action_rows.row_with_id(record_id))
        else:
            self.edit_commitment(self.commitments.row_with_id(record_id))
        return True
