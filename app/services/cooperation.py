"""The three levels of cooperation and the rules their agreements follow (each rule once).

* **WZK** (Wojewódzki Zespół Kooperacji): voivodeship bodies (Urząd Marszałkowski, ROPS, WUP,
  Kuratorium Oświaty, Komenda Wojewódzka Policji, Sąd Okręgowy, sanepid, PFRON) that support the
  PZKs.  Its agreement is signed for the voivodeship by the marszałek (one party on the
  voivodeship's side, named) with the voivodeship bodies as partners.
* **Trójstronne porozumienie**: exactly three parties, one each for the voivodeship, the powiat
  and the gmina.
* **PZK** (Partnerski or Gminno-Powiatowy Zespół Kooperacji): its agreement has the OPS (a gmina
  social-assistance institution) among its parties.

Roles: the PZK is run by the **animator gminny** (an OPS worker) and the **animator powiatowy**
(often PCPR staff), stored on the team with their institutions; each member institution names
its representative (``TeamMembership.representative``, ``AgreementParty.representative``).
The application's *coordinator* role (the powiat device) is the animator powiatowy's seat: it
keeps the shared registry (teams, agreements, meetings) and sees every gmina of the powiat; the
*OPS* role is the animator gminny's and the social workers' seat, holding its gmina's cases.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from app.errors import ValidationError
from app.i18n import _
from app.models import CooperationTeam, Institution
from app.models.enums import AgreementKind, InstitutionLevel, PartySide, TeamKind

OPS_SECTOR = "social_assistance"


class PartyLike(Protocol):
    @property
    def institution_id(self) -> str: ...
    @property
    def representative(self) -> str: ...
    @property
    def side(self) -> str | None: ...


def is_ops(institution: Institution) -> bool:
    """A gmina's social-assistance centre (OPS/GOPS/MGOPS)."""
    return institution.sector_code == OPS_SECTOR and institution.level == InstitutionLevel.GMINA


def check_agreement(
    kind: str,
    team: CooperationTeam,
    parties: Sequence[tuple[PartyLike, Institution]],
) -> None:
    """Raise ``ValidationError`` unless the parties fit the kind of agreement and its team."""
    sides = Counter(p.side for p, _inst in parties)
    if kind == AgreementKind.WZK:
        if team.kind != TeamKind.WZK:
            raise ValidationError(
                _("A WZK agreement belongs to a Voivodeship Cooperation Team."), "kind"
            )
        signers = [p for p, _inst in parties if p.side == PartySide.VOIVODESHIP]
        if len(signers) != 1 or not signers[0].representative.strip():
            raise ValidationError(
                _("Name the marszałek who signs the WZK agreement for the voivodeship."),
                "parties",
            )
        if set(sides) - {PartySide.VOIVODESHIP, PartySide.PARTNER}:
            raise ValidationError(
                _("Besides the voivodeship, a WZK agreement has partner institutions only."),
                "parties",
            )
    elif kind == AgreementKind.TRIPARTITE:
        if team.kind != TeamKind.PZK:
            raise ValidationError(
                _("A tripartite agreement belongs to a Partner Cooperation Team."), "kind"
            )
        want = Counter({PartySide.VOIVODESHIP: 1, PartySide.POWIAT: 1, PartySide.GMINA: 1})
        if sides != want:
            raise ValidationError(
                _(
                    "A tripartite agreement has one party each for the voivodeship, the powiat "
                    "and the gmina."
                ),
                "parties",
            )
    else:
        if team.kind != TeamKind.PZK:
            raise ValidationError(
                _("A PZK agreement belongs to a Partner Cooperation Team."), "kind"
            )
        if not any(is_ops(inst) for _p, inst in parties):
            raise ValidationError(
                _("The OPS is a party to the PZK agreement: add the social assistance centre."),
                "parties",
            )
