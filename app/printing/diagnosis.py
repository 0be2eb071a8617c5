"""Diagnoza sytuacji rodziny: the joint diagnosis on the four axes of the Model Kooperacji."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.i18n import N_, _
from app.models import Diagnosis
from app.models.enums import ParticipantKind, Relation
from app.printing.casedata import CaseData, label_of, partner_role
from app.printing.layout import EMPTY, data_table, fmt_date, heading, section, title_block
from app.printing.parts import family_fields, members_table, rating_text, scale_legend
from app.printing.signatures import Signatory, closing, signature_section
from app.services.document_titles import TITLES

TITLE = TITLES["diagnosis"]

# The four axes of the model: (heading, [(sub-heading, attribute)]).
AXES = (
    (N_("Causes and sources of the difficult situation"), ((None, "causes"),)),
    (
        N_("Strengths and weaknesses"),
        ((N_("Strengths"), "strengths"), (N_("Weaknesses"), "weaknesses")),
    ),
    (
        N_("Resources and deficits"),
        ((N_("Resources"), "resources"), (N_("Deficits"), "deficits")),
    ),
    (
        N_("Needs and expectations"),
        ((N_("Needs"), "needs"), (N_("Expectations of the family"), "expectations")),
    ),
)


def _team_role(data: CaseData, institution_id: str) -> str:
    for m in data.file.team:
        if m.institution_id == institution_id and (m.function or "").strip():
            return m.function.strip()
    return ""


def participant_rows(data: CaseData, diag: Diagnosis) -> list[list[str]]:
    """Everyone who took part, each with a role: the worker leading the case first (added when
    not recorded), family members in their relation ("wnioskodawczyni"), partners' staff in
    their function in the case team."""
    worker = (diag.author or data.worker or "").strip()
    entries: list[tuple[str, str, str]] = []
    names = {(p.name or "").strip() for p in diag.participants}
    if worker and worker not in names:
        entries.append((worker, data.home_name, _("social worker leading the case")))
    for p in diag.participants:
        role = (p.role or "").strip()
        if p.kind == ParticipantKind.FAMILY and p.person is not None:
            name, where = p.person.full_name, data.word("family")
            role = role or label_of(Relation, p.person.relation, p.person.sex)
        elif p.kind == ParticipantKind.INSTITUTION and p.institution is not None:
            name, where = p.name or data.representative(p.institution), p.institution.name
            role = role or _team_role(data, p.institution.id)
        else:
            name, where = p.name, label_of(ParticipantKind, p.kind)
        entries.append((name or EMPTY, where, role or EMPTY))
    return [[f"{i}.", *e] for i, e in enumerate(entries, 1)]


def rating_rows(data: CaseData, diag: Diagnosis) -> list[list[str]]:
    """Every area of life, the unrated ones said so ("nie oceniono") rather than left out."""
    rated = {r.domain_code: r for r in diag.ratings}
    codes = list(data.labels.domains) or list(rated)
    codes += [c for c in rated if c not in codes]
    rows = []
    for code in codes:
        r = rated.get(code)
        rows.append(
            [
                data.domain_label(code),
                rating_text(r.rating) if r is not None else _("not rated"),
                (r.note or EMPTY) if r is not None else EMPTY,
            ]
        )
    return rows


def signatories(data: CaseData, diag: Diagnosis) -> list[Signatory]:
    people = data.family_signatories() + [data.worker_signatory(diag.author or None)]
    seen: set[str] = set()
    home_id = data.home.id if data.home else None
    for p in diag.participants:
        inst = p.institution
        if p.kind != ParticipantKind.INSTITUTION or inst is None or inst.id in seen:
            continue
        if inst.id == home_id:
            continue
        seen.add(inst.id)
        people.append(Signatory(p.name or data.representative(inst), partner_role(inst, p.role)))
    return people


def build(data: CaseData, diag: Diagnosis) -> list[Flowable]:
    story: list[Flowable] = title_block(
        data.word(TITLE),
        data.word("made on {date} jointly with the family and the partner institutions").format(
            date=fmt_date(diag.made_on)
        ),
    )
    story += [
        heading("I. " + data.word("The family")),
        family_fields(data),
        heading(data.word("Family members"), 3),
        members_table(data),
    ]
    story += [
        heading("II. " + _("Participants in the diagnosis")),
        data_table(
            [_("No."), _("First name and surname"), data.word("Institution or family"), _("Role")],
            participant_rows(data, diag),
            [0.7, 3.5, 5, 3],
            empty_text=_("No participants recorded."),
        ),
    ]
    story.append(heading("III. " + _("Diagnosis on the four axes of the Model Kooperacji")))
    for n, (title, parts) in enumerate(AXES, 1):
        story.append(heading(f"{n}. {_(title)}", 3))
        for sub, attr in parts:
            text = getattr(diag, attr)
            if sub is None:
                story += section(_(title), text, 3)[1:]
            else:
                story += section(data.word(sub), text, 4)
    ratings = rating_rows(data, diag)
    story += [
        heading("IV. " + data.word("Assessment of the areas of the family's life")),
        data_table(
            [_("Area"), _("Assessment"), _("Notes")],
            ratings,
            [3, 3.3, 5.7],
            empty_text=_("No areas assessed."),
        ),
        scale_legend(),
    ]
    story += section("V. " + data.word("The family's own view of its situation"), diag.family_view)
    last = section("VI. " + _("Conclusions of the diagnosis"), diag.conclusions)
    lead = closing(last, diag.conclusions)
    story += last
    story += signature_section(signatories(data, diag), lead=lead)
    return story
