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

from enum import StrEnum

from app.i18n import N_, NG_, NP_, _, gendered, pgettext


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a translatable label in ``_labels``."""

    @property
    def label(self) -> str:
        """The label for the neutral case (for a gendered enum: the form for unknown sex)."""
        return self.label_for(None)

    def label_for(self, sex: str | None) -> str:
        """The label as said of a person of recorded ``sex`` ("F", "M", None/"" unknown); the
        same as ``label`` for an enum whose words do not follow the person."""
        message = self._labels()[self.value]
        if self._gendered():
            return gendered(message, sex)
        context = self._label_context()
        return pgettext(context, message) if context else _(message)

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @classmethod
    def _label_context(cls) -> str | None:
        """The gettext context of the labels (their ``NP_`` context), None for plain ``N_``."""
        return None

    @classmethod
    def _gendered(cls) -> bool:
        """True when the labels are marked ``NG_`` (said of a person, follow the person's sex)."""
        return False

    @classmethod
    def choices(cls, sex: str | None = None) -> list[tuple[str, str]]:
        return [(m.value, m.label_for(sex)) for m in cls]


class GenderedEnum(LabelledEnum):
    """Labels said of a person: marked ``NG_``, chosen by the person's recorded sex."""

    @classmethod
    def _gendered(cls) -> bool:
        return True


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


# -- the Model Kooperacji as the pilots ran it (issue 13) -----------------------------------
class TeamKind(LabelledEnum):
    """A Partnerski Zespół Kooperacji of a powiat and its gminas, or the voivodeship's WZK."""

    PZK = "pzk"
    WZK = "wzk"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "pzk": N_("Partner Cooperation Team (PZK)"),
            "wzk": N_("Voivodeship Cooperation Team (WZK)"),
        }


class AgreementKind(LabelledEnum):
    """The three kinds of porozumienie the pilots signed."""

    WZK = "wzk"
    TRIPARTITE = "tripartite"
    PZK = "pzk"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "wzk": N_("agreement forming the Voivodeship Cooperation Team"),
            "tripartite": N_("tripartite agreement: voivodeship, powiat and gmina"),
            "pzk": N_("agreement forming the Partner Cooperation Team"),
        }


class PartySide(LabelledEnum):
    """On whose behalf a party signs: a self-government (województwo, powiat, gmina) or a
    partner institution."""

    VOIVODESHIP = "voivodeship"
    POWIAT = "powiat"
    GMINA = "gmina"
    PARTNER = "partner"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "voivodeship": N_("for the voivodeship"),
            "powiat": N_("for the powiat"),
            "gmina": N_("for the gmina"),
            "partner": N_("partner institution"),
        }


class SubjectKind(LabelledEnum):
    """Who the case is about: the wording of forms and documents follows it."""

    FAMILY = "family"
    SINGLE = "single"
    OLDER = "older"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "family": N_("family"),
            "single": N_("person living alone"),
            "older": N_("older person"),
        }


class ReferralDecision(LabelledEnum):
    PENDING = "pending"
    QUALIFIED = "qualified"
    NOT_QUALIFIED = "not_qualified"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "pending": N_("awaiting the team's decision"),
            "qualified": N_("qualified"),
            "not_qualified": N_("not qualified"),
        }


class PlanOutcome(LabelledEnum):
    """How an IPW ended (the national evaluation counted IPWs "zakończone sukcesem")."""

    ACHIEVED = "achieved"
    PARTLY = "partly"
    NOT_ACHIEVED = "not_achieved"
    DROPPED = "dropped"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "achieved": N_("goals achieved"),
            "partly": N_("goals partly achieved"),
            "not_achieved": N_("goals not achieved"),
            "dropped": N_("cooperation broken off"),
        }


class TransferKind(LabelledEnum):
    """A family moving away: to another gmina of the powiat, or out of the powiat."""

    WITHIN_POWIAT = "within_powiat"
    OUT_OF_POWIAT = "out_of_powiat"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "within_powiat": N_("to another gmina of the powiat"),
            "out_of_powiat": N_("out of the powiat"),
        }
