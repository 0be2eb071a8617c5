"""Fits a municipal laptop (1366×768 less the taskbar) and shows whole words while there is room:
table columns and combo boxes are measured with the font (QFontMetrics) on real data.

Issue 10 §3 saw "Żółkiewska Katar…", "IPW 1/2026: 01.12.2026 – 01.12.20", "wnioskodawca (głowa
gospo" while the window had room, and the art. 7 list stopping at item 9.  Every dialog at its
laptop size, in Polish, is ``test_surface``'s (its Polish probes run on a laptop's screen).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QTableView,
    QWidget,
)

from app.ui.family.case_form_view import CaseFormView
from app.ui.family.member_dialog import MemberDialog
from app.ui.family.plan_tab import PlanTab
from tests.ui._family_support import open_window, unsaved_answers_fixture  # noqa: F401
from tests.ui._surface import cut_combos, fits
from tests.ui.conftest import settle
from tests.ui.test_surface import pages

LAPTOP = (1366, 690)  # 1366×768 less a taskbar (40) and a title bar (38)
CELL_MARGIN = 12  # the style's padding left and right of a cell's text


def fits_the_laptop(window: QWidget) -> bool:
    """It can be made as small as a maximized window on the laptop, and is then that size."""
    hint = window.minimumSizeHint()
    window.resize(*LAPTOP)
    QApplication.processEvents()
    return (
        hint.width() <= LAPTOP[0]
        and hint.height() <= LAPTOP[1]
        and (window.width(), window.height()) == LAPTOP
    )


def cut_cells(view: QTableView) -> list[str]:
    """Cells whose text is cut although the table has room to widen the column."""
    model, header = view.model(), view.horizontalHeader()
    if model is None:
        return []
    columns = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
    free = view.viewport().width() - sum(view.columnWidth(c) for c in columns)
    metrics = view.fontMetrics()
    out = []
    for c in columns:
        for r in range(model.rowCount()):
            text = model.index(r, c).data(Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text or view.wordWrap() and "\n" in text:
                continue
            missing = metrics.horizontalAdvance(text) + CELL_MARGIN - view.columnWidth(c)
            if missing > 0 and free > 8:
                out.append(f"{view.accessibleName() or type(view.model()).__name__}: {text!r}")
    return out


def test_family_window_shows_whole_words_and_fits(ctx, qtbot, family_case):
    window = open_window(ctx, qtbot, family_case.family_id)
    assert fits_the_laptop(window)
    settle(ctx, qtbot)
    problems: list[str] = []
    for page in pages(window.tabs):
        QApplication.processEvents()
        current = window.tabs.currentWidget()
        for view in current.findChildren(QTableView):
            if view.isVisibleTo(window):
                problems += [f"{page}: {p}" for p in cut_cells(view)]
        problems += [f"{page}: {p}" for p in cut_combos(current)]
    assert problems == []


def test_programme_chooser_shows_the_whole_period(ctx, qtbot, family_case):
    window = open_window(ctx, qtbot, family_case.family_id)
    plan = next(t for t in window.tab_pages if isinstance(t, PlanTab))
    window.tabs.setCurrentIndex(window.tab_pages.index(plan))
    settle(ctx, qtbot)
    chooser = plan.view.chooser
    assert "–" in chooser.currentText()
    assert cut_combos(plan) == []


def test_member_dialog_shows_the_whole_relation(ctx, qtbot, family_case):
    from app.services import casefile

    mother = next(
        p
        for p in casefile.reload_family(ctx.ws, family_case.family_id).persons
        if p.id == family_case.mother_id
    )
    dialog = MemberDialog(ctx, family_case.family_id, "x", mother)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(ctx, qtbot)
    dialog.resize(900, 640)  # its size on the laptop (the offscreen screen is only 800 wide)
    qtbot.wait(50)
    assert dialog.view.relation.currentText().startswith("wnioskodawczyni")
    assert cut_combos(dialog) == []
    assert fits(dialog)


def test_the_art_7_list_shows_every_reason(ctx, qtbot):
    from app.services import lookups

    view = CaseFormView(full=True)
    qtbot.addWidget(view)
    view.set_lookups(lookups.load_lookups(ctx.ws))
    view.resize(600, 400)  # as on the Rodzina tab: the form scrolls, not the list
    view.show()
    QApplication.processEvents()
    table = view.reasons_view
    assert view.reasons.rowCount() >= 12
    assert table.verticalScrollBar().maximum() == 0  # every reason visible, no inner scrolling


def test_main_window_fits(demo_window, qtbot):
    """Every screen on 40 demo families at the laptop's size: it fits, and its tables and combos
    show whole texts while they have room ("Żółkiewska Katar…" in Rodziny)."""
    demo_window.showNormal()
    problems: list[str] = []
    rows_seen = 0
    for spec in list(demo_window._specs):
        demo_window.show_screen(spec.key)
        settle(demo_window.ctx, qtbot)
        assert fits_the_laptop(demo_window), spec.key
        settle(demo_window.ctx, qtbot)
        screen = demo_window.screen_widget(spec.key)
        for view in screen.findChildren(QTableView) if screen is not None else []:
            if view.isVisibleTo(demo_window) and view.model() is not None:
                problems += [f"{spec.key}: {p}" for p in cut_cells(view)]
                rows_seen += view.model().rowCount()
        problems += [f"{spec.key}: {p}" for p in cut_combos(screen)] if screen else []
    assert problems == []
    assert rows_seen >= 40  # the demo families were there to be measured
