"""A goal of the support plan with its Goal Attainment Scale: five levels described in words.

Level 0 is the expected outcome; the baseline says where the family starts (usually −1 or −2).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from app.i18n import _
from app.models import Goal
from app.models.enums import GAS_LEVELS
from app.services import plans
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.services.record_rules import RANGES
from app.ui.context import AppContext
from app.ui.family.case_record_dialog import CaseRecordDialog
from app.ui.family.domain_ratings_widget import signed
from app.ui.family.goals_table_model import gas_text
from app.ui.kit.form_kit import (
    ChoiceCombo,
    buddy_label,
    hint_label,
    line_edit,
    tab_chain,
    text_edit,
)
from app.ui.kit.record_dialog import Submit
from app.ui.kit.screen_fit import resize_to_fit

LEVEL_FIELDS = {2: "level_p2", 1: "level_p1", 0: "level_0", -1: "level_m1", -2: "level_m2"}


class GoalDialog(CaseRecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        family_id: str,
        plan_id: str,
        case_number: str,
        lookups: Lookups,
        goal: Goal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            FormKey("goal", family_id, plan_id, goal.id if goal else "new"),
            case_number,
            (_("Goal and its attainment scale"), _("New goal")),
            parent,
        )
        self.plan_id, self.goal = plan_id, goal
        b = self.binding
        self.title_edit = b.add("title", line_edit(500))
        self.domain = b.add("domain_code", ChoiceCombo())
        self.domain.set_choices([(c.code, c.label) for c in lookups.domains], empty=_("— none —"))
        self.description = b.add("description", text_edit(2))
        self.weight = b.add("weight", QSpinBox())
        low, high = RANGES[("goal", "weight")]
        self.weight.setRange(low, high)
        self.weight.setToolTip(
            _("How much this goal counts in the summary score ({low}–{high}).").format(
                low=low, high=high
            )
        )
        self.baseline = b.add("baseline", ChoiceCombo())
        self.baseline.set_choices([(lvl, gas_text(lvl)) for lvl in sorted(GAS_LEVELS)])

        form = QWidget()
        top = QFormLayout()
        top.addRow(buddy_label(_("&Goal:"), self.title_edit), self.title_edit)
        top.addRow(buddy_label(_("Life &domain:"), self.domain), self.domain)
        top.addRow(buddy_label(_("Desc&ription:"), self.description), self.description)
        row = QHBoxLayout()
        row.addWidget(self.baseline, 1)
        row.addWidget(buddy_label(_("&Weight:"), self.weight))
        row.addWidget(self.weight)
        top.addRow(buddy_label(_("&Starting point:"), self.baseline), row)

        scale = QGroupBox(_("Goal Attainment Scale: what each level looks like for this family"))
        s = QFormLayout(scale)
        s.addRow(
            hint_label(
                _(
                    "Describe at least the expected outcome (0) in observable terms; describing "
                    "the other levels makes later reviews easier and fairer."
                )
            )
        )
        mnemonics = {2: "&5", 1: "&4", 0: "&3", -1: "&2", -2: "&1"}
        for level, name in LEVEL_FIELDS.items():
            edit = b.add(name, text_edit(2))
            label = f"{mnemonics[level]}  {signed(level)}  {_(GAS_LEVELS[level])}:"
            s.addRow(buddy_label(label, edit), edit)
        layout = QVBoxLayout(form)
        layout.addLayout(top)
        layout.addWidget(scale)
        layout.addStretch(1)

        values: dict[str, Any] = {"weight": 1, "baseline": -1}
        if goal is not None:
            values = {
                "title": goal.title,
                "domain_code": goal.domain_code,
                "description": goal.description,
                "weight": goal.weight,
                "baseline": goal.baseline,
                **{name: getattr(goal, name) for name in LEVEL_FIELDS.values()},
            }
        self.finish_setup(form, values)
        tab_chain([self.title_edit, self.domain, self.description, self.baseline, self.weight,
                   *(b.widget(name) for name in LEVEL_FIELDS.values())])  # fmt: skip
        resize_to_fit(self, 760, 700)

    def submit(self) -> Submit:
        v = self.binding.values()
        data = plans.GoalInput(
            title=v["title"],
            description=v["description"],
            domain_code=v["domain_code"] or "",
            weight=int(v["weight"]),
            baseline=int(v["baseline"]),
            **{name: v[name] for name in LEVEL_FIELDS.values()},
        )
        goal_id = self.goal.id if self.goal else None
        return plans.save_goal, (self.ctx.ws, self.plan_id, data, goal_id)
