"""Closed value lists of the Model Kooperacji as the pilots ran it (issue 13): cooperation
teams and their agreements, who a case is about, referrals and their decisions, a programme's
outcome and a family's handover.  Labels as in ``app.models.labelled``; importable from
``app.models.enums`` too, like every value list.
"""

from __future__ import annotations

from app.i18n import N_
from app.models.labelled import LabelledEnum


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
