"""Ochrona danych, tried as a new worker would: real key events on the real screen and dialogs.

Each flow goes through the keyboard (Alt+letters, typing, Enter): archiving a case that is due
(package and protocol written, the case gone, the package read back whole), erasing a case that
the coordinator holds (what goes is said first; the coordinator is shown as not confirmed until
its receipt comes back), a person's own data as PDF and JSON and a correction, the audit log
filtered by kind and exported for the IOD, and the register entry and the coordinator's basis.
Only the native file dialogs are answered by the test (``app.ui.rodo.common``).
"""

from __future__ import annotations

import io
import json
from datetime import date

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

from app.errors import WeakPassphrase
from app.models import AuditEvent, Family, Person
from app.printing.service import render_document
from app.services import families, persons
from app.services.rodo import archive, sharing
from app.ui.rodo import common
from app.ui.rodo.archive_tab import PassphraseForm
from app.ui.rodo.erasure_tab import ErasureDialog
from app.ui.rodo.person_tab import CorrectionDialog
from app.ui.rodo.screen import RodoScreen
from tests.age_passphrase import seal_cheaply
from tests.factories import PESEL_MOTHER, make_full_case
from tests.sync.helpers import exchange, introduce
from tests.ui._keys import alt, focused, key, press, type_text
from tests.ui._surface import duplicates, fits
from tests.ui.conftest import settle

ARCHIVE_PASSPHRASE = "archiwum-zakładowe-w-Narewce-2026!"


@pytest.fixture(autouse=True)
def _cheap_archive_packages(monkeypatch):
    """Packages sealed at a low age scrypt work factor (tests/age_passphrase.py); the screen
    still opens them through the shipped path.  tests/rodo/test_lifecycle.py has the
    production-cost test."""
    seal_cheaply(monkeypatch)


@pytest.fixture
def screen(ctx, qtbot):
    widget = RodoScreen(ctx)
    qtbot.addWidget(widget)
    widget.resize(1180, 640)  # the main window's content area on a 1366×768 screen
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    settle(ctx, qtbot)
    widget.tabs.setFocus()
    return widget


@pytest.fixture
def drive(monkeypatch, qtbot, ctx):
    """Every dialog the screen opens is shown and handed to the filler for its type."""
    fillers: dict[type, object] = {}
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        seen.append(dialog)
        assert fits(dialog), dialog.frameGeometry()
        assert not duplicates(dialog), duplicates(dialog)
        assert focused().window() is dialog  # focus starts in the dialog's first field
        fillers[type(dialog)](dialog)
        settle(ctx, qtbot)
        dialog.hide()
        owner = dialog.parentWidget().window()
        owner.activateWindow()  # as the window manager does when a modal dialog closes
        qtbot.waitUntil(owner.isActiveWindow)
        if QApplication.focusWidget() is None:  # the button that opened it may be disabled now
            owner.focusNextChild()
        return dialog.result()

    monkeypatch.setattr(QDialog, "exec", run)
    return fillers, seen


def _tab(screen, qtbot, widget) -> None:
    alt(screen.tabs.tabText(screen.tabs.indexOf(widget)))
    qtbot.waitUntil(lambda: screen.tabs.currentWidget() is widget)
    settle(screen.ctx, qtbot)


def _buddy_text(widget) -> str:
    from PySide6.QtWidgets import QLabel

    root = widget.window()
    return next(lab.text() for lab in root.findChildren(QLabel) if lab.buddy() is widget)


def test_archive_a_due_case_then_check_the_package(ctx, screen, qtbot, drive, dialogs, tmp_path):
    ws = ctx.ws
    fam = families.register_family(
        ws,
        families.FamilyInput(gmina_code="2005092", locality="Lipiny", opened_on=date(2019, 3, 1)),
    )
    persons.add_person(
        ws,
        fam.id,
        persons.PersonInput(first_name="Jan", last_name="Archiwalny", document_number="ABC123456"),
    )
    families.close_family(ws, fam.id, date(2020, 5, 1), "usamodzielnienie")
    screen.archive.refresh()
    settle(ctx, qtbot)
    assert screen.archive.model.rowCount() == 1
    folder = tmp_path / "do-archiwum"
    fillers, seen = drive

    def hand_over(form: PassphraseForm) -> None:
        type_text(ARCHIVE_PASSPHRASE)
        alt(_buddy_text(form.repeat))
        type_text(ARCHIVE_PASSPHRASE)
        alt(_buddy_text(form.place))
        type_text(str(folder))
        key(Qt.Key.Key_Return)

    fillers[PassphraseForm] = hand_over
    press(qtbot, screen.archive.hand_over)
    settle(ctx, qtbot)
    assert dialogs[-1][0] == "information", dialogs
    assert "podpisu" in dialogs[-1][1]
    assert f"w folderze {folder}" in dialogs[-1][1]  # where to find them (the walk had to guess)
    package = folder / f"archiwum-{fam.id}{archive.SUFFIX}"
    assert package.exists() and (folder / f"protokol-{fam.id}.pdf").exists()
    assert screen.archive.model.rowCount() == 0
    with ws.transaction() as s:
        assert s.get(Family, fam.id) is None

    def check(form: PassphraseForm) -> None:
        assert not form.repeat.isVisible()
        type_text(ARCHIVE_PASSPHRASE)
        alt(_buddy_text(form.place))
        type_text(str(package))
        key(Qt.Key.Key_Return)

    fillers[PassphraseForm] = check
    press(qtbot, screen.archive.check_package)
    settle(ctx, qtbot)
    assert dialogs[-1][0] == "information"
    assert "kompletna" in dialogs[-1][1] and "Członkowie rodziny: 1" in dialogs[-1][1]
    assert len(seen) == 2


def test_a_weak_archive_passphrase_is_refused_with_the_archives_own_message(
    ctx, screen, qtbot, drive, dialogs, tmp_path
):
    """The meter shows the verdict as it is typed; OK with a weak passphrase keeps the form open
    with the very message the archive service refuses it with; corrected, the case goes."""
    ws = ctx.ws
    fam = families.register_family(
        ws,
        families.FamilyInput(gmina_code="2005092", locality="Lipiny", opened_on=date(2019, 3, 1)),
    )
    families.close_family(ws, fam.id, date(2020, 5, 1), "usamodzielnienie")
    weak = "narewkanarewka"
    with pytest.raises(WeakPassphrase) as refused:  # what the service itself says
        archive.prepare_archive(ws, fam.id, weak)
    expected = refused.value.message
    screen.archive.refresh()
    settle(ctx, qtbot)
    folder = tmp_path / "do-archiwum"
    fillers, _seen = drive
    shown: dict[str, str] = {}

    def hand_over(form: PassphraseForm) -> None:
        type_text(weak)
        shown["meter"] = form.meter.message.text()
        alt(_buddy_text(form.repeat))
        type_text(weak)
        alt(_buddy_text(form.place))
        type_text(str(folder))
        key(Qt.Key.Key_Return)
        shown["refused"] = form.meter.message.text()  # said once, by the meter, in red
        shown["role"] = str(form.meter.message.property("role"))
        shown["open"] = str(form.isVisible() and not form.error.isVisible())
        alt(_buddy_text(form.passphrase))
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(ARCHIVE_PASSPHRASE)
        shown["strong"] = form.meter.message.text()
        alt(_buddy_text(form.repeat))
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(ARCHIVE_PASSPHRASE)
        key(Qt.Key.Key_Return)

    fillers[PassphraseForm] = hand_over
    press(qtbot, screen.archive.hand_over)
    settle(ctx, qtbot)
    assert shown["meter"] == expected and shown["refused"] == expected
    assert (shown["role"], shown["open"]) == ("error", "True")
    assert shown["strong"] != expected
    assert dialogs[-1][0] == "information", dialogs  # handed over with the strong one
    with ws.transaction() as s:
        assert s.get(Family, fam.id) is None


def test_a_wrong_repeat_or_no_folder_keeps_the_form_open(screen, qtbot, tmp_path):
    form = PassphraseForm("t", "i", twice=True, parent=screen)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    type_text(ARCHIVE_PASSPHRASE)
    alt(_buddy_text(form.repeat))
    type_text(ARCHIVE_PASSPHRASE + "x")
    alt(_buddy_text(form.place))
    type_text(str(tmp_path))
    key(Qt.Key.Key_Return)
    assert form.isVisible() and form.error.text() == "Podane hasła różnią się."
    alt(_buddy_text(form.repeat))  # a mnemonic selects the field's text: go to its end
    key(Qt.Key.Key_End)
    key(Qt.Key.Key_Backspace)
    alt(_buddy_text(form.place))
    key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    key(Qt.Key.Key_Delete)
    key(Qt.Key.Key_Return)
    assert form.isVisible() and form.error.text() == "Wskaż miejsce."
    form.reject()


def test_a_weak_package_passphrase_is_refused_in_the_form(screen, qtbot, tmp_path):
    """Seen in the walk: a short passphrase closed the form, then a message box refused it and
    everything had to be typed again; the form was also too narrow for a folder's path."""
    form = PassphraseForm("t", "i", twice=True, parent=screen)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    type_text("krotkie")
    alt(_buddy_text(form.repeat))
    type_text("krotkie")
    alt(_buddy_text(form.place))
    folder = "/home/pracownik/Dokumenty/Archiwum/2026/przekazania"
    type_text(folder)
    key(Qt.Key.Key_Return)
    assert form.isVisible() and form.result() == 0
    assert form.meter.message.text() == "Hasło musi mieć co najmniej 12 znaków."
    assert form.meter.message.property("role") == "error" and not form.error.isVisible()
    assert form.place.text() == folder  # nothing typed was lost
    assert form.place.width() > form.place.fontMetrics().horizontalAdvance(folder)
    alt(_buddy_text(form.passphrase))
    type_text(ARCHIVE_PASSPHRASE)
    assert form.meter.message.property("role") == "muted"
    form.reject()


def test_erase_a_case_the_coordinator_holds(ctx, screen, qtbot, drive, dialogs, coordinator_ws):
    ws = ctx.ws
    introduce(ws, coordinator_ws)
    case = make_full_case(ws)
    exchange(ws, coordinator_ws)
    _tab(screen, qtbot, screen.erasures)
    fillers, _seen = drive
    said: list[str] = []

    def confirm(dialog: ErasureDialog) -> None:
        said.append(dialog.summary())
        assert not dialog.erase.isEnabled()
        alt(_buddy_text(dialog.confirm))
        type_text("zły numer")
        assert not dialog.erase.isEnabled()
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(dialog.preview.case_number)
        assert dialog.erase.isEnabled()
        press(qtbot, dialog.erase)

    fillers[ErasureDialog] = confirm
    alt(_buddy_text(screen.erasures.case))
    assert focused() is screen.erasures.case
    press(qtbot, screen.erasures.erase_button)
    settle(ctx, qtbot)
    [summary] = said
    assert "Grażyna Źdźbło-Łęcka" in summary
    assert "Powiatowe Centrum Pomocy Rodzinie w Hajnówce" in summary
    assert "nie można cofnąć" in summary
    with ws.transaction() as s:
        assert s.get(Family, case.family_id) is None
    assert dialogs[-1][0] == "information"
    model = screen.erasures.model
    assert model.rowCount() == 1
    pending = model.index(0, 3).data()
    assert "Hajnówce" in pending
    assert "1 potwierdzenie" in screen.erasures.pending.text()

    exchange(ws, coordinator_ws)  # the notice; the coordinator erases and signs a receipt
    exchange(coordinator_ws, ws)  # the receipt comes back
    screen.erasures.refresh()
    settle(ctx, qtbot)
    assert screen.erasures.model.index(0, 3).data() == "wszystkie urządzenia potwierdziły"
    assert screen.erasures.pending.text() == "Nie czekamy na żadne potwierdzenie."


def _choose_mother(screen, qtbot, tab, case) -> None:
    alt(_buddy_text(tab.person))
    assert focused() is tab.person
    qtbot.waitUntil(lambda: tab.person.count() > 1)
    while tab.person.person_id() != case.mother_id:
        before = tab.person.currentIndex()
        key(Qt.Key.Key_Down)
        assert tab.person.currentIndex() != before, "the mother is not in the list"


def test_a_persons_own_data_and_a_correction(
    ctx, screen, qtbot, drive, dialogs, monkeypatch, tmp_path
):
    ws = ctx.ws
    case = make_full_case(ws)
    render_document(ws, "plan", family_id=case.family_id)
    tab = screen.person
    _tab(screen, qtbot, tab)
    _choose_mother(screen, qtbot, tab, case)
    pdf, js = tmp_path / "kopia.pdf", tmp_path / "kopia.json"
    monkeypatch.setattr(common, "save_path", lambda *a: str(pdf))
    press(qtbot, tab.pdf)
    settle(ctx, qtbot)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert PESEL_MOTHER in text and "art. 15" in text
    assert str(pdf) in tab.result.text()
    monkeypatch.setattr(common, "save_path", lambda *a: str(js))
    press(qtbot, tab.json)
    settle(ctx, qtbot)
    assert json.loads(js.read_bytes())["person"]["pesel"] == PESEL_MOTHER
    with ws.transaction() as s:
        handed = s.scalars(
            select(AuditEvent.detail).where(AuditEvent.entity == "subject_access")
        ).all()
    assert sorted(handed) == ["json", "pdf"]

    fillers, _seen = drive
    with ws.transaction() as s:
        mother = s.get(Person, case.mother_id)
        assert mother is not None and mother.birth_date is not None
        mother_born = mother.birth_date

    def correct(dialog: CorrectionDialog) -> None:
        assert focused() is dialog.edits["first_name"]
        alt(_buddy_text(dialog.edits["phone"]))
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text("600 999 111")
        # the birth date reads and is typed dd.mm.rrrr, as in every other form
        birth = dialog.edits["birth_date"]
        assert birth.displayText() == mother_born.strftime("%d.%m.%Y")
        press(qtbot, dialog.save)

    fillers[CorrectionDialog] = correct
    press(qtbot, tab.correct)
    settle(ctx, qtbot)
    with ws.transaction() as s:
        person = s.get(Person, case.mother_id)
        assert person is not None and person.phone == "600 999 111"
        fixed = s.scalars(select(AuditEvent).where(AuditEvent.action == "correct")).one()
        assert fixed.detail == "phone"  # the untouched date is no change
    assert "Telefon" in tab.result.text()


def test_a_correction_keeps_the_person_and_shows_the_new_name(ctx, screen, qtbot, drive, dialogs):
    """Seen in the walk: after a correction the person list jumped back to its first member
    (the next "Kopia w PDF" would have been someone else's) and the case list kept the old
    surname; the result was said twice (a line and a message box)."""
    make_full_case(ctx.ws)
    tab = screen.person
    _tab(screen, qtbot, tab)
    alt(_buddy_text(tab.person))
    qtbot.waitUntil(lambda: tab.person.count() > 1)
    key(Qt.Key.Key_Down)  # the second member
    chosen = tab.person.person_id()
    assert chosen and tab.person.currentIndex() == 1, tab.person.currentIndex()
    fillers, _seen = drive

    def correct(dialog: CorrectionDialog) -> None:
        alt(_buddy_text(dialog.edits["last_name"]))
        key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text("Nowakowska-Wiśniewska")
        press(qtbot, dialog.save)

    fillers[CorrectionDialog] = correct
    before = len(dialogs)
    press(qtbot, tab.correct)
    settle(ctx, qtbot)
    qtbot.waitUntil(lambda: "Nazwisko" in tab.result.text())
    settle(ctx, qtbot)
    assert tab.person.person_id() == chosen
    assert "Nowakowska-Wiśniewska" in tab.person.currentText()
    assert len(dialogs) == before  # said once, in the result line


def test_the_audit_log_by_case_and_kind_exported_for_the_iod(
    ctx, screen, qtbot, monkeypatch, tmp_path
):
    ws = ctx.ws
    case = make_full_case(ws)
    render_document(ws, "plan", family_id=case.family_id)
    tab = screen.audit
    _tab(screen, qtbot, tab)
    alt(_buddy_text(tab.case))
    key(Qt.Key.Key_Down)  # from "every case" to the one case
    qtbot.waitUntil(lambda: tab.case.family_id() == case.family_id)
    settle(ctx, qtbot)
    everything = tab.model.rowCount()
    alt(tab.kinds["print"].text())
    qtbot.waitUntil(tab.kinds["print"].isChecked)
    settle(ctx, qtbot)
    rows = tab.model.rows()
    assert rows and len(rows) < everything
    assert {r.action for r in rows} == {"print"}
    assert "sprawdzony" in tab.chain.text()
    out = tmp_path / "dziennik.json"
    monkeypatch.setattr(common, "save_path", lambda *a: str(out))
    press(qtbot, tab.export)
    settle(ctx, qtbot)
    exported = json.loads(out.read_bytes())
    assert exported["chain"]["verified"] is True
    # the worker is told where it went (the reload after the export once wiped the words)
    qtbot.waitUntil(lambda: str(out) in tab.result.text())
    assert tab.result.isVisible() and "sprawdzony" in tab.chain.text()
    assert exported["selection"] == {
        "family_id": case.family_id,
        "person_id": "",
        "kinds": ["print"],
    }
    assert {e["hashed"]["action"] for e in exported["events"]} == {"print"}
    with ws.transaction() as s:
        assert s.scalars(select(AuditEvent).where(AuditEvent.entity == "audit_log")).one()


def test_register_print_and_the_coordinators_basis(ctx, screen, qtbot, monkeypatch, tmp_path):
    tab = screen.register
    _tab(screen, qtbot, tab)
    alt(_buddy_text(tab.iod))
    assert focused() is tab.iod
    type_text("iod@narewka.pl, tel. 85 000 00 00")
    out = tmp_path / "rejestr.pdf"
    monkeypatch.setattr(common, "save_path", lambda *a: str(out))
    press(qtbot, tab.print_button)
    settle(ctx, qtbot)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "iod@narewka.pl" in text and "art. 30" in text
    assert tab.statute.isChecked()
    # a new OPS has chosen nothing: the line said "Zapisano: … wskazana przez OPS" all the same
    assert (
        not tab.basis_state.text().startswith("Zapisano") and "domyślnie" in tab.basis_state.text()
    )
    press(qtbot, tab.consent)
    assert tab.consent.isChecked() and not tab.statute.isChecked()
    press(qtbot, tab.save_basis)
    settle(ctx, qtbot)
    assert sharing.get_basis(ctx.ws) == "consent"
    assert "zgoda" in tab.basis_state.text()


def test_every_tab_fits_and_has_its_own_letters(ctx, screen, qtbot):
    make_full_case(ctx.ws)
    for i in range(screen.tabs.count()):
        screen.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        settle(ctx, qtbot)
        assert not duplicates(screen), (screen.tabs.tabText(i), duplicates(screen))
    assert fits(screen)


def test_the_screen_is_one_shortcut_away_in_the_main_window(main_window, qtbot):
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    qtbot.keyClick(main_window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_key() == "rodo"
    screen = main_window.screen_widget("rodo")
    assert isinstance(screen, RodoScreen)
    settle(main_window.ctx, qtbot)
    assert "Ochrona danych" in main_window.nav.currentItem().text()
    assert not duplicates(main_window)


def test_erase_one_member_of_a_family(ctx, screen, qtbot, drive, dialogs):
    ws = ctx.ws
    case = make_full_case(ws)
    tab = screen.erasures
    _tab(screen, qtbot, tab)
    alt(_buddy_text(tab.person))
    assert focused() is tab.person
    qtbot.waitUntil(lambda: tab.person.count() > 2)
    assert tab.person.person_id() == ""  # the whole case is the first choice
    while tab.person.person_id() != case.father_id:
        before = tab.person.currentIndex()
        key(Qt.Key.Key_Down)
        assert tab.person.currentIndex() != before, "the father is not in the list"
    fillers, _seen = drive
    said: list[str] = []

    def confirm(dialog: ErasureDialog) -> None:
        said.append(dialog.summary())
        alt(_buddy_text(dialog.confirm))
        type_text(dialog.preview.case_number)
        press(qtbot, dialog.erase)

    fillers[ErasureDialog] = confirm
    press(qtbot, tab.erase_button)
    settle(ctx, qtbot)
    assert "reszta sprawy zostaje" in said[0]
    with ws.transaction() as s:
        assert s.get(Person, case.father_id) is None
        assert s.get(Person, case.mother_id) is not None
        assert s.get(Family, case.family_id) is not None
    assert dialogs[-1][0] == "information" and "usunięt" in dialogs[-1][1]
    assert tab.model.rowCount() == 1
