"""The PDF of a person's own data (art. 15 RODO), from ``app.services.rodo.access``.

The document goes to the person: what is processed about them, why, for how long, who received
it, and their rights; then every record about them.  The JSON copy carries the same content in
machine-readable form.  The PDF title (its metadata) is the document type only.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from app.i18n import N_, _
from app.printing.layout import (
    PageHeader,
    build_pdf,
    data_table,
    field_table,
    heading,
    para,
    title_block,
)
from app.services.rodo.access import SubjectAccess

TABLE_LABELS: dict[str, str] = {
    "family_reason": N_("Reasons for help"),
    "case_team_member": N_("Case team"),
    "diagnosis": N_("Diagnoses"),
    "domain_rating": N_("Diagnosis: ratings of life domains"),
    "diagnosis_participant": N_("Diagnosis: participants"),
    "support_plan": N_("Support plans (IPW)"),
    "goal": N_("Plan goals"),
    "action": N_("Plan actions"),
    "commitment": N_("Commitments"),
    "review": N_("Reviews"),
    "goal_score": N_("Review: goal scores"),
    "review_domain_rating": N_("Review: ratings of life domains"),
    "action_status_entry": N_("Review: action statuses"),
    "visit": N_("Visits"),
    "attachment": N_("Documents (listed; copies on request)"),
    "referral": N_("Referrals"),
    "diagnostic_workshop": N_("Diagnostic workshops"),
    "workshop_participant": N_("Workshop participants"),
    "plan_closure": N_("Plan closures"),
    "meeting_decision": N_("Team decisions"),
    "family_transfer": N_("Transfers between gminas"),
}
FIELD_LABELS: dict[str, str] = {
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "pesel": N_("PESEL"),
    "birth_date": N_("Date of birth"),
    "sex": N_("Sex"),
    "relation": N_("Relation"),
    "document_type": N_("Identity document"),
    "document_number": N_("Document number"),
    "disability": N_("Disability"),
    "disability_until": N_("Disability until"),
    "education": N_("Education"),
    "employment": N_("Employment"),
    "school": N_("School"),
    "phone": N_("Phone"),
    "health_notes": N_("Health"),
    "notes": N_("Notes"),
    "case_number": N_("Case number"),
    "gmina_code": N_("Gmina (TERYT)"),
    "locality": N_("Locality"),
    "street": N_("Street"),
    "house_number": N_("House number"),
    "flat_number": N_("Flat number"),
    "postal_code": N_("Postal code"),
    "status": N_("Status"),
    "lead_worker": N_("Lead worker"),
    "opened_on": N_("Opened on"),
    "closed_on": N_("Closed on"),
    "closure_note": N_("Closure note"),
    "retention_class": N_("Retention class (JRWA)"),
    "signed_on": N_("Signed on"),
    "scope": N_("Scope"),
    "valid_until": N_("Valid until"),
    "withdrawn_on": N_("Withdrawn on"),
    "withdrawal_note": N_("Reason for withdrawal"),
}


def _label(field: str) -> str:
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else field.replace("_", " ")


def _pairs(record: dict[str, Any]) -> list[tuple[str, object]]:
    return [
        (_label(k), v)
        for k, v in sorted(record.items(), key=lambda kv: (kv[0] not in FIELD_LABELS, kv[0]))
        if v not in (None, "", [], {})
        and k != "id"
        and not k.endswith("_id")
        and k not in ("position", "sort_order", "sha256")
    ]


def subject_access_pdf(data: SubjectAccess, institution_address: str = "") -> bytes:
    header = PageHeader(
        institution_name=data.controller,
        institution_address=institution_address,
        reference=str(data.family.get("case_number", "")),
        title=_("Information on personal data (art. 15 RODO)"),
        printed_on=data.generated_on,
    )
    story: list[Flowable] = [
        *title_block(
            _("Information on the personal data processed (art. 15 RODO)"),
            _("For: {name}, as of {day}").format(
                name=data.full_name, day=data.generated_on.isoformat()
            ),
        ),
        para(
            _(
                "Controller: {controller}. Purpose: social work and the Model Kooperacji "
                "support of the family (art. 6(1)(c) and (e), art. 9(2)(b), (g) and (h) RODO; "
                "art. 100 and 110 of the act on social assistance). Your data are kept for "
                "the retention period of the case's JRWA class, counted from 1 January after "
                "the case closes, then archived or erased. You may ask for a correction "
                "(art. 16), erasure (art. 17) or restriction (art. 18), and complain to the "
                "President of the Personal Data Protection Office (PUODO)."
            ).format(controller=data.controller),
            "note",
        ),
        heading(_("Your data")),
        field_table(_pairs(data.person)),
        heading(_("The case file")),
        field_table(_pairs(data.family)),
        heading(_("Consents and their history")),
    ]
    if not data.consents:
        story.append(para(_("No consents."), "muted"))
    for c in data.consents:
        story.append(field_table([*_pairs(c.record), (_("Recipients"), ", ".join(c.institutions))]))
        story.append(
            data_table(
                [_("When"), _("Event"), _("By")],
                [(a.strftime("%Y-%m-%d %H:%M"), ev, who) for a, ev, who in c.history],
                [1.2, 2.0, 1.5],
                empty_text=_("No events."),
            )
        )
    story += [
        heading(_("Recipients of your data")),
        data_table(
            [_("When"), _("Kind"), _("Recipient"), _("Detail")],
            [
                (
                    r.at.strftime("%Y-%m-%d %H:%M") if r.at else "",
                    r.kind_label,
                    r.recipient,
                    r.detail,
                )
                for r in data.recipients
            ],
            [1.2, 1.2, 2.0, 2.0],
            empty_text=_("Your data were not passed to anyone."),
        ),
        heading(_("Other records of the case that concern you")),
    ]
    if not data.records:
        story.append(para(_("No other records."), "muted"))
    for tbl, rows in data.records.items():
        story.append(heading(_(TABLE_LABELS[tbl]) if tbl in TABLE_LABELS else tbl, 3))
        for row in rows:
            story.append(field_table(_pairs(row)))
    return build_pdf(header, story)
