"""Indywidualny Program Współpracy (IPW): goals with their GAS scales, actions of each
institution with dates, the family's commitments and the programme's period."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, KeepTogether

from app.i18n import _, ngettext
from app.models import Commitment, SupportPlan
from app.models.enums import PlanStatus
from app.printing.actions import actions_table, basket_table, planned_reviews_text
from app.printing.casedata import CaseData, label_of, period_text
from app.printing.layout import (
    data_table,
    field_table,
    fmt_date,
    heading,
    para,
    section,
    text_block,
    title_block,
)
from app.printing.parts import family_fields, gas_table, members_table
from app.printing.signatures import signature_section
from app.services.document_titles import TITLES

TITLE = TITLES["plan"]


def commitments_table(
    data: CaseData,
    plan: SupportPlan,
    last: tuple[str, Callable[[Commitment], str]] | None = None,
    widths: Sequence[float] = (0.7, 6.5, 2.8, 2.2),
) -> Flowable:
    """The programme's commitments: number, what, who (a member, or "the whole family" in the
    words of the case's subject) and ``last`` (heading, value): by default the completion date
    (the review prints the status there)."""
    header, value = last or (
        _("Completion date"),
        lambda c: fmt_date(c.due_on, _("throughout the programme")),
    )
    rows = [
        [
            f"{i}.",
            c.description,
            c.person.full_name if c.person is not None else data.word("the whole family"),
            value(c),
        ]
        for i, c in enumerate(plan.commitments, 1)
    ]
    return data_table(
        [_("No."), _("Commitment"), _("Who"), header],
        rows,
        list(widths),
        empty_text=_("No commitments recorded."),
    )


def goals_story(data: CaseData, plan: SupportPlan) -> list[Flowable]:
    story: list[Flowable] = []
    if not plan.goals:
        story.append(para(_("No goals recorded."), "muted"))
    for i, g in enumerate(plan.goals, 1):
        block: list[Flowable] = [heading(_("Goal {n}. {title}").format(n=i, title=g.title), 3)]
        if g.description:
            block += text_block(g.description)
        block.append(
            para(
                _("Area: {area}; weight: {weight}").format(
                    area=data.domain_label(g.domain_code), weight=g.weight
                ),
                "muted",
            )
        )
        block.append(gas_table(g))
        # A goal and its scale stay on one page unless the goal alone is longer than a page.
        story.append(KeepTogether(block))
    return story


def build(data: CaseData, plan: SupportPlan) -> list[Flowable]:
    subtitle = _("No. {number}").format(number=plan.number) if plan.number else ""
    story: list[Flowable] = title_block(_(TITLE), subtitle)
    story.append(
        field_table(
            [
                (_("Programme period"), period_text(plan.period_from, plan.period_to)),
                (_("Adopted on"), fmt_date(plan.adopted_on)),
                (_("Status"), label_of(PlanStatus, plan.status)),
                (
                    _("Periodic reviews"),
                    ngettext(
                        "every {days} day", "every {days} days", plan.review_every_days
                    ).format(days=plan.review_every_days),
                ),
                (_("Planned review dates"), planned_reviews_text(plan)),
            ]
        )
    )
    story += [
        heading("I. " + data.word("The family")),
        family_fields(data, reasons=False),
        heading(data.word("Family members"), 3),
        members_table(data, full=False),
    ]
    story += section("II. " + _("Main goal"), plan.main_goal)
    story.append(heading("III. " + _("Specific goals and goal attainment scales (GAS)")))
    story += goals_story(data, plan)
    story += [
        heading("IV. " + _("Actions of the institutions")),
        actions_table(data, plan),
        heading("V. " + _("Services of the service basket used in the programme")),
        basket_table(data, plan),
        heading("VI. " + data.word("Commitments of the family")),
        commitments_table(data, plan),
    ]
    if plan.notes.strip():
        story += section("VII. " + _("Notes"), plan.notes)
    people = data.family_signatories() + [data.worker_signatory()]
    people += data.plan_partner_signatories(plan)
    lead = story[-2:]  # the commitments (or the notes) stay with the signatures
    del story[-2:]
    story += signature_section(people, lead=lead)
    return story
