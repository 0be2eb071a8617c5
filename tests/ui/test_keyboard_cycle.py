"""The whole cycle of issue 10's "Done means", by keyboard only (``tests/ui/_keyboard.py``): key
events as the window system delivers them (Tab, Enter, Alt+letter as shown on screen, Ctrl+S),
real windows of a real session, real SQLCipher files.  What the keys did is checked in the
database.  Nothing here calls a widget's method to do the user's work.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from app.services import casefile, search
from app.ui.family.family_window import FamilyWindow
from app.ui.family.member_dialog import MemberDialog
from app.ui.family.registration_dialog import RegistrationDialog
from app.ui.main_window import MainWindow
from tests.factories import PESEL_CHILD, PESEL_FATHER, PESEL_MOTHER
from tests.ui._family_support import unsaved_answers_fixture  # noqa: F401
from tests.ui._keyboard import CTRL, KeyUser
from tests.ui.conftest import PASSPHRASE

pytestmark = pytest.mark.ui
K = Qt.Key


def modal(cls: type):
    """The modal dialog of that class that is showing, or None."""
    widget = QApplication.activeModalWidget()
    return widget if isinstance(widget, cls) and widget.isVisible() else None


def active(cls: type):
    widget = QApplication.activeWindow()
    return widget if isinstance(widget, cls) and widget.isVisible() else None


def test_first_run_family_of_three_by_keyboard(first_run, qtbot):
    session, ctx = first_run, first_run.ctx
    user = KeyUser(qtbot)
    wizard = session.wizard

    def steps():
        # -- the first-run wizard ---------------------------------------------------------
        yield user.focus_in(wizard)
        user.enter()  # Dalej: the OPS role is proposed
        unit = wizard.pages["unit"]
        yield lambda: wizard.current_step() == "unit" and user.focus_in(unit.edit)()
        user.type("Narewka")
        yield lambda: QApplication.activePopupWidget() is not None
        user.key(K.Key_Down)
        user.enter()
        yield lambda: "2005092" in unit.chosen.text()
        user.enter()
        identity = wizard.pages["identity"]
        yield lambda: wizard.current_step() == "identity"
        user.alt_to(identity.worker)
        user.type("Anna Kowalczyk")
        user.enter()
        pp = wizard.pages["passphrase"]
        yield lambda: wizard.current_step() == "passphrase" and user.focus_in(pp.first)()
        user.type(PASSPHRASE)
        user.alt_to(pp.second)
        user.type(PASSPHRASE)
        user.alt_to(pp.understood)  # Alt+letter on a check box ticks it
        yield lambda: pp.understood.isChecked()
        user.enter()
        yield lambda: wizard.current_step() == "summary"
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        user.alt_to(finish)
        yield lambda: session.main_window is not None and active(MainWindow) is not None
        main = session.main_window

        # -- Nowa rodzina (Ctrl+N) with the mother --------------------------------------------
        yield user.focus_in(main)
        user.key(K.Key_N, CTRL)
        yield lambda: modal(RegistrationDialog) is not None
        reg = modal(RegistrationDialog)
        yield user.focus_in(reg.case.locality)
        user.type("Narewka")
        user.alt_to(reg.case.street)
        user.type("Leśna")
        user.alt_to(reg.case.house_number)
        user.type("4")
        yield from user.tab_to(reg.case.reasons_view)
        user.key(K.Key_Space)  # ubóstwo (the first reason)
        user.key(K.Key_Down, times=3)
        user.key(K.Key_Space)
        yield lambda: len(reg.case.reasons.checked_keys()) == 2
        user.alt_to(reg.member.first_name)
        user.type("Grażyna")
        user.alt_to(reg.member.last_name)
        user.type("Źdźbło-Łęcka")
        yield from user.tab_to(reg.member.pesel)  # no letter left for it in this window
        user.type(PESEL_MOTHER)
        user.key(K.Key_S, CTRL)
        yield lambda: modal(RegistrationDialog) is None and active(FamilyWindow) is not None
        window = active(FamilyWindow)
        yield lambda: window.file is not None

        # -- two more members from the Rodzina tab -------------------------------------------
        household = window.tab_pages[0]
        for first, last, pesel, relation in (
            ("Józef", "Łęcki", PESEL_FATHER, "mał"),
            ("Zuzanna", "Łęcka", PESEL_CHILD, "dzi"),
        ):
            count = household.members_model.rowCount()
            user.alt_to(household.view.add_member)
            yield lambda: modal(MemberDialog) is not None
            dialog = modal(MemberDialog)
            yield user.focus_in(dialog.view.first_name)
            user.type(first)
            user.alt_to(dialog.view.last_name)
            user.type(last)
            user.alt_to(dialog.view.relation)
            user.type(relation)  # a closed list: typing its first letters chooses
            user.alt_to(dialog.view.pesel)
            user.type(pesel)
            user.key(K.Key_S, CTRL)
            yield (
                lambda count=count: (
                    modal(MemberDialog) is None and household.members_model.rowCount() == count + 1
                )
            )

    user.play(steps())
    [hit] = search.search_families(ctx.ws).rows
    ff = casefile.reload_family(ctx.ws, hit.id)
    people = {(p.first_name, p.relation) for p in ff.family.persons}
    assert people == {("Grażyna", "applicant"), ("Józef", "spouse"), ("Zuzanna", "child")}
    assert ff.family.locality == "Narewka"
