"""What walking the whole RODO cycle in a real 1366×768 window (Xvfb + openbox, xdotool keys)
showed, each with the test that keeps it fixed: real key events through QTest, offscreen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import FamilyStatus, PlanStatus
from app.ui.kit import mnemonics
from tests.ui._family_support import drive_dialogs, open_window
from tests.ui._keys import type_text
from tests.ui._surface import duplicates, is_field, mnemonic
from tests.ui.conftest import settle

pytestmark = pytest.mark.ui


def show_active(window: QWidget, qtbot) -> None:
    """Show ``window`` as the active one (what a window manager does; offscreen has none)."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())


def alt(window: QWidget, letter: str) -> None:
    """Alt+``letter`` as the keyboard sends it (the key of the capital letter)."""
    QTest.keyClick(window, Qt.Key(ord(letter.upper())), Qt.KeyboardModifier.AltModifier)


def test_a_letter_alt_cannot_type_gives_way_to_one_it_can(qtbot):
    """The tab "Ście&żka sprawy" and the button "Importuj kart&ę klucza…" were underlined on ż
    and ę: Alt+ż is no key on a Polish keyboard (ż is AltGr+Z), so they had no Alt way at all."""
    window = QWidget()
    qtbot.addWidget(window)
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "&Rodzina")
    tabs.addTab(QWidget(), "Ście&żka sprawy")
    field = QLineEdit()
    caption = QLabel("P&łeć:")
    caption.setBuddy(field)
    layout = QVBoxLayout(window)
    layout.addWidget(tabs)
    layout.addWidget(caption)
    layout.addWidget(field)
    show_active(window, qtbot)
    mnemonics.deconflict(window)
    path_key = mnemonic(tabs.tabText(1))
    field_key = mnemonic(caption.text())
    assert path_key and path_key.isascii(), tabs.tabText(1)
    assert field_key and field_key.isascii(), caption.text()
    alt(window, path_key)
    assert tabs.currentIndex() == 1
    alt(window, field_key)
    assert field.hasFocus()


def test_a_family_window_opens_with_a_field_to_type_in(ctx, qtbot, family_case):
    """After "Nowa rodzina" (and any opening) no field had the focus: the tabs are disabled
    while the case loads, so the first keys a worker typed went nowhere."""
    window = open_window(ctx, qtbot, family_case.family_id)
    show_active(window, qtbot)
    focus = QApplication.focusWidget()
    assert focus is not None and focus.window() is window and is_field(focus), focus
    assert window.tabs.currentWidget().isAncestorOf(focus)
    before = focus.property("currentText") if isinstance(focus, QComboBox) else None
    QTest.keyClick(focus, Qt.Key.Key_Tab)  # and the keyboard walks on from there
    assert QApplication.focusWidget() is not focus
    assert before is None or focus.property("currentText") == before


def _case_menu_entries(window) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_a_closed_case_has_one_way_back_a_new_programme(ctx, qtbot, family_case, monkeypatch):
    """The Sprawa menu had "Wznów sprawę" (a bare status flip: monitoring without any IPW)
    beside the Ścieżka tab's "Wznów jako nowy program…"; now both are the Model's reopening."""
    from app.services import casefile, families
    from app.ui.family.closure_dialogs import ReopenDialog

    families.close_family(ctx.ws, family_case.family_id, date.today(), "Przeprowadzka.")

    def reopen(dialog: ReopenDialog) -> None:
        dialog.reason.setFocus()
        type_text("Matka ponownie straciła pracę.")

    drive_dialogs(monkeypatch, qtbot, {ReopenDialog: reopen})
    window = open_window(ctx, qtbot, family_case.family_id)
    show_active(window, qtbot)
    entries = _case_menu_entries(window)
    assert [e for e in entries if e.startswith("Wznów")] == ["Wznów jako nowy program…"]
    alt(window, mnemonic(window.menuBar().actions()[0].text()))
    menu = window.menuBar().actions()[0].menu()
    qtbot.waitUntil(menu.isVisible)
    while menu.activeAction() is not window.reopen_case:
        QTest.keyClick(menu, Qt.Key.Key_Down)
    QTest.keyClick(menu, Qt.Key.Key_Return)
    settle(ctx, qtbot)
    ff = casefile.reload_family(ctx.ws, family_case.family_id)
    assert ff.family.status != FamilyStatus.CLOSED
    new = next(p for p in ff.plans if p.id != family_case.plan_id)
    assert new.status == PlanStatus.DRAFT and new.previous_plan_id == family_case.plan_id


def test_a_handed_over_trace_offers_no_button_that_would_be_refused(ctx, qtbot, family_case):
    """On the old OPS a handed-over family's tabs kept "Dodaj członka", "Nowa zgoda"… enabled
    and the service refused the save afterwards ("tylko do odczytu")."""
    from app.services import handover
    from app.ui.family.documents_tab import DocumentsTab
    from app.ui.family.household_tab import HouseholdTab

    handover.export_out_of_powiat(ctx.ws, family_case.family_id, date.today(), "1465011")
    window = open_window(ctx, qtbot, family_case.family_id)
    show_active(window, qtbot)
    assert window.trace_note.isVisible() and "tylko do odczytu" in window.trace_note.text()
    household = next(t for t in window.tab_pages if isinstance(t, HouseholdTab))
    assert not household.view.add_member.isEnabled()
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # nothing to save
    documents = next(t for t in window.tab_pages if isinstance(t, DocumentsTab))
    assert not documents.add_button.isEnabled()
    assert not window.save_action.isEnabled() and not window.reopen_case.isEnabled()


@pytest.mark.qt_no_exception_capture
def test_a_shortcut_whose_action_fails_says_so(qtbot, dialogs, monkeypatch):
    """A key shortcut whose slot raised left a traceback in the terminal and showed the
    worker nothing: the key seemed dead.  Now the usual Polish message says it failed."""
    import sys

    from PySide6.QtGui import QKeySequence, QShortcut

    from app.ui.kit import slot_errors

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    slot_errors.install()
    window = QWidget()
    qtbot.addWidget(window)

    def fails() -> None:
        raise RuntimeError("Kowalska 85041212306")  # a message may hold case data

    QShortcut(QKeySequence("Ctrl+K"), window, fails)
    show_active(window, qtbot)
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(dialogs))
    [(kind, text)] = dialogs
    assert kind == "warning" and "czynność nie została wykonana" in text
    assert "Kowalska" not in text and "85041212306" not in text


def test_edit_with_no_row_chosen_says_so_instead_of_opening_a_new_form(ctx, qtbot, monkeypatch):
    """Współpraca ▸ Instytucje: Alt+E ("Edytuj…") before any row was chosen opened an empty
    "Nowa instytucja" form; "Usuń" did nothing at all and said nothing."""
    from app.models import Sector
    from app.services import reference, registry
    from app.ui.kit.record_dialog import RecordDialog
    from app.ui.registry.institutions_panel import InstitutionsPanel

    opened: list[object] = []

    def run(_cls, dialog) -> None:
        opened.append(dialog.institution)
        dialog.deleteLater()

    monkeypatch.setattr(RecordDialog, "run", classmethod(run))
    panel = InstitutionsPanel(ctx)
    qtbot.addWidget(panel)
    panel.show_data(registry.list_institutions(ctx.ws), reference.code_list(ctx.ws, Sector))
    show_active(panel, qtbot)
    panel.add.setFocus()
    assert panel.model.rowCount() >= 1 and not panel.table.currentIndex().isValid()
    alt(panel, mnemonic(panel.edit.text()))
    qtbot.waitUntil(panel.note.isVisible)
    assert opened == [] and "wybierz" in panel.note.text().lower()
    assert panel.table.hasFocus()  # the arrows now choose a row
    QTest.keyClick(panel.table, Qt.Key.Key_Down)
    alt(panel, mnemonic(panel.edit.text()))
    qtbot.waitUntil(lambda: bool(opened))
    assert opened[0] is not None and not panel.note.isVisible()


def _caption(window: QWidget, field: QWidget) -> QLabel:
    return next(lab for lab in window.findChildren(QLabel) if lab.buddy() is field)


def test_the_fields_typed_most_keep_an_alt_letter_on_crowded_pages(ctx, qtbot, family_case):
    """Nowa rodzina's PESEL, "Kogo dotyczy sprawa" and Diagnoza's Zasoby/Potrzeby/Oczekiwania
    were reached by Tab only: every letter had gone to captions before them."""
    from app.ui.family.diagnosis_tab import DiagnosisTab
    from app.ui.family.registration_dialog import RegistrationDialog

    dialog = RegistrationDialog(ctx)
    qtbot.addWidget(dialog)
    show_active(dialog, qtbot)
    settle(ctx, qtbot)
    qtbot.waitUntil(lambda: not duplicates(dialog))
    assert mnemonic(_caption(dialog, dialog.member.pesel).text()) is not None
    alt(dialog, mnemonic(_caption(dialog, dialog.member.pesel).text()))
    assert dialog.member.pesel.hasFocus()
    alt(dialog, mnemonic(_caption(dialog, dialog.case.subject_kind).text()))
    assert dialog.case.subject_kind.hasFocus()
    dialog.close_for_lock()

    window = open_window(ctx, qtbot, family_case.family_id)
    show_active(window, qtbot)
    diagnosis = next(t for t in window.tab_pages if isinstance(t, DiagnosisTab))
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is diagnosis)
    qtbot.waitUntil(lambda: not duplicates(window))  # the page's letters are settled
    texts = diagnosis.view.texts
    for name in ("resources", "needs", "expectations"):
        qtbot.waitUntil(lambda n=name: mnemonic(_caption(window, texts[n]).text()) is not None)
        alt(window, mnemonic(_caption(window, texts[name]).text()))
        assert texts[name].hasFocus(), name


def test_a_new_installations_consent_says_where_partners_come_from(ctx, qtbot, monkeypatch):
    """On a fresh installation "Nowa zgoda" offered only the OPS itself, with no word that the
    school, the PUP… are registered in Współpraca ▸ Instytucje first."""
    from app.services import families
    from app.ui.family.consent_dialog import ConsentDialog
    from app.ui.family.consents_tab import ConsentsTab
    from app.ui.kit.record_dialog import RecordDialog

    seen: list[ConsentDialog] = []
    monkeypatch.setattr(RecordDialog, "run", classmethod(lambda _c, d: seen.append(d)))
    family = families.register_family(
        ctx.ws, families.FamilyInput(gmina_code="2005092", locality="Narewka")
    )
    window = open_window(ctx, qtbot, family.id)
    show_active(window, qtbot)
    consents = next(t for t in window.tab_pages if isinstance(t, ConsentsTab))
    index = window.tab_pages.index(consents)
    alt(window, mnemonic(window.tabs.tabText(index)))
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is consents)
    qtbot.waitUntil(lambda: not duplicates(window))
    new = next(
        b for b in consents.findChildren(QPushButton) if b.text().replace("&", "") == "Nowa zgoda…"
    )
    alt(window, mnemonic(new.text()))
    qtbot.waitUntil(lambda: bool(seen))
    hint = seen[0].no_partners
    assert "Współpraca ▸ Instytucje" in hint.text() and not hint.isHidden()
