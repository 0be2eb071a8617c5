"""The whole cycle a worker does in the application, through the real session and windows:
partner institutions, "Nowa rodzina" with three members, the diagnosis, a programme with two
goals and three actions across two institutions, a review, an idle lock in the middle of typing,
unlock, and the typed text back in the same tab."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, timedelta
from itertools import count

import shiboken6

from app.services import casefile, reviews
from app.ui.drafts_dialog import DraftRecoveryDialog
from app.ui.family.action_dialog import ActionDialog
from app.ui.family.diagnosis_tab import DiagnosisTab
from app.ui.family.goal_dialog import GoalDialog
from app.ui.family.household_tab import HouseholdTab
from app.ui.family.member_dialog import MemberDialog
from app.ui.family.monitoring_tab import MonitoringTab
from app.ui.family.plan_tab import PlanTab
from app.ui.family.registration_dialog import RegistrationDialog
from app.ui.family.review_dialog import ReviewDialog
from app.ui.registry.institution_dialog import InstitutionDialog
from tests.factories import PESEL_CHILD, PESEL_FATHER, PESEL_MOTHER
from tests.ui._family_support import drive_dialogs, unsaved_answers_fixture  # noqa: F401
from tests.ui.conftest import settle, unlock

PARTNERS = [
    ("Powiatowy Urząd Pracy w Hajnówce", "PUP Hajnówka", "labour_market", "5261040828"),
    ("Poradnia Psychologiczno-Pedagogiczna w Hajnówce", "PPP Hajnówka", "education", ""),
]
MEMBERS = [
    ("Józef", "Łęcki", PESEL_FATHER, "spouse"),
    ("Zuzanna", "Łęcka", PESEL_CHILD, "child"),
]


def fillers():
    partners, members, goals, actions = count(), count(), count(), count()

    def institution(d: InstitutionDialog) -> None:
        name, short, sector, nip = PARTNERS[next(partners)]
        d.fields["name"].setText(name)
        d.fields["short_name"].setText(short)
        d.fields["sector_code"].set_code(sector)
        d.fields["level"].set_code("powiat")
        d.fields["nip"].setText(nip)

    def registration(d: RegistrationDialog) -> None:
        d.case.locality.setText("Narewka")
        d.case.street.setText("Leśna")
        d.case.house_number.setText("4")
        d.case.reasons.set_checked({"1", "4", "9"})
        d.member.first_name.setText("Grażyna")
        d.member.last_name.setText("Źdźbło-Łęcka")
        d.member.pesel.setText(PESEL_MOTHER)

    def member(d: MemberDialog) -> None:
        first, last, pesel, relation = MEMBERS[next(members)]
        d.view.first_name.setText(first)
        d.view.last_name.setText(last)
        d.view.pesel.setText(pesel)
        d.view.relation.set_code(relation)

    def goal(d: GoalDialog) -> None:
        title, level0 = [
            ("Podjęcie zatrudnienia przez matkę", "Udział w szkoleniu zawodowym"),
            ("Poprawa wyników w nauce córki", "Regularne zajęcia terapii pedagogicznej"),
        ][next(goals)]
        d.title_edit.setText(title)
        d.binding.widget("level_0").setPlainText(level0)
        d.binding.widget("level_p2").setPlainText("Umowa o pracę")
        d.baseline.set_code(-2)

    def action(d: ActionDialog) -> None:
        i = next(actions)
        d.description.setPlainText(
            ["Szkolenie zawodowe", "Terapia pedagogiczna", "Pośrednictwo pracy"][i]
        )
        d.goal.set_code(d.goal.itemData(1 if i != 1 else 2))
        short = ["PUP Hajnówka", "PPP Hajnówka", "PUP Hajnówka"][i]
        d.institution.set_code(next(x.id for x in d.lookups.institutions if x.short_name == short))
        assert d.sector.code() == ("education" if i == 1 else "labour_market")  # filled in
        d.frequency.setText("raz w tygodniu")

    def review(d: ReviewDialog) -> None:
        d.held_on.set_value(date.today())
        d.goals.set_draft_value({gid: [0, ""] for gid, _l, _n in d.goals.values()})
        d.domains.set_draft_value({"income_work": [-1, "Matka na szkoleniu."]})
        d.summary.setPlainText("Matka rozpoczęła szkolenie, córka chodzi na terapię.")

    return {
        InstitutionDialog: institution,
        RegistrationDialog: registration,
        MemberDialog: member,
        GoalDialog: goal,
        ActionDialog: action,
        ReviewDialog: review,
    }


def test_the_whole_cycle_with_an_idle_lock(main_window, qtbot, monkeypatch):
    session, ctx = main_window.session, main_window.ctx
    drive_dialogs(monkeypatch, qtbot, fillers())

    # Zespół Kooperacji: two partner institutions.
    team = main_window.show_screen("team")
    settle(ctx, qtbot)
    for _ in PARTNERS:
        team.institutions.edit_institution(None)
        settle(ctx, qtbot)
    assert team.institutions.model.rowCount() == 3  # with the OPS itself

    # Nowa rodzina: the launcher opens the registration dialog, then the new family's file.
    ctx.events.new_family_requested.emit()
    settle(ctx, qtbot)
    [family_id] = session.launcher.open_ids()
    window = session.launcher._windows[family_id]
    qtbot.waitUntil(lambda: window.file is not None, timeout=20_000)
    household = next(t for t in window.tab_pages if isinstance(t, HouseholdTab))
    for _ in MEMBERS:
        household.add_member()
        settle(ctx, qtbot)
    assert household.members_model.rowCount() == 3

    # Diagnoza, typed in place and saved with Ctrl+S.
    window.tabs.setCurrentIndex(1)
    diag = next(t for t in window.tab_pages if isinstance(t, DiagnosisTab))
    diag.view.texts["causes"].setPlainText("Utrata pracy przez matkę, zadłużenie czynszowe.")
    diag.view.texts["strengths"].setPlainText("Silna więź rodzinna.")
    diag.view.ratings.set_draft_value({"income_work": [-2, "Dochód poniżej kryterium."]})
    diag.view.participants.set_checked({diag.view.participants.rows()[0].key})
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        window.save_action.trigger()
    ff = casefile.reload_family(ctx.ws, family_id)
    assert ff.latest_diagnosis.causes.startswith("Utrata pracy")
    assert len(ff.latest_diagnosis.participants) == 1

    # Program (IPW): the plan, two goals, three actions across two institutions.
    window.tabs.setCurrentIndex(2)
    plan = next(t for t in window.tab_pages if isinstance(t, PlanTab))
    plan.view.main_goal.setPlainText("Usamodzielnienie ekonomiczne rodziny.")
    plan.view.status.set_code("active")
    plan.view.period_from.set_value(date.today() - timedelta(days=30))
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        window.save_action.trigger()
    for _ in range(2):
        plan.edit_goal(None)
        settle(ctx, qtbot)
    for _ in range(3):
        plan.edit_action(None)
        settle(ctx, qtbot)
    ff = casefile.reload_family(ctx.ws, family_id)
    [p] = ff.plans
    assert len(p.goals) == 2 and len(p.actions) == 3
    assert {a.institution.short_name for a in p.actions} == {"PUP Hajnówka", "PPP Hajnówka"}
    assert {a.goal_id for a in p.actions} == {g.id for g in p.goals}

    # Monitoring: a review scoring both goals; the chart gets its second point.
    window.tabs.setCurrentIndex(3)
    monitoring = next(t for t in window.tab_pages if isinstance(t, MonitoringTab))
    monitoring.new_review()
    settle(ctx, qtbot)
    assert monitoring.model.rowCount() == 1
    assert len(reviews.attainment_history(ctx.ws, p.id)) == 2
    qtbot.waitUntil(lambda: len(monitoring.chart.points) == 2, timeout=10_000)
    assert casefile.reload_family(ctx.ws, family_id).family.status == "monitoring"

    # Typing the conclusions when the laptop is left alone: idle lock, then unlock.
    window.tabs.setCurrentIndex(1)
    diag.view.texts["conclusions"].setPlainText("Rodzina współpracuje; kontynuować IPW.")
    monkeypatch.setattr(
        DraftRecoveryDialog,
        "ask",
        classmethod(lambda cls, p, found, *_: [d.form_key for d in found]),
    )
    session.idle.set_timeout_ms(150)
    qtbot.waitUntil(lambda: not ctx.is_unlocked, timeout=10_000)
    # Locking closes the family window; Qt may already have deleted it (deleteLater).
    assert not shiboken6.isValid(window) or not window.isVisible()
    session.idle.set_minutes(5)
    unlock(session, qtbot)
    reopened = session.launcher._windows[family_id]
    assert reopened is not window
    qtbot.waitUntil(lambda: reopened.file is not None, timeout=20_000)
    settle(ctx, qtbot)
    assert reopened.tabs.currentIndex() == 1  # back on Diagnoza
    diag2 = next(t for t in reopened.tab_pages if isinstance(t, DiagnosisTab))
    qtbot.waitUntil(
        lambda: diag2.view.texts["conclusions"].toPlainText().startswith("Rodzina współpracuje"),
        timeout=10_000,
    )
    assert diag2.view.texts["causes"].toPlainText().startswith("Utrata pracy")
    with qtbot.waitSignal(reopened.loaded, timeout=20_000):
        reopened.save_action.trigger()
    final = casefile.reload_family(ctx.ws, family_id).latest_diagnosis
    assert final.conclusions == "Rodzina współpracuje; kontynuować IPW."
