"""Współpraca, by keyboard: a coordinator sets up the WZK with its agreement signed by the
marszałek, a PZK of 12 institutions with its animators, the tripartite agreement and the PZK
agreement; the three levels then show them and the chosen agreement prints for signature.
On an OPS computer the coordinator's team is read-only."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt

from app.models import CooperationTeam
from app.models.enums import PartySide
from app.printing import service as printing
from app.services import cooperation, registry
from app.services.casefile import home_institution
from app.ui.kit import print_menu
from app.ui.registry.agreement_dialog import AgreementDialog
from app.ui.registry.team_dialog import MembershipDialog, TeamDialog
from app.ui.registry.team_screen import TeamScreen
from tests.pilot.helpers import GMINA_BODIES, POWIAT_BODIES, WZK_BODIES
from tests.ui._cooperation_support import by_keys, label_of, shown_team_screen, tab_to
from tests.ui._family_support import unsaved_answers_fixture  # noqa: F401
from tests.ui._keys import alt, key, pick_from_menu, press, save, type_text
from tests.ui.conftest import settle


def register(ws, rows, level: str) -> dict[str, str]:
    out = {}
    for name, short, sector in rows:
        inst = registry.save_institution(
            ws,
            registry.InstitutionInput(name=name, short_name=short, sector_code=sector, level=level),
        )
        out[short] = inst.id
    return out


def test_a_coordinator_sets_up_the_three_levels_by_keyboard(coordinator_ctx, qtbot, monkeypatch):
    ws = coordinator_ctx.ws
    register(ws, WZK_BODIES, "voivodeship")
    pzk_bodies = register(ws, POWIAT_BODIES, "powiat") | register(ws, GMINA_BODIES, "gmina")
    pzk_bodies["GOPS"] = register(
        ws, [("Gminny Ośrodek Pomocy Społecznej w Narewce", "GOPS", "social_assistance")], "gmina"
    )["GOPS"]
    register(ws, [("Starostwo Powiatowe w Hajnówce", "SP Hajn", "local_government")], "powiat")
    names = {short: name for name, short, _s in WZK_BODIES + POWIAT_BODIES + GMINA_BODIES}
    names["GOPS"] = "Gminny Ośrodek Pomocy Społecznej w Narewce"
    assert len(pzk_bodies) == 12

    state: dict[str, object] = {}

    def team(d: TeamDialog) -> None:
        type_text(state["team_name"])
        alt(label_of(d, d.kind))
        type_text(state["kind_text"])
        alt(label_of(d, d.teryt))
        type_text(state["teryt"])
        if state.get("animators"):
            alt(label_of(d, d.gmina_animator))
            type_text("Anna Kowalczyk")
            key(Qt.Key.Key_Tab)
            type_text("Gminny Ośrodek")
            alt(label_of(d, d.powiat_animator))
            type_text("Ewa Zawadzka")
            key(Qt.Key.Key_Tab)
            type_text("Powiatowe Centrum")
        save()

    def member(d: MembershipDialog) -> None:
        type_text(state["member"])
        key(Qt.Key.Key_Tab)
        type_text(f"Przedstawiciel {state['short']}")
        save()

    def agreement(d: AgreementDialog) -> None:
        type_text(state["agreement_kind"])
        # only the rows this kind signs with: no partners in a tripartite agreement
        assert d.parties_view.isVisible() is (d.kind.code() != "tripartite")
        assert [side for side, row in d.side_rows.items() if row[1].isVisible()] == list(
            state["sides"]
        ) or not state["sides"]
        key(Qt.Key.Key_Tab)
        type_text(state["title"])
        for side, (inst, signer) in state["sides"].items():
            alt(d.side_rows[side][0])
            type_text(inst)
            key(Qt.Key.Key_Tab)
            type_text(signer)
        for partner in state.get("partners", []):
            alt(label_of(d, d.parties_view))
            key(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
            row = [r.label for r in d.parties.rows()].index(partner)
            for _i in range(row):
                key(Qt.Key.Key_Down)
            key(Qt.Key.Key_Space)
        save()

    seen: list[str] = []
    by_keys(monkeypatch, qtbot, {TeamDialog: team, MembershipDialog: member,
                                 AgreementDialog: agreement}, seen)  # fmt: skip
    screen = shown_team_screen(coordinator_ctx, qtbot)
    assert screen.levels.seat_title.text().startswith("Ten komputer to stanowisko animatora")

    # The WZK: a team of the voivodeship bodies, its agreement signed by the marszałek.
    tab_to(screen, 2)
    state.update(team_name="Wojewódzki Zespół Kooperacji Województwa Podlaskiego",
                 kind_text="Woj", teryt="20")  # fmt: skip
    press(qtbot, screen.new_team)
    settle(coordinator_ctx, qtbot)
    for short in ("UMWP", "ROPS Białystok"):
        state.update(member=names[short], short=short)
        press(qtbot, screen.members.add)
        settle(coordinator_ctx, qtbot)
    tab_to(screen, 3)
    state.update(
        agreement_kind="porozumienie o utworzeniu W",
        title="o utworzeniu Wojewódzkiego Zespołu Kooperacji",
        sides={PartySide.VOIVODESHIP: (names["UMWP"], "Artur Kosicki")},
        partners=[names["ROPS Białystok"]],
    )
    press(qtbot, screen.agreements.add)
    settle(coordinator_ctx, qtbot)

    # The PZK: twelve institutions, both animators, the tripartite and the PZK agreement.
    tab_to(screen, 2)
    state.update(team_name="Gminno-Powiatowy Zespół Kooperacji Narewka", kind_text="Part",
                 teryt="2005", animators=True)  # fmt: skip
    press(qtbot, screen.new_team)
    settle(coordinator_ctx, qtbot)
    for short in pzk_bodies:
        state.update(member=names[short], short=short)
        press(qtbot, screen.members.add)
        settle(coordinator_ctx, qtbot)
    assert screen.members_model.rowCount() == 12
    assert "Anna Kowalczyk" in screen.team_info.text()
    tab_to(screen, 3)
    state.update(
        agreement_kind="porozumienie tr",
        title="w ramach projektu „Liderzy kooperacji”",
        sides={
            PartySide.VOIVODESHIP: (names["UMWP"], "Artur Kosicki"),
            PartySide.POWIAT: ("Starostwo Powiatowe", "Andrzej Skiepko, Starosta"),
            PartySide.GMINA: ("Urząd Gminy Narewka", "Mikołaj Pawilcz, Wójt"),
        },
        partners=[],
    )
    press(qtbot, screen.agreements.add)
    settle(coordinator_ctx, qtbot)
    state.update(
        agreement_kind="porozumienie o utworzeniu P",
        title="o utworzeniu Gminno-Powiatowego Zespołu Kooperacji",
        sides={},
        partners=[names["GOPS"], names["PUP Hajnówka"], names["SP Narewka"]],
    )
    press(qtbot, screen.agreements.add)
    settle(coordinator_ctx, qtbot)
    assert seen.count("MembershipDialog") == 14 and seen.count("AgreementDialog") == 3

    # What was saved, through the services.
    teams = {t.kind: t for t in registry.list_teams(ws)}
    assert len(teams["pzk"].members) == 12 and len(teams["wzk"].members) == 2
    assert (teams["pzk"].gmina_animator, teams["pzk"].powiat_animator) == (
        "Anna Kowalczyk",
        "Ewa Zawadzka",
    )
    assert teams["pzk"].gmina_animator_institution_id == pzk_bodies["GOPS"]
    kinds = {a.kind: a for a in registry.list_agreements(ws)}
    assert {p.side: p.representative for p in kinds["wzk"].parties} == {
        "voivodeship": "Artur Kosicki",
        "partner": "",
    }
    assert sorted(p.side for p in kinds["tripartite"].parties) == ["gmina", "powiat", "voivodeship"]
    assert {p.institution_id for p in kinds["pzk"].parties} == {
        pzk_bodies["GOPS"], pzk_bodies["PUP Hajnówka"], pzk_bodies["SP Narewka"]
    }  # fmt: skip

    # The three levels, and the tripartite agreement printed from there.
    tab_to(screen, 0)
    tree = screen.levels.tree
    tops = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert [t.text(2) for t in tops] == ["1 zespół, 1 porozumienie", "1 porozumienie",
                                         "1 zespół, 1 porozumienie"]  # fmt: skip
    pzk_item = tops[2].child(0)
    assert pzk_item.text(2) == "12 instytucji członkowskich"
    assert "Anna Kowalczyk (GOPS)" in pzk_item.text(1)
    key(Qt.Key.Key_Tab)  # from the tab bar into the tree
    assert tree.hasFocus()
    for _i in range(6):
        if tree.currentItem() is tops[1].child(0):
            break
        key(Qt.Key.Key_Down)
    assert tree.currentItem() is tops[1].child(0)
    printed = []
    monkeypatch.setattr(
        print_menu, "open_preview", lambda parent, c, kind, **ids: printed.append((kind, ids))
    )
    assert screen.levels.print_agreement.isEnabled()
    pick_from_menu(qtbot, screen.levels.print_agreement, 0, lambda: bool(printed))
    [(kind, ids)] = printed
    assert ids == {"agreement_id": kinds["tripartite"].id}
    pdf = printing.render_document(ws, kind, **ids)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for who in ("Artur Kosicki", "Andrzej Skiepko", "Mikołaj Pawilcz"):
        assert who in text


def test_on_an_ops_computer_the_coordinators_team_is_read_only(ctx, qtbot):
    ops = home_institution(ctx.ws).id
    own = registry.save_team(ctx.ws, registry.TeamInput(name="PZK Narewka"))
    theirs = registry.save_team(ctx.ws, registry.TeamInput(name="PZK Hajnówka"))
    with ctx.ws.transaction() as s:  # as it arrives from the coordinator by sync
        s.info["applying_sync"] = True
        s.get(CooperationTeam, theirs.id).origin_device = "coordinator-device"
    assert registry.add_member(ctx.ws, own.id, ops)
    screen = TeamScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    settle(ctx, qtbot)
    assert "animatora gminnego" in screen.levels.seat_title.text()
    screen.tabs.setCurrentIndex(2)
    for team_id, editable in ((own.id, True), (theirs.id, False)):
        screen.team_chooser.setCurrentIndex(screen.team_chooser.findData(team_id))
        screen._show_team()
        assert screen.edit_team.isEnabled() is editable
        assert screen.members.add.isEnabled() is editable
        assert screen.agreements.add.isEnabled() is editable
        assert screen.meetings.add.isEnabled() is editable
        assert screen.read_only.isVisible() is not editable
    [t] = [t for t in registry.list_teams(ctx.ws) if t.id == theirs.id]
    assert not cooperation.may_edit(ctx.ws, t)
