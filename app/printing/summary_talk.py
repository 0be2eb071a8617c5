"""Podsumowanie współpracy: how one IPW ended (the outcome and its reason, the goals' last
scores) and the closing summary talk with the family, signed by the family and the worker."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.i18n import _
from app.models import PlanClosure, Review, SupportPlan
from app.models.enums import PlanOutcome
from app.printing.casedata import CaseData, label_of, period_text
from app.printing.layout import (
    EMPTY,
    data_table,
    field_table,
    fmt_date,
    heading,
    section,
    title_block,
)
from app.printing.parts import gas_level_text
from app.printing.signatures import closing, signature_section
from app.services import subject_words as wording
from app.services.document_titles import TITLES

TITLE = TITLES["closing"]


def _goal_rows(plan: SupportPlan, reviews: list[Review]) -> list[list[object]]:
    latest: dict[str, int] = {}
    for review in sorted(reviews, key=lambda r: r.held_on):
        if review.plan_id != plan.id:
            continue
        for score in review.goal_scores:
            latest[score.goal_id] = score.level
    return [
        [f"{n}.", g.title, gas_level_text(g.baseline), gas_level_text(latest.get(g.id))]
        for n, g in enumerate(plan.goals, 1)
    ]


def build(
    data: CaseData, plan: SupportPlan, closure: PlanClosure, reviews: list[Review]
) -> list[Flowable]:
    kind = data.family.subject_kind
    story: list[Flowable] = title_block(_(TITLE), wording.talk_subtitle(kind))
    story.append(
        field_table(
            [
                (_("Programme (IPW)"), plan.number or EMPTY),
                (_("Period of the programme"), period_text(plan.period_from, plan.period_to)),
                (_("Closed on"), fmt_date(closure.closed_on)),
                (_("Outcome"), label_of(PlanOutcome, closure.outcome)),
            ]
        )
    )
    story += section(_("Reason"), closure.reason)
    story.append(heading(_("Goals of the programme")))
    story.append(
        data_table(
            [_("No."), _("Goal"), _("Starting level"), _("Level at the last review")],
            _goal_rows(plan, reviews),
            [0.7, 5.6, 3.0, 3.2],
            empty_text=_("No goals recorded."),
        )
    )
    story.append(heading(_("The summary talk")))
    story.append(
        field_table(
            [
                (_("Date of the talk"), fmt_date(closure.talk_on)),
                (_("Persons present"), closure.talk_present or EMPTY),
            ]
        )
    )
    story += section(_("Summary of the talk"), closure.talk_summary, 3)
    story += section(wording.opinion_heading(kind), closure.family_opinion, 3)
    last = section(_("Recommendations"), closure.recommendations, 3)
    lead = closing(last, closure.recommendations)
    story += last
    people = data.family_signatories() + [data.worker_signatory()]
    story += signature_section(people, lead=lead)
    return story
