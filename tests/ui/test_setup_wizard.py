"""The first-run wizard driven through its widgets: role, gmina type-ahead, names, passphrase."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from app.services.setup_flow import SetupFlow, TercIndex
from app.ui.setup_wizard import SetupWizard
from tests.conftest import PASSPHRASE
from tests.ui.conftest import _close, _session, settle


@pytest.fixture(scope="module")
def terc() -> TercIndex:
    return TercIndex.load()


@pytest.fixture
def first_run(tmp_path, qtbot, terc):
    controller = _session(tmp_path / "nowa.db", qtbot)
    controller.show_wizard(SetupFlow(tmp_path / "nowa.db", terc))
    yield controller
    _close(controller)


def next_page(wizard: SetupWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def test_wizard_creates_the_database_and_opens_the_main_window(first_run, qtbot, tmp_path):
    wizard = first_run.wizard
    assert first_run.start is not None and wizard.isVisible()
    assert wizard.current_step() == "role"
    wizard.pages["role"].ops.setChecked(True)
    next_page(wizard)
    assert wizard.current_step() == "unit"

    unit = wizard.pages["unit"]
    # Next without a gmina: stays, says why.
    next_page(wizard)
    assert wizard.current_step() == "unit"
    assert "gminę" in unit.error.text()
    qtbot.keyClicks(unit.edit, "narewk")
    assert unit.model.stringList() == ["Narewka (gmina wiejska, pow. hajnowski)"]
    unit.completer.activated[str].emit(unit.model.stringList()[0])
    assert wizard.data.unit_code == "2005092"
    assert "2005092" in unit.chosen.text()
    next_page(wizard)

    identity = wizard.pages["identity"]
    assert wizard.current_step() == "identity"
    assert identity.institution.text() == "Ośrodek Pomocy Społecznej w gminie Narewka"
    next_page(wizard)
    assert wizard.current_step() == "identity" and identity.worker.hasFocus() is not None
    identity.worker.setText("Anna Kowalczyk")
    next_page(wizard)

    page = wizard.pages["passphrase"]
    assert wizard.current_step() == "passphrase"
    qtbot.keyClicks(page.first, "haslo")
    assert page.meter.bar.value() == 0 and page.meter.message.text()
    page.first.setText(PASSPHRASE)
    assert page.meter.bar.value() >= 3
    page.second.setText(PASSPHRASE)
    next_page(wizard)
    assert "odzyskać" in page.error.text()  # the no-recovery warning must be confirmed
    page.first.setText("haslo")
    next_page(wizard)
    # too weak (or not repeated): said once, in red (the meter's own words when they say it)
    assert page.error.text() or page.meter.message.property("role") == "error"
    page.first.setText(PASSPHRASE)
    assert page.error.text() == ""  # and gone with the passphrase it was about
    assert page.meter.message.property("role") == "muted"
    page.understood.setChecked(True)
    next_page(wizard)
    assert wizard.current_step() == "summary"

    with qtbot.waitSignal(first_run.entered, timeout=30_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    settle(first_run.ctx, qtbot)
    assert not wizard.isVisible()
    assert first_run.main_window.isVisible()
    assert first_run.ctx.ws.identity.unit_code == "2005092"
    assert (tmp_path / "nowa.db").exists()
    assert page.first.text() == "" and wizard.data.passphrase == ""


def test_typed_gmina_name_without_the_list_is_accepted(first_run, qtbot):
    wizard = first_run.wizard
    next_page(wizard)
    unit = wizard.pages["unit"]
    unit.edit.setText("Narewka")
    next_page(wizard)
    assert wizard.current_step() == "identity"
    assert wizard.data.unit_code == "2005092"


def test_coordinator_chooses_a_powiat(first_run, qtbot):
    wizard = first_run.wizard
    wizard.pages["role"].coordinator.setChecked(True)
    next_page(wizard)
    unit = wizard.pages["unit"]
    assert "Powiat" in unit.caption.text()
    qtbot.keyClicks(unit.edit, "hajn")
    assert unit.model.stringList() == ["hajnowski (powiat, woj. podlaskie)"]


def test_cancelling_after_the_first_page_asks(first_run, qtbot, dialogs):
    wizard = first_run.wizard
    next_page(wizard)
    wizard.reject()  # the recorded question answers "No" (its default)
    assert wizard.isVisible()
    assert dialogs and dialogs[-1][0] == "question"


def test_complete_wizard_helper_gives_an_unlocked_main_window(first_run, qtbot):
    from tests.ui.conftest import complete_wizard

    complete_wizard(first_run, qtbot, coordinator=True, unit="hajnowski", worker="Ewa Zawadzka")
    assert first_run.ctx.ws.is_coordinator
    assert first_run.main_window.isVisible()
