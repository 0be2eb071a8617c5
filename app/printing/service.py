"""Printing use cases: load a document's data through the services, render it in memory, audit.

    pdf = render_document(ws, "contract", family_id=fid)   # CLI and scripts: audited as a print
    doc = prepare_document(ws, "diagnosis", family_id=fid)  # the in-app preview: audited as a view
    record_output(ws, doc)                                  # the user printed or saved it

The PDF only ever exists as bytes in memory (``io.BytesIO``); writing it where the user chose is
the caller's job (``app.config.atomic_write_bytes``).  Audit events carry ids and the document
kind, never the content.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from app.errors import NotFound, UsageError, ValidationError
from app.i18n import _
from app.models import HelpReason, LifeDomain, Sector
from app.printing import (
    agreement,
    blank,
    consent,
    contract,
    diagnosis,
    pilot_docs,
    plan,
    review,
    visit,
)
from app.printing.casedata import CaseData, Labels
from app.printing.page_frame import build_pdf
from app.services import audit, casefile, controller, reference, registry
from app.services.workspace import Workspace

# kind → (title, audited entity); the order is the order of menus and of `kooperacja print`.
KINDS: dict[str, tuple[str, str]] = {
    "diagnosis": (diagnosis.TITLE, "diagnosis"),
    "plan": (plan.TITLE, "support_plan"),
    "contract": (contract.TITLE, "support_plan"),
    "review": (review.TITLE, "review"),
    "consent": (consent.TITLE, "consent"),
    "visit": (visit.TITLE, "visit"),
    "agreement": (agreement.TITLE, "agreement"),
    "blank-diagnosis": (blank.TITLE_DIAGNOSIS, "family"),
    "blank-review": (blank.TITLE_REVIEW, "family"),
    "blank-visit": (blank.TITLE_VISIT, "family"),
}
# With the pilot model's documents (referral, workshop, closing; agenda, minutes, tasks), which
# need their own ids: ``kooperacja print`` offers them all.
ALL_KINDS: dict[str, tuple[str, str]] = KINDS | {
    kind: (title, entity) for kind, (title, entity, _stem) in pilot_docs.KINDS.items()
}
FILE_STEMS = {
    "diagnosis": "diagnoza",
    "plan": "ipw",
    "contract": "kontrakt-socjalny",
    "review": "ocena-okresowa",
    "consent": "zgoda-rodo",
    "visit": "notatka-z-wizyty",
    "agreement": "porozumienie",
    "blank-diagnosis": "diagnoza-formularz",
    "blank-review": "ocena-formularz",
    "blank-visit": "wizyta-formularz",
    **{kind: stem for kind, (_title, _entity, stem) in pilot_docs.KINDS.items()},
}


@dataclass(frozen=True)
class PrintedDocument:
    kind: str
    title: str  # the document type, translated (also the PDF title)
    pdf: bytes
    entity: str
    record_id: str
    family_id: str
    printed_on: date
    warnings: tuple[str, ...] = ()  # what the document lacks (shown before it is signed)

    @property
    def filename(self) -> str:
        """A suggested file name without personal data: "kontrakt-socjalny-2026-11-23.pdf"."""
        return f"{FILE_STEMS.get(self.kind, self.kind)}-{self.printed_on.isoformat()}.pdf"


def document_title(kind: str) -> str:
    return _(ALL_KINDS[kind][0])


def _check_kind(kind: str) -> None:
    if kind not in ALL_KINDS:
        raise UsageError(_("Unknown document: {kind}.").format(kind=kind))


def load_case(ws: Workspace, family_id: str | None, printed_on: date) -> CaseData:
    if not family_id:
        raise UsageError(_("Choose the family whose document is to be printed."))
    with ws.transaction() as s:
        file = casefile.load_family_file(s, family_id)
    labels = Labels(
        domains=reference.labels(ws, LifeDomain),
        reasons=reference.labels(ws, HelpReason),
        sectors=reference.labels(ws, Sector),
    )
    worker = file.family.lead_worker or ws.actor
    home = casefile.home_institution(ws)
    return CaseData(file, home, labels, printed_on, worker, controller.get_controller(ws))


def _pick(rows: list, record_id: str | None, missing: str, not_found: str):
    if record_id:
        for row in rows:
            if row.id == record_id:
                return row
        raise NotFound(not_found)
    if not rows:
        raise NotFound(missing)
    return rows[0]


def _case_story(data: CaseData, kind: str, review_id: str | None, visit_id: str | None):
    """(story, audited record id) of one case document."""
    f = data.file
    if kind == "diagnosis":
        diag = _pick(f.diagnoses, None, _("This family has no diagnosis yet."), "")
        return diagnosis.build(data, diag), diag.id
    if kind in ("plan", "contract"):
        current = f.current_plan
        if current is None:
            raise NotFound(_("This family has no cooperation programme (IPW) yet."))
        if kind == "plan":
            return plan.build(data, current), current.id
        if not current.goals:
            raise ValidationError(
                _(
                    "The social contract cannot be printed: the programme has no specific goal "
                    "yet. Add at least one goal to the programme (IPW) first."
                )
            )
        return contract.build(data, current, f.latest_diagnosis), current.id
    if kind == "review":
        rev = _pick(
            f.reviews,
            review_id,
            _("No review of this family's programme has been recorded yet."),
            _("This review is not in the family's file."),
        )
        reviewed = next((p for p in f.plans if p.id == rev.plan_id), None)
        if reviewed is None:
            raise NotFound(_("The programme of this review was not found."))
        earlier = [d for d in f.diagnoses if d.made_on <= rev.held_on]
        return review.build(data, rev, reviewed, next(iter(earlier or f.diagnoses), None)), rev.id
    if kind == "visit":
        done = [v for v in f.visits if v.status == "done"] + [
            v for v in f.visits if v.status != "done"
        ]
        v = _pick(
            done if not visit_id else f.visits,
            visit_id,
            _("No visit to this family has been recorded yet."),
            _("This visit is not in the family's file."),
        )
        return visit.build(data, v), v.id
    if kind == "consent":
        recorded = f.consents[0] if f.consents else None
        return consent.build(data, recorded), recorded.id if recorded else f.family.id
    if kind == "blank-diagnosis":
        return blank.build_diagnosis(data), f.family.id
    if kind == "blank-review":
        return blank.build_review(data), f.family.id
    return blank.build_visit(data), f.family.id


def load_agreement(
    ws: Workspace, team_id: str | None, agreement_id: str | None, printed_on: date
) -> agreement.AgreementData:
    if agreement_id:
        chosen = registry.get_agreement(ws, agreement_id)
        team_id = chosen.team_id
    elif team_id:
        found = registry.list_agreements(ws, team_id)
        if not found:
            raise NotFound(_("This cooperation team has no agreement recorded yet."))
        chosen = found[0]
    else:
        raise UsageError(_("Choose the cooperation team whose agreement is to be printed."))
    team = next((t for t in registry.list_teams(ws) if t.id == team_id), None)
    if team is None:
        raise NotFound(_("The cooperation team was not found."))
    parties = [
        agreement.Party(p.institution, p.representative, p.function, p.side)
        for p in chosen.parties
        if p.institution is not None
    ]
    if not parties:  # an agreement drafted before its parties were entered: the team's members
        parties = [
            agreement.Party(m.institution, m.representative, m.role)
            for m in team.members
            if m.institution is not None
        ]
    return agreement.AgreementData(team, chosen, parties, casefile.home_institution(ws), printed_on)


def prepare_document(
    ws: Workspace,
    kind: str,
    *,
    family_id: str | None = None,
    review_id: str | None = None,
    visit_id: str | None = None,
    team_id: str | None = None,
    agreement_id: str | None = None,
    printed_on: date | None = None,
    audit_action: str = "view",
    pilot: pilot_docs.Ids | None = None,
) -> PrintedDocument:
    """Load, render and audit one document (``audit_action``: "view" for a preview, "print")."""
    _check_kind(kind)
    day = printed_on or date.today()
    title = document_title(kind)
    if kind in pilot_docs.KINDS:
        ids = pilot or pilot_docs.Ids()
        ids = replace(ids, family_id=family_id or ids.family_id, team_id=team_id or ids.team_id)
        if kind in pilot_docs.CASE_KINDS:
            case = load_case(ws, ids.family_id, day)
            built = pilot_docs.build_case(ws, kind, ids, title, case)
        else:
            built = pilot_docs.build_team(ws, kind, ids, title, day)
        pdf = build_pdf(built.header, built.story)
        record_id, fid = built.record_id, built.family_id
        warnings: tuple[str, ...] = built.warnings
    elif kind == "agreement":
        data = load_agreement(ws, team_id, agreement_id, day)
        pdf = build_pdf(data.header(title), agreement.build(data))
        record_id, fid = data.agreement.id, ""
        warnings = ()
    else:
        case = load_case(ws, family_id, day)
        title = case.word(ALL_KINDS[kind][0])  # "of the person's situation" for one person
        story, record_id = _case_story(case, kind, review_id, visit_id)
        pdf = build_pdf(case.header(title), story)
        fid = case.family.id
        warnings = document_warnings(case, kind)
    doc = PrintedDocument(kind, title, pdf, ALL_KINDS[kind][1], record_id, fid, day, warnings)
    _audit(ws, doc, audit_action)
    return doc


def document_warnings(case: CaseData, kind: str) -> tuple[str, ...]:
    """What a worker must complete before the family signs (the consent's controller data)."""
    if kind == "consent" and case.controller is not None:
        return tuple(case.controller.missing())
    return ()


def _audit(ws: Workspace, doc: PrintedDocument, action: str) -> None:
    with ws.transaction() as s:
        audit.record(s, action, doc.entity, doc.record_id, doc.family_id, detail=doc.kind)


def record_output(ws: Workspace, doc: PrintedDocument) -> None:
    """The user printed the previewed document or saved it as a PDF: a "print" audit event."""
    _audit(ws, doc, "print")


def render_document(
    ws: Workspace,
    kind: str,
    *,
    family_id: str | None = None,
    review_id: str | None = None,
    visit_id: str | None = None,
    team_id: str | None = None,
    agreement_id: str | None = None,
    printed_on: date | None = None,
    pilot: pilot_docs.Ids | None = None,
) -> bytes:
    """The PDF of one document, with a "print" event in the audit log."""
    return prepare_document(
        ws,
        kind,
        family_id=family_id,
        review_id=review_id,
        visit_id=visit_id,
        team_id=team_id,
        agreement_id=agreement_id,
        printed_on=printed_on,
        audit_action="print",
        pilot=pilot,
    ).pdf
