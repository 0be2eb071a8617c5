"""Karta zgłoszenia: a partner institution refers a person or family to the Cooperation Team
(who refers and why, the consent to the referral, signed), and the team's qualification."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.i18n import NG_, _, gendered
from app.models import CooperationTeam, Referral
from app.models.enums import ReferralDecision
from app.printing.casedata import CaseData, institution_address, label_of, partner_role
from app.printing.layout import (
    BOX,
    EMPTY,
    field_table,
    fmt_date,
    heading,
    para,
    section,
    title_block,
)
from app.printing.parts import family_fields, members_table
from app.printing.signatures import Signatory, signature_section
from app.services import subject_words as wording
from app.services.document_titles import TITLES

TITLE = TITLES["referral"]
TICKED = "\u2612"  # ☒
CONSENTING = NG_("consenting to the referral")


def build(data: CaseData, referral: Referral, team: CooperationTeam | None) -> list[Flowable]:
    kind = data.family.subject_kind
    story: list[Flowable] = title_block(_(TITLE).upper(), wording.referral_subtitle(kind))
    inst = referral.institution
    story.append(heading(_("Referring institution")))
    story.append(
        field_table(
            [
                (_("Institution"), inst.name if inst else EMPTY),
                (_("Address"), institution_address(inst) or EMPTY),
                (_("Referred by"), referral.referrer_name or EMPTY),
                (_("Function"), referral.referrer_function or EMPTY),
                (_("Date of the referral"), fmt_date(referral.referred_on)),
                (_("Cooperation Team"), team.name if team else EMPTY),
            ]
        )
    )
    story.append(heading(wording.who_referred(kind)))
    story.append(family_fields(data, reasons=False))
    story.append(members_table(data, full=False))
    story += section(_("Reason for the referral"), referral.reason)
    story.append(heading(_("Consent to the referral")))
    box = TICKED if referral.consent_given else BOX
    story.append(para(f"{box} {wording.consent_text(kind)}", "justify"))
    person = referral.consent_person
    consent_pairs = [
        (_("Consent given on"), fmt_date(referral.consent_on)),
        (_("Person giving consent"), person.full_name if person else EMPTY),
    ]
    story.append(field_table(consent_pairs))
    signers = []
    if inst is not None:
        signers.append(
            Signatory(referral.referrer_name, partner_role(inst, referral.referrer_function))
        )
    if person is not None:
        signers.append(Signatory(person.full_name, gendered(CONSENTING, person.sex)))
    else:
        signers += data.family_signatories()
    story += signature_section(signers)
    story.append(heading(_("Decision of the Cooperation Team")))
    decided = referral.decision != ReferralDecision.PENDING
    story.append(
        field_table(
            [
                (_("Decision"), label_of(ReferralDecision, referral.decision)),
                (_("Date of the decision"), fmt_date(referral.decided_on) if decided else EMPTY),
            ]
        )
    )
    story += section(_("Reason for the decision"), referral.decision_reason)
    team_signers = []
    if team is not None:
        if team.gmina_animator:
            team_signers.append(Signatory(team.gmina_animator, _("gmina animator")))
        if team.powiat_animator:
            team_signers.append(Signatory(team.powiat_animator, _("powiat animator")))
    if not team_signers:
        team_signers.append(Signatory("", _("for the Cooperation Team")))
    story += signature_section(team_signers, title=_("For the Cooperation Team"))
    return story
