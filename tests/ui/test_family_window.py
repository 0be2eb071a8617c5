"""The family file window: every tab shows the case, models pass qtmodeltester, drafts are never
lost on close or lock, Ctrl+S saves, the window reopens on the same tab."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.services import casefile, drafts, families, setup
from app.ui.family.diagnosis_tab import DiagnosisTab
from app.ui.family.family_window import FamilyWindow
from app.ui.family.household_tab import HouseholdTab
from app.ui.family.monitoring_tab import MonitoringTab
from app.ui.family.plan_tab import PlanTab
from app.ui.kit.draft_guard import CloseChoice
from tests.conftest import PASSPHRASE
from tests.ui._family_support import open_window, unsaved_answers_fixture  # noqa: F401
from tests.ui.conftest import settle


def tab(window: FamilyWindow, cls: type):
    return next(t for t in window.tab_pages if isinstance(t, cls))


def test_every_tab_shows_the_case(ctx, qtbot, family_case):
    w = open_window(ctx, qtbot, family_case.family_id)
    ff = casefile.reload_family(ctx.ws, family_case.family_id)
    assert ff.family.case_number in w.header.text()
    assert "Źdźbło-Łęcka Grażyna" in w.windowTitle()
    titles = [w.tabs.tabText(i).replace("&", "") for i in range(w.tabs.count())]
    assert titles == [
        "Rodzina", "Diagnoza", "Program (IPW)", "Monitoring", "Wizyty", "Zgody", "Dokumenty",
        "Ścieżka sprawy", "Historia",
    ]  # fmt: skip
    household = tab(w, HouseholdTab)
    assert household.members_model.rowCount() == 3
    assert household.view.form.locality.text() == "Narewka"
    assert household.view.form.reasons.checked_keys() == ["1", "4", "9"]
    diagnosis = tab(w, DiagnosisTab)
    assert diagnosis.view.texts["causes"].toPlainText().startswith("Utrata pracy")
    assert dict((c, r) for c, r, _n in diagnosis.view.ratings.ratings())["income_work"] == -2
    checked = {r.label for r in diagnosis.view.participants.checked_rows()}
    assert checked == {"PUP Hajnówka", "Grażyna Źdźbło-Łęcka"}
    plan = tab(w, PlanTab)
    assert plan.view.main_goal.toPlainText() == "Usamodzielnienie ekonomiczne rodziny."
    assert (plan.goals.rowCount(), plan.action_rows.rowCount(), plan.commitments.rowCount()) == (
        2, 3, 1,
    )  # fmt: skip
    monitoring = tab(w, MonitoringTab)
    assert monitoring.model.rowCount() == 1
    assert len(monitoring.chart.points) == 2  # the baseline and the review
    assert "Oczekiwany rezultat" not in monitoring.details.toPlainText()
    assert "Podjęcie zatrudnienia przez matkę" in monitoring.details.toPlainText()
    history = w.tab_pages[-1]
    assert history.model.rowCount() >= 10
    assert any(r.action == "view" for r in history.model.rows())


def test_models_pass_the_model_tester(ctx, qtbot, qtmodeltester, family_case, tmp_path):
    families.save_team_member(
        ctx.ws,
        family_case.family_id,
        families.TeamMemberInput("Marek Żółkiewski", family_case.institution_ids["pup"]),
    )
    from app.services import attachments

    attachments.add_attachment(
        ctx.ws, family_case.family_id, title="Skan zgody", content=b"%PDF-1.4 test",
        filename="zgoda.pdf",
    )  # fmt: skip
    w = open_window(ctx, qtbot, family_case.family_id)
    # The tester disconnects from the models after the test: keep them alive until then.
    w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    household = tab(w, HouseholdTab)
    diagnosis = tab(w, DiagnosisTab)
    plan = tab(w, PlanTab)
    models = [
        household.members_model,
        household.team_model,
        household.view.form.reasons,
        diagnosis.view.participants,
        diagnosis.view.reasons,
        plan.goals,
        plan.action_rows,
        plan.commitments,
        tab(w, MonitoringTab).model,
        *(t.model for t in w.tab_pages[4:] if hasattr(t, "model")),  # the case path: its test
    ]
    assert all(m.rowCount() > 0 for m in models), [type(m).__name__ for m in models]
    for model in models:
        qtmodeltester.check(model, force_py=True)


def test_reopens_on_the_same_tab(ctx, qtbot, family_case):
    w = open_window(ctx, qtbot, family_case.family_id)
    w.tabs.setCurrentIndex(3)
    state = w.state()
    assert state == {"family_id": family_case.family_id, "tab": 3}
    again = FamilyWindow(ctx, family_case.family_id)
    again.restore_state(state)  # before the case is loaded: applied once it is
    with qtbot.waitSignal(again.loaded, timeout=20_000):
        again.show()
    assert again.tabs.currentIndex() == 3


def test_closing_with_changes_keeps_a_draft_or_discards_on_request(
    ctx, qtbot, family_case, unsaved_answers
):
    key = f"diagnosis:{family_case.family_id}:{family_case.diagnosis_id}"
    w = open_window(ctx, qtbot, family_case.family_id)
    causes = tab(w, DiagnosisTab).view.texts["causes"]
    causes.setPlainText("Nowa przyczyna wpisana przy rodzinie.")

    unsaved_answers.append(CloseChoice.CANCEL)
    assert not w.close()
    assert w.isVisible() and "Diagnoza" in unsaved_answers[-1]

    unsaved_answers.append(CloseChoice.KEEP_DRAFT)
    assert w.close()
    settle(ctx, qtbot)
    assert drafts.load_draft(ctx.ws, key)["causes"] == "Nowa przyczyna wpisana przy rodzinie."

    # Opening the case again asks (the default answer restores) and brings the text back.
    w2 = open_window(ctx, qtbot, family_case.family_id)
    settle(ctx, qtbot)
    causes2 = tab(w2, DiagnosisTab).view.texts["causes"]
    assert causes2.toPlainText() == "Nowa przyczyna wpisana przy rodzinie."
    unsaved_answers.append(CloseChoice.DISCARD)
    assert w2.close()
    settle(ctx, qtbot)
    assert drafts.load_draft(ctx.ws, key) is None
    saved = casefile.reload_family(ctx.ws, family_case.family_id).latest_diagnosis
    assert saved.causes.startswith("Utrata pracy")  # discarding never touches saved data


def test_closing_with_changes_in_two_tabs_and_saving_saves_both_then_closes(
    ctx, qtbot, family_case, unsaved_answers
):
    """One question names both forms; "Save" saves them one after the other, and the window
    closes once the last save is done (no draft is left)."""
    w = open_window(ctx, qtbot, family_case.family_id)
    tab(w, DiagnosisTab).view.texts["causes"].setPlainText("Przyczyna zapisana przy zamykaniu.")
    tab(w, PlanTab).view.main_goal.setPlainText("Cel zapisany przy zamykaniu.")

    unsaved_answers.append(CloseChoice.SAVE)
    assert not w.close()  # the saves run on the database worker first
    assert "Diagnoza" in unsaved_answers[-1] and "Program" in unsaved_answers[-1]
    # the window deletes itself once closed: between two polls it may already be gone
    qtbot.waitUntil(lambda: not shiboken6.isValid(w) or not w.isVisible(), timeout=20_000)
    settle(ctx, qtbot)
    ff = casefile.reload_family(ctx.ws, family_case.family_id)
    assert ff.latest_diagnosis is not None
    assert ff.latest_diagnosis.causes == "Przyczyna zapisana przy zamykaniu."
    assert (
        ff.current_plan is not None and ff.current_plan.main_goal == "Cel zapisany przy zamykaniu."
    )
    assert drafts.list_drafts(ctx.ws) == []


@pytest.mark.parametrize("kind", ["diagnosis", "plan"])
def test_switching_to_a_new_record_asks_about_unsaved_changes_first(
    ctx, qtbot, family_case, unsaved_answers, kind
):
    """Diagnoza and Program (IPW) show one of the case's records: "Nowa…" with unsaved text
    asks first; cancelling stays on the record (chooser and text as they were), keeping a
    draft switches to an empty new one with the cursor in its first field."""
    w = open_window(ctx, qtbot, family_case.family_id)
    if kind == "diagnosis":
        page = tab(w, DiagnosisTab)
        text, first = page.view.texts["causes"], page.view.made_on
    else:
        page = tab(w, PlanTab)
        text, first = page.view.main_goal, page.view.number
    w.tabs.setCurrentWidget(page)
    shown, key = page.current, page.guard.key
    text.setPlainText("Zmiana przed przełączeniem.")

    unsaved_answers.append(CloseChoice.CANCEL)
    qtbot.mouseClick(page.view.new_button, Qt.MouseButton.LeftButton)
    assert page.current == shown and page.view.chooser.currentData() == shown
    assert text.toPlainText() == "Zmiana przed przełączeniem."

    unsaved_answers.append(CloseChoice.KEEP_DRAFT)
    qtbot.mouseClick(page.view.new_button, Qt.MouseButton.LeftButton)
    assert page.current == "new" and page.view.chooser.currentData() == "new"
    assert text.toPlainText() == ""

    def in_first_field() -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is first or first.isAncestorOf(focus))

    qtbot.waitUntil(in_first_field)
    settle(ctx, qtbot)
    assert drafts.load_draft(ctx.ws, key) is not None


def test_ctrl_s_saves_the_form_of_the_tab(ctx, qtbot, family_case):
    w = open_window(ctx, qtbot, family_case.family_id)
    w.tabs.setCurrentIndex(1)
    view = tab(w, DiagnosisTab).view
    view.texts["conclusions"].setPlainText("Rodzina gotowa do pracy z PUP.")
    view.finalized.setChecked(True)
    assert w.save_action.shortcut() == QKeySequence("Ctrl+S")
    with qtbot.waitSignal(w.loaded, timeout=20_000):
        w.save_action.trigger()
    d = casefile.reload_family(ctx.ws, family_case.family_id).latest_diagnosis
    assert d.conclusions == "Rodzina gotowa do pracy z PUP." and d.finalized
    assert not tab(w, DiagnosisTab).guard.is_modified()
    settle(ctx, qtbot)
    assert drafts.load_draft(ctx.ws, tab(w, DiagnosisTab).guard.key) is None


def test_lock_flushes_drafts_and_closes_the_window(ctx, qtbot, family_case, db_path):
    w = open_window(ctx, qtbot, family_case.family_id)
    household = tab(w, HouseholdTab)
    household.view.form.notes.setPlainText("Rodzina prosi o kontakt po 15:00.")
    w.tabs.setCurrentIndex(0)
    closed = []
    w.destroyed.connect(lambda *_a: closed.append(True))
    ctx.lock()  # before the 2-second autosave: the lock itself flushes the draft
    qtbot.waitUntil(
        lambda: bool(closed) or not shiboken6.isValid(w) or not w.isVisible(), timeout=5_000
    )
    ws = setup.open_workspace(db_path, PASSPHRASE)
    ctx.attach(ws)
    key = f"family:{family_case.family_id}"
    assert drafts.load_draft(ws, key)["notes"] == "Rodzina prosi o kontakt po 15:00."
    again = open_window(ctx, qtbot, family_case.family_id)
    settle(ctx, qtbot)
    assert tab(again, HouseholdTab).view.form.notes.toPlainText().startswith("Rodzina prosi")
    assert tab(again, HouseholdTab).guard.is_modified()


def test_removing_a_team_member_shows_the_team_without_them(ctx, qtbot, family_case, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    families.save_team_member(
        ctx.ws,
        family_case.family_id,
        families.TeamMemberInput("Marek Żółkiewski", family_case.institution_ids["pup"]),
    )
    w = open_window(ctx, qtbot, family_case.family_id)
    household = tab(w, HouseholdTab)
    names = [m.name for m in household.team_model.rows()]
    assert "Marek Żółkiewski" in names
    household.view.team.selectRow(names.index("Marek Żółkiewski"))
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    qtbot.mouseClick(household.view.remove_team, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "Marek Żółkiewski" not in [m.name for m in household.team_model.rows()],
        timeout=10_000,
    )
    settle(ctx, qtbot)


def test_a_removal_question_keeps_the_record_on_enter(ctx, qtbot, family_case, monkeypatch):
    """Removing a member, a team member or a visit asks first, and "No" is the default: Qt's
    own choice for a question without one is "Yes", so Enter removed the record."""
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from app.ui.family.visits_tab import VisitsTab

    families.save_team_member(
        ctx.ws, family_case.family_id, families.TeamMemberInput("Marek Żółkiewski")
    )
    asked: list = []

    def question(_parent, title, _text, buttons=None, default=None):
        asked.append((title, default))
        return default or QMessageBox.StandardButton.Yes  # Qt's default when none is given

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    w = open_window(ctx, qtbot, family_case.family_id)
    household, visits = tab(w, HouseholdTab), tab(w, VisitsTab)
    household.view.members.selectRow(0)
    household.view.team.selectRow(0)
    visits.table.selectRow(0)
    remove_visit = next(
        b for b in visits.findChildren(QPushButton) if b.text().replace("&", "") == "Usuń"
    )
    for page, button in (
        (household, household.view.remove_member),
        (household, household.view.remove_team),
        (visits, remove_visit),
    ):
        w.tabs.setCurrentWidget(page)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(ctx, qtbot)
    assert [d for _t, d in asked] == [QMessageBox.StandardButton.No] * 3
    ff = casefile.reload_family(ctx.ws, family_case.family_id)
    assert len(ff.persons) == 3 and ff.team and ff.visits
