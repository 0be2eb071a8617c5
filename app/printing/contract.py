"""Kontrakt socjalny generated from the plan (art. 108 u.p.s.), in the structure of the official
template (Dz.U. 2010 nr 218 poz. 1439, variant I A + II A: the person/family and the worker):
the parties, I. assessment of the situation (causes, resources, limitations), II. main goal,
III. specific goals, IV. actions of the family, of the worker and of the partners with dates,
V. period, VI. final provisions, signatures; part II for the joint review of its realisation."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from app.i18n import N_, _
from app.models import Diagnosis, SupportPlan
from app.printing import clauses_pl as legal
from app.printing.actions import actions_table
from app.printing.casedata import CaseData, institution_address, period_text
from app.printing.layout import (
    EMPTY,
    data_table,
    esc,
    fmt_date,
    heading,
    para,
    text_block,
    title_block,
)
from app.printing.parts import members_table
from app.printing.plan import commitments_table
from app.printing.signatures import WritingLines, signature_section, write_in

TITLE = N_("Social contract")
DOTS = "…………………………"


def _joined(*texts: str) -> str:
    return "\n\n".join(t.strip() for t in texts if t and t.strip())


def _numbered(items: list[str], style: str = "body") -> list[Flowable]:
    return [para(f"{i}. {esc(t)}", style, markup=True) for i, t in enumerate(items, 1)]


def part_one(data: CaseData, plan: SupportPlan, diag: Diagnosis | None) -> list[Flowable]:
    place = data.home.city if data.home and data.home.city else data.family.locality
    opened = fmt_date(plan.adopted_on, DOTS)
    story: list[Flowable] = title_block(_(TITLE).upper(), _("Part I"))
    story.append(para(legal.CONTRACT_OPENING.format(date=opened, place=place or DOTS)))
    story.append(para(legal.CONTRACT_PARTY_FAMILY.format(address=data.address)))
    worker = data.worker or DOTS  # nominative after a colon, as the official template does
    institution = ", ".join(x for x in (data.home_name, institution_address(data.home)) if x)
    story.append(para(legal.CONTRACT_PARTY_WORKER.format(worker=worker, institution=institution)))
    number = f" nr {plan.number}" if plan.number else ""
    story += [
        para(legal.CONTRACT_BASIS.format(plan_number=number), "clause"),
        heading(_("Members of the family covered by the contract"), 3),
        members_table(data),
    ]
    story.append(heading("I. " + _("Assessment of the life situation of the person or family")))
    if diag is None:
        story.append(para(_("No diagnosis has been recorded for this family."), "muted"))
    items = (
        (_("Causes of the difficult life situation"), diag.causes if diag else ""),
        (
            _("Possibilities, resources and strengths of the family"),
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
    story += _numbered(goals) or [para(EMPTY)]
    home_id = data.home.id if data.home else None
    own = [a for a in plan.actions if a.institution is None or a.institution.id == home_id]
    partners = [a for a in plan.actions if a not in own]
    story += [
        heading("IV. " + _("Actions to be carried out")),
        heading("1. " + _("Commitments of the family"), 4),
        commitments_table(plan),
        heading("2. " + _("Actions of the social worker and the social assistance centre"), 4),
        actions_table(data, plan, own, empty_text=_("None.")),
        heading("3. " + _("Actions of the partner institutions of the Cooperation Team"), 4),
        actions_table(data, plan, partners, empty_text=_("None.")),
    ]
    story += [
        heading("V. " + _("Period of validity of the contract")),
        para(period_text(plan.period_from, plan.period_to)),
        heading("VI. " + _("Final provisions")),
    ]
    story += _numbered(
        [c.format(days=plan.review_every_days) for c in legal.CONTRACT_FINAL], "clause"
    )
    lead = story[-2:]  # the last two final provisions stay with the signatures
    del story[-2:]
    story += signature_section(data.family_signatories() + [data.worker_signatory()], lead=lead)
    return story


def part_two(data: CaseData, plan: SupportPlan) -> list[Flowable]:
    story: list[Flowable] = [PageBreak()]
    story += title_block(_(TITLE).upper(), _("Part II – assessment of the contract's realisation"))
    story.append(para(legal.CONTRACT_REVIEW_INTRO, "clause"))
    story.append(para(_("Date of the assessment: {date}").format(date=DOTS)))
    rows: list[list[object]] = [
        [f"{i}.", g.title, write_in(), ""] for i, g in enumerate(plan.goals, 1)
    ]
    rows += [["", write_in(), "", ""] for _i in range(max(0, 3 - len(rows)))]
    story.append(
        data_table(
            [_("No."), _("Specific goal"), _("Degree of realisation"), _("Notes")],
            rows,
            [0.7, 5, 2.6, 3.8],
        )
    )
    story += [
        heading(_("Changes to the contract and their reasons")),
        WritingLines(6),
    ]
    story += signature_section(
        data.family_signatories() + [data.worker_signatory()],
        title=_("Signatures of the parties after the assessment"),
    )
    return story


def build(data: CaseData, plan: SupportPlan, diag: Diagnosis | None) -> list[Flowable]:
    return part_one(data, plan, diag) + part_two(data, plan)
