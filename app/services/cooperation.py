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
from dataclasses import dataclass
from typing import Protocol

from app.errors import ValidationError
from app.i18n import N_, _
from app.models import Agreement, CooperationTeam, Institution
from app.models.base import SyncMixin
from app.models.enums import AgreementKind, InstitutionLevel, PartySide, TeamKind
from app.services.workspace import Workspace

OPS_SECTOR = "social_assistance"

# Who signs each kind of agreement for a self-government (one party per side), and whether
# other institutions sign as partners; the forms show exactly these rows.
SIGNING_SIDES: dict[str, tuple[PartySide, ...]] = {
    AgreementKind.WZK: (PartySide.VOIVODESHIP,),
    AgreementKind.TRIPARTITE: (PartySide.VOIVODESHIP, PartySide.POWIAT, PartySide.GMINA),
    AgreementKind.PZK: (),
}
HAS_PARTNERS = {AgreementKind.WZK: True, AgreementKind.TRIPARTITE: False, AgreementKind.PZK: True}


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
        want = Counter(SIGNING_SIDES[AgreementKind.TRIPARTITE])
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


# -- who may do what on this computer (the roles above, said once) --------------------------
@dataclass(frozen=True)
class Seat:
    """This device's seat in the pilot: the role's name and what it may do here."""

    coordinator: bool
    title: str
    duties: tuple[str, ...]


def seat(ws: Workspace) -> Seat:
    if ws.is_coordinator:
        return Seat(
            True,
            _("This computer is the animator powiatowy's seat (the powiat coordinator)."),
            (
                _("keeps the register of the powiat: WZK, agreements, PZK teams and meetings"),
                _("changes every entry of the register, also those made by an OPS"),
                _("sees the families of every gmina of the powiat"),
                _("hands a family over to another gmina"),
                _("runs the evaluation of the pilot for the ROPS"),
            ),
        )
    return Seat(
        False,
        _("This computer is the animator gminny's seat (the OPS)."),
        (
            _("adds teams, agreements and meetings of its own"),
            _("changes only the entries it made itself; the coordinator's arrive read-only"),
            _("holds the families of its own gmina"),
            _("prints the agenda, the minutes and each institution's task list"),
        ),
    )


def may_edit(ws: Workspace, record: SyncMixin) -> bool:
    """Whether this device may change a register entry (team, agreement, meeting).

    The coordinator accepts an OPS's change of a shared entry only if that OPS wrote the entry
    before (``app.sync.authorize``), so an OPS changes here only what it changed last itself:
    an edit of the coordinator's entry would have its whole bundle refused.
    """
    return ws.is_coordinator or record.origin_device in ("", None, ws.device_id)


# -- the three levels, as the register holds them ------------------------------------------
@dataclass(frozen=True)
class Level:
    key: str  # "wzk", "tripartite", "pzk"
    title: str
    teams: tuple[CooperationTeam, ...]
    agreements: tuple[Agreement, ...]


LEVEL_TITLES = {
    "wzk": N_("Voivodeship level: Wojewódzki Zespół Kooperacji (WZK)"),
    "tripartite": N_("Tripartite agreements: voivodeship, powiat and gmina"),
    "pzk": N_("Powiat and gmina level: Partnerski Zespół Kooperacji (PZK)"),
}


def levels(teams: Sequence[CooperationTeam], agreements: Sequence[Agreement]) -> list[Level]:
    """The register sorted into the three levels (teams with loaded members, agreements with
    loaded parties, as ``registry_views.load_registry`` gives them)."""
    out = []
    for key, team_kind in (("wzk", TeamKind.WZK), ("tripartite", None), ("pzk", TeamKind.PZK)):
        out.append(
            Level(
                key,
                _(LEVEL_TITLES[key]),
                tuple(t for t in teams if team_kind is not None and t.kind == team_kind),
                tuple(a for a in agreements if a.kind == key),
            )
        )
    return out
