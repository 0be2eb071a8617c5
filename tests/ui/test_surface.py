"""Every window, tab and dialog, opened offscreen in Polish on a laptop's screen and in English
on Qt's default offscreen screen: no two controls reachable at once share a mnemonic, every
dialog opens with focus in a field, and everything fits a 1366×768 screen with its taskbar; on
the laptop's screen, where dialogs have their real size, every combo box shows its whole current
text as well ("wnioskodawca/wnioskodawczyni (głowa gospodarstwa)" was cut to 206 px in Nowa
rodzina).

Dialogs are reached as a user reaches them: every enabled "…" button of every screen, tab and
sub-tab is clicked (a file dialog answers with a small text file, or is cancelled when saving; a
question before a deed gets its default answer, which is No for every deletion or revocation),
the print buttons and the family file's menu entries are triggered.  The last test checks that
every dialog class of ``app.ui`` was seen (or says why it cannot be), so a new screen's dialogs
are probed the day they land."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QPushButton,
    QTabWidget,
    QToolButton,
    QWidget,
)

import app.ui
from app.i18n import set_language
from app.services import attachments
from app.ui.family.documents_tab import DocumentsTab
from tests.conftest import PASSPHRASE, ops_installation_with
from tests.ui._family_support import open_window, unsaved_answers_fixture  # noqa: F401
from tests.ui._screen import LaptopScreen
from tests.ui._surface import FIELDS, cut_combos, duplicates, fits, is_field, on_a_laptop_screen
from tests.ui.conftest import settle

# The last test reads what the others saw: `make test` runs pytest-xdist with --dist loadfile, so
# a module's tests share one worker in file order (xdist's loadgroup has no effect under pytest 9:
# it renames node ids through an attribute pytest no longer reads).

OPENS_A_DIALOG = re.compile(r"^(Dodaj|Now[yae]|Add|New|Zarejestruj|Register)\b.*…$", re.I)

# Dialog classes seen by the probes of this module, and the probes that ran (for the last test).
SEEN: set[str] = set()
RAN: set[str] = set()


# Each language is probed once.  Polish on a laptop's screen (tests/ui/laptop-screen.json, set
# for the test by ``_screen``), where dialogs have their real size and every combo's text is
# checked as well.  English on Qt's default 800×800 offscreen screen.  Polish there too would only
# repeat, on dialogs narrower than on any real computer, what the laptop's screen proves.
LANGUAGES = ["pl", "en"]
ON_A_LAPTOP = "pl"


@pytest.fixture(params=LANGUAGES)
def language(request):
    set_language(request.param)
    yield request.param
    set_language("pl")


@pytest.fixture(autouse=True)
def _screen(request, qapp):
    """The Polish probes' screen is a laptop's from before their first window is made (an
    autouse fixture is set up before the ones a test names) until every one was closed."""
    params = getattr(request.node, "callspec", None)
    if params is None or params.params.get("language") != ON_A_LAPTOP:
        yield
    elif LaptopScreen.available():
        before = qapp.primaryScreen().geometry()
        with LaptopScreen():
            assert on_a_laptop_screen()
            yield
        assert qapp.primaryScreen().geometry() == before  # the next tests' screen is Qt's again
    elif on_a_laptop_screen():  # another platform whose screen is a laptop's already (Xvfb)
        yield
    else:
        pytest.skip("no laptop's screen: the offscreen platform's cannot be set on this machine")


def pages(tabs: QTabWidget):
    """Each page of ``tabs`` in turn (and of the tab widgets inside it), shown."""
    for i in range(tabs.count()):
        if not tabs.isTabEnabled(i):
            continue
        tabs.setCurrentIndex(i)
        QApplication.processEvents()
        yield f"{tabs.tabText(i)!r}"
        for inner in tabs.widget(i).findChildren(QTabWidget):
            if inner.isVisibleTo(tabs.window()):
                for name in pages(inner):
                    yield f"{tabs.tabText(i)!r} / {name}"
                tabs.setCurrentIndex(i)


class DialogProbe:
    """Stands in for ``QDialog.exec``: shows the dialog, looks at it, closes it (Cancel)."""

    def __init__(self, ctx, qtbot) -> None:
        self.ctx, self.qtbot = ctx, qtbot
        self.problems: list[str] = []
        self.seen: list[str] = []

    def __call__(self, dialog: QDialog) -> int:
        dialog.show()
        QApplication.processEvents()
        settle(self.ctx, self.qtbot)
        QApplication.processEvents()
        name = f"{type(dialog).__name__} {dialog.windowTitle()!r}"
        self.seen.append(name)
        SEEN.add(type(dialog).__name__)
        for key, texts in duplicates(dialog).items():
            self.problems.append(f"{name}: Alt+{key} {texts}")
        focus = QApplication.focusWidget()
        fields = [
            w for w in dialog.findChildren(QWidget)
            if isinstance(w, (*FIELDS, QAbstractItemView)) and w.isVisibleTo(dialog)
        ]  # fmt: skip
        if focus is None or focus.window() is not dialog or (fields and not is_field(focus)):
            self.problems.append(f"{name}: focus starts on {type(focus).__name__}")
        if not fits(dialog):
            self.problems.append(f"{name}: {dialog.frameGeometry().size()} does not fit")
        if on_a_laptop_screen():  # dialogs at their real size: whole texts in their combos
            self.problems += [f"{name}: {p}" for p in cut_combos(dialog)]
        dialog.hide()
        return QDialog.DialogCode.Rejected.value


@pytest.fixture
def file_dialogs(monkeypatch, tmp_path):
    """Qt's file dialogs answer at once: opening gives a small text file, saving is cancelled."""
    chosen = tmp_path / "notatka.txt"
    chosen.write_text("Notatka służbowa.", encoding="utf-8")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(chosen), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(chosen)], ""))
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    return chosen


def png() -> bytes:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def opens_a_dialog(button: QPushButton, window: QWidget) -> bool:
    text = button.text().replace("&", "")
    return (
        button.isVisibleTo(window) and button.isEnabled() and text.endswith("…")
        and button.menu() is None
    )  # fmt: skip


def click_dialog_buttons(root: QWidget, window: QWidget, ctx, qtbot, done: set[str]) -> None:
    """Click every "…" button of ``root`` not clicked yet (by its text), and open the first
    document of each print button (the print preview)."""
    for button in root.findChildren(QPushButton):
        if not shiboken6.isValid(button):  # rebuilt after the last dialog
            continue
        key = f"{type(button.parent()).__name__}:{button.text()}"
        if key in done or not opens_a_dialog(button, window):
            continue
        done.add(key)
        button.click()
        settle(ctx, qtbot)
    for tool in root.findChildren(QToolButton) if shiboken6.isValid(root) else []:
        if not shiboken6.isValid(tool):
            continue
        menu = tool.menu()
        key = f"print:{tool.text()}"
        if menu is None or key in done or not (tool.isVisibleTo(window) and tool.isEnabled()):
            continue
        done.add(key)
        entries = [a for a in menu.actions() if a.isEnabled() and a.text()]
        if entries:
            entries[0].trigger()
            settle(ctx, qtbot)


@ops_installation_with
def pilot_case(ws):
    """A case on the whole path (``tests/pilot/helpers.make_pilot_case``), closed; made once
    per worker (a second per test)."""
    from tests.pilot.helpers import make_pilot_case

    return make_pilot_case(ws, close=True)


def test_family_window_tabs_and_dialogs(
    ctx, qtbot, pilot_case, language, monkeypatch, file_dialogs
):
    """A case on the whole path (referral, workshop, IPW, review, closure): every tab and
    sub-tab, every "…" button and menu entry, the print preview."""
    case = pilot_case.case
    attachments.add_attachment(  # a scan: "Otwórz" shows it in the image viewer
        ctx.ws, case.family_id, title="Skan zaświadczenia", content=png(), filename="skan.png"
    )
    probe = DialogProbe(ctx, qtbot)
    monkeypatch.setattr(QDialog, "exec", lambda dialog: probe(dialog))
    window = open_window(ctx, qtbot, case.family_id)
    problems: list[str] = []
    if not fits(window):
        problems.append(f"family window {window.frameGeometry().size()} does not fit")
    done: set[str] = set()
    for page in pages(window.tabs):
        for key, texts in duplicates(window).items():
            problems.append(f"tab {page}: Alt+{key} {texts}")
        click_dialog_buttons(window.tabs.currentWidget(), window, ctx, qtbot, done)
    for menu in (a.menu() for a in window.menuBar().actions() if a.menu() is not None):
        for action in menu.actions():
            text = action.text().replace("&", "")
            if action.isEnabled() and text.endswith("…"):
                action.trigger()
                settle(ctx, qtbot)
    documents = next(t for t in window.tab_pages if isinstance(t, DocumentsTab))
    window.tabs.setCurrentIndex(window.tab_pages.index(documents))
    documents.table.setCurrentIndex(documents.model.index(0, 0))
    documents.open_button.click()
    settle(ctx, qtbot)
    problems += probe.problems
    assert not problems, "\n".join(problems)
    assert len(probe.seen) >= 20, probe.seen
    RAN.add("family")


def test_main_window_screens(demo_window, qtbot, language, monkeypatch, file_dialogs):
    """Every screen and its tabs on 40 demo families, and every dialog their "…" buttons open
    (registry, catalogue, sync, keys, settings: passphrase and restore)."""
    window: QWidget = demo_window
    ctx = window.ctx
    probe = DialogProbe(ctx, qtbot)
    monkeypatch.setattr(QDialog, "exec", lambda dialog: probe(dialog))
    problems: list[str] = []
    done: set[str] = set()
    for spec in list(window._specs):
        window.show_screen(spec.key)
        QApplication.processEvents()
        settle(ctx, qtbot)
        screen = window._screens.get(spec.key)
        tab_widgets = (
            [t for t in screen.findChildren(QTabWidget) if t.isVisibleTo(window)] if screen else []
        )
        views = []
        for tabs in tab_widgets:
            for page in pages(tabs):
                views.append(f"{spec.key}/{page}")
                for key, texts in duplicates(window).items():
                    problems.append(f"screen {spec.key}/{page}: Alt+{key} {texts}")
                click_dialog_buttons(tabs.currentWidget(), window, ctx, qtbot, done)
        if not views and screen is not None:
            for key, texts in duplicates(window).items():
                problems.append(f"screen {spec.key}: Alt+{key} {texts}")
            click_dialog_buttons(screen, window, ctx, qtbot, done)
    problems += probe.problems
    assert not problems, "\n".join(problems)
    assert len(probe.seen) >= 8, probe.seen
    RAN.add("main")


def test_cooperation_screen_dialogs(ctx, qtbot, language, monkeypatch):
    """Współpraca: every dialog its tabs open (teams, members, agreements of each kind,
    meetings), on a pilot's register."""
    from datetime import date

    from app.services import registry
    from app.ui.registry.team_screen import TeamScreen
    from tests.pilot.helpers import make_pilot

    pilot = make_pilot(ctx.ws)
    registry.save_meeting(ctx.ws, pilot.pzk_id, registry.MeetingInput(held_on=date.today()))
    probe = DialogProbe(ctx, qtbot)
    monkeypatch.setattr(QDialog, "exec", lambda dialog: probe(dialog))
    screen = TeamScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    settle(ctx, qtbot)
    for page in pages(screen.tabs):
        buttons = [
            b for b in screen.tabs.currentWidget().findChildren(QPushButton)
            if b.isVisibleTo(screen) and b.isEnabled()
            and (OPENS_A_DIALOG.match(b.text().replace("&", ""))
                 or b in (screen.edit_team, screen.meetings.add))
        ]  # fmt: skip
        for button in buttons:
            button.click()
            settle(ctx, qtbot)
        assert page
    assert not probe.problems, "\n".join(probe.problems)
    assert {
        "TeamDialog",
        "MembershipDialog",
        "AgreementDialog",
        "MeetingDialog",
        "DecisionDialog",
    } <= {name.split()[0] for name in probe.seen}, probe.seen
    RAN.add("cooperation")


def test_closing_dialogs_of_an_open_case(ctx, qtbot, family_case, language, monkeypatch):
    """An open case with a programme in force: "Zamknij program…" and "Zamknij sprawę…"."""
    probe = DialogProbe(ctx, qtbot)
    monkeypatch.setattr(QDialog, "exec", lambda dialog: probe(dialog))
    window = open_window(ctx, qtbot, family_case.family_id)
    done: set[str] = set()
    for page in pages(window.tabs):
        if "ścieżka" in page.replace("&", "").lower() or "path" in page.replace("&", "").lower():
            click_dialog_buttons(window.tabs.currentWidget(), window, ctx, qtbot, done)
    for menu in (a.menu() for a in window.menuBar().actions() if a.menu() is not None):
        for action in menu.actions():
            text = action.text().replace("&", "")
            if action.isEnabled() and text.endswith("…"):
                action.trigger()
                settle(ctx, qtbot)
    assert not probe.problems, "\n".join(probe.problems)
    assert {"ClosePlanDialog", "CloseCaseDialog"} <= {s.split()[0] for s in probe.seen}
    RAN.add("closing")


def test_first_run_wizard_and_unlock_window(first_run, qtbot, language):
    """The wizard page by page (as ``complete_wizard`` fills it), then the unlock window."""
    from PySide6.QtWidgets import QWizard

    wizard = first_run.wizard
    problems: list[str] = []

    def look(step: str) -> None:
        QApplication.processEvents()
        for key, texts in duplicates(wizard).items():
            problems.append(f"wizard {step}: Alt+{key} {texts}")
        focus = QApplication.focusWidget()
        if not is_field(focus) and not isinstance(focus, QAbstractButton):
            problems.append(f"wizard {step}: focus starts on {type(focus).__name__}")
        if not fits(wizard):
            problems.append(f"wizard {step}: {wizard.frameGeometry().size()} does not fit")

    pages_ = wizard.pages
    look("role")
    pages_["role"].ops.setChecked(True)
    wizard.button(QWizard.WizardButton.NextButton).click()
    look("unit")
    pages_["unit"].edit.setText("Narewka")
    wizard.button(QWizard.WizardButton.NextButton).click()
    look("identity")
    pages_["identity"].worker.setText("Anna Kowalczyk")
    wizard.button(QWizard.WizardButton.NextButton).click()
    look("passphrase")
    pages_["passphrase"].first.setText(PASSPHRASE)
    pages_["passphrase"].second.setText(PASSPHRASE)
    pages_["passphrase"].understood.setChecked(True)
    wizard.button(QWizard.WizardButton.NextButton).click()
    look("summary")
    SEEN.add(type(wizard).__name__)
    with qtbot.waitSignal(first_run.entered, timeout=30_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    settle(first_run.ctx, qtbot)
    first_run.lock()
    unlock_window = first_run.unlock_window
    qtbot.waitUntil(unlock_window.isVisible, timeout=10_000)
    qtbot.wait(50)  # the window's mnemonics are settled once its showing has
    for key, texts in duplicates(unlock_window).items():
        problems.append(f"unlock window: Alt+{key} {texts}")
    if not unlock_window.isMaximized() and not fits(unlock_window):  # maximized: the screen's
        problems.append(f"unlock window {unlock_window.frameGeometry().size()} does not fit")
    assert not problems, "\n".join(problems)
    RAN.add("wizard")


def test_draft_recovery_dialog(ctx, qtbot, language):
    from app.services import drafts
    from app.ui.drafts_dialog import DraftRecoveryDialog

    probe = DialogProbe(ctx, qtbot)
    infos = [drafts.DraftInfo(f"visit:f:{i}", f"Wizyta {i}", drafts.utcnow()) for i in range(9)]
    dialog = DraftRecoveryDialog(infos, None, drafts.STOPPED)
    qtbot.addWidget(dialog)
    probe(dialog)
    assert not probe.problems, "\n".join(probe.problems)
    RAN.add("drafts")


def test_erasure_dialog(ctx, qtbot, family_case, language):
    """RODO art. 17: the confirmation that asks for the case number (opened once a case is
    chosen on the RODO screen)."""
    from app.services.rodo import choices
    from app.ui.rodo.erasure_tab import ErasureDialog

    probe = DialogProbe(ctx, qtbot)
    dialog = ErasureDialog(choices.erasure_preview(ctx.ws, family_case.family_id))
    qtbot.addWidget(dialog)
    probe(dialog)
    assert not probe.problems, "\n".join(probe.problems)
    RAN.add("erasure")


def test_erasure_list_lost_box(ctx, qtbot, language):
    """The restore's one question when the erasure list is not found (opened by a restore whose
    list is missing; the refusal text is the vault's own)."""
    from app.ui.passphrase_dialogs import ErasureListLostBox

    probe = DialogProbe(ctx, qtbot)
    box = ErasureListLostBox(None, "Nie znaleziono listy usunięć tej bazy.")
    qtbot.addWidget(box)
    probe(box)
    assert not probe.problems, "\n".join(probe.problems)
    RAN.add("erasure_list")


# Dialog classes no probe above can open, and why.
NOT_PROBED = {
    "RecordDialog": "the base class of every record dialog",
    "CaseRecordDialog": "the base class of the family file's dialogs",
    "TransferDialog": "a move within the powiat: offered on a coordinator's device only",
}


def dialog_classes() -> set[str]:
    """Every QDialog subclass defined in app.ui (each module imported)."""
    for info in pkgutil.walk_packages([str(Path(app.ui.__file__).parent)], "app.ui."):
        importlib.import_module(info.name)
    found: set[str] = set()
    todo = [QDialog]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("app.ui"):
                found.add(sub.__name__)
    return found


def test_every_dialog_class_is_probed():
    wanted = {
        "family", "main", "cooperation", "closing", "wizard", "drafts", "erasure", "erasure_list"
    }  # fmt: skip
    if not_run := wanted - RAN:
        pytest.skip(f"runs after the other probes of this module (not run: {sorted(not_run)})")
    missing = dialog_classes() - SEEN - set(NOT_PROBED)
    assert missing == set(), f"no probe opens: {sorted(missing)}"
    assert set(NOT_PROBED) & SEEN == set(), "probed now: remove it from NOT_PROBED"


def test_a_text_set_after_showing_keeps_its_own_letter(main_window, qtbot):
    """The conflicts tab says its count when the conflicts arrive, after the screen was shown
    and its letters settled: "&Conflicts (0)" then took Alt+C from the menu "Pomo&c" (seen by
    the probe above, depending on which came first)."""
    set_language("en")  # the screen in English under the Polish menu bar: Alt+C is taken
    try:
        screen = main_window.show_screen("sync")
        settle(main_window.ctx, qtbot)
        qtbot.wait(50)
        screen._fill_conflicts([])  # as when the conflicts arrive from the database
        assert duplicates(main_window) == {}
        assert "&" in screen.tabs.tabText(1)  # it kept a letter, a free one
    finally:
        set_language("pl")
