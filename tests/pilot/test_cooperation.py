"""The three levels of cooperation: a WZK, a tripartite agreement and a PZK of 12 institutions,
and the rules each kind of agreement follows."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import ValidationError
from app.models.enums import AgreementKind, PartySide, TeamKind
from app.services import registry
from tests.pilot.helpers import make_pilot


def test_a_coordinator_sets_up_wzk_tripartite_and_pzk(coordinator_ws):
    p = make_pilot(coordinator_ws)
    [wzk] = registry.list_teams(coordinator_ws, kind=TeamKind.WZK)
    [pzk] = registry.list_teams(coordinator_ws, kind=TeamKind.PZK)
    assert wzk.id == p.wzk_id and len(wzk.members) == 6
    assert pzk.id == p.pzk_id and len(pzk.members) == 12
    assert (pzk.gmina_animator, pzk.powiat_animator) == ("Anna Kowalczyk", "Ewa Zawadzka")
    kinds = {a.kind: a for a in registry.list_agreements(coordinator_ws)}
    assert set(kinds) == {"wzk", "tripartite", "pzk"}
    marshal = [x for x in kinds["wzk"].parties if x.side == PartySide.VOIVODESHIP]
    assert [x.representative for x in marshal] == ["Artur Kosicki"]
    assert sorted(x.side for x in kinds["tripartite"].parties) == ["gmina", "powiat", "voivodeship"]
    assert len(kinds["pzk"].parties) == 12


def test_editing_a_team_without_roles_keeps_them(coordinator_ws):
    p = make_pilot(coordinator_ws)
    registry.save_team(coordinator_ws, registry.TeamInput(name="GPZK Narewka"), p.pzk_id)
    [pzk] = registry.list_teams(coordinator_ws, kind="pzk")
    assert (pzk.name, pzk.kind, pzk.gmina_animator) == ("GPZK Narewka", "pzk", "Anna Kowalczyk")


def test_editing_an_agreement_keeps_its_kind_and_sides(coordinator_ws):
    p = make_pilot(coordinator_ws)
    a = registry.get_agreement(coordinator_ws, p.tripartite_id)
    parties = [registry.PartyInput(x.institution_id, x.representative, "") for x in a.parties]
    registry.save_agreement(
        coordinator_ws, p.pzk_id, registry.AgreementInput(title=a.title, parties=parties), a.id
    )
    again = registry.get_agreement(coordinator_ws, a.id)
    assert again.kind == "tripartite"
    assert sorted(x.side for x in again.parties) == ["gmina", "powiat", "voivodeship"]


def _agreement(kind, parties):
    return registry.AgreementInput(title="x", kind=kind, parties=parties, signed_on=date.today())


@pytest.mark.parametrize(
    "sides",
    [
        [],
        [PartySide.VOIVODESHIP, PartySide.POWIAT],
        [PartySide.VOIVODESHIP, PartySide.POWIAT, PartySide.POWIAT],
        [PartySide.VOIVODESHIP, PartySide.POWIAT, PartySide.GMINA, PartySide.PARTNER],
    ],
)
def test_a_tripartite_agreement_has_exactly_the_three_sides(coordinator_ws, sides):
    p = make_pilot(coordinator_ws)
    ids = list(p.pzk.values())
    parties = [registry.PartyInput(ids[i], "Ktoś", "", side=s) for i, s in enumerate(sides)]
    with pytest.raises(ValidationError) as e:
        registry.save_agreement(
            coordinator_ws, p.pzk_id, _agreement(AgreementKind.TRIPARTITE, parties)
        )
    assert "trójstronne" in str(e.value) or "województwa" in str(e.value)


def test_a_wzk_agreement_needs_the_named_marshal_and_a_wzk(coordinator_ws):
    p = make_pilot(coordinator_ws)
    ids = list(p.wzk.values())
    unsigned = [registry.PartyInput(ids[0], " ", "", side=PartySide.VOIVODESHIP)]
    with pytest.raises(ValidationError, match="marszałka|marszałek"):
        registry.save_agreement(coordinator_ws, p.wzk_id, _agreement("wzk", unsigned))
    signed = [registry.PartyInput(ids[0], "Artur Kosicki", "", side=PartySide.VOIVODESHIP)]
    with pytest.raises(ValidationError, match="Wojewódzkiego Zespołu"):
        registry.save_agreement(coordinator_ws, p.pzk_id, _agreement("wzk", signed))
    gmina = [*signed, registry.PartyInput(ids[1], "X", "", side=PartySide.GMINA)]
    with pytest.raises(ValidationError):
        registry.save_agreement(coordinator_ws, p.wzk_id, _agreement("wzk", gmina))


def test_a_pzk_agreement_without_the_ops_is_refused(coordinator_ws):
    p = make_pilot(coordinator_ws)
    parties = [
        registry.PartyInput(iid, "Dyrektor", "")
        for short, iid in p.pzk.items()
        if short != "GOPS Narewka"
    ]
    before = registry.list_agreements(coordinator_ws)
    with pytest.raises(ValidationError, match="OPS"):
        registry.save_agreement(coordinator_ws, p.pzk_id, _agreement("pzk", parties))
    assert len(registry.list_agreements(coordinator_ws)) == len(before)


def test_unknown_kinds_and_sides_are_refused(coordinator_ws):
    p = make_pilot(coordinator_ws)
    with pytest.raises(ValidationError):
        registry.save_team(coordinator_ws, registry.TeamInput(name="Z", kind="gzk"))
    bad = [registry.PartyInput(p.ops_id, "X", "", side="king")]
    with pytest.raises(ValidationError):
        registry.save_agreement(coordinator_ws, p.pzk_id, _agreement("pzk", bad))
    with pytest.raises(ValidationError):
        registry.save_agreement(coordinator_ws, p.pzk_id, _agreement("bilateral", []))
