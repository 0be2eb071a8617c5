"""Zamknięcie: closing one IPW with its outcome and the closing summary talk, and reopening a
closed case as a new IPW.  Both call ``app.services.closure``."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QSpinBox, QWidget

from app.i18n import _
from app.models import SupportPlan
from app.models.enums import PlanOutcome
from app.services import closure, subject_words
from app.services.date_text import fmt_date
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import (
    ChoiceCombo,
    DateEdit,
    OptionalDateEdit,
    buddy_label,
    hint_label,
    line_edit,
    text_edit,
)
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit


def plan_label(plan: SupportPlan) -> str:
    start, end = fmt_date(plan.period_from), fmt_date(plan.period_to)
    if plan.number:
        return _("{number} ({start}–{end})").format(number=plan.number, start=start, end=end)
    return _("IPW {start}–{end}").format(start=start, end=end)


class ClosePlanDialog(CaseRecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        case_number: str,
        subject_kind: str,
        plans: list[SupportPlan],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("closure", family_id, record_id="new"),
            case_number,
            (_("Closing the programme"), _("Closing the programme")),
            parent,
        )
        b = self.binding
        self.plan = b.add("plan_id", ChoiceCombo())
        self.plan.set_choices([(p.id, plan_label(p)) for p in closure.open_plans(plans)])
        self.closed_on = b.add("closed_on", DateEdit())
        self.outcome = b.add("outcome", ChoiceCombo())
        self.outcome.set_choices(PlanOutcome.choices())
        self.reason = b.add("reason", text_edit(3))
        self.reason.setPlaceholderText(_("why it ended so: what was achieved and what was not"))
        self.talk_on = b.add("talk_on", OptionalDateEdit())
        self.talk_present = b.add("talk_present", line_edit(500))
        self.talk_present.setPlaceholderText(subject_words.present_hint(subject_kind))
        self.talk_summary = b.add("talk_summary", text_edit(4))
        self.family_opinion = b.add("family_opinion", text_edit(3))
        self.recommendations = b.add("recommendations", text_edit(3))
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("&Programme:"), self.plan), self.plan)
        f.addRow(buddy_label(_("&Closed on:"), self.closed_on), self.closed_on)
        f.addRow(buddy_label(_("&Outcome:"), self.outcome), self.outcome)
        f.addRow(buddy_label(_("&Reason:"), self.reason), self.reason)
        f.addRow(hint_label(_("The closing summary talk (rozmowa podsumowująca):")))
        f.addRow(buddy_label(_("&Talk held on:"), self.talk_on), self.talk_on)
        f.addRow(buddy_label(_("Pr&esent:"), self.talk_present), self.talk_present)
        f.addRow(buddy_label(_("&Summary of the talk:"), self.talk_summary), self.talk_summary)
        f.addRow(
            buddy_label(subject_words.opinion_heading(subject_kind) + ":", self.family_opinion),
            self.family_opinion,
        )
        f.addRow(buddy_label(_("Reco&mmendations:"), self.recommendations), self.recommendations)
        f.addRow(
            hint_label(_("When no other programme is in force, the case closes on the same day."))
        )
        self.finish_setup(form)
        resize_to_fit(self, 720, 680)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = closure.ClosureInput(
            closed_on=date.fromisoformat(v["closed_on"]),
            outcome=v["outcome"],
            reason=v["reason"],
            talk_on=form_day(v["talk_on"]),
            talk_present=v["talk_present"],
            talk_summary=v["talk_summary"],
            family_opinion=v["family_opinion"],
            recommendations=v["recommendations"],
        )
        return closure.close_plan, (self.ctx.ws, v["plan_id"], data)


class ReopenDialog(CaseRecordDialog):
    """A closed case reopens as a new draft IPW that follows the last one."""

    def __init__(
        self, ctx: AppContext, family_id: str, case_number: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx,
            FormKey("reopen", family_id),
            case_number,
            (_("Reopening the case"), _("Reopening the case")),
            parent,
        )
        self.family_id = family_id
        b = self.binding
        self.reopened_on = b.add("reopened_on", DateEdit())
        self.months = b.add("period_months", QSpinBox())
        self.months.setRange(1, 36)
        self.months.setSuffix(_(" months"))
        self.reason = b.add("reason", text_edit(4))
        form = QWidget()
        f = QFormLayout(form)
        f.addRow(
            hint_label(
                _(
                    "The case reopens with a new draft programme (IPW) that follows the last "
                    "one; the earlier programmes and their outcomes stay as they were."
                )
            )
        )
        f.addRow(buddy_label(_("&Reopened on:"), self.reopened_on), self.reopened_on)
        f.addRow(buddy_label(_("New programme &for:"), self.months), self.months)
        f.addRow(buddy_label(_("Re&ason:"), self.reason), self.reason)
        self.finish_setup(form, {"period_months": 12})
        resize_to_fit(self, 560, 340)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = closure.ReopenInput(
            reopened_on=date.fromisoformat(v["reopened_on"]),
            reason=v["reason"],
            period_months=int(v["period_months"]),
        )
        return closure.reopen_case, (self.ctx.ws, self.family_id, data)
