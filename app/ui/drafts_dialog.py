"""After unlock: "you have unsaved work" — offer to reopen the forms of autosaved drafts.

Drafts are never deleted here: a draft that is not restored now is offered again next time, and
the form itself asks before dropping one (``DraftGuard.offer_restore``).
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
from app.services.drafts import DraftInfo
from app.ui.kit.screen_fit import resize_to_fit
from app.ui.kit.widgets import label


class DraftRecoveryDialog(QDialog):
    def __init__(self, drafts: list[DraftInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Unsaved work"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Autosaved drafts"))
        for info in drafts:
            saved = info.saved_at
            if saved.tzinfo is None:  # stored as UTC without a zone
                saved = saved.replace(tzinfo=UTC)
            when = saved.astimezone().strftime("%d.%m.%Y %H:%M")
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
        layout.addWidget(
            label(
                _(
                    "These forms were being filled in when the program was locked, closed or "
                    "stopped. Their contents were kept encrypted. Open them again to finish?"
                )
            )
        )
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
    def ask(cls, parent: QWidget | None, drafts: list[DraftInfo]) -> list[str]:
        """The form keys the user wants to restore now (empty: later)."""
        dialog = cls(drafts, parent)
        try:
            return dialog.checked_keys() if dialog.exec() == QDialog.DialogCode.Accepted else []
        finally:
            dialog.deleteLater()
