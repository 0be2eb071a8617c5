"""Closed value lists of the domain, with their user-facing labels (translated when shown).

Values are stored as short English codes; labels are English source strings translated through
the shared catalogue (``app.i18n``), so Polish is what users see.
"""

from __future__ import annotations

from enum import StrEnum

from app.i18n import N_, _


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a translatable label in ``_labels``."""

    @property
    def label(self) -> str:
        return _(self._labels()[self.value])

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class FamilyStatus(LabelledEnum):
    NEW = "new"
    DIAGNOSIS = "diagnosis"
    PLAN = "plan"
    MONITORING = "monitoring"
    CLOSED = "closed"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "new": N_("new"),
            "diagnosis": N_("diagnosis"),
            "plan": N_("programme"),
            "monitoring": N_("monitoring"),
            "closed": N_("closed"),
        }


class Sex(LabelledEnum):
    FEMALE = "F"
    MALE = "M"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"F": N_("female"), "M": N_("male")}


class Relation(LabelledEnum):
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
            "applicant": N_("applicant (head of household)"),
            "spouse": N_("spouse"),
            "partner": N_("partner"),
            "child": N_("child"),
            "parent": N_("parent"),
            "sibling": N_("sibling"),
            "grandparent": N_("grandparent"),
            "grandchild": N_("grandchild"),
            "other_relative": N_("other relative"),
            "unrelated": N_("unrelated household member"),
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


class Employment(LabelledEnum):
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
            "employed": N_("employed"),
            "self_employed": N_("self-employed"),
            "farmer": N_("farmer"),
            "unemployed_registered": N_("unemployed, registered at the labour office"),
            "unemployed": N_("unemployed, not registered"),
            "pensioner": N_("retirement pensioner"),
            "disability_pension": N_("disability pensioner"),
            "carer": N_("full-time carer"),
            "pupil": N_("pupil or student"),
            "preschool": N_("preschool child"),
            "other": N_("other"),
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
            "draft": N_("draft"),
            "active": N_("in force"),
            "completed": N_("completed"),
            "cancelled": N_("cancelled"),
        }


class ActionStatus(LabelledEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "planned": N_("planned"),
            "in_progress": N_("in progress"),
            "done": N_("done"),
            "dropped": N_("dropped"),
        }


class CommitmentStatus(LabelledEnum):
    PENDING = "pending"
    KEPT = "kept"
    PARTLY = "partly"
    NOT_KEPT = "not_kept"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "pending": N_("pending"),
            "kept": N_("kept"),
            "partly": N_("partly kept"),
            "not_kept": N_("not kept"),
        }


class VisitStatus(LabelledEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"planned": N_("planned"), "done": N_("done"), "cancelled": N_("cancelled")}


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
