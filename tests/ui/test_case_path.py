"""The case path tab (Ścieżka sprawy) driven from the keyboard: Alt+digit to the tab, the step's
sub-tab and button by their Alt+letters, every field typed with real key events, Ctrl+S to
save.  Each dialog starts in its first field, has unique mnemonics and fits 1366×728; what it
saved is read back through the services (referral and its qualification, the workshop with its
attendance and the diagnosis pointing to it, the IPW's outcome and summary talk, reopening as a
new IPW, the move out of the powiat)."""

from __future__ import annotations

import json
import os
import stat

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTableView, QWidget

from app.models.enums import FamilyStatus, PlanStatus
from app.services import casefile, closure, referrals
from app.ui.family.file_chooser import FileChooser
from app.ui.family.path_tab import PathTab
from app.ui.kit.mnemonics import mnemonic_at
from app.ui.kit.record_dialog import RecordDialog
from tests.ui._family_support import open_window, unsaved_answers_fixture  # noqa: F401
from tests.ui._surface import duplicates, fits, is_field
from tests.ui.conftest import settle

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def alt_key(widget_text: str) -> Qt.Key:
    at = mnemonic_at(widget_text)
    assert at >= 0, widget_text
    return getattr(Qt.Key, f"Key_{widget_text[at].upper()}")


def press(window: QWidget, text: str, qtbot) -> None:
    """Alt+<the control's letter>, as a user reads it on the screen."""
    qtbot.keyClick(window, alt_key(text), ALT)


def focused() -> QWidget:
    """The widget with the keyboard focus in the active dialog."""
    widget = QApplication.activeModalWidget() or QApplication.activeWindow()
    focus = widget.focusWidget() if widget is not None else None
    assert focus is not None
    return focus


def typed(qtbot, text: str) -> None:
    """Type ``text`` as key events (QTest's keyClicks knows only ASCII; Polish letters are sent
    as the key events a Polish keyboard produces: a key with its text)."""
    widget = focused()
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                )


def tab(qtbot, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


class Keyboard:
    """Stands in for ``RecordDialog.run``: shows the dialog, checks what a user meets first,
    lets ``fill`` type into it, saves with Ctrl+S and waits for the result."""

    def __init__(self, ctx, qtbot, fillers: dict[type, Callable[[Any], None]]) -> None:
        self.ctx, self.qtbot, self.fillers = ctx, qtbot, fillers
        self.problems: list[str] = []
        self.seen: list[str] = []

    def __call__(self, _cls: type, dialog: RecordDialog) -> Any:
        qtbot = self.qtbot
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3_000)
        settle(self.ctx, qtbot)
        QApplication.processEvents()
        name = type(dialog).__name__
        self.seen.append(name)
        if duplicates(dialog):
            self.problems.append(f"{name}: {duplicates(dialog)}")
        focus = dialog.focusWidget()
        if not is_field(focus) or focus.window() is not dialog:
            self.problems.append(f"{name}: focus starts on {type(focus).__name__}")
        if not fits(dialog):
            self.problems.append(f"{name}: {dialog.frameGeometry().size()} does not fit")
        fill = self.fillers[type(dialog)]
        fill(dialog)
        qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(
            lambda: dialog.result_value is not None or dialog.error.isVisible(), timeout=20_000
        )
        assert not dialog.error.isVisible(), dialog.error.text()
        settle(self.ctx, qtbot)
        return dialog.result_value


@pytest.fixture
def keyboard(monkeypatch, ctx, qtbot):
    def install(fillers: dict[type, Callable[[Any], None]]) -> Keyboard:
        kb = Keyboard(ctx, qtbot, fillers)
        monkeypatch.setattr(RecordDialog, "run", classmethod(kb))
        return kb

    return install


def path_tab(ctx, qtbot, family_id: str):
    window = open_window(ctx, qtbot, family_id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3_000)
    index = next(i for i, t in enumerate(window.tab_pages) if isinstance(t, PathTab))
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{index + 1}"), ALT)
    assert window.tabs.currentIndex() == index
    settle(ctx, qtbot)
    QApplication.processEvents()
    return window, window.tab_pages[index]


def step(window, qtbot, page: PathTab, i: int) -> None:
    """Go to the i-th step by its sub-tab's Alt+letter."""
    press(window, page.steps.tabText(i), qtbot)
    assert page.steps.currentIndex() == i
    QApplication.processEvents()


def click(window, qtbot, button: QAbstractButton, kb: Keyboard) -> None:
    """Alt+letter of ``button``; a mnemonic clicks after a short animation: wait for the
    dialog it opens to have been filled in and saved."""
    before = len(kb.seen)
    window.activateWindow()  # back from a dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3_000)
    if QApplication.focusWidget() is None:  # the dialog was not modal here: focus the list
        button.parentWidget().findChild(QTableView).setFocus()
    QApplication.processEvents()  # the mnemonics are settled once the page shows
    assert button.isEnabled() and button.isVisibleTo(window), button.text()
    press(window, button.text(), qtbot)
    qtbot.waitUntil(lambda: len(kb.seen) > before, timeout=5_000)
    settle(kb.ctx, qtbot)


def test_referral_recorded_qualified_and_printable(
    ctx, qtbot, family_case, keyboard, qtmodeltester
):
    from app.ui.family.referral_dialog import DecisionDialog, ReferralDialog

    def referral(d) -> None:
        assert d.referred_on.hasFocus()
        tab(qtbot)  # the referring institution
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
        tab(qtbot)
        typed(qtbot, "Maria Nowak")
        tab(qtbot)
        typed(qtbot, "pedagog szkolny")
        tab(qtbot)
        typed(qtbot, "Córka opuszcza zajęcia, matka prosi o pomoc.")
        tab(qtbot)
        assert focused() is d.consent_given
        qtbot.keyClick(d.consent_given, Qt.Key.Key_Space)

    def decision(d) -> None:
        assert is_field(focused())
        assert d.decision.code() == "qualified"
        tab(qtbot, 2)
        typed(qtbot, "Wieloproblemowość, zgoda rodziny, potrzebna współpraca PUP i szkoły.")

    kb = keyboard({ReferralDialog: referral, DecisionDialog: decision})
    window, page = path_tab(ctx, qtbot, family_case.family_id)
    step(window, qtbot, page, 0)
    click(window, qtbot, page.referrals.buttons.itemAt(0).widget(), kb)
    qtbot.waitUntil(lambda: page.referrals.model.rowCount() == 1, timeout=20_000)
    click(window, qtbot, page.referrals.decide_button, kb)
    settle(ctx, qtbot)
    assert kb.problems == [] and kb.seen == ["ReferralDialog", "DecisionDialog"]
    [r] = referrals.list_referrals(ctx.ws, family_case.family_id)
    assert (r.referrer_name, r.referrer_function) == ("Maria Nowak", "pedagog szkolny")
    assert r.consent_given and r.consent_on == date.today()
    assert r.decision == "qualified" and r.decision_reason.startswith("Wieloproblemowość")
    assert r.institution_id in family_case.institution_ids.values()
    qtbot.waitUntil(lambda: "zakwalifikowane" in page.referrals.details.toPlainText())
    ids = page.referrals._print_ids()
    assert ids["pilot"].referral_id == r.id
    qtmodeltester.check(page.referrals.model, force_py=True)


def test_a_referral_without_consent_is_not_qualified(ctx, qtbot, family_case, monkeypatch):
    """The rule lives in the service; the dialog shows its message at the field."""
    from app.ui.family.referral_dialog import DecisionDialog

    r = referrals.save_referral(
        ctx.ws,
        family_case.family_id,
        referrals.ReferralInput(date.today(), family_case.institution_ids["pup"], "Powód"),
    )
    dialog = DecisionDialog(ctx, family_case.family_id, "x", r)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3_000)
    settle(ctx, qtbot)
    tab(qtbot, 2)
    assert focused() is dialog.reason
    typed(qtbot, "Spełnia kryteria")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(dialog.error.isVisible, timeout=20_000)
    assert "zgody" in dialog.error.text()
    assert dialog.decision.hasFocus()
    assert referrals.list_referrals(ctx.ws, family_case.family_id)[0].decision == "pending"


def test_workshop_with_attendance_and_the_diagnosis_it_produced(ctx, qtbot, family_case, keyboard):
    from app.ui.family.workshop_dialog import LinkDiagnosisDialog, WorkshopDialog

    made_on = casefile.reload_family(ctx.ws, family_case.family_id).diagnoses[0].made_on
    held = made_on - timedelta(days=2)

    def workshop(d) -> None:
        assert d.held_on.hasFocus()
        typed(qtbot, held.strftime("%d.%m.%Y"))
        tab(qtbot)
        typed(qtbot, "GOPS Narewka, sala 2")
        tab(qtbot)
        typed(qtbot, "Anna Kowalczyk")
        tab(qtbot)
        view = d.participants_view
        assert focused() is view
        model = d.participants
        for row in range(model.rowCount()):  # tick the PUP and the mother with Space
            if model.rows()[row].label in ("PUP Hajnówka", "Grażyna Źdźbło-Łęcka"):
                view.setCurrentIndex(model.index(row, 0))
                qtbot.keyClick(view, Qt.Key.Key_Space)
        tab(qtbot, 2)  # past "Add another person" to what was agreed
        typed(qtbot, "Matka podejmie kurs zawodowy; PUP przygotuje ofertę.")

    def link(d) -> None:
        assert d.diagnosis.hasFocus()
        qtbot.keyClick(d.diagnosis, Qt.Key.Key_Down)

    kb = keyboard({WorkshopDialog: workshop, LinkDiagnosisDialog: link})
    window, page = path_tab(ctx, qtbot, family_case.family_id)
    step(window, qtbot, page, 1)
    click(window, qtbot, page.workshops.buttons.itemAt(0).widget(), kb)
    qtbot.waitUntil(lambda: page.workshops.model.rowCount() == 1, timeout=20_000)
    click(window, qtbot, page.workshops.link_button, kb)
    settle(ctx, qtbot)
    ff = casefile.reload_family(ctx.ws, family_case.family_id)
    [w] = ff.workshops
    assert (w.held_on, w.place, w.moderator) == (held, "GOPS Narewka, sala 2", "Anna Kowalczyk")
    present = {(p.kind, p.institution_id or p.person_id) for p in w.participants}
    assert present == {
        ("institution", family_case.institution_ids["pup"]),
        ("family", family_case.mother_id),
    }
    assert w.agreed.startswith("Matka podejmie")
    assert ff.diagnoses[0].workshop_id == w.id
    shown = made_on.strftime("%d.%m.%Y")
    qtbot.waitUntil(lambda: shown in page.workshops.details.toPlainText())
    assert kb.problems == []


def test_closing_the_ipw_with_outcome_then_reopening(ctx, qtbot, family_case, keyboard):
    from app.ui.family.closure_dialogs import ClosePlanDialog, ReopenDialog

    def close(d) -> None:
        assert d.plan.hasFocus()
        tab(qtbot, 2)  # the closing date stays today; to the outcome
        qtbot.keyClick(d.outcome, Qt.Key.Key_Down)  # partly achieved
        tab(qtbot)
        typed(qtbot, "Matka pracuje na pół etatu; zaległości spłacone w połowie.")
        tab(qtbot)
        typed(qtbot, date.today().strftime("%d.%m.%Y"))
        tab(qtbot)
        typed(qtbot, "Grażyna Źdźbło-Łęcka, Anna Kowalczyk")
        tab(qtbot)
        typed(qtbot, "Omówiono postępy i dalsze kroki.")
        tab(qtbot)
        typed(qtbot, "Jesteśmy zadowoleni ze wsparcia.")

    def reopen(d) -> None:
        assert d.reopened_on.hasFocus()
        tab(qtbot, 2)
        typed(qtbot, "Matka ponownie straciła pracę.")

    kb = keyboard({ClosePlanDialog: close, ReopenDialog: reopen})
    window, page = path_tab(ctx, qtbot, family_case.family_id)
    step(window, qtbot, page, 2)
    assert not page.closures.reopen_button.isEnabled()
    click(window, qtbot, page.closures.close_button, kb)
    qtbot.waitUntil(lambda: page.closures.model.rowCount() == 1, timeout=20_000)
    [c] = closure.closures(ctx.ws, family_case.family_id)
    assert (c.plan_id, c.outcome) == (family_case.plan_id, "partly")
    assert c.talk_on == date.today() and c.family_opinion == "Jesteśmy zadowoleni ze wsparcia."
    ff = casefile.reload_family(ctx.ws, family_case.family_id)
    assert ff.family.status == FamilyStatus.CLOSED
    qtbot.waitUntil(page.closures.reopen_button.isEnabled, timeout=20_000)
    assert page.closures._print_ids()["pilot"].plan_id == family_case.plan_id
    click(window, qtbot, page.closures.reopen_button, kb)
    settle(ctx, qtbot)
    ff = casefile.reload_family(ctx.ws, family_case.family_id)
    new = next(p for p in ff.plans if p.id != family_case.plan_id)
    assert new.status == PlanStatus.DRAFT and new.previous_plan_id == family_case.plan_id
    assert ff.family.status != FamilyStatus.CLOSED
    assert kb.problems == [] and kb.seen == ["ClosePlanDialog", "ReopenDialog"]


def test_moving_out_of_the_powiat_writes_the_whole_file(
    ctx, qtbot, family_case, keyboard, monkeypatch, tmp_path
):
    from app.ui.family.handover_dialogs import ExportDialog

    target = tmp_path / "teczka.json"
    monkeypatch.setattr(FileChooser, "ask_save", classmethod(lambda _c, _p, _n: target))

    def export(d) -> None:
        assert d.to_gmina.hasFocus()
        typed(qtbot, "1465011")  # Warszawa

    kb = keyboard({ExportDialog: export})
    window, page = path_tab(ctx, qtbot, family_case.family_id)
    step(window, qtbot, page, 3)
    assert not page.handover.move_button.isVisible()  # within the powiat: the coordinator
    click(window, qtbot, page.handover.export_button, kb)
    qtbot.waitUntil(lambda: page.handover.model.rowCount() == 1, timeout=20_000)
    data = json.loads(target.read_text("utf-8"))
    assert data["format"] == "kooperacja-family-handover"
    assert len(data["tables"]["visit"]) == 1 and len(data["tables"]["person"]) == 3
    assert stat.S_IMODE(Path(target).stat().st_mode) == 0o600
    ff = casefile.reload_family(ctx.ws, family_case.family_id)
    assert ff.family.status == FamilyStatus.CLOSED
    assert ff.transfers[0].to_gmina_code == "1465011"
    assert kb.problems == []


def test_an_older_person_is_no_family_in_the_file(ctx, qtbot, family_case):
    from app.ui.family.household_tab import HouseholdTab
    from app.ui.family.plan_tab import PlanTab
    from app.ui.family.review_dialog import ReviewDialog

    window = open_window(ctx, qtbot, family_case.family_id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3_000)
    household = next(t for t in window.tab_pages if isinstance(t, HouseholdTab))
    combo = household.view.form.subject_kind
    phone = household.view.form.phone
    phone.setFocus()
    qtbot.keyClick(phone, Qt.Key.Key_Tab)  # the field after the phone, in the address box
    assert combo.hasFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.code() == "older"
    qtbot.keyClick(combo, Qt.Key.Key_S, CTRL)

    def plain(text: str) -> str:
        return text.replace("&", "")

    plan = next(t for t in window.tab_pages if isinstance(t, PlanTab))
    lists = plan.view.lists
    qtbot.waitUntil(lambda: plain(window.tabs.tabText(0)) == "Osoba starsza", timeout=20_000)
    commitments = plain(lists.tabText(lists.indexOf(plan.view.commitments)))
    assert commitments == "Zobowiązania osoby starszej"
    assert casefile.reload_family(ctx.ws, family_case.family_id).family.subject_kind == "older"
    view = household.view
    assert plain(view.add_member.text()) == "Dodaj członka gospodarstwa domowego…"
    assert view.team_box.title().endswith("pomagający tej osobie starszej")
    assert duplicates(window) == {}
    ff = casefile.reload_family(ctx.ws, family_case.family_id)
    review = ReviewDialog(ctx, ff, ff.plans[0], window.lookups)
    qtbot.addWidget(review)
    assert plain(review.family_attended.text()) == "Osoba starsza uczestniczyła"
    # A commitment: the dialog and the list speak of the older person, as the printed IPW does
    # (they said "Zobowiązanie rodziny", "Rodzina zobowiązuje się", "cała rodzina").
    from app.services import plans
    from app.ui.family.commitment_dialog import CommitmentDialog

    plans.save_commitment(ctx.ws, ff.plans[0].id, plans.CommitmentInput("Spacer codziennie"))
    window.reload()
    settle(ctx, qtbot)
    whole = [plan.commitments.index(r, 1).data() for r in range(plan.commitments.rowCount())]
    assert "osoba starsza" in whole and "cała rodzina" not in whole
    dialog = CommitmentDialog(
        ctx, ff.family.id, ff.plans[0].id, ff.family.case_number, ff.persons,
        subject_kind=ff.family.subject_kind,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    assert dialog.windowTitle().startswith("Nowe zobowiązanie osoby starszej")
    assert dialog.person.itemText(0) == "osoba starsza"
    texts = " ".join(plain(w.text()) for w in dialog.findChildren(QLabel))
    assert "Osoba starsza zobowiązuje się" in texts and "Rodzina" not in texts


def test_the_coordinator_hands_the_family_over_to_a_neighbouring_gmina(
    coordinator_ctx, qtbot, coordinator_ws, monkeypatch
):
    from app.ui.family.handover_dialogs import TransferDialog
    from tests.factories import make_full_case

    ctx = coordinator_ctx
    case = make_full_case(coordinator_ws)
    before = casefile.reload_family(ctx.ws, case.family_id).family

    def transfer(d) -> None:
        assert d.to_gmina.hasFocus()
        qtbot.keyClick(d.to_gmina, Qt.Key.Key_Down)  # the first other gmina of the powiat
        assert d.to_gmina.code() not in ("", before.gmina_code)
        tab(qtbot, 2)
        typed(qtbot, "Przeprowadzka do córki.")

    kb = Keyboard(ctx, qtbot, {TransferDialog: transfer})
    monkeypatch.setattr(RecordDialog, "run", classmethod(kb))
    window, page = path_tab(ctx, qtbot, case.family_id)
    step(window, qtbot, page, 3)
    assert page.handover.move_button.isVisible()
    click(window, qtbot, page.handover.move_button, kb)
    qtbot.waitUntil(lambda: page.handover.model.rowCount() == 1, timeout=20_000)
    ff = casefile.reload_family(ctx.ws, case.family_id)
    [t] = ff.transfers
    assert (t.from_gmina_code, t.to_gmina_code) == (before.gmina_code, ff.family.gmina_code)
    assert t.from_case_number == before.case_number != ff.family.case_number
    assert t.note == "Przeprowadzka do córki." and not ff.is_handover_trace
    assert kb.problems == []
