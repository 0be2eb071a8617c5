"""The whole case file of one family, loaded at once for a screen or a printed form.

Opening a case file is a "view" in the audit log (RODO: every access to a case is recorded).
The returned rows are detached with their collections loaded, so the UI and the printing code
can read them freely after the transaction ended.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import (
    Attachment,
    CaseTeamMember,
    Consent,
    ConsentRecipient,
    Diagnosis,
    DiagnosisParticipant,
    DiagnosticWorkshop,
    Family,
    FamilyTransfer,
    Institution,
    PlanClosure,
    Referral,
    Review,
    SupportPlan,
    TercUnit,
    Visit,
    WorkshopParticipant,
)
from app.models.plan import Action, Commitment
from app.services import audit, controller
from app.services.common import get_live
from app.services.handover_rule import is_trace
from app.services.workspace import Workspace


@dataclass
class FamilyFile:
    family: Family
    gmina: TercUnit | None
    team: list[CaseTeamMember] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    diagnoses: list[Diagnosis] = field(default_factory=list)
    plans: list[SupportPlan] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    # The pilots' case path: referrals, diagnostic workshops, IPW closures, handovers.
    referrals: list[Referral] = field(default_factory=list)
    workshops: list[DiagnosticWorkshop] = field(default_factory=list)
    closures: list[PlanClosure] = field(default_factory=list)
    transfers: list[FamilyTransfer] = field(default_factory=list)

    @property
    def persons(self):
        return self.family.persons

    @property
    def is_handover_trace(self) -> bool:
        """The family was handed over from the gmina it has here: this file is the closed,
        read-only trace its former OPS keeps (``handover_rule.is_trace``)."""
        return is_trace(self.family.gmina_code, [t.from_gmina_code for t in self.transfers])

    @property
    def latest_diagnosis(self) -> Diagnosis | None:
        return self.diagnoses[0] if self.diagnoses else None

    @property
    def current_plan(self) -> SupportPlan | None:
        active = [p for p in self.plans if p.status == "active"]
        return next(iter(active or self.plans), None)


def _live(model):
    return model.deleted.is_(False)


def load_family_file(s: Session, family_id: str) -> FamilyFile:
    """Load everything of one case in a handful of queries (no audit; see ``open_family``)."""
    fid = get_live(s, Family, family_id).id
    family = s.scalars(
        select(Family)
        .where(Family.id == fid)
        .options(selectinload(Family.persons), selectinload(Family.reasons))
        .execution_options(populate_existing=True)
    ).one()
    team = s.scalars(
        select(CaseTeamMember)
        .where(CaseTeamMember.family_id == fid, _live(CaseTeamMember))
        .options(selectinload(CaseTeamMember.institution))
        .order_by(CaseTeamMember.name)
    ).all()
    consents = s.scalars(
        select(Consent)
        .where(Consent.family_id == fid, _live(Consent))
        .options(
            selectinload(Consent.recipients).selectinload(ConsentRecipient.institution),
            selectinload(Consent.person),
        )
        .order_by(Consent.signed_on.desc())
    ).all()
    diagnoses = s.scalars(
        select(Diagnosis)
        .where(Diagnosis.family_id == fid, _live(Diagnosis))
        .options(
            selectinload(Diagnosis.ratings),
            selectinload(Diagnosis.participants).selectinload(DiagnosisParticipant.institution),
            selectinload(Diagnosis.participants).selectinload(DiagnosisParticipant.person),
        )
        .order_by(Diagnosis.made_on.desc())
    ).all()
    plans = s.scalars(
        select(SupportPlan)
        .where(SupportPlan.family_id == fid, _live(SupportPlan))
        .options(
            selectinload(SupportPlan.goals),
            selectinload(SupportPlan.actions).selectinload(Action.institution),
            selectinload(SupportPlan.actions).selectinload(Action.service),
            selectinload(SupportPlan.actions).selectinload(Action.goal),
            selectinload(SupportPlan.commitments).selectinload(Commitment.person),
        )
        .order_by(SupportPlan.period_from.desc())
    ).all()
    reviews = s.scalars(
        select(Review)
        .where(Review.family_id == fid, _live(Review))
        .options(
            selectinload(Review.goal_scores),
            selectinload(Review.domain_ratings),
            selectinload(Review.action_statuses),
        )
        .order_by(Review.held_on.desc())
    ).all()
    visits = s.scalars(
        select(Visit).where(Visit.family_id == fid, _live(Visit)).order_by(Visit.visit_on.desc())
    ).all()
    attachments = s.scalars(
        select(Attachment)
        .where(Attachment.family_id == fid, _live(Attachment))
        .order_by(Attachment.added_on.desc())
    ).all()
    referrals = s.scalars(
        select(Referral)
        .where(Referral.family_id == fid, _live(Referral))
        .options(selectinload(Referral.institution), selectinload(Referral.consent_person))
        .order_by(Referral.referred_on.desc(), Referral.id)
    ).all()
    workshops = s.scalars(
        select(DiagnosticWorkshop)
        .where(DiagnosticWorkshop.family_id == fid, _live(DiagnosticWorkshop))
        .options(
            selectinload(DiagnosticWorkshop.participants).selectinload(
                WorkshopParticipant.institution
            ),
            selectinload(DiagnosticWorkshop.participants).selectinload(WorkshopParticipant.person),
        )
        .order_by(DiagnosticWorkshop.held_on.desc(), DiagnosticWorkshop.id)
    ).all()
    closures = s.scalars(
        select(PlanClosure)
        .where(PlanClosure.family_id == fid, _live(PlanClosure))
        .order_by(PlanClosure.closed_on.desc(), PlanClosure.id)
    ).all()
    transfers = s.scalars(
        select(FamilyTransfer)
        .where(FamilyTransfer.family_id == fid, _live(FamilyTransfer))
        .order_by(FamilyTransfer.transferred_on.desc(), FamilyTransfer.id)
    ).all()
    return FamilyFile(
        family=family,
        gmina=s.get(TercUnit, family.gmina_code),
        team=list(team),
        consents=list(consents),
        diagnoses=list(diagnoses),
        plans=list(plans),
        reviews=list(reviews),
        visits=list(visits),
        attachments=list(attachments),
        referrals=list(referrals),
        workshops=list(workshops),
        closures=list(closures),
        transfers=list(transfers),
    )


def open_family(ws: Workspace, family_id: str) -> FamilyFile:
    """The case file, with a "view" event in the audit log."""
    with ws.transaction() as s:
        result = load_family_file(s, family_id)
        audit.record(s, "view", "family", family_id, family_id)
        return result


def home_institution(ws: Workspace) -> Institution | None:
    """The OPS (or PCPR) that runs this installation: its name and address head every form."""
    with ws.transaction() as s:
        own = controller.home_id(s)
        return s.get(Institution, own) if own else None


def reload_family(ws: Workspace, family_id: str) -> FamilyFile:
    """The case file again after a change made in a window that already has it open.

    The opening was recorded as a "view" by ``open_family``; the change itself is in the audit
    log, so reloading to show the saved values adds no event.
    """
    with ws.transaction() as s:
        return load_family_file(s, family_id)
