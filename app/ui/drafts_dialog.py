"""After unlock: "you have unsaved work" — ONE question for every autosaved draft.

Worded for what happened (``AppContext.previous_end``): after a plain lock the drafts were kept on
purpose; after a kill, a crash or a power cut they were rescued.  The answer is the only one: the
forms of the checked drafts open with the draft in them (they do not ask again), the others are
kept and offered again next time (``AppContext.draft_answers``, read by ``DraftGuard``).  Drafts
are never deleted here.
"""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.date_text import fmt_moment
from app.services.drafts import LOCKED, STOPPED, UNKNOWN, DraftInfo
from app.ui.kit.screen_fit import resize_to_fit
from app.ui.kit.widgets import label


def what_happened(how: str) -> str:
    """The dialog's first sentence for how the previous session ended."""
    if how == STOPPED:
        return _(
            "The program was not closed normally last time (it was stopped, or the computer was "
            "switched off) while these forms were being filled in. What was typed up to a few "
            "seconds before was kept encrypted. Open them again to finish?"
        )
    if how == LOCKED:
        return _(
            "These forms were not saved before the program was locked or closed. What was typed "
            "is kept encrypted. Open them again to finish?"
        )
    return _(
        "These forms were not saved. What was typed is kept encrypted. Open them again to finish?"
    )


class DraftRecoveryDialog(QDialog):
    def __init__(
        self, drafts: list[DraftInfo], parent: QWidget | None = None, how: str = UNKNOWN
    ) -> None:
        super().__init__(parent)
        self.how = how
        self.setWindowTitle(_("Unsaved work"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Autosaved drafts"))
        for info in drafts:
            saved = info.saved_at
            if saved.tzinfo is None:  # stored as UTC without a zone
                saved = saved.replace(tzinfo=UTC)
            when = fmt_moment(saved)
            item = QListWidgetItem(f"{info.title} — {when}")
            item.setData(Qt.ItemDataRole.UserRole, info.form_key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(
            _("&Restore the checked ones"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = buttons.addButton(_("&Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.explanation = label(what_happened(how))
        layout.addWidget(self.explanation)
        layout.addWidget(
            label(_("Drafts you do not restore now are offered again next time."), "muted")
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 560, 340)

    def checked_keys(self) -> list[str]:
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    @classmethod
    def ask(cls, parent: QWidget | None, drafts: list[DraftInfo], how: str = UNKNOWN) -> list[str]:
        """The form keys the user wants to restore now (empty: later)."""
        dialog = cls(drafts, parent, how)
        try:
            return dialog.checked_keys() if dialog.exec() == QDialog.DialogCode.Accepted else []
        finally:
            dialog.deleteLater()
