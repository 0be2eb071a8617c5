"""Nowa rodzina: the registration dialog for an OPS worker and for a powiat coordinator."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from app.services import casefile, drafts
from app.ui.family.registration_dialog import RegistrationDialog
from tests.factories import PESEL_FATHER
from tests.ui._family_support import save_dialog, unsaved_answers_fixture  # noqa: F401
from tests.ui.conftest import settle


def open_dialog(ctx, qtbot) -> RegistrationDialog:
    dialog = RegistrationDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(ctx, qtbot)
    return dialog


def fill(dialog: RegistrationDialog) -> None:
    c, m = dialog.case, dialog.member
    c.locality.setText("Siemianówka")
    c.house_number.setText("12")
    c.postal_code.setText("17-220")
    c.reasons.set_checked({"4", "13"})
    m.first_name.setText("Józef")
    m.last_name.setText("Łęcki")
    m.pesel.setText(PESEL_FATHER)
    m.employment.set_code("unemployed_registered")


def test_ops_worker_registers_a_family_in_its_own_gmina(ctx, qtbot):
    dialog = open_dialog(ctx, qtbot)
    assert dialog.case.gmina.code() == "2005092"  # the device's gmina (Narewka)
    assert dialog.case.gmina.count() == 1
    assert dialog.windowTitle() == "Nowa rodzina"
    fill(dialog)
    family = save_dialog(qtbot, dialog)
    ff = casefile.reload_family(ctx.ws, family.id)
    assert ff.family.locality == "Siemianówka" and ff.family.gmina_code == "2005092"
    assert sorted(r.reason_code for r in ff.family.reasons) == ["13", "4"]
    [person] = ff.persons
    assert (person.first_name, person.relation, person.sex) == ("Józef", "applicant", "M")
    settle(ctx, qtbot)
    assert drafts.load_draft(ctx.ws, "registration:new") is None


def test_a_mistake_in_the_member_leaves_no_case_behind(ctx, qtbot):
    dialog = open_dialog(ctx, qtbot)
    fill(dialog)
    dialog.member.pesel.setText("82111512352")  # wrong check digit
    save_dialog(qtbot, dialog, expect_error=True)
    assert "PESEL" in dialog.error.text()
    assert dialog.focusWidget() is dialog.member.pesel
    from app.services import search

    assert search.search_families(ctx.ws, limit=5).total == 0


def test_ask_builds_the_dialog_on_the_context(ctx, qtbot, monkeypatch):
    seen = []
    monkeypatch.setattr(RegistrationDialog, "run", classmethod(lambda cls, d: seen.append(d)))
    assert RegistrationDialog.ask(None, ctx) is None
    assert [d.ctx for d in seen] == [ctx]


def test_coordinator_chooses_one_of_the_powiat_gminas(coordinator_ctx, qtbot):
    dialog = open_dialog(coordinator_ctx, qtbot)
    gmina = dialog.case.gmina
    names = [gmina.itemText(i) for i in range(gmina.count())]
    assert names[0] == "— wybierz gminę —" and gmina.code() == ""
    assert any(n.startswith("Narewka") for n in names)
    assert all(gmina.itemData(i).startswith("2005") for i in range(1, gmina.count()))
    fill(dialog)
    save_dialog(qtbot, dialog, expect_error=True)  # no gmina chosen yet
    gmina.set_code("2005092")
    family = save_dialog(qtbot, dialog)
    assert casefile.reload_family(coordinator_ctx.ws, family.id).family.gmina_code == "2005092"


def test_typed_registration_survives_as_a_draft(ctx, qtbot, unsaved_answers):
    dialog = open_dialog(ctx, qtbot)
    fill(dialog)
    dialog.reject()  # Escape: the question is answered "keep as draft"
    settle(ctx, qtbot)
    assert unsaved_answers and "Nowa rodzina" in unsaved_answers[-1]
    kept = drafts.load_draft(ctx.ws, "registration:new")
    assert kept["locality"] == "Siemianówka" and kept["m_pesel"] == PESEL_FATHER
    again = open_dialog(ctx, qtbot)  # the draft is offered; the default answer restores it
    assert again.case.locality.text() == "Siemianówka"
    assert again.member.birth_date.value().isoformat() == "1982-11-15"
