"""The whole cycle of issue 10's "Done means", by keyboard only (``tests/ui/_keyboard.py``): key
events as the window system delivers them (Tab, Enter, Alt+letter as shown on screen, Ctrl+S),
real windows of a real session, real SQLCipher files.  What the keys did is checked in the
database.  Nothing here calls a widget's method to do the user's work.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMenu,
    QPushButton,
    QTableView,
    QWizard,
)

from app.services import casefile, families, persons, search
from app.ui.family.action_dialog import ActionDialog
from app.ui.family.consent_dialog import ConsentDialog
from app.ui.family.consents_tab import ConsentsTab
from app.ui.family.diagnosis_tab import DiagnosisTab
from app.ui.family.family_window import FamilyWindow
from app.ui.family.goal_dialog import GoalDialog
from app.ui.family.member_dialog import MemberDialog
from app.ui.family.monitoring_tab import MonitoringTab
from app.ui.family.plan_tab import PlanTab
from app.ui.family.registration_dialog import RegistrationDialog
from app.ui.family.review_dialog import ReviewDialog
from app.ui.family.visit_dialog import VisitDialog
from app.ui.family.visits_tab import VisitsTab
from app.ui.main_window import MainWindow
from app.ui.printing.print_dialog import PrintPreviewDialog
from tests.factories import PESEL_CHILD, PESEL_FATHER, PESEL_MOTHER
from tests.ui._family_support import unsaved_answers_fixture  # noqa: F401
from tests.ui._keyboard import ALT, CTRL, KeyUser
from tests.ui.conftest import OPS_GMINA, PASSPHRASE

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


def make_family(ws) -> str:
    """Two partner institutions and a family of three (set-up: the keyboard test of the first
    run types these)."""
    from tests.factories import make_institutions

    make_institutions(ws)
    fam = families.register_family(
        ws,
        families.FamilyInput(
            gmina_code=OPS_GMINA, locality="Narewka", street="Leśna", house_number="4",
            reasons=["1", "4"],
        ),
    )  # fmt: skip
    for first, last, pesel, relation in (
        ("Grażyna", "Źdźbło-Łęcka", PESEL_MOTHER, "applicant"),
        ("Józef", "Łęcki", PESEL_FATHER, "spouse"),
        ("Zuzanna", "Łęcka", PESEL_CHILD, "child"),
    ):
        persons.add_person(
            ws,
            fam.id,
            persons.PersonInput(first_name=first, last_name=last, pesel=pesel, relation=relation),
        )
    return fam.id


def open_family_by_keyboard(user: KeyUser, main: MainWindow, surname: str):
    """Rodziny (Ctrl+2), type the surname in the search, Down into the list, Enter."""
    yield user.focus_in(main)
    user.key(K.Key_2, CTRL)
    yield lambda: main.current_key() == "families"
    screen = main.screen_widget("families")
    user.key(K.Key_F, CTRL)
    yield user.focus_in(screen.search)
    user.type(surname)
    yield lambda: screen.model.rowCount() == 1
    user.key(K.Key_Down)
    user.enter()
    yield lambda: active(FamilyWindow) is not None and active(FamilyWindow).file is not None


def tab_of(window: FamilyWindow, cls: type):
    return next(t for t in window.tab_pages if isinstance(t, cls))


def test_diagnosis_and_programme_by_keyboard(main_window, qtbot):
    ctx = main_window.ctx
    family_id = make_family(ctx.ws)
    user = KeyUser(qtbot)
    today = date.today()

    def steps():
        yield from open_family_by_keyboard(user, main_window, "Źdźbło")
        window = active(FamilyWindow)

        # -- Diagnoza (Alt+2), typed in place, Ctrl+S ------------------------------------------
        user.key(K.Key_2, ALT)
        diag = tab_of(window, DiagnosisTab)
        yield lambda: window.tabs.currentWidget() is diag
        user.alt_to(diag.view.texts["causes"])
        user.type("Utrata pracy przez matkę, zadłużenie czynszowe.")
        user.alt_to(diag.view.texts["strengths"])
        user.type("Silna więź rodzinna.")
        user.key(K.Key_S, CTRL)
        yield lambda: bool(casefile.reload_family(ctx.ws, family_id).diagnoses)

        # -- Program (IPW) (Alt+3): the plan, Ctrl+S ----------------------------------------------
        user.key(K.Key_3, ALT)
        plan = tab_of(window, PlanTab)
        yield lambda: window.tabs.currentWidget() is plan
        user.alt_to(plan.view.main_goal)
        user.type("Usamodzielnienie ekonomiczne rodziny.")
        yield from user.reach(plan.view.period_from)
        user.type((today - timedelta(days=30)).strftime("%d.%m.%Y"))
        user.key(K.Key_S, CTRL)
        yield lambda: bool(casefile.reload_family(ctx.ws, family_id).plans)

        # -- two goals (Cele, Dodaj cel…) ---------------------------------------------------------
        yield lambda: plan.view.goals.add.isEnabled()  # once the saved programme is shown
        for title, expected in (
            ("Podjęcie zatrudnienia przez matkę", "Umowa o pracę na pół etatu"),
            ("Poprawa wyników w nauce córki", "Promocja do następnej klasy"),
        ):
            user.alt_to(plan.view.goals.add)
            yield lambda: modal(GoalDialog) is not None
            dialog = modal(GoalDialog)
            yield user.focus_in(dialog.title_edit)
            user.type(title)
            user.alt_to(dialog.binding.widget("level_0"))
            user.type(expected)
            user.key(K.Key_S, CTRL)
            yield lambda title=title: modal(GoalDialog) is None and any(
                g.title == title for p in casefile.reload_family(ctx.ws, family_id).plans
                for g in p.goals
            )  # fmt: skip

        # -- three actions (Działania partnerów, Dodaj działanie…) -------------------------------
        user.alt_to_tab(plan.view.lists, plan.view.action_list)
        yield lambda: plan.view.lists.currentWidget() is plan.view.action_list
        for what, goal, institution in (
            ("Szkolenie zawodowe", "Podj", "PUP"),
            ("Terapia pedagogiczna", "Popr", "PPP"),
            ("Pośrednictwo pracy", "Podj", "PUP"),
        ):
            count = plan.action_rows.rowCount()
            user.alt_to(plan.view.action_list.add)
            yield lambda: modal(ActionDialog) is not None
            dialog = modal(ActionDialog)
            yield user.focus_in(dialog.description)
            user.type(what)
            user.alt_to(dialog.goal)
            user.type(goal)
            user.alt_to(dialog.institution)
            user.type(institution)
            user.alt_to(dialog.frequency)
            user.type("raz w tygodniu")
            user.key(K.Key_S, CTRL)
            yield (
                lambda count=count: (
                    modal(ActionDialog) is None and plan.action_rows.rowCount() == count + 1
                )
            )

    user.play(steps())
    ff = casefile.reload_family(ctx.ws, family_id)
    assert ff.latest_diagnosis.causes == "Utrata pracy przez matkę, zadłużenie czynszowe."
    [p] = ff.plans
    assert p.main_goal == "Usamodzielnienie ekonomiczne rodziny."
    assert p.period_from == today - timedelta(days=30)
    assert [g.level_0 for g in sorted(p.goals, key=lambda g: g.title)] == [
        "Umowa o pracę na pół etatu",
        "Promocja do następnej klasy",
    ]
    goal_of = {g.id: g.title[:4] for g in p.goals}
    assert sorted(
        (a.description, goal_of[a.goal_id], a.institution.short_name) for a in p.actions
    ) == [
        ("Pośrednictwo pracy", "Podj", "PUP Hajnówka"),
        ("Szkolenie zawodowe", "Podj", "PUP Hajnówka"),
        ("Terapia pedagogiczna", "Popr", "PPP Hajnówka"),
    ]


def button(root, text: str) -> QPushButton:
    """The button showing ``text`` (whatever its Alt+letter is)."""
    return next(b for b in root.findChildren(QPushButton) if b.text().replace("&", "") == text)


def alt_digit(user: KeyUser, window: FamilyWindow, tab) -> None:
    user.key(Qt.Key(K.Key_1 + window.tabs.indexOf(tab)), ALT)


def test_review_visit_and_consent_by_keyboard(main_window, qtbot):
    from tests.factories import make_full_case

    ctx = main_window.ctx
    case = make_full_case(ctx.ws)
    before = casefile.reload_family(ctx.ws, case.family_id)
    user = KeyUser(qtbot)
    today = date.today()
    next_visit = today + timedelta(days=14)

    def steps():
        yield from open_family_by_keyboard(user, main_window, "Źdźbło")
        window = active(FamilyWindow)

        # -- Monitoring: a review scoring both goals --------------------------------------------
        monitoring = tab_of(window, MonitoringTab)
        alt_digit(user, window, monitoring)
        yield lambda: window.tabs.currentWidget() is monitoring
        user.alt_to(monitoring.new_button)
        yield lambda: modal(ReviewDialog) is not None
        review = modal(ReviewDialog)
        for combo, _note in review.goals._rows.values():
            yield from user.reach(combo)
            user.type("0")  # "0 oczekiwany poziom"
        user.alt_to(review.summary)
        user.type("Matka rozpoczęła szkolenie, córka chodzi na terapię.")
        user.key(K.Key_S, CTRL)
        yield lambda: modal(ReviewDialog) is None

        # -- Wizyty: today's visit, the next one in two weeks ---------------------------------
        visits = tab_of(window, VisitsTab)
        alt_digit(user, window, visits)
        yield lambda: window.tabs.currentWidget() is visits
        user.alt_to(button(visits, "Nowa wizyta…"))
        yield lambda: modal(VisitDialog) is not None
        visit = modal(VisitDialog)
        user.alt_to(visit.purpose)
        user.type("Rozmowa o szkoleniu matki")
        user.alt_to(visit.next_visit_on)
        user.type(next_visit.strftime("%d.%m.%Y"))
        user.key(K.Key_S, CTRL)
        yield lambda: modal(VisitDialog) is None

        # -- Zgody: the mother's consent for the PUP --------------------------------------------
        consents = tab_of(window, ConsentsTab)
        alt_digit(user, window, consents)
        yield lambda: window.tabs.currentWidget() is consents
        user.alt_to(button(consents, "Nowa zgoda…"))
        yield lambda: modal(ConsentDialog) is not None
        consent = modal(ConsentDialog)
        user.alt_to(consent.person)
        user.type("Gra")
        yield from user.reach(consent.scope.parentWidget().findChild(QTableView))
        user.key(K.Key_Space)  # the first institution
        user.alt_to(consent.scope)
        user.type("Dane potrzebne do realizacji IPW.")
        user.key(K.Key_S, CTRL)
        yield lambda: modal(ConsentDialog) is None

    user.play(steps())
    ff = casefile.reload_family(ctx.ws, case.family_id)
    [new_review] = [r for r in ff.reviews if r.id not in {x.id for x in before.reviews}]
    assert new_review.held_on == today and new_review.summary.startswith("Matka rozpoczęła")
    assert {s.level for s in new_review.goal_scores} == {0}
    assert len(new_review.goal_scores) == len(ff.current_plan.goals) == 2
    [new_visit] = [v for v in ff.visits if v.id not in {x.id for x in before.visits}]
    assert (new_visit.visit_on, new_visit.next_visit_on) == (today, next_visit)
    assert new_visit.purpose == "Rozmowa o szkoleniu matki"
    [new_consent] = [c for c in ff.consents if c.id not in {x.id for x in before.consents}]
    assert new_consent.person.first_name == "Grażyna" and new_consent.signed_on == today
    assert new_consent.scope == "Dane potrzebne do realizacji IPW."
    assert len(new_consent.recipients) == 1


def save_in_file_dialog(user: KeyUser, path: Path):
    """Qt's own save dialog (offscreen there is no native one): the name field has the focus;
    select what is proposed, type the whole path, Enter."""
    yield lambda: modal(QFileDialog) is not None and user.focus_in(modal(QFileDialog))()
    user.key(K.Key_A, CTRL)
    user.type(str(path))
    user.enter()
    yield lambda: modal(QFileDialog) is None


def test_print_sync_export_idle_lock_and_unlock_by_keyboard(
    main_window, coordinator_ws, qtbot, tmp_path
):
    from pypdf import PdfReader

    from app.sync import importer
    from tests.factories import make_full_case
    from tests.sync.helpers import introduce

    session, ctx = main_window.session, main_window.ctx
    introduce(ctx.ws, coordinator_ws)
    case = make_full_case(ctx.ws)
    number = casefile.reload_family(ctx.ws, case.family_id).family.case_number
    pdf, bundle = tmp_path / "ipw.pdf", tmp_path / "paczka.kbundle"
    user = KeyUser(qtbot)

    def steps():
        yield from open_family_by_keyboard(user, main_window, "Źdźbło")
        window = active(FamilyWindow)
        plan = tab_of(window, PlanTab)
        alt_digit(user, window, plan)
        yield lambda: window.tabs.currentWidget() is plan

        # -- Ctrl+P: the programme's documents first, the first one selected; Enter ------------
        user.key(K.Key_P, CTRL)
        yield lambda: isinstance(QApplication.activePopupWidget(), QMenu)
        user.enter()
        yield (
            lambda: (
                modal(PrintPreviewDialog) is not None and modal(PrintPreviewDialog).page_count() > 0
            )
        )
        preview = modal(PrintPreviewDialog)
        user.alt_to(preview.save_button)
        yield from save_in_file_dialog(user, pdf)
        yield lambda: pdf.exists() and pdf.stat().st_size > 0
        user.alt_to(preview.close_button)
        yield lambda: modal(PrintPreviewDialog) is None

        # -- back to the main window (Ctrl+W closes the family file), Synchronizacja ----------
        user.key(K.Key_W, CTRL)
        yield lambda: active(MainWindow) is not None
        user.key(K.Key_6, CTRL)
        yield lambda: main_window.current_key() == "sync"
        sync = main_window.screen_widget("sync")
        yield lambda: sync.peer.count() == 1 and sync.export_button.isEnabled()
        user.alt_to(sync.export_button)
        yield from save_in_file_dialog(user, bundle)
        yield lambda: bundle.exists() and bundle.stat().st_size > 0

        # -- left alone: the idle lock; the passphrase typed, Enter ----------------------------
        session.idle.set_timeout_ms(200)  # the minutes pass (not a key: time)
        yield lambda: not ctx.is_unlocked and session.unlock_window.isVisible()
        session.idle.set_minutes(5)
        unlock = session.unlock_window
        yield lambda: active(type(unlock)) is not None and user.focus_in(unlock.passphrase)()
        user.type(PASSPHRASE)
        user.enter()
        yield lambda: ctx.is_unlocked and active(MainWindow) is not None

    user.play(steps())
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Indywidualny" in text and number in text
    result = importer.import_bundle(coordinator_ws, bundle.read_bytes())
    assert result.status == "imported" and result.records > 0
    assert casefile.reload_family(coordinator_ws, case.family_id).family.case_number == number
    assert main_window.current_key() == "sync"  # back where the user was
