"""The PDF of a person's own data (art. 15 RODO), from ``app.services.rodo.access``.

The document goes to the person: what is processed about them, why, for how long, who received
it, and their rights; then every record about them.  The JSON copy carries the same content in
machine-readable form.  The PDF title (its metadata) is the document type only.
"""

from __future__ import annotations

import ctypes
import io
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from reportlab.platypus import Flowable, Spacer

from app.i18n import N_, _
from app.printing.layout import (
    PageHeader,
    data_table,
    field_table,
    fmt_date,
    fmt_moment,
    fmt_value,
    heading,
    para,
    title_block,
)
from app.printing.page_frame import build_pdf
from app.services.record_rules import VALUE_LISTS
from app.services.rodo.access import Document, SubjectAccess

TABLE_LABELS: dict[str, str] = {
    "family_reason": N_("Reasons for help"),
    "case_team_member": N_("Case team"),
    "diagnosis": N_("Diagnoses"),
    "domain_rating": N_("Diagnosis: ratings of life domains"),
    "diagnosis_participant": N_("Diagnosis: participants"),
    "support_plan": N_("Programmes (IPW)"),
    "goal": N_("Programme goals"),
    "action": N_("Programme actions"),
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
    "plan_closure": N_("Closures of the programme (IPW)"),
    "meeting_decision": N_("Meeting decisions"),
    "family_transfer": N_("Handovers to another gmina"),
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
    "subject_kind": N_("Who the case is about"),
    "made_on": N_("Date"),
    "causes": N_("Causes of the difficult situation"),
    "strengths": N_("Strengths"),
    "weaknesses": N_("Weaknesses"),
    "resources": N_("Resources"),
    "deficits": N_("Deficits"),
    "needs": N_("Needs"),
    "expectations": N_("Expectations"),
    "family_view": N_("The family's view"),
    "conclusions": N_("Conclusions"),
    "author": N_("Author"),
    "finalized": N_("Finalised"),
    "domain_code": N_("Life domain"),
    "rating": N_("Rating"),
    "note": N_("Note"),
    "kind": N_("Kind"),
    "name": N_("Name"),
    "role": N_("Role"),
    "function": N_("Function"),
    "email": N_("E-mail"),
    "reason_code": N_("Reason for help"),
    "noted_on": N_("Noted on"),
    "number": N_("Number"),
    "period_from": N_("From"),
    "period_to": N_("To"),
    "main_goal": N_("Main goal"),
    "adopted_on": N_("Adopted on"),
    "review_every_days": N_("Review every (days)"),
    "title": N_("Title"),
    "description": N_("Description"),
    "weight": N_("Weight"),
    "baseline": N_("Starting level"),
    "level_m2": N_("Level −2"),
    "level_m1": N_("Level −1"),
    "level_0": N_("Level 0 (expected)"),
    "level_p1": N_("Level +1"),
    "level_p2": N_("Level +2"),
    "level": N_("Level"),
    "sector_code": N_("Sector"),
    "responsible_person": N_("Responsible person"),
    "start_on": N_("Start"),
    "end_on": N_("End"),
    "frequency": N_("Frequency"),
    "drop_reason": N_("Reason for dropping"),
    "due_on": N_("Due on"),
    "held_on": N_("Held on"),
    "present": N_("Present"),
    "family_attended": N_("The family attended"),
    "summary": N_("Summary"),
    "family_opinion": N_("The family's opinion"),
    "next_review_on": N_("Next review"),
    "visit_on": N_("Visit date"),
    "purpose": N_("Purpose"),
    "worker": N_("Worker"),
    "next_visit_on": N_("Next visit"),
    "filename": N_("File"),
    "size": N_("Size (bytes)"),
    "added_on": N_("Added on"),
}


_HIDDEN = frozenset({"position", "sort_order", "sha256", "mime_type"})


_ORDER = {name: i for i, name in enumerate(FIELD_LABELS)}  # the forms' order, not the alphabet


def _label(field: str) -> str:
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else field.replace("_", " ")


def _value(
    tbl: str, name: str, value: object, sex: str, codes: dict[str, dict[str, str]]
) -> object:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if not isinstance(value, str):
        return value
    if (shown := fmt_value(value)) != value:  # a date or a moment
        return shown
    if (tbl, name) in VALUE_LISTS:  # a code of a value list, shown with its label
        enum = VALUE_LISTS[(tbl, name)][0]
        try:
            return enum(value).label_for(sex)
        except ValueError:
            return value
    if name in codes:
        return codes[name].get(value, value)
    return value


def _pairs(
    record: dict[str, Any],
    tbl: str = "",
    sex: str = "",
    codes: dict[str, dict[str, str]] | None = None,
) -> list[tuple[str, object]]:
    return [
        (_label(k), _value(tbl, k, v, sex, codes or {}))
        for k, v in sorted(record.items(), key=lambda kv: (_ORDER.get(kv[0], len(_ORDER)), kv[0]))
        if v not in (None, "", [], {}) and k != "id" and not k.endswith("_id") and k not in _HIDDEN
    ]


def subject_access_pdf(data: SubjectAccess, institution_address: str = "") -> bytes:
    header = PageHeader(
        institution_name=data.controller,
        institution_address=institution_address,
        reference=str(data.family.get("case_number", "")),
        title=_("Information on personal data (art. 15 RODO)"),
        printed_on=data.generated_on,
    )
    sex = str(data.person.get("sex") or "")
    story: list[Flowable] = [
        *title_block(
            _("Information on the personal data processed (art. 15 RODO)"),
            _("For: {name}, as of {day}").format(
                name=data.full_name, day=fmt_date(data.generated_on)
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
        field_table(_pairs(data.person, "person", sex)),
        heading(_("The case file")),
        field_table(_pairs(data.family, "family", sex, data.code_labels)),
        heading(_("Consents and their history")),
    ]
    if not data.consents:
        story.append(para(_("No consents."), "muted"))
    for c in data.consents:
        story.append(
            field_table(
                [*_pairs(c.record, "consent"), (_("Recipients"), ", ".join(c.institutions))]
            )
        )
        story.append(
            data_table(
                [_("When"), _("Event"), _("Who")],
                [(fmt_moment(a), ev, who) for a, ev, who in c.history],
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
                    fmt_moment(r.at, ""),
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
            story += [field_table(_pairs(row, tbl, sex, data.code_labels)), Spacer(1, 6)]
    if data.documents:
        story += [
            heading(_("Documents attached to this copy")),
            para(
                _(
                    "Each document is embedded in this PDF file as an attachment (in a PDF "
                    "reader: the attachments panel)."
                ),
                "note",
            ),
            data_table(
                [_("Title"), _("File"), _("SHA-256")],
                [(d.title, _file_name(d, i), d.sha256[:16]) for i, d in enumerate(data.documents)],
                [2.0, 2.0, 1.6],
            ),
        ]
    return embed_files(
        build_pdf(header, story),
        [(_file_name(d, i), d.content) for i, d in enumerate(data.documents)],
    )


def _file_name(doc: Document, index: int) -> str:
    """The embedded file's name: the original one, or a neutral one when it has none."""
    return doc.filename or f"dokument-{index + 1}"


def embed_files(pdf: bytes, files: list[tuple[str, bytes]]) -> bytes:
    """``pdf`` with ``files`` embedded (PDF attachments, through pdfium)."""
    if not files:
        return pdf
    doc = pdfium.PdfDocument(pdf)
    try:
        used: set[str] = set()
        for name, content in files:
            unique, n = name, 1
            while unique in used:  # two documents with one name both reach the person
                n += 1
                unique = f"{n}-{name}"
            used.add(unique)
            wide = (unique + "\x00").encode("utf-16-le")
            buffer = ctypes.create_string_buffer(wide, len(wide))
            handle = pdfium_c.FPDFDoc_AddAttachment(
                doc, ctypes.cast(buffer, pdfium_c.FPDF_WIDESTRING)
            )
            if not handle or not pdfium_c.FPDFAttachment_SetFile(
                handle, doc, content, len(content)
            ):
                raise RuntimeError("pdfium refused an attachment")
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    finally:
        doc.close()
