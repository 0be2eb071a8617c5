"""Kontrakt socjalny generated from the plan (art. 108 u.p.s.), in the structure of the official
template (Dz.U. 2010 nr 218 poz. 1439, variant I A + II A: a person or a family and the social
worker): the OPS's stamp, the date and place of conclusion, the party named as it is (a person
or a family, its members in the nominative), Part I A (assessment of the situation – causes,
resources, limitations –, main goal, specific goals, actions with dates, period, final
provisions with the consequences of art. 11, signatures) and Part II A (dated assessments, the
degree each goal was reached, the reasons for an early termination).

A programme without goals is refused by ``app.printing.service`` (a kontrakt states its goals).
The partners' actions are printed for information only: the partners do not sign a kontrakt.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from app.i18n import _
from app.models import Diagnosis, SupportPlan
from app.printing import clauses_pl as legal
from app.printing.actions import actions_table
from app.printing.casedata import CaseData, institution_address, period_text
from app.printing.fonts import FONT
from app.printing.grammar import party_is_person
from app.printing.layout import (
    CONTENT_WIDTH,
    GRID,
    data_table,
    esc,
    field_table,
    fmt_date,
    heading,
    para,
    text_block,
    title_block,
)
from app.printing.parts import members_table
from app.printing.plan import commitments_table
from app.printing.signatures import WritingLines, signature_section, write_in
from app.printing.ticks import TickBox, tick_list
from app.services.document_titles import TITLES

TITLE = TITLES["contract"]
DOTS = "…………………………"


def _joined(*texts: str) -> str:
    return "\n\n".join(t.strip() for t in texts if t and t.strip())


def _numbered(items: list[str], style: str = "justify") -> list[Flowable]:
    return [para(f"{i}. {esc(t)}", style, markup=True) for i, t in enumerate(items, 1)]


def stamp_and_date(data: CaseData, plan: SupportPlan) -> Table:
    """The template's head: room for the OPS's stamp on the left, date and place on the right."""
    place = data.home.city if data.home and data.home.city else data.family.locality
    right = field_table(
        [
            (_("Date of conclusion of the contract"), fmt_date(plan.adopted_on, DOTS)),
            (_("Place of conclusion"), place or DOTS),
        ],
        0.55,
        width=CONTENT_WIDTH * 0.62 - 10,
    )
    stamp = [Spacer(1, 20 * mm), para(legal.CONTRACT_STAMP, "caption")]
    table = Table([[stamp, right]], colWidths=[CONTENT_WIDTH * 0.38, CONTENT_WIDTH * 0.62])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),  # else Helvetica, not embedded
                ("BOX", (0, 0), (0, 0), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (1, 0), (1, 0), 8),
            ]
        )
    )
    return table


def parties(data: CaseData) -> Flowable:
    """Label and value, so every name stays in the nominative."""
    adults = data.adults() or data.persons
    names = ", ".join(p.full_name for p in adults) or DOTS
    person = data.one_person or party_is_person(data.persons)
    pairs: list[tuple[str, object]] = [
        (
            _("Person concluding the contract")
            if person
            else _("Family (adult members concluding the contract)"),
            names,
        ),
        (_("Address of residence"), data.address),
        (_("Social worker"), data.worker or DOTS),
        (
            _("Social assistance centre"),
            ", ".join(x for x in (data.home_name, institution_address(data.home)) if x),
        ),
    ]
    if data.home is not None and data.home.phone:
        pairs.append((_("Telephone of the social worker"), data.home.phone))
    return field_table(pairs)


def part_one(data: CaseData, plan: SupportPlan, diag: Diagnosis | None) -> list[Flowable]:
    person = data.one_person or party_is_person(data.persons)
    party = legal.CONTRACT_PARTY_PERSON if person else legal.CONTRACT_PARTY_FAMILY
    noun = legal.CONTRACT_NOUN_PERSON if person else legal.CONTRACT_NOUN_FAMILY
    story: list[Flowable] = [stamp_and_date(data, plan), Spacer(1, 4)]
    story += title_block(_(TITLE).upper(), legal.CONTRACT_SUBTITLE.format(party=party))
    story += [heading(_("Part I A")), parties(data)]
    number = f" nr {plan.number}" if plan.number else ""
    whose = "osoby" if person else "rodziny"
    story.append(para(legal.CONTRACT_BASIS.format(plan_number=number, whose=whose), "clause"))
    if not person:
        story += [
            heading(_("Members of the family covered by the contract"), 3),
            members_table(data),
        ]
    story.append(
        heading(
            "I. "
            + (
                _("Assessment of the life situation of the person")
                if person
                else data.word("Assessment of the life situation of the family")
            )
        )
    )
    if diag is None:
        story.append(para(_("No diagnosis has been recorded for this family."), "muted"))
    items = (
        (_("Causes of the difficult life situation"), diag.causes if diag else ""),
        (
            _("Possibilities, resources and strengths")
            if person
            else data.word("Possibilities, resources and strengths of the family"),
            _joined(diag.strengths, diag.resources) if diag else "",
        ),
        (
            _("Limitations and barriers to solving the difficult situation"),
            _joined(diag.weaknesses, diag.deficits) if diag else "",
        ),
    )
    for n, (title, text) in enumerate(items, 1):
        story += [heading(f"{n}. {title}", 4), *text_block(text)]
    story += [heading("II. " + _("Main goal")), *text_block(plan.main_goal)]
    story.append(heading("III. " + _("Specific goals")))
    goals = []
    for g in plan.goals:
        if g.level_0:
            goals.append(
                _("{goal} – expected result: {result}").format(goal=g.title, result=g.level_0)
            )
        else:
            goals.append(g.title)
    story += _numbered(goals, "body")
    home_id = data.home.id if data.home else None
    own = [a for a in plan.actions if a.institution is None or a.institution.id == home_id]
    partners = [a for a in plan.actions if a not in own]
    story += [
        heading("IV. " + _("Actions to be carried out")),
        heading(
            "1. "
            + (
                _("Commitments of the person") if person else data.word("Commitments of the family")
            ),
            4,
        ),
        commitments_table(data, plan),
        heading("2. " + _("Actions of the social worker and the social assistance centre"), 4),
        actions_table(data, plan, own, empty_text=_("None.")),
    ]
    if partners:
        story += [
            heading("3. " + _("Actions of the partner institutions (for information)"), 4),
            para(legal.CONTRACT_PARTNERS_NOTE, "small"),
            actions_table(data, plan, partners),
        ]
    story += [
        heading("V. " + _("Period of validity of the contract")),
        para(period_text(plan.period_from, plan.period_to)),
        heading("VI. " + _("Final provisions")),
    ]
    story += _numbered(
        [c.format(days=plan.review_every_days, party=noun) for c in legal.CONTRACT_FINAL]
    )
    lead = story[-2:]  # the last two final provisions stay with the signatures
    del story[-2:]
    story += signature_section(data.family_signatories() + [data.worker_signatory()], lead=lead)
    return story


def part_two(data: CaseData, plan: SupportPlan) -> list[Flowable]:
    story: list[Flowable] = [PageBreak()]
    story += title_block(
        _(TITLE).upper(), _("Part II A – assessment of the contract's realisation")
    )
    story.append(para(legal.CONTRACT_REVIEW_INTRO.format(days=plan.review_every_days), "justify"))
    entries = [[write_in(24 * mm), "", "", ""] for _i in range(4)]
    story.append(
        data_table(
            [
                _("Date of the assessment"),
                _("Assessment of the realisation of the goals and actions, changes agreed"),
                data.word("Signature of the person or family"),
                _("Signature of the social worker"),
            ],
            entries,
            [2.2, 6, 2.2, 2.2],
        )
    )
    rows: list[list[object]] = [
        [f"{i}.", g.title, tick_list(legal.CONTRACT_DEGREES), write_in(14 * mm)]
        for i, g in enumerate(plan.goals, 1)
    ]
    story.append(
        KeepTogether(
            [
                heading(_("Final assessment of the specific goals")),
                para(legal.CONTRACT_GOALS_INTRO, "small"),
                data_table(
                    [_("No."), _("Specific goal"), _("Degree of realisation"), _("Notes")],
                    rows,
                    [0.7, 5, 3.3, 3.4],
                ),
            ]
        )
    )
    termination: list[Flowable] = [
        heading(_("Termination of the contract before the end of its period")),
        para(_("Date of termination: {date}").format(date=DOTS)),
        para(_("Reason:"), "label"),
        *[TickBox(r, "body") for r in legal.CONTRACT_TERMINATION],
        WritingLines(2),
    ]
    story += signature_section(
        data.family_signatories() + [data.worker_signatory()],
        title=_("Signatures of the parties after the final assessment"),
        lead=termination,
    )
    return story


def build(data: CaseData, plan: SupportPlan, diag: Diagnosis | None) -> list[Flowable]:
    return part_one(data, plan, diag) + part_two(data, plan)
