"""Indywidualny Program Współpracy (IPW): goals with their GAS scales, actions of each
institution with dates, the family's commitments and the programme's period."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, KeepTogether

from app.i18n import N_, _
from app.models import SupportPlan
from app.models.enums import PlanStatus
from app.printing.casedata import CaseData, action_text, label_of, period_text
from app.printing.layout import (
    EMPTY,
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

TITLE = N_("Individual Cooperation Programme")


def when_text(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{fmt_date(start)} – {fmt_date(end)}"
    if start:
        return _("from {date}").format(date=fmt_date(start))
    if end:
        return _("by {date}").format(date=fmt_date(end))
    return EMPTY


def goal_numbers(plan: SupportPlan) -> dict[str, int]:
    return {g.id: i for i, g in enumerate(plan.goals, 1)}


def action_groups(data: CaseData, plan: SupportPlan) -> list[tuple[str, list]]:
    """Actions grouped by who carries them out, in the order institutions first appear."""
    groups: dict[str, tuple[str, list]] = {}
    for a in plan.actions:
        if a.institution is not None:
            key, name = a.institution.id, a.institution.name
        else:
            key, name = "", data.home_name
        groups.setdefault(key, (name, []))[1].append(a)
    return list(groups.values())


def action_cell(action) -> list[Flowable]:
    cell: list[Flowable] = [para(action_text(action), "cell")]
    if action.service is not None and action.description.strip():
        cell.append(para(_("Service: {name}").format(name=action.service.name), "muted"))
    return cell


def actions_table(data: CaseData, actions: list, numbers: dict[str, int]) -> Flowable:
    rows = []
    for i, a in enumerate(actions, 1):
        goal = _("goal {n}").format(n=numbers[a.goal_id]) if a.goal_id in numbers else EMPTY
        rows.append(
            [
                f"{i}.",
                action_cell(a),
                goal,
                a.responsible_person or EMPTY,
                when_text(a.start_on, a.end_on),
                a.frequency or EMPTY,
            ]
        )
    return data_table(
        [
            _("No."),
            _("Action"),
            _("Goal"),
            _("Person responsible"),
            _("Completion date"),
            _("Frequency"),
        ],
        rows,
        [0.7, 4.6, 1.1, 2.4, 2.3, 1.9],
    )


def commitments_table(plan: SupportPlan) -> Flowable:
    rows = [
        [
            f"{i}.",
            c.description,
            c.person.full_name if c.person is not None else _("the whole family"),
            fmt_date(c.due_on, _("throughout the programme")),
        ]
        for i, c in enumerate(plan.commitments, 1)
    ]
    return data_table(
        [_("No."), _("Commitment"), _("Who"), _("Completion date")],
        rows,
        [0.7, 6.5, 2.8, 2.2],
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
                    _("every {days} days").format(days=plan.review_every_days),
                ),
            ]
        )
    )
    story += [
        heading("I. " + _("The family")),
        family_fields(data, reasons=False),
        heading(_("Family members"), 3),
        members_table(data, full=False),
    ]
    story += section("II. " + _("Main goal"), plan.main_goal)
    story.append(heading("III. " + _("Specific goals and goal attainment scales (GAS)")))
    story += goals_story(data, plan)
    story.append(heading("IV. " + _("Actions of the institutions")))
    numbers = goal_numbers(plan)
    groups = action_groups(data, plan)
    if not groups:
        story.append(para(_("No actions recorded."), "muted"))
    for name, actions in groups:
        story += [heading(name, 3), actions_table(data, actions, numbers)]
    story += [heading("V. " + _("Commitments of the family")), commitments_table(plan)]
    if plan.notes.strip():
        story += section("VI. " + _("Notes"), plan.notes)
    people = data.family_signatories() + [data.worker_signatory()]
    people += data.plan_partner_signatories(plan)
    lead = story[-2:]  # the commitments (or the notes) stay with the signatures
    del story[-2:]
    story += signature_section(people, lead=lead)
    return story
