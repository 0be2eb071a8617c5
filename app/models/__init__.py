"""SQLAlchemy 2 models of Kooperacja, one module per aggregate.

``SYNCED_MODELS`` lists every table that travels in sync bundles and in ``dump --json``, parents
before children, which is also the order in which they are loaded.
"""

from app.models.audit import AuditEvent
from app.models.base import Base, SyncMixin, new_id, utcnow
from app.models.device import Device, Draft, Setting
from app.models.diagnosis import Diagnosis, DiagnosisParticipant, DomainRating
from app.models.erasure import ErasedRow, ErasureNotice, ErasureReceipt
from app.models.family import (
    Attachment,
    CaseTeamMember,
    Consent,
    ConsentRecipient,
    Family,
    FamilyReason,
    Person,
    Visit,
)
from app.models.pathway import (
    DiagnosticWorkshop,
    FamilyTransfer,
    MeetingDecision,
    PlanClosure,
    Referral,
    WorkshopParticipant,
)
from app.models.plan import Action, Commitment, Goal, SupportPlan
from app.models.reference import HelpReason, LifeDomain, Sector, ServiceArea, TercUnit
from app.models.registry import (
    Agreement,
    AgreementParty,
    CooperationTeam,
    Institution,
    MeetingAttendance,
    Service,
    TeamMeeting,
    TeamMembership,
)
from app.models.review import ActionStatusEntry, GoalScore, Review, ReviewDomainRating
from app.models.sync_state import (  # noqa: F401 - local sync bookkeeping tables
    SyncBase,
    SyncConflict,
    SyncKey,
    SyncPeer,
    SyncReceived,
    SyncRow,
    SyncSent,
    SyncSentRow,
)

# Shared reference data (sent by the coordinator to every device), parents first.
REGISTRY_MODELS: tuple[type[SyncMixin], ...] = (
    Institution,
    CooperationTeam,
    TeamMembership,
    Agreement,
    AgreementParty,
    TeamMeeting,
    MeetingAttendance,
    Service,
)

# Case data: everything that belongs to one family, parents first.
CASE_MODELS: tuple[type[SyncMixin], ...] = (
    Family,
    FamilyReason,
    Person,
    CaseTeamMember,
    Consent,
    ConsentRecipient,
    Referral,
    DiagnosticWorkshop,
    WorkshopParticipant,
    Diagnosis,
    DomainRating,
    DiagnosisParticipant,
    SupportPlan,
    Goal,
    Action,
    Commitment,
    Review,
    GoalScore,
    ReviewDomainRating,
    ActionStatusEntry,
    Visit,
    Attachment,
    PlanClosure,
    MeetingDecision,
    FamilyTransfer,
)

# Erasure notices and receipts: no case data, sent to and relayed by every device.
RODO_MODELS: tuple[type[SyncMixin], ...] = (ErasureNotice, ErasureReceipt)

SYNCED_MODELS: tuple[type[SyncMixin], ...] = REGISTRY_MODELS + CASE_MODELS + RODO_MODELS
REFERENCE_MODELS = (HelpReason, LifeDomain, Sector, ServiceArea, TercUnit)
MODEL_BY_TABLE = {m.__tablename__: m for m in SYNCED_MODELS}

__all__ = [
    "Action",
    "ActionStatusEntry",
    "Agreement",
    "AgreementParty",
    "Attachment",
    "AuditEvent",
    "Base",
    "CASE_MODELS",
    "CaseTeamMember",
    "Commitment",
    "Consent",
    "ConsentRecipient",
    "CooperationTeam",
    "Device",
    "Diagnosis",
    "DiagnosisParticipant",
    "DiagnosticWorkshop",
    "DomainRating",
    "ErasedRow",
    "ErasureNotice",
    "ErasureReceipt",
    "Draft",
    "Family",
    "FamilyReason",
    "FamilyTransfer",
    "Goal",
    "GoalScore",
    "HelpReason",
    "Institution",
    "LifeDomain",
    "MODEL_BY_TABLE",
    "MeetingAttendance",
    "MeetingDecision",
    "Person",
    "PlanClosure",
    "REFERENCE_MODELS",
    "REGISTRY_MODELS",
    "RODO_MODELS",
    "Referral",
    "Review",
    "ReviewDomainRating",
    "SYNCED_MODELS",
    "Sector",
    "Service",
    "ServiceArea",
    "Setting",
    "SupportPlan",
    "SyncMixin",
    "TeamMeeting",
    "TeamMembership",
    "TercUnit",
    "Visit",
    "WorkshopParticipant",
    "new_id",
    "utcnow",
]
