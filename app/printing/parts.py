"""Building blocks several case documents print: the family's data, members, scales, goals."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.i18n import _
from app.models.enums import (
    DOMAIN_SCALE,
    GAS_LEVELS,
    Disability,
    Education,
    Employment,
    IdDocument,
    Relation,
)
from app.printing.casedata import CaseData, label_of
from app.printing.layout import EMPTY, data_table, field_table, fmt_date, para


def identity_text(person) -> str:
    if person.pesel:
        return person.pesel
    if person.document_number:
        return f"{label_of(IdDocument, person.document_type)} {person.document_number}"
    return EMPTY


def family_fields(data: CaseData, *, reasons: bool = True) -> Flowable:
    pairs: list[tuple[str, object]] = [
        (_("Address of residence"), data.address),
        (_("Gmina"), data.gmina_name or EMPTY),
    ]
    if data.family.phone:
        pairs.append((_("Telephone"), data.family.phone))
    pairs.append((_("Social worker in charge"), data.worker or EMPTY))
    if reasons:
        pairs.append(
            (_("Reasons for help (art. 7 of the Social Assistance Act)"), data.reasons_text())
        )
    return field_table(pairs)


def members_table(data: CaseData, *, full: bool = True) -> Flowable:
    """The household: everyone, with PESEL (or document), birth date and relation."""
    if full:
        headers = [
            _("No."),
            _("First name and surname"),
            _("PESEL or identity document"),
            _("Date of birth"),
            _("Relation to the applicant"),
            _("Education and occupational situation"),
            _("Disability"),
        ]
        widths = [7.5, 34, 23.5, 19.5, 29, 33, 25.5]  # mm
        rows = [
            [
                f"{i}.",
                p.full_name,
                identity_text(p),
                fmt_date(p.birth_date),
                label_of(Relation, p.relation, p.sex),
                [
                    para(label_of(Education, p.education), "cell"),
                    para(label_of(Employment, p.employment, p.sex), "cell_muted"),
                ],
                label_of(Disability, p.disability),
            ]
            for i, p in enumerate(data.persons, 1)
        ]
    else:
        headers = [
            _("No."),
            _("First name and surname"),
            _("Date of birth"),
            _("Relation to the applicant"),
        ]
        widths = [0.7, 5, 2.2, 4]
        rows = [
            [f"{i}.", p.full_name, fmt_date(p.birth_date), label_of(Relation, p.relation, p.sex)]
            for i, p in enumerate(data.persons, 1)
        ]
    return data_table(headers, rows, widths, empty_text=data.word("No family members recorded."))


def rating_text(rating: int | None) -> str:
    if rating is None:
        return _("not rated")
    sign = "+" if rating > 0 else ("−" if rating < 0 else "")
    return f"{sign}{abs(rating)} ({_(DOMAIN_SCALE.get(rating, ''))})"


def scale_legend() -> Flowable:
    items = ", ".join(
        f"{'+' if k > 0 else ('−' if k < 0 else '')}{abs(k)} {_(v)}"
        for k, v in sorted(DOMAIN_SCALE.items())
    )
    return para(_("Scale: {items}.").format(items=items), "note")


def gas_level_text(level: int | None) -> str:
    if level is None:
        return EMPTY
    sign = "+" if level > 0 else ("−" if level < 0 else "")
    return f"{sign}{abs(level)} ({_(GAS_LEVELS.get(level, ''))})"


def gas_table(goal) -> Flowable:
    """The goal's attainment scale: each level −2 … +2 with what it means for this family."""
    rows = []
    for level in (2, 1, 0, -1, -2):
        name = gas_level_text(level)
        if level == goal.baseline:
            name += "\n" + _("(starting level)")
        rows.append([name, goal.level_text(level) or EMPTY])
    return data_table([_("GAS level"), _("Description of the level")], rows, [3.6, 8.4])
