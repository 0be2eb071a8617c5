"""Every window, tab and dialog, opened offscreen in Polish and in English: no two controls
reachable at once share a mnemonic, every dialog opens with focus in a field, and everything
fits a 1366×768 screen with its taskbar."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QTabWidget, QWidget

from app.i18n import set_language
from tests.ui._family_support import open_window, unsaved_answers_fixture  # noqa: F401
from tests.ui._surface import duplicates, fits, is_field
from tests.ui.conftest import settle

OPENS_A_DIALOG = re.compile(r"^(Dodaj|Now[yae]|Add|New|Zarejestruj|Register)\b.*…$", re.I)


@pytest.fixture(params=["pl", "en"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("pl")


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
        for key, texts in duplicates(dialog).items():
            self.problems.append(f"{name}: Alt+{key} {texts}")
        focus = QApplication.focusWidget()
        if not is_field(focus) or (focus is not None and focus.window() is not dialog):
            self.problems.append(f"{name}: focus starts on {type(focus).__name__}")
        if not fits(dialog):
            self.problems.append(f"{name}: {dialog.frameGeometry().size()} does not fit")
        dialog.hide()
        return QDialog.DialogCode.Rejected.value


def test_family_window_tabs_and_dialogs(ctx, qtbot, family_case, language, monkeypatch):
    probe = DialogProbe(ctx, qtbot)
    monkeypatch.setattr(QDialog, "exec", lambda dialog: probe(dialog))
    window = open_window(ctx, qtbot, family_case.family_id)
    problems: list[str] = []
    if not fits(window):
        problems.append(f"family window {window.frameGeometry().size()} does not fit")
    for page in pages(window.tabs):
        for key, texts in duplicates(window).items():
            problems.append(f"tab {page}: Alt+{key} {texts}")
        buttons = [
            b for b in window.tabs.currentWidget().findChildren(QPushButton)
            if b.isVisibleTo(window) and b.isEnabled()
            and OPENS_A_DIALOG.match(b.text().replace("&", ""))
        ]  # fmt: skip
        for button in buttons:
            button.click()
            settle(ctx, qtbot)
    problems += probe.problems
    assert not problems, "\n".join(problems)
    assert len(probe.seen) >= 8, probe.seen


def test_main_window_screens(demo_window, qtbot, language):
    window: QWidget = demo_window
    problems: list[str] = []
    for spec in list(window._specs):
        window.show_screen(spec.key)
        QApplication.processEvents()
        settle(window.ctx, qtbot)
        screen = window._screens.get(spec.key)
        tab_widgets = (
            [t for t in screen.findChildren(QTabWidget) if t.isVisibleTo(window)] if screen else []
        )
        views = [f"{spec.key}/{p}" for t in tab_widgets for p in pages(t)] or [spec.key]
        for view in views:
            for key, texts in duplicates(window).items():
                problems.append(f"screen {view}: Alt+{key} {texts}")
    assert not problems, "\n".join(problems)


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
