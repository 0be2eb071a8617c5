"""A monitoring review (ocena okresowa): each goal scored on its GAS, each domain re-rated,
each action's status, the next review date.  Reviews are append-only (a correction is a new one).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import _
from app.models import SupportPlan
from app.models.enums import GAS_LEVELS, ActionStatus
from app.models.plan import Goal
from app.services import deadlines, reviews, subject_words
from app.services.casefile import FamilyFile
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.context import AppContext
from app.ui.family.actions_table_model import action_title, status_label, who_text
from app.ui.family.domain_ratings_widget import DomainRatingsWidget, signed
from app.ui.family.goals_table_model import gas_text
from app.ui.family.score_grid_widget import ScoreGridWidget, ScoreRow
from app.ui.kit.date_field import form_day
from app.ui.kit.form_kit import (
    DateEdit,
    OptionalDateEdit,
    buddy_label,
    hint_label,
    line_edit,
    text_edit,
)
from app.ui.kit.record_dialog import RecordDialog, Submit
from app.ui.kit.screen_fit import resize_to_fit


def goal_choices(goal: Goal) -> list[tuple[int, str]]:
    """The goal's own level descriptions, or the generic GAS labels where none was written."""
    out = []
    for level in sorted(GAS_LEVELS, reverse=True):
        text = goal.level_text(level).strip() or _(GAS_LEVELS[level])
        out.append((level, f"{signed(level)}  {text}"))
    return out


def previous_state(
    ff: FamilyFile, plan: SupportPlan
) -> tuple[dict[str, int], dict[str, int | None]]:
    """The latest goal levels (baseline before any review) and domain ratings."""
    levels = {g.id: g.baseline for g in plan.goals}
    domains: dict[str, int | None] = {}
    diag = ff.latest_diagnosis
    if diag is not None:
        domains.update({r.domain_code: r.rating for r in diag.ratings})
    for review in sorted(ff.reviews, key=lambda r: r.held_on):
        if review.plan_id == plan.id:
            levels.update({s.goal_id: s.level for s in review.goal_scores})
        domains.update({r.domain_code: r.rating for r in review.domain_ratings})
    return levels, domains


class ReviewDialog(RecordDialog):
    def __init__(
        self,
        ctx: AppContext,
        ff: FamilyFile,
        plan: SupportPlan,
        lookups: Lookups,
        parent: QWidget | None = None,
    ) -> None:
        title = _("New monitoring review")
        case = ff.family.case_number
        super().__init__(
            ctx,
            title,
            FormKey("review", ff.family.id, plan.id),
            parent,
            draft_title=_("{form} – case {case}").format(form=title, case=case),
        )
        self.plan = plan
        levels, domains = previous_state(ff, plan)
        b = self.binding
        self.held_on = b.add("held_on", DateEdit())
        self.next_review_on = b.add("next_review_on", OptionalDateEdit())
        self.present = b.add("present", line_edit(500))
        self.present.setPlaceholderText(_("who took part in the review"))
        self.family_attended = b.add(
            "family_attended",
            QCheckBox(subject_words.about(ff.family.subject_kind, "The family &took part")),
        )
        self.family_attended.setChecked(True)
        self.goals = b.add(
            "goal_scores",
            ScoreGridWidget(
                (_("Goal"), _("Level reached"), _("Note"), _("Previously")),
                empty=_("— not scored —"),
            ),
        )
        self.goals.set_rows(
            [
                ScoreRow(g.id, g.title, goal_choices(g), previous=gas_text(levels.get(g.id)))
                for g in plan.goals
            ]
        )
        self.domains = b.add("domain_ratings", DomainRatingsWidget(show_previous=True))
        self.domains.set_domains(lookups.domains)
        self.domains.set_previous(domains)
        self.action_grid = b.add(
            "action_statuses",
            ScoreGridWidget((_("Action"), _("Status now"), _("Note"), _("Status so far"))),
        )
        self.action_grid.set_rows(
            [
                ScoreRow(
                    a.id,
                    f"{action_title(a)} ({who_text(a)})" if who_text(a) else action_title(a),
                    ActionStatus.choices(),
                    default=a.status,
                    previous=status_label(a.status),
                )
                for a in plan.actions
            ]
        )
        self.summary = b.add("summary", text_edit(3))
        self.family_opinion = b.add("family_opinion", text_edit(2))
        self.held_on.changed.connect(self._suggest_next)
        guard = self.finish_setup(self._layout(), None)
        self._suggest_next()
        guard.reset()
        resize_to_fit(self, 1000, 720)

    def _layout(self) -> QWidget:
        form = QWidget()
        col = QVBoxLayout(form)
        head = QFormLayout()
        dates = QHBoxLayout()
        dates.addWidget(self.held_on)
        dates.addWidget(buddy_label(_("&Next review:"), self.next_review_on))
        dates.addWidget(self.next_review_on)
        dates.addStretch(1)
        head.addRow(buddy_label(_("Review &held on:"), self.held_on), dates)
        head.addRow(buddy_label(_("&Present:"), self.present), self.present)
        head.addRow("", self.family_attended)
        col.addLayout(head)
        for title, widget, hint in (
            (
                _("Goals: level reached on the Goal Attainment Scale"),
                self.goals,
                _("0 is the expected outcome agreed in the programme."),
            ),
            (_("Life domains now"), self.domains, ""),
            (_("Actions: how they go"), self.action_grid, ""),
        ):
            box = QGroupBox(title)
            lay = QVBoxLayout(box)
            if hint:
                lay.addWidget(hint_label(hint))
            lay.addWidget(widget)
            col.addWidget(box)
        end = QFormLayout()
        end.addRow(buddy_label(_("&Summary:"), self.summary), self.summary)
        end.addRow(
            buddy_label(_("The &family's opinion:"), self.family_opinion), self.family_opinion
        )
        col.addLayout(end)
        return form

    def _suggest_next(self) -> None:
        held = self.held_on.value()
        if held is None:  # only a whole date suggests the next one
            return
        # The deadline engine's rule: the plan's interval after this review, on a working day.
        every = self.plan.review_every_days
        self.next_review_on.set_value(deadlines.review_due(None, held, None, every))

    def submit(self) -> Submit:
        v = self.binding.values()
        scores = [
            reviews.GoalScoreInput(gid, int(level), note)
            for gid, level, note in self.goals.values()
            if level != ""
        ]
        if self.plan.goals and not scores:
            raise ValidationError(_("Score at least one goal of the programme."), "goal_scores")
        statuses = [
            reviews.ActionStatusInput(aid, status, note)
            for aid, status, note in self.action_grid.values()
            if status
        ]
        data = reviews.ReviewInput(
            held_on=date.fromisoformat(v["held_on"]),
            next_review_on=form_day(v["next_review_on"]),
            present=v["present"],
            family_attended=bool(v["family_attended"]),
            summary=v["summary"],
            family_opinion=v["family_opinion"],
            goal_scores=scores,
            domain_ratings=[
                reviews.DomainRatingInput(code, rating, note)
                for code, rating, note in self.domains.ratings()
            ],
            action_statuses=statuses,
        )
        return reviews.record_review, (self.ctx.ws, self.plan.id, data)
