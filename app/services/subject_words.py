"""Words that follow who the case is about (``Family.subject_kind``): a family, a person living
alone, an older person — never "rodzina" for one person.  The documents and the GUI's forms
take their words from here, so each phrase lives once."""

from __future__ import annotations

from app.i18n import N_, _
from app.models.enums import SubjectKind

# Each phrase of the referral, the workshop and the closing talk is worded about a family, with
# its forms for one person in ``_VARIANTS`` below (one msgid per phrase and kind: Polish declines
# the noun differently in each phrase); the functions name the phrase and ``about`` picks the form.


def referral_subtitle(kind: str | None) -> str:
    return about(kind, N_("referral of a family to the Cooperation Team"))


def workshop_subtitle(kind: str | None) -> str:
    return about(kind, N_("diagnostic workshop with the family"))


def talk_subtitle(kind: str | None) -> str:
    return about(kind, N_("closing summary talk with the family"))


def who_referred(kind: str | None) -> str:
    return about(kind, N_("The family referred"))


def opinion_heading(kind: str | None) -> str:
    return about(kind, N_("Opinion of the family"))


_CONSENT_FAMILY = N_(
    "I agree that my family be referred to the Cooperation Team named below, so that its "
    "member institutions may together diagnose our situation and plan support with us."
)
_CONSENT_PERSON = N_(
    "I agree to be referred to the Cooperation Team named below, so that its member "
    "institutions may together diagnose my situation and plan support with me."
)


def consent_text(kind: str | None) -> str:
    return about(kind, _CONSENT_FAMILY)


def consent_box(kind: str | None) -> str:
    """The referral form's check box: the consent to being referred (with a mnemonic)."""
    return about(kind, N_("The family &agrees to the referral"))


def present_hint(kind: str | None) -> str:
    """Who the closing summary talk was held with."""
    return about(kind, N_("family members and others present"))


# The case documents' words about the family, with their forms for one person: family msgid →
# (a person living alone, an older person).  ``about`` picks the form; a msgid not listed here
# is the same for every kind.
_VARIANTS: dict[str, tuple[str, str]] = {
    N_("referral of a family to the Cooperation Team"): (
        N_("referral of a person living alone to the Cooperation Team"),
        N_("referral of an older person to the Cooperation Team"),
    ),
    N_("diagnostic workshop with the family"): (
        N_("diagnostic workshop with the person"),
        N_("diagnostic workshop with the older person"),
    ),
    N_("closing summary talk with the family"): (
        N_("closing summary talk with the person"),
        N_("closing summary talk with the older person"),
    ),
    N_("The family referred"): (N_("The person referred"), N_("The older person referred")),
    _CONSENT_FAMILY: (_CONSENT_PERSON, _CONSENT_PERSON),
    N_("The family &agrees to the referral"): (
        N_("The person &agrees to be referred"),
        N_("The older person &agrees to be referred"),
    ),
    N_("family members and others present"): (
        N_("the person and others present"),
        N_("the older person and others present"),
    ),
    N_("Diagnosis of the family's situation"): (
        N_("Diagnosis of the person's situation"),
        N_("Diagnosis of the older person's situation"),
    ),
    N_("Diagnosis of the family's situation – form to fill in"): (
        N_("Diagnosis of the person's situation – form to fill in"),
        N_("Diagnosis of the older person's situation – form to fill in"),
    ),
    N_("made on {date} jointly with the family and the partner institutions"): (
        N_("made on {date} jointly with the person and the partner institutions"),
        N_("made on {date} jointly with the older person and the partner institutions"),
    ),
    N_("The family"): (N_("The person"), N_("The older person")),
    N_("Family members"): (N_("Personal data"), N_("Members of the household")),
    N_("Institution or family"): (
        N_("Institution or the person"),
        N_("Institution or the older person"),
    ),
    N_("family"): (N_("the person"), N_("the older person")),
    N_("Expectations of the family"): (
        N_("Expectations of the person"),
        N_("Expectations of the older person"),
    ),
    N_("Assessment of the areas of the family's life"): (
        N_("Assessment of the areas of the person's life"),
        N_("Assessment of the areas of the older person's life"),
    ),
    N_("The family's own view of its situation"): (
        N_("The person's own view of their situation"),
        N_("The older person's own view of their situation"),
    ),
    N_("the whole family"): (N_("the person"), N_("the older person")),
    N_("Family's commitment"): (
        N_("The person's commitment"),
        N_("The older person's commitment"),
    ),
    N_("New commitment of the family"): (
        N_("New commitment of the person"),
        N_("New commitment of the older person"),
    ),
    N_("Commitments of the family"): (
        N_("Commitments of the person"),
        N_("Commitments of the older person"),
    ),
    N_("Assessment of the life situation of the family"): (
        N_("Assessment of the life situation of the person"),
        N_("Assessment of the life situation of the older person"),
    ),
    N_("Possibilities, resources and strengths of the family"): (
        N_("Possibilities, resources and strengths of the person"),
        N_("Possibilities, resources and strengths of the older person"),
    ),
    N_("Signature of the person or family"): (
        N_("Signature of the person"),
        N_("Signature of the older person"),
    ),
    N_("Family address"): (N_("Address of the person"), N_("Address of the older person")),
    N_("The family took part"): (N_("The person took part"), N_("The older person took part")),
    N_("Areas of the family's life"): (
        N_("Areas of the person's life"),
        N_("Areas of the older person's life"),
    ),
    N_("Opinion of the family"): (N_("Opinion of the person"), N_("Opinion of the older person")),
    N_("Family members whose data are concerned"): (
        N_("The person whose data are concerned"),
        N_("The older person and the members of the household whose data are concerned"),
    ),
    N_("Scope agreed with the family:"): (
        N_("Scope agreed with the person:"),
        N_("Scope agreed with the older person:"),
    ),
    N_("No family members recorded."): (
        N_("The person's data are not recorded."),
        N_("No members of the household recorded."),
    ),
    N_("No adult family members recorded."): (
        N_("The person's data are not recorded."),
        N_("No adult members of the household recorded."),
    ),
    # The GUI's labels (with their mnemonics).
    N_("&Add member…"): (N_("&Add a household member…"), N_("&Add a household member…")),
    N_("Task team (ZZK): partners' workers helping this family"): (
        N_("Task team (ZZK): partners' workers helping this person"),
        N_("Task team (ZZK): partners' workers helping this older person"),
    ),
    N_("&Family"): (N_("&Person"), N_("Older &person")),
    N_("Commitments of the famil&y"): (
        N_("Commitments of the perso&n"),
        N_("Commitments of the older perso&n"),
    ),
    N_("&The family undertakes to:"): (
        N_("&The person undertakes to:"),
        N_("&The older person undertakes to:"),
    ),
    N_("The family &took part"): (
        N_("The person &took part"),
        N_("The older person &took part"),
    ),
    N_("Changes in the composition of the family"): (
        N_("Changes in the household"),
        N_("Changes in the household"),
    ),
}


def is_one_person(kind: str | None) -> bool:
    """The case is about one person (living alone, or an older person), not a family."""
    return kind in (SubjectKind.SINGLE, SubjectKind.OLDER)


def about(kind: str | None, msgid: str) -> str:
    """``msgid`` (worded about a family) as the case's subject kind needs it, translated."""
    variants = _VARIANTS.get(msgid)
    if variants is None or not is_one_person(kind):
        return _(msgid)
    return _(variants[0] if kind == SubjectKind.SINGLE else variants[1])
