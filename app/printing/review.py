"""Ocena okresowa: the monitoring review of the programme (GAS level reached for each goal,
the areas of life re-rated, the status of each action and commitment, summary, next review)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.i18n import _, current_language
from app.models import Diagnosis, Review, SupportPlan
from app.models.enums import ActionStatus, CommitmentStatus
from app.printing.actions import actions_table as plan_actions_table
from app.printing.casedata import CaseData, label_of, period_text
from app.printing.layout import (
    EMPTY,
    data_table,
    field_table,
    fmt_date,
    heading,
    para,
    section,
    title_block,
)
from app.printing.parts import gas_level_text, rating_text, scale_legend
from app.printing.plan import commitments_table as plan_commitments_table
from app.printing.signatures import closing, signature_section
from app.services.document_titles import TITLES
from app.services.reviews import gas_t_score

TITLE = TITLES["review"]


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if current_language() == "pl" else text


def goals_table(plan: SupportPlan, review: Review) -> list[Flowable]:
    goals = {g.id: g for g in plan.goals}
    rows, weighted = [], []
    for i, score in enumerate(sorted(review.goal_scores, key=lambda s: _pos(goals, s.goal_id)), 1):
        goal = goals.get(score.goal_id)
        if goal is None:
            continue
        weighted.append((score.level, goal.weight))
        rows.append(
            [
                f"{i}.",
                goal.title,
                gas_level_text(goal.baseline),
                gas_level_text(score.level),
                goal.level_text(score.level) or EMPTY,
                score.note or EMPTY,
            ]
        )
    out: list[Flowable] = [
        data_table(
            [
                _("No."),
                _("Goal"),
                _("Starting level"),
                _("Level reached"),
                _("What the level means"),
                _("Notes"),
            ],
            rows,
            [0.7, 3.2, 2, 2, 2.7, 2.3],
            empty_text=_("No goals were scored."),
        )
    ]
    t = gas_t_score(weighted) if weighted else None
    if t is not None:
        out.append(
            para(
                _("Summary GAS T-score: {score} (50 = the expected outcome on every goal).").format(
                    score=_number(t)
                ),
                "note",
            )
        )
    return out


def _pos(goals: dict, goal_id: str) -> int:
    goal = goals.get(goal_id)
    return goal.position if goal is not None else 1_000_000


def domains_table(data: CaseData, review: Review, diag: Diagnosis | None) -> Flowable:
    before = {r.domain_code: r.rating for r in diag.ratings} if diag else {}
    rows = [
        [
            data.domain_label(r.domain_code),
            rating_text(before[r.domain_code]) if r.domain_code in before else EMPTY,
            rating_text(r.rating),
            r.note or EMPTY,
        ]
        for r in review.domain_ratings
    ]
    return data_table(
        [_("Area"), _("In the diagnosis"), _("Now"), _("Notes")],
        rows,
        [3, 2.5, 2.5, 4],
        empty_text=_("No areas were re-assessed."),
    )


def actions_table(data: CaseData, plan: SupportPlan, review: Review) -> Flowable:
    entries = {e.action_id: e for e in review.action_statuses}

    def extra(a) -> list[object]:
        entry = entries.get(a.id)
        status = entry.status if entry else a.status
        note = (entry.note if entry else "") or (a.drop_reason or EMPTY)
        return [label_of(ActionStatus, status), note]

    return plan_actions_table(
        data,
        plan,
        extra_headers=[_("Status"), _("Notes")],
        extra=extra,
        extra_widths=[22, 27],
    )


def commitments_table(data: CaseData, plan: SupportPlan) -> Flowable:
    status = (_("Status"), lambda c: label_of(CommitmentStatus, c.status))
    return plan_commitments_table(data, plan, status, (0.7, 6.5, 3, 2))


def build(
    data: CaseData, review: Review, plan: SupportPlan, diag: Diagnosis | None
) -> list[Flowable]:
    story: list[Flowable] = title_block(
        _(TITLE), _("held on {date}").format(date=fmt_date(review.held_on))
    )
    programme = period_text(plan.period_from, plan.period_to)
    if plan.number:
        programme = f"{plan.number}, {programme}"
    story.append(
        field_table(
            [
                (_("Programme"), programme),
                (data.word("Family address"), data.address),
                (_("Present"), review.present or EMPTY),
                (
                    data.word("The family took part"),
                    _("yes") if review.family_attended else _("no"),
                ),
                (_("Next review"), fmt_date(review.next_review_on)),
            ]
        )
    )
    story += [heading("I. " + _("Goal attainment (GAS scale)")), *goals_table(plan, review)]
    story += [
        heading("II. " + data.word("Areas of the family's life")),
        domains_table(data, review, diag),
        scale_legend(),
    ]
    story += [heading("III. " + _("Realisation of the actions")), actions_table(data, plan, review)]
    story += [
        heading("IV. " + data.word("Commitments of the family")),
        commitments_table(data, plan),
    ]
    story += section("V. " + _("Summary of the review"), review.summary)
    last = section("VI. " + data.word("Opinion of the family"), review.family_opinion)
    lead = closing(last, review.family_opinion)
    story += last
    people = data.family_signatories() + [data.worker_signatory()]
    people += data.plan_partner_signatories(plan)
    story += signature_section(people, lead=lead)
    return story
