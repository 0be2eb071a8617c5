"""The "Drukuj…" buttons and menu entries: they open the print preview of one document.

The preview dialog (``app.ui.printing.print_dialog.PrintPreviewDialog``) is imported only when
used, so this package works before (or without) the printing module; the entries are then
disabled with a tooltip that says why.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QToolButton, QWidget

from app.i18n import N_, _
from app.ui.context import AppContext
from app.ui.kit.mnemonics import relabel
from app.ui.kit.safe import no_result

PRINT_MODULE = "app.ui.printing.print_dialog"

KIND_LABELS: dict[str, str] = {
    "diagnosis": N_("Diagnosis"),
    "plan": N_("Cooperation programme (IPW)"),
    "contract": N_("Social contract"),
    "review": N_("Monitoring review"),
    "consent": N_("Consent to data sharing"),
    "visit": N_("Visit note"),
    "blank-diagnosis": N_("Blank diagnosis form (to fill in by hand)"),
    "blank-review": N_("Blank review form (to fill in by hand)"),
    "blank-visit": N_("Blank visit note (to fill in by hand)"),
    "agreement": N_("Cooperation agreement (porozumienie)"),
    "referral": N_("Referral card"),
    "workshop": N_("Attendance list of the diagnostic workshop"),
    "closing": N_("Closing summary of the cooperation"),
    # the team's meeting documents (ids: ``pilot=pilot_docs.Ids(...)``)
    "agenda": N_("Agenda of the meeting"),
    "minutes": N_("Minutes of the meeting (for signature)"),
    "tasks": N_("Task list of the institution"),
}
# The documents of a team, not of one family's case (left out of the family file's menu).
TEAM_KINDS = frozenset({"agreement", "agenda", "minutes", "tasks"})

IdsFn = Callable[[], dict[str, Any] | None]


def preview_dialog() -> Any | None:
    """The print preview class, or ``None`` while the printing module is not there."""
    try:
        module = importlib.import_module(PRINT_MODULE)
    except ImportError:
        return None
    return getattr(module, "PrintPreviewDialog", None)


def open_preview(parent: QWidget | None, ctx: AppContext, kind: str, **ids: Any) -> None:
    dialog = preview_dialog()
    if dialog is not None:
        dialog.ask(parent, ctx, kind, **ids)


def print_button(
    parent: QWidget, ctx: AppContext, kinds: list[str], ids: IdsFn, text: str | None = None
) -> QToolButton:
    """A "Drukuj…" button with one entry per document kind.

    ``ids()`` returns the keyword ids for the dialog (``family_id``, ``review_id``…) or ``None``
    when nothing suitable is selected; the entry then does nothing.
    """
    button = QToolButton(parent)
    button.setText(text or _("&Print…"))
    button.setAccessibleName(_("Print"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    fill_menu(menu, parent, ctx, kinds, ids)
    button.setMenu(menu)
    if preview_dialog() is None:
        button.setEnabled(False)
        button.setToolTip(_("Printing is not available in this version yet."))
    return button


def fill_menu(menu: QMenu, parent: QWidget, ctx: AppContext, kinds: list[str], ids: IdsFn) -> None:
    available = preview_dialog() is not None
    for kind in kinds:
        action = menu.addAction(_(KIND_LABELS[kind]) + "…")

        def trigger(_checked: bool = False, kind: str = kind) -> None:
            values = ids()
            if values is not None and ctx.is_unlocked:
                open_preview(parent, ctx, kind, **values)

        action.triggered.connect(trigger)
        action.setEnabled(available)
        if not available:
            action.setToolTip(_("Printing is not available in this version yet."))


def popup_at_focus(window: QWidget, page: QWidget | None, own: QMenu) -> None:
    """Ctrl+P: the print menu at the focused control, the current page's documents first,
    then the window's own (``own``), each entry with its own Alt+letter, the first one
    selected (Enter prints it)."""
    menus = [
        b.menu() for b in page.findChildren(QToolButton)
        if b.menu() is not None and b.isVisibleTo(window) and b.isEnabled()
    ] if page is not None else []  # fmt: skip
    menu = QMenu(window)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    seen: set[str] = set()
    used: set[str] = set()
    for source in [*menus, own]:
        fresh = [a for a in source.actions() if a.text() and a.text() not in seen]
        if fresh and menu.actions():
            menu.addSeparator()
        for action in fresh:
            seen.add(action.text())
            text, key = relabel(action.text(), used)
            if key:
                used.add(key)
            entry = menu.addAction(text)
            entry.setEnabled(action.isEnabled())
            entry.triggered.connect(no_result(action.trigger))
    focus = QApplication.focusWidget()
    anchor = focus if focus is not None and focus.window() is window else window
    first = next((a for a in menu.actions() if not a.isSeparator()), None)
    menu.popup(anchor.mapToGlobal(anchor.rect().bottomLeft()))
    if first is not None:
        menu.setActiveAction(first)
