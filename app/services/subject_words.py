"""Words that follow who the case is about (``Family.subject_kind``): a family, a person living
alone, an older person — never "rodzina" for one person.  The documents and the GUI's forms
take their words from here, so each phrase lives once."""

from __future__ import annotations

from app.i18n import N_, _
from app.models.enums import SubjectKind

# One msgid per phrase and kind (Polish declines the noun differently in each phrase).
_REFERRAL = {
    "family": N_("referral of a family to the Cooperation Team"),
    "single": N_("referral of a person living alone to the Cooperation Team"),
    "older": N_("referral of an older person to the Cooperation Team"),
}
_WORKSHOP = {
    "family": N_("diagnostic workshop with the family"),
    "single": N_("diagnostic workshop with the person"),
    "older": N_("diagnostic workshop with the older person"),
}
_TALK = {
    "family": N_("closing summary talk with the family"),
    "single": N_("closing summary talk with the person"),
    "older": N_("closing summary talk with the older person"),
}
_WHO = {
    "family": N_("The family referred"),
    "single": N_("The person referred"),
    "older": N_("The older person referred"),
}
_OPINION = {
    "family": N_("Opinion of the family"),
    "single": N_("Opinion of the person"),
    "older": N_("Opinion of the older person"),
}
_CONSENT = {
    "family": N_(
        "I agree that my family be referred to the Cooperation Team named below, so that its "
        "member institutions may together diagnose our situation and plan support with us."
    ),
    "single": N_(
        "I agree to be referred to the Cooperation Team named below, so that its member "
        "institutions may together diagnose my situation and plan support with me."
    ),
    "older": N_(
        "I agree to be referred to the Cooperation Team named below, so that its member "
        "institutions may together diagnose my situation and plan support with me."
    ),
}


def _pick(table: dict[str, str], kind: str | None) -> str:
    return _(table.get(kind or SubjectKind.FAMILY, table["family"]))


def referral_subtitle(kind: str | None) -> str:
    return _pick(_REFERRAL, kind)


def workshop_subtitle(kind: str | None) -> str:
    return _pick(_WORKSHOP, kind)


def talk_subtitle(kind: str | None) -> str:
    return _pick(_TALK, kind)


def who_referred(kind: str | None) -> str:
    return _pick(_WHO, kind)


def opinion_heading(kind: str | None) -> str:
    return _pick(_OPINION, kind)


def consent_text(kind: str | None) -> str:
    return _pick(_CONSENT, kind)


_CONSENT_BOX = {
    "family": N_("The family &agrees to the referral"),
    "single": N_("The person &agrees to be referred"),
    "older": N_("The older person &agrees to be referred"),
}
_PRESENT = {
    "family": N_("family members and others present"),
    "single": N_("the person and others present"),
    "older": N_("the older person and others present"),
}


def consent_box(kind: str | None) -> str:
    """The referral form's check box: the consent to being referred (with a mnemonic)."""
    return _pick(_CONSENT_BOX, kind)


def present_hint(kind: str | None) -> str:
    """Who the closing summary talk was held with."""
    return _pick(_PRESENT, kind)
