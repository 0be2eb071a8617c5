"""Blank forms to fill in by hand on a visit without the laptop: diagnosis, review, visit note.

The family's identity (case number, members, address) and the current plan's goals and actions
are printed; everything to be found out is left as ruled lines, write-in cells and boxes to tick.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from app.i18n import _
from app.models.enums import ActionStatus, CommitmentStatus
from app.printing import diagnosis as diagnosis_doc
from app.printing import review as review_doc
from app.printing import visit as visit_doc
from app.printing.actions import actions_table
from app.printing.casedata import CaseData, period_text
from app.printing.layout import EMPTY, data_table, field_table, heading, para, title_block
from app.printing.parts import family_fields, gas_level_text, members_table, scale_legend
from app.printing.signatures import Signatory, WritingLines, signature_section, write_in
from app.printing.ticks import TickBox, TickRow, tick_list
from app.services.document_titles import TITLES

TITLE_DIAGNOSIS = TITLES["blank-diagnosis"]
TITLE_REVIEW = TITLES["blank-review"]
TITLE_VISIT = TITLES["blank-visit"]
SCALE = (-3, -2, -1, 0, 1, 2)


def _signed(n: int) -> str:
    return f"{'+' if n > 0 else ('−' if n < 0 else '')}{abs(n)}"


def _line(height: float = 7 * mm) -> Flowable:
    return WritingLines(1, height)


def _subtitle() -> str:
    return _("form to fill in by hand; tick the boxes with ✕")


def domain_grid(data: CaseData) -> list[Flowable]:
    rows: list[list[object]] = []
    for label in data.labels.domains.values() or [""] * 8:
        rows.append([label, *[TickBox() for _s in SCALE], write_in(8 * mm)])
    table = data_table(
        [_("Area"), *[_signed(s) for s in SCALE], _("Notes")],
        rows,
        [3.1, *[0.55] * len(SCALE), 5.6],
    )
    return [table, scale_legend()]


def gas_blocks(plan) -> list[Flowable]:
    """Each goal with its five GAS levels described and a box to tick the level reached; one
    goal never splits over a page."""
    goals = list(plan.goals) if plan is not None else []
    out: list[Flowable] = []
    for i, g in enumerate(goals, 1):
        rows = [
            [TickBox(), gas_level_text(level), g.level_text(level) or EMPTY]
            for level in (2, 1, 0, -1, -2)
        ]
        table = data_table(
            [_("Reached"), _("GAS level"), _("Description of the level")], rows, [1.7, 4, 6.3]
        )
        block = [heading(_("Goal {n}. {title}").format(n=i, title=g.title), 4), table]
        block += [para(_("Notes:"), "label"), WritingLines(1)]
        out.append(KeepTogether(block))
    if not goals:
        out.append(para(_("No goals recorded."), "muted"))
    return out


def _fields(pairs: list[tuple[str, object]]) -> Flowable:
    return field_table(pairs, ruled=False)


def _partner_blanks(n: int = 2) -> list[Signatory]:
    return [Signatory("", _("representative of a partner institution")) for _i in range(n)]


def build_diagnosis(data: CaseData) -> list[Flowable]:
    story: list[Flowable] = title_block(data.word(diagnosis_doc.TITLE), _subtitle())
    story.append(_fields([(_("Date of the diagnosis"), _line())]))
    story += [
        heading("I. " + data.word("The family")),
        family_fields(data),
        heading(data.word("Family members"), 3),
        members_table(data),
        heading(data.word("Changes in the composition of the family"), 4),
        WritingLines(2),
        heading("II. " + _("Participants in the diagnosis")),
        data_table(
            [_("No."), _("First name and surname"), data.word("Institution or family"), _("Role")],
            [[f"{i}.", write_in(7 * mm), "", ""] for i in range(1, 7)],
            [0.7, 3.5, 5, 3],
        ),
        heading("III. " + _("Diagnosis on the four axes of the Model Kooperacji")),
    ]
    for n, (title, parts) in enumerate(diagnosis_doc.AXES, 1):
        block: list[Flowable] = [heading(f"{n}. {_(title)}", 3)]
        for sub, _attr in parts:
            if sub is not None:
                block.append(heading(data.word(sub), 4))
            block.append(WritingLines(5 if sub is None else 4))
        story.append(KeepTogether(block))  # a section never splits over a page
    story += [
        KeepTogether(
            [
                heading("IV. " + data.word("Assessment of the areas of the family's life")),
                *domain_grid(data),
            ]
        ),
        KeepTogether(
            [heading("V. " + data.word("The family's own view of its situation")), WritingLines(5)]
        ),
    ]
    story += [heading("VI. " + _("Conclusions of the diagnosis")), WritingLines(6)]
    people = data.family_signatories() + [data.worker_signatory()] + _partner_blanks()
    lead = story[-2:]
    del story[-2:]
    story += signature_section(people, lead=lead)
    return story


def build_review(data: CaseData) -> list[Flowable]:
    plan = data.file.current_plan
    story: list[Flowable] = title_block(_(review_doc.TITLE), _subtitle())
    programme = EMPTY
    if plan is not None:
        programme = period_text(plan.period_from, plan.period_to)
        if plan.number:
            programme = f"{plan.number}, {programme}"
    story.append(
        _fields(
            [
                (_("Date of the review"), _line()),
                (_("Programme"), programme),
                (data.word("Family address"), data.address),
                (_("Present"), WritingLines(2, 7 * mm)),
                (data.word("The family took part"), TickRow([_("yes"), _("no")])),
            ]
        )
    )
    story += [heading("I. " + _("Goal attainment (GAS scale)")), *gas_blocks(plan)]
    story += [
        KeepTogether(
            [heading("II. " + data.word("Areas of the family's life")), *domain_grid(data)]
        ),
    ]
    statuses = [s.label for s in ActionStatus]
    story.append(heading("III. " + _("Realisation of the actions")))
    if plan is not None:
        story.append(
            actions_table(
                data,
                plan,
                extra_headers=[_("Status"), _("Notes")],
                extra=lambda _a: [tick_list(statuses), write_in(9 * mm)],
                extra_widths=[30, 19],
            )
        )
    else:
        story.append(para(_("No actions recorded."), "muted"))
    kept = [s.label for s in CommitmentStatus if s != CommitmentStatus.PENDING]
    crows = [
        [f"{i}.", c.description, tick_list(kept), write_in(9 * mm)]
        for i, c in enumerate(plan.commitments if plan is not None else [], 1)
    ]
    story += [
        KeepTogether(  # a section never splits over a page (unless longer than one)
            [
                heading("IV. " + data.word("Commitments of the family")),
                data_table(
                    [_("No."), _("Commitment"), _("Status"), _("Notes")],
                    crows,
                    [0.7, 5.0, 3.3, 3.6],
                    empty_text=_("No commitments recorded."),
                ),
            ]
        ),
        KeepTogether([heading("V. " + _("Summary of the review")), WritingLines(6)]),
        KeepTogether([heading("VI. " + data.word("Opinion of the family")), WritingLines(4)]),
        _fields([(_("Next review"), _line())]),
    ]
    people = data.family_signatories() + [data.worker_signatory()]
    people += data.plan_partner_signatories(plan) or _partner_blanks(1)
    lead = story[-1:]  # the next review's date stays with the signatures
    del story[-1:]
    story += signature_section(people, lead=lead)
    return story


def build_visit(data: CaseData) -> list[Flowable]:
    story: list[Flowable] = title_block(_(visit_doc.TITLE), _subtitle())
    story.append(
        _fields(
            [
                (_("Date and time of the visit"), _line()),
                (_("Place"), data.address),
                (_("Purpose of the visit"), WritingLines(2, 7 * mm)),
                (_("Persons present"), WritingLines(2, 7 * mm)),
            ]
        )
    )
    story += [
        heading(_("Course of the visit and arrangements")),
        WritingLines(10),
        _fields([(_("Next visit"), _line())]),
    ]
    people = [data.worker_signatory()] + data.family_signatories()
    lead = story[-1:]
    del story[-1:]
    story += signature_section(people, lead=lead)
    return story
