"""The "Drukuj…" buttons and menu entries: they open the print preview of one document.

The preview dialog (``app.ui.printing.print_dialog.PrintPreviewDialog``) is imported only when
used, so this package works before (or without) the printing module; the entries are then
disabled with a tooltip that says why.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from app.i18n import N_, _
from app.ui.context import AppContext

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
