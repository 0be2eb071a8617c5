"""Closed value lists of the domain, with their user-facing labels (translated when shown).

Values are stored as short English codes; labels are English source strings translated through
the shared catalogue (``app.i18n``), so Polish is what users see.

Polish agrees with what a label speaks of, and the enums say how:

- a status names a state *of a noun*; each status enum has its own gettext context
  (``_label_context``), so a plan is "odwołany", a visit "odwołana", an action "zrealizowane";
- a word said of a person (relation, employment) follows the person's recorded sex:
  ``Relation.SPOUSE.label_for("F")`` is "małżonka", ``label_for("M")`` "małżonek", and
  ``label_for(None)`` (sex unknown) the neutral "małżonek/małżonka", which is also ``.label``.
  ``choices(sex)`` gives a combo's items in the forms for that person.
"""

from __future__ import annotations

from app.i18n import N_, NG_, NP_
from app.models.labelled import GenderedEnum, LabelledEnum
from app.models.pilot_enums import (
    AgreementKind,
    PartySide,
    PlanOutcome,
    ReferralDecision,
    SubjectKind,
    TeamKind,
    TransferKind,
)

# The pilots' lists live in ``pilot_enums`` and the label mechanism in ``labelled``; both are
# importable from here, where every other module looks for a value list.
__all__ = [
    "DOMAIN_SCALE",
    "GAS_LEVELS",
    "ActionStatus",
    "AgreementKind",
    "AttachmentKind",
    "CommitmentStatus",
    "ConsentState",
    "Disability",
    "Education",
    "Employment",
    "FamilyStatus",
    "GenderedEnum",
    "IdDocument",
    "InstitutionLevel",
    "LabelledEnum",
    "ParticipantKind",
    "PartySide",
    "PlanOutcome",
    "PlanStatus",
    "ReferralDecision",
    "Relation",
    "Role",
    "Sex",
    "SubjectKind",
    "TeamKind",
    "TransferKind",
    "VisitStatus",
]


class FamilyStatus(LabelledEnum):
    NEW = "new"
    DIAGNOSIS = "diagnosis"
    PLAN = "plan"
    MONITORING = "monitoring"
    CLOSED = "closed"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "new": NP_("family status", "new"),
            "diagnosis": NP_("family status", "diagnosis"),
            "plan": NP_("family status", "programme"),
            "monitoring": NP_("family status", "monitoring"),
            "closed": NP_("family status", "closed"),
        }

    @classmethod
    def _label_context(cls) -> str | None:
        return "family status"


class Sex(LabelledEnum):
    FEMALE = "F"
    MALE = "M"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"F": N_("female"), "M": N_("male")}


class Relation(GenderedEnum):
    APPLICANT = "applicant"
    SPOUSE = "spouse"
    PARTNER = "partner"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"
    OTHER_RELATIVE = "other_relative"
    UNRELATED = "unrelated"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "applicant": NG_("applicant (head of household)"),
            "spouse": NG_("spouse"),
            "partner": NG_("partner"),
            "child": NG_("child"),
            "parent": NG_("parent"),
            "sibling": NG_("sibling"),
            "grandparent": NG_("grandparent"),
            "grandchild": NG_("grandchild"),
            "other_relative": NG_("other relative"),
            "unrelated": NG_("unrelated household member"),
        }


class IdDocument(LabelledEnum):
    ID_CARD = "id_card"
    PASSPORT = "passport"
    RESIDENCE_CARD = "residence_card"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "id_card": N_("identity card"),
            "passport": N_("passport"),
            "residence_card": N_("residence card"),
            "other": N_("other document"),
        }


class Disability(LabelledEnum):
    NONE = "none"
    LIGHT = "light"
    MODERATE = "moderate"
    SEVERE = "severe"
    CHILD = "child"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "none": N_("no disability certificate"),
            "light": N_("light degree"),
            "moderate": N_("moderate degree"),
            "severe": N_("severe degree"),
            "child": N_("certificate of disability (under 16)"),
        }


class Education(LabelledEnum):
    NONE = "none"
    PRIMARY = "primary"
    LOWER_SECONDARY = "lower_secondary"
    VOCATIONAL = "vocational"
    SECONDARY = "secondary"
    POST_SECONDARY = "post_secondary"
    HIGHER = "higher"
    IN_EDUCATION = "in_education"
    NOT_APPLICABLE = "n_a"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "none": N_("no formal education"),
            "primary": N_("primary"),
            "lower_secondary": N_("lower secondary"),
            "vocational": N_("basic vocational"),
            "secondary": N_("secondary"),
            "post_secondary": N_("post-secondary"),
            "higher": N_("higher"),
            "in_education": N_("still in education"),
            "n_a": N_("not applicable (small child)"),
        }


class Employment(GenderedEnum):
    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    FARMER = "farmer"
    UNEMPLOYED_REGISTERED = "unemployed_registered"
    UNEMPLOYED = "unemployed"
    PENSIONER = "pensioner"
    DISABILITY_PENSION = "disability_pension"
    CARER = "carer"
    PUPIL = "pupil"
    PRESCHOOL = "preschool"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "employed": NG_("employed"),
            "self_employed": NG_("self-employed"),
            "farmer": NG_("farmer"),
            "unemployed_registered": NG_("unemployed, registered at the labour office"),
            "unemployed": NG_("unemployed, not registered"),
            "pensioner": NG_("retirement pensioner"),
            "disability_pension": NG_("disability pensioner"),
            "carer": NG_("full-time carer"),
            "pupil": NG_("pupil or student"),
            "preschool": NG_("preschool child"),
            "other": NG_("other"),
        }


class InstitutionLevel(LabelledEnum):
    GMINA = "gmina"
    POWIAT = "powiat"
    VOIVODESHIP = "voivodeship"
    NATIONAL = "national"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "gmina": N_("gmina"),
            "powiat": N_("powiat"),
            "voivodeship": N_("voivodeship"),
            "national": N_("national"),
        }


class PlanStatus(LabelledEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "draft": NP_("plan status", "draft"),
            "active": NP_("plan status", "in force"),
            "completed": NP_("plan status", "completed"),
            "cancelled": NP_("plan status", "cancelled"),
        }

    @classmethod
    def _label_context(cls) -> str | None:
        return "plan status"


class ActionStatus(LabelledEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "planned": NP_("action status", "planned"),
            "in_progress": NP_("action status", "in progress"),
            "done": NP_("action status", "done"),
            "dropped": NP_("action status", "dropped"),
        }

    @classmethod
    def _label_context(cls) -> str | None:
        return "action status"


class CommitmentStatus(LabelledEnum):
    PENDING = "pending"
    KEPT = "kept"
    PARTLY = "partly"
    NOT_KEPT = "not_kept"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "pending": NP_("commitment status", "pending"),
            "kept": NP_("commitment status", "kept"),
            "partly": NP_("commitment status", "partly kept"),
            "not_kept": NP_("commitment status", "not kept"),
        }

    @classmethod
    def _label_context(cls) -> str | None:
        return "commitment status"


class ConsentState(LabelledEnum):
    """Whether a consent is in force on a day (``Consent.state_on``); not stored, derived."""

    IN_FORCE = "in_force"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "in_force": NP_("consent state", "in force"),
            "expired": NP_("consent state", "expired"),
            "withdrawn": NP_("consent state", "withdrawn"),
        }

    @classmethod
    def _label_context(cls) -> str | None:
        return "consent state"


class VisitStatus(LabelledEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "planned": NP_("visit status", "planned"),
            "done": NP_("visit status", "done"),
            "cancelled": NP_("visit status", "cancelled"),
        }

    @classmethod
    def _label_context(cls) -> str | None:
        return "visit status"


class ParticipantKind(LabelledEnum):
    INSTITUTION = "institution"
    FAMILY = "family"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "institution": N_("institution"),
            "family": N_("family member"),
            "other": N_("other person"),
        }


class AttachmentKind(LabelledEnum):
    SIGNED_FORM = "signed_form"
    SCAN = "scan"
    PHOTO = "photo"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "signed_form": N_("signed form"),
            "scan": N_("scanned document"),
            "photo": N_("photo"),
            "other": N_("other"),
        }


class Role(LabelledEnum):
    OPS = "ops"
    COORDINATOR = "coordinator"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"ops": N_("OPS social worker"), "coordinator": N_("powiat coordinator")}


# Domain ratings (diagnosis and reviews): −3 serious problem … +2 clear strength (NCFAS-style).
DOMAIN_SCALE: dict[int, str] = {
    -3: N_("serious problem"),
    -2: N_("moderate problem"),
    -1: N_("mild problem"),
    0: N_("baseline / adequate"),
    1: N_("mild strength"),
    2: N_("clear strength"),
}

# Goal Attainment Scaling levels; 0 is the expected outcome.
GAS_LEVELS: dict[int, str] = {
    -2: N_("much less than expected"),
    -1: N_("somewhat less than expected"),
    0: N_("expected outcome"),
    1: N_("somewhat more than expected"),
    2: N_("much more than expected"),
}
