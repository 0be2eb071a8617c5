"""Zespół Kooperacji, Koszyk usług and Historia: real screens over a real database."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.models import Sector
from app.services import koszyk
from app.services.casefile import home_institution
from app.services.reference import code_list
from app.ui.kit import print_menu
from app.ui.registry import audit_log_view
from app.ui.registry.agreement_dialog import AgreementDialog
from app.ui.registry.catalog_screen import CatalogScreen
from app.ui.registry.history_screen import HistoryScreen
from app.ui.registry.institution_dialog import InstitutionDialog
from app.ui.registry.meeting_dialog import MeetingDialog
from app.ui.registry.service_dialog import ServiceDialog
from app.ui.registry.team_dialog import MembershipDialog, TeamDialog
from app.ui.registry.team_screen import TeamScreen
from tests.factories import make_institutions
from tests.ui._family_support import (
    drive_dialogs,
    save_dialog,
    unsaved_answers_fixture,  # noqa: F401
)
from tests.ui.conftest import settle


def screen(cls, ctx, qtbot):
    widget = cls(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    settle(ctx, qtbot)
    return widget


@pytest.fixture
def institutions(ctx):
    return make_institutions(ctx.ws)


def test_institution_dialog_checks_nip_and_regon_as_typed(ctx, qtbot):
    dialog = InstitutionDialog(ctx, code_list(ctx.ws, Sector))
    qtbot.addWidget(dialog)
    dialog.show()
    settle(ctx, qtbot)
    f = dialog.fields
    f["name"].setText("Gminna Komisja Rozwiązywania Problemów Alkoholowych w Narewce")
    f["sector_code"].set_code("health")
    f["nip"].setText("526-104-08-29")  # one digit off
    assert "NIP" in dialog.nip_status.text() and "nieprawidłowy" in dialog.nip_status.text()
    f["regon"].setText("1234")
    assert dialog.regon_status.text() == "4 cyfry"
    save_dialog(qtbot, dialog, expect_error=True)
    assert "NIP" in dialog.error.text()
    assert dialog.focusWidget() is f["nip"]
    f["nip"].setText("526-104-08-28")
    assert dialog.nip_status.text() == "✓ poprawny"
    f["regon"].setText("")
    inst = save_dialog(qtbot, dialog)
    assert inst.nip == "5261040828" and inst.sector_code == "health"


def test_team_screen_builds_the_pzk(ctx, qtbot, institutions, monkeypatch, qtmodeltester):
    pup, ppp = institutions["pup"], institutions["ppp"]
    ops = home_institution(ctx.ws).id  # the OPS is a party to a PZK agreement
    fillers = {
        TeamDialog: lambda d: (
            d.name.setText("Partnerski Zespół Kooperacji Gminy Narewka"),
            d.lead.set_code(pup),
        ),
        MembershipDialog: lambda d: (
            d.institution.set_code(d.institution.itemData(1)),
            d.representative.setText("Marek Żółkiewski"),
        ),
        AgreementDialog: lambda d: (
            d.title_edit.setText("Porozumienie o współpracy"),
            d.number.setText("1/2026"),
            d.signed_on.set_value(date(2026, 3, 2)),
            d.parties.set_draft_value(
                {
                    ops: [True, "", "Kierownik GOPS", "kierownik"],
                    pup: [True, "", "Dyrektor PUP", "dyrektor"],
                    ppp: [True, "", "Dyrektor PPP", "dyrektor"],
                }
            ),
        ),
        MeetingDialog: lambda d: (
            d.held_on.set_value(date(2026, 3, 20)),
            d.place.setText("GOPS Narewka, sala 2"),
            d.decisions.setPlainText("Ustalono harmonogram diagnoz rodzin."),
            d.attendance.set_draft_value({pup: [True, "", "Marek Żółkiewski"]}),
        ),
    }
    drive_dialogs(monkeypatch, qtbot, fillers)
    s = screen(TeamScreen, ctx, qtbot)
    assert s.institutions.model.rowCount() == 3  # the OPS itself and two partners
    assert "Nie ma jeszcze zespołu" in s.team_info.text()
    s._edit_team(None)
    settle(ctx, qtbot)
    assert s.team is not None and s.team.name.endswith("Narewka")
    s._add_member()
    settle(ctx, qtbot)
    assert s.members_model.rowCount() == 1
    s._edit_agreement(None)
    settle(ctx, qtbot)
    [agreement] = s.agreements_model.rows()
    assert {p.institution_id for p in agreement.parties} == {ops, pup, ppp}
    s._edit_meeting(None)
    settle(ctx, qtbot)
    [meeting] = s.meetings_model.rows()
    assert [a.institution_id for a in meeting.attendance] == [pup]
    s.meetings.table.setCurrentIndex(s.meetings_model.index(0, 0))
    assert "Ustalono harmonogram" in s.meeting_text.toPlainText()
    assert "PUP Hajnówka" in s.meeting_text.toPlainText()
    for model in (s.institutions.model, s.members_model, s.agreements_model, s.meetings_model):
        qtmodeltester.check(model, force_py=True)

    printed = []
    monkeypatch.setattr(
        print_menu, "open_preview", lambda parent, c, kind, **ids: printed.append((kind, ids))
    )
    assert s.print_agreement.text() == "&Drukuj porozumienie…"
    s.print_agreement.menu().actions()[0].trigger()
    assert printed == [("agreement", {"team_id": s.team.id})]


def test_institutions_filter_by_sector_and_name(ctx, qtbot, institutions):
    s = screen(TeamScreen, ctx, qtbot)
    panel = s.institutions
    panel.sector.set_code("education")
    assert panel.proxy.rowCount() == 1
    panel.sector.set_code("")
    panel.search.setText("hajnow")  # diacritics ignored
    assert panel.proxy.rowCount() == 2
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    first = panel.proxy.index(0, 0).data()
    assert first.startswith("Poradnia")


def test_catalog_by_area_and_a_new_service(ctx, qtbot, institutions, monkeypatch, qtmodeltester):
    def fill(d: ServiceDialog) -> None:
        d.name.setText("Trening kompetencji rodzicielskich")
        d.area.set_code("family_support")
        d.provider.set_code(institutions["ppp"])
        d.legal_basis.setText("art. 10 ustawy o wspieraniu rodziny")

    drive_dialogs(monkeypatch, qtbot, {ServiceDialog: fill})
    s = screen(CatalogScreen, ctx, qtbot)
    total = s.proxy.rowCount()
    assert total > 5
    s.area.set_code("social_assistance")
    assert 0 < s.proxy.rowCount() < total
    s.edit(None)
    settle(ctx, qtbot)
    s.area.set_code("family_support")
    names = [s.proxy.index(r, 0).data() for r in range(s.proxy.rowCount())]
    assert "Trening kompetencji rodzicielskich" in names
    saved = next(x for x in koszyk.list_services(ctx.ws) if x.name.startswith("Trening"))
    assert saved.provider_institution_id == institutions["ppp"]
    qtmodeltester.check(s.model, force_py=True)


def test_history_screen_pages_through_the_log(ctx, qtbot, family_case, monkeypatch):
    monkeypatch.setattr(audit_log_view, "PAGE", 10)
    s = screen(HistoryScreen, ctx, qtbot)
    assert s.model.rowCount() == 10 and s.more.isEnabled()
    s.load_more()
    settle(ctx, qtbot)
    assert s.model.rowCount() > 10
    labels = {s.model.index(r, 3).data() for r in range(s.model.rowCount())}
    assert labels & {"członek rodziny", "diagnoza", "program (IPW)", "działanie"}
    n = s.model.rowCount()
    word = "wpisy" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "wpisów"
    assert s.count.text() == f"Wyświetlono {n} {word}"
