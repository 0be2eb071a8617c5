"""The Program (IPW) tab's layout: the plan's own data left, goals/actions/commitments right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.models.enums import PlanStatus
from app.services.record_rules import RANGES
from app.ui.kit.form_kit import (
    ChoiceCombo,
    DateEdit,
    ErrorLabel,
    FormBinding,
    OptionalDateEdit,
    buddy_label,
    fit_to_items,
    hint_label,
    line_edit,
    refit_on_tab_change,
    scrolled,
    text_edit,
)
from app.ui.kit.list_panel import ListPanel
from app.ui.kit.mnemonics import key_field

COMMITMENTS = N_("Commitments of the famil&y")  # worded for one person by the window


class PlanView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chooser = QComboBox()
        fit_to_items(self.chooser)  # "IPW/1/2026: 12.10.2026 – 27.09.2027 (obowiązujący)" whole
        self.chooser.setAccessibleName(_("Programme shown"))
        self.new_button = QPushButton(_("&New programme"))
        self.print_slot = QHBoxLayout()
        self.number = line_edit(40)
        self.period_from = DateEdit()
        self.period_to = DateEdit()
        self.status = ChoiceCombo()
        self.status.set_choices(PlanStatus.choices())
        self.adopted_on = OptionalDateEdit()
        self.review_every_days = QSpinBox()
        self.review_every_days.setRange(*RANGES[("support_plan", "review_every_days")])
        self.review_every_days.setSuffix(_(" days"))
        self.main_goal = text_edit(3)
        self.notes = text_edit(3)
        self.error = ErrorLabel()
        self.save_button = QPushButton(_("&Save programme"))
        self.save_button.setToolTip(_("Ctrl+S"))
        self.goals = ListPanel(
            _("Goals"),
            _("Add &goal…"),
            _("Each goal has a Goal Attainment Scale from −2 to +2; 0 is the expected outcome."),
            stretch=1,
        )
        self.action_list = ListPanel(_("Actions"), _("Add &action…"), stretch=0)
        self.commitments = ListPanel(
            _("Commitments of the family"), _("Add c&ommitment…"), stretch=0
        )
        self.lists = QTabWidget()
        self.lists.addTab(self.goals, _("&Goals (GAS)"))
        self.lists.addTab(self.action_list, _("Actions of the &partners"))
        self.lists.addTab(self.commitments, _(COMMITMENTS))
        refit_on_tab_change(self.lists)
        self.unsaved_hint = hint_label(
            _("Save the programme first; then add its goals, actions and commitments.")
        )
        self._build()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(buddy_label(_("P&rogramme:"), self.chooser))
        top.addWidget(self.chooser)
        top.addWidget(self.new_button)
        top.addStretch(1)
        top.addLayout(self.print_slot)

        form = QWidget()
        f = QFormLayout(form)
        f.addRow(buddy_label(_("N&umber:"), self.number), self.number)
        period = QHBoxLayout()
        period.addWidget(self.period_from)
        to = QLabel(_("&to"))
        to.setBuddy(self.period_to)
        self.period_to.setAccessibleName(_("Period end"))
        period.addWidget(to)
        period.addWidget(self.period_to)
        period.addStretch(1)
        f.addRow(buddy_label(_("Period &from:"), key_field(self.period_from)), period)
        f.addRow(buddy_label(_("S&tatus:"), self.status), self.status)
        f.addRow(buddy_label(_("A&dopted on:"), self.adopted_on), self.adopted_on)
        f.addRow(buddy_label(_("Review e&very:"), self.review_every_days), self.review_every_days)
        f.addRow(buddy_label(_("&Main goal:"), self.main_goal), self.main_goal)
        f.addRow(buddy_label(_("N&otes:"), self.notes), self.notes)
        f.addRow(self.error)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        f.addRow(save_row)
        box = QGroupBox(_("Individual cooperation programme (IPW)"))
        QVBoxLayout(box).addWidget(scrolled(form))

        right = QWidget()
        r = QVBoxLayout(right)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(self.unsaved_hint)
        r.addWidget(self.lists, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(box)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([480, 820])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def bind(self, binding: FormBinding) -> None:
        for name in (
            "number",
            "period_from",
            "period_to",
            "status",
            "adopted_on",
            "review_every_days",
            "main_goal",
            "notes",
        ):
            binding.add(name, getattr(self, name))
