"""Posiedzenie zespołu, by keyboard: plan a meeting with its agenda inserted from what is due,
the chair, the recorder and who came; a decision about a family that becomes an action of its
IPW; the agenda, the minutes and an institution's task list printed (PDFs read back), the task
list holding only families whose consent names the institution."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io
from datetime import date, timedelta

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.models import Action
from app.printing import service as printing
from app.services import meetings, referrals
from app.ui.kit import print_menu
from app.ui.kit.record_dialog import RecordDialog
from app.ui.printing.print_dialog import PrintPreviewDialog
from app.ui.registry.decision_dialog import DecisionDialog
from app.ui.registry.meeting_dialog import MeetingDialog
from app.ui.registry.team_screen import TeamScreen
from tests.pilot.helpers import make_pilot
from tests.pilot.test_meetings import _second_family
from tests.ui._cooperation_support import back_to, by_keys, label_of, shown_team_screen, tab_to
from tests.ui._family_support import unsaved_answers_fixture  # noqa: F401
from tests.ui._keys import alt, key, pick_from_menu, press, save, type_text
from tests.ui.conftest import settle

TODAY = date.today()


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _pzk_screen(ctx, qtbot) -> TeamScreen:
    """The Współpraca screen shown at laptop size, the PZK chosen on its team tab by keys."""
    screen = shown_team_screen(ctx, qtbot)
    tab_to(screen, 2)
    alt(label_of(screen, screen.team_chooser))
    type_text("Gminno")
    return screen


def test_a_meeting_from_agenda_to_minutes_and_task_lists(ctx, qtbot, monkeypatch, dialogs):
    ws = ctx.ws
    p = make_pilot(ws)
    pup, ppp = p.pzk["PUP Hajnówka"], p.pzk["PPP Hajnówka"]
    fam, _plan, late = _second_family(ws, p, [pup])  # consent names the PUP, not the PPP
    referrals.save_referral(
        ws,
        fam.id,
        referrals.ReferralInput(
            referred_on=TODAY - timedelta(days=3),
            institution_id=p.pzk["SP Narewka"],
            reason="Absencja szkolna dziecka.",
            consent_given=True,
        ),
    )
    deadline = TODAY + timedelta(days=30)

    def meeting(d: MeetingDialog) -> None:
        type_text(TODAY.strftime("%d.%m.%Y"))
        alt(label_of(d, d.place))
        type_text("GOPS Narewka, sala 2")
        alt(label_of(d, d.chair))
        type_text("Anna Kowalczyk")
        alt(label_of(d, d.recorder))
        type_text("Ewa Zawadzka")
        press(qtbot, d.insert_agenda)
        qtbot.waitUntil(lambda: bool(d.agenda_status.text()), timeout=20_000)
        assert d.agenda_status.text() == "Do porządku dodano 2 pilne sprawy."
        assert fam.case_number in d.agenda.toPlainText()
        members = set(p.pzk.values())  # the team's own institutions come first, guests after
        assert {r.key for r in d.attendance.rows()[: len(members)]} == members
        alt(label_of(d, d.attendance_view))
        key(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        for _i in range([r.key for r in d.attendance.rows()].index(pup)):
            key(Qt.Key.Key_Down)
        key(Qt.Key.Key_Space)
        save()

    def decision(d: DecisionDialog) -> None:
        type_text(fam.case_number)
        key(Qt.Key.Key_Tab)
        type_text("Skierować matkę na poradnictwo zawodowe.")
        alt(label_of(d, d.institution))
        type_text("Powiatowy Urząd")
        alt(label_of(d, d.due_on))
        type_text(deadline.strftime("%d.%m.%Y"))
        save()

    seen: list[str] = []
    by_keys(monkeypatch, qtbot, {MeetingDialog: meeting, DecisionDialog: decision}, seen)
    screen = _pzk_screen(ctx, qtbot)
    assert screen.team is not None and screen.team.id == p.pzk_id
    tab_to(screen, 4)
    press(qtbot, screen.meetings.add)
    settle(ctx, qtbot)
    [m] = screen.meetings_model.rows()
    assert (m.chair, m.recorder, m.place) == (
        "Anna Kowalczyk",
        "Ewa Zawadzka",
        "GOPS Narewka, sala 2",
    )
    assert [a.institution_id for a in m.attendance] == [pup]
    assert "Przewodniczy: Anna Kowalczyk" in screen.meeting_text.toPlainText()

    work = screen.meeting_work
    press(qtbot, work.decisions.add)
    qtbot.waitUntil(lambda: work.model.rowCount() == 1, timeout=20_000)
    settle(ctx, qtbot)
    [row] = work.model.rows()
    assert (row.case_number, row.due_on, row.action_id) == (fam.case_number, deadline, None)
    alt(label_of(work, work.decisions.table))
    key(Qt.Key.Key_Down)
    assert work.to_action.isEnabled()
    press(qtbot, work.to_action)
    qtbot.waitUntil(lambda: "działaniem" in work.status.text(), timeout=20_000)
    settle(ctx, qtbot)
    [row] = work.model.rows()
    assert row.action_id and not work.to_action.isEnabled()
    assert any(k == "question" and fam.case_number in t for k, t in dialogs)
    with ws.transaction() as s:
        action = s.get(Action, row.action_id)
        assert (action.institution_id, action.end_on) == (pup, deadline)
        assert action.description == "Skierować matkę na poradnictwo zawodowe."

    # The documents, as the print menus ask for them.
    printed: list = []
    monkeypatch.setattr(
        print_menu, "open_preview", lambda parent, c, kind, **ids: printed.append((kind, ids))
    )
    pick_from_menu(qtbot, work.print_meeting, 0, lambda: len(printed) == 1)
    alt(label_of(work, work.institution))
    type_text(next(i.name for i in work.institutions if i.id == pup))
    pick_from_menu(qtbot, work.print_tasks, 0, lambda: len(printed) == 2)
    # Offscreen, a tool button's menu opens by its Alt+letter only the first time: the repeats
    # trigger the entries directly.
    work.print_meeting.menu().actions()[1].trigger()
    alt(label_of(work, work.institution))
    key(Qt.Key.Key_Home)  # a second type-ahead would continue the first: arrows instead
    for _i in range(work.institution.findData(ppp)):
        key(Qt.Key.Key_Down)
    assert work.institution.code() == ppp
    work.print_tasks.menu().actions()[0].trigger()
    assert [k for k, _ids in printed] == ["agenda", "tasks", "minutes", "tasks"]
    texts = [pdf_text(printing.render_document(ws, k, **ids)) for k, ids in printed]
    agenda, pup_tasks, minutes, ppp_tasks = texts
    assert fam.case_number in agenda and "1 działanie po terminie zakończenia" in agenda
    for expected in ("Anna Kowalczyk", "Ewa Zawadzka", "Powiatowy Urząd Pracy w Hajnówce",
                     "Skierować matkę na poradnictwo", fam.case_number):  # fmt: skip
        assert expected in minutes, expected
    assert "Sokół" not in minutes  # cases by number only
    assert fam.case_number in pup_tasks and "Poradnictwo zawodowe" in pup_tasks
    assert fam.case_number not in ppp_tasks  # no consent names the PPP
    assert seen == ["MeetingDialog", "DecisionDialog"]


def test_what_the_team_may_not_see_is_withheld_and_counted(ctx, qtbot, monkeypatch, dialogs):
    """Issue 14 §1 in the GUI: a family whose consent names no institution of the team is left
    out of the inserted agenda (the status says how many and why), a decision about it is refused
    with the service's message, and the agenda's print preview says what it withheld."""
    ws = ctx.ws
    p = make_pilot(ws)
    shared, _plan, _late = _second_family(ws, p, [p.pzk["PUP Hajnówka"]])
    hidden, _plan, _late = _second_family(ws, p, [p.wzk["ROPS Białystok"]])  # not in the PZK
    withheld = (
        "Wstrzymano w porządku posiedzenia (brak podstawy prawnej do udostępnienia zespołowi): "
        "1 sprawa (żadna zgoda nie wskazuje instytucji zespołu: 1)."
    )

    def meeting(d: MeetingDialog) -> None:
        type_text(TODAY.strftime("%d.%m.%Y"))
        press(qtbot, d.insert_agenda)
        qtbot.waitUntil(lambda: bool(d.agenda_status.text()), timeout=20_000)
        assert d.agenda_status.text() == "Do porządku dodano 1 pilną sprawę. " + withheld
        assert shared.case_number in d.agenda.toPlainText()
        assert hidden.case_number not in d.agenda.toPlainText()
        save()

    refusals: list[str] = []

    def run(_cls, d):
        qtbot.addWidget(d)
        d.show()
        d.activateWindow()
        settle(d.ctx, qtbot)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
        if isinstance(d, MeetingDialog):
            meeting(d)
        else:  # the decision: the case without a basis, typed as the worker would
            type_text(hidden.case_number)
            key(Qt.Key.Key_Tab)
            type_text("Skierować matkę na poradnictwo zawodowe.")
            save()
            qtbot.waitUntil(d.error.isVisible, timeout=20_000)
            refusals.append(d.error.text())
            key(Qt.Key.Key_Escape)
            qtbot.waitUntil(lambda: not d.isVisible(), timeout=5_000)
            return None
        qtbot.waitUntil(lambda: d.result_value is not None, timeout=20_000)
        settle(d.ctx, qtbot)
        back_to(qtbot, d.parentWidget().window())
        return d.result_value

    monkeypatch.setattr(RecordDialog, "run", classmethod(run))
    screen = _pzk_screen(ctx, qtbot)
    tab_to(screen, 4)
    press(qtbot, screen.meetings.add)
    settle(ctx, qtbot)
    assert len(screen.meetings_model.rows()) == 1

    work = screen.meeting_work
    back_to(qtbot, screen)
    press(qtbot, work.decisions.add)
    qtbot.waitUntil(lambda: bool(refusals), timeout=20_000)
    [refusal] = refusals
    assert "Zespół nie ma podstawy prawnej" in refusal
    assert "żadna zgoda nie wskazuje instytucji zespołu" in refusal
    settle(ctx, qtbot)
    assert work.model.rowCount() == 0
    assert meetings.decision_rows(ws, screen.meetings_model.rows()[0].id) == []

    previews: list[PrintPreviewDialog] = []

    def preview(parent, c, kind, **ids):
        dialog = PrintPreviewDialog(c, kind, parent, **ids)
        qtbot.addWidget(dialog)
        dialog.start()
        previews.append(dialog)

    monkeypatch.setattr(print_menu, "open_preview", preview)
    back_to(qtbot, screen)
    pick_from_menu(qtbot, work.print_meeting, 0, lambda: len(previews) == 1)
    [dialog] = previews
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=20_000)
    assert withheld in dialog.status.text()
    assert dialog.document is not None
    text = pdf_text(dialog.document.pdf)
    assert shared.case_number in text and hidden.case_number not in text
    assert "Wstrzymano" not in text
