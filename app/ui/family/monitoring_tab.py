"""Monitoring: the plan's reviews, a new review, and the chart of goal attainment over time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from app.i18n import N_, _
from app.models import SupportPlan
from app.services import reviews
from app.services.casefile import FamilyFile
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.family.actions_table_model import action_title, status_label
from app.ui.family.attainment_chart_widget import AttainmentChartWidget
from app.ui.family.domain_ratings_widget import rating_text, signed
from app.ui.family.review_dialog import ReviewDialog
from app.ui.family.reviews_table_model import ReviewsTableModel
from app.ui.family.tab_base import FamilyHost, FamilyTab
from app.ui.kit.form_kit import buddy_label, fit_columns, fmt_date, hint_label, setup_table
from app.ui.kit.print_menu import print_button
from app.ui.kit.record_table_model import RECORD_ROLE
from app.ui.kit.safe import guarded


class MonitoringTab(FamilyTab):
    title = N_("&Monitoring")

    def __init__(self, host: FamilyHost) -> None:
        super().__init__(host)
        self._file: FamilyFile | None = None
        self.plan_id: str | None = None
        self.chooser = QComboBox()
        self.new_button = QPushButton(_("New &review…"))
        self.table = QTableView()
        setup_table(self.table, _("Monitoring reviews"), stretch_column=5)
        self.model = ReviewsTableModel(self)
        self.table.setModel(self.model)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Selected review"))
        self.chart = AttainmentChartWidget()
        self.hint = hint_label("")
        top = QHBoxLayout()
        top.addWidget(buddy_label(_("P&rogramme:"), self.chooser))
        top.addWidget(self.chooser, 1)
        top.addWidget(self.new_button)
        top.addWidget(print_button(self, self.ctx, ["review", "blank-review"], self._print_ids))
        left = QSplitter(Qt.Orientation.Vertical)
        box = QGroupBox(_("Reviews"))
        QVBoxLayout(box).addWidget(self.table)
        left.addWidget(box)
        box = QGroupBox(_("Selected review"))
        QVBoxLayout(box).addWidget(self.details)
        left.addWidget(box)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.chart)
        split.setSizes([620, 680])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        self.chooser.activated.connect(lambda i: self._show_plan(self.chooser.itemData(i)))
        self.new_button.clicked.connect(self.new_review)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_details())

    @property
    def plan(self) -> SupportPlan | None:
        ff = self._file
        return next((p for p in ff.plans if p.id == self.plan_id), None) if ff else None

    def _print_ids(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        review = index.data(RECORD_ROLE) if index.isValid() else None
        ids: dict[str, Any] = {"family_id": self.family_id}
        if review is not None:
            ids["review_id"] = review.id
        return ids

    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        self._file = ff
        if self.plan is None:
            current = ff.current_plan
            self.plan_id = current.id if current is not None else None
        self.chooser.clear()
        for p in ff.plans:
            number = p.number or _("no number")  # not in an f-string: the extractor misses it
            self.chooser.addItem(
                f"{number}: {fmt_date(p.period_from)} – {fmt_date(p.period_to)}", p.id
            )
        self.chooser.setCurrentIndex(max(self.chooser.findData(self.plan_id), 0))
        self._show_plan(self.plan_id)

    def _show_plan(self, plan_id: str | None) -> None:
        self.plan_id = plan_id
        plan, ff = self.plan, self._file
        self.new_button.setEnabled(plan is not None)
        if plan is None or ff is None:
            self.hint.setText(_("Monitoring starts once the family has a programme (IPW)."))
            self.hint.show()
            self.model.set_reviews([], {})
            self.chart.set_data([], [])
            self._show_details()
            return
        self.hint.setText("" if plan.goals else _("The programme has no goals to score yet."))
        self.hint.setVisible(bool(self.hint.text()))
        own = [r for r in ff.reviews if r.plan_id == plan.id]
        self.model.set_reviews(own, {g.id: g.weight for g in plan.goals})
        fit_columns(self.table)
        if own:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._show_details()
        goals = [(g.id, g.title) for g in plan.goals]
        self.ctx.runner.run(
            reviews.attainment_history,
            self.ctx.ws,
            plan.id,
            success=guarded(self, lambda points: self.chart.set_data(points, goals)),
        )

    def _show_details(self) -> None:
        index = self.table.currentIndex()
        r = index.data(RECORD_ROLE) if index.isValid() else None
        plan = self.plan
        if r is None or plan is None:
            self.details.setPlainText("")
            return
        goals = {g.id: g for g in plan.goals}
        actions = {a.id: a for a in plan.actions}
        lines = [_("Review of {date}").format(date=fmt_date(r.held_on))]
        if r.present:
            lines.append(_("Present: {who}").format(who=r.present))
        lines.append("")
        lines.append(_("Goals:"))
        for s in r.goal_scores:
            g = goals.get(s.goal_id)
            if g is not None:
                text = g.level_text(s.level) or ""
                lines.append(f"  {signed(s.level)}  {g.title}" + (f" – {text}" if text else ""))
        if r.domain_ratings:
            lines += ["", _("Life domains:")]
            for d in r.domain_ratings:
                label = self.host.lookups.domain_label(d.domain_code)
                lines.append(f"  {label}: {rating_text(d.rating)}")
        if r.action_statuses:
            lines += ["", _("Actions:")]
            for st in r.action_statuses:
                a = actions.get(st.action_id)
                if a is not None:
                    lines.append(f"  {action_title(a)}: {status_label(st.status)}")
        for title, text in (
            (_("Summary:"), r.summary),
            (_("The family's opinion:"), r.family_opinion),
        ):
            if text:
                lines += ["", title, text]
        self.details.setPlainText("\n".join(lines))

    def new_review(self) -> None:
        plan, ff = self.plan, self._file
        if plan is None or ff is None:
            return
        if ReviewDialog.ask(self, self.ctx, ff, plan, self.host.lookups) is not None:
            self.host.reload()

    def open_draft(self, form_key: str) -> bool:
        key = FormKey.parse(form_key)
        if key is None or key.kind != "review":
            return False
        plan_id = key.parent_id
        self._show_plan(plan_id)
        self.new_review()
        return True
