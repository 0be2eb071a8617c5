"""Dialogs that take passphrases: changing this database's, and opening a backup to restore.

Both are asked through ``ask`` class methods (tests monkeypatch them); neither keeps the
passphrase after it returned it.  ``ErasureListLostBox`` is the restore's one question after a
refusal for want of the erasure list: go ahead without it (what ``restore
--without-erasure-list`` does, audited) or leave everything as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.store import keys
from app.ui.kit.screen_fit import resize_to_fit
from app.ui.kit.widgets import StrengthMeter, label, password_edit


class ChangePassphraseDialog(QDialog):
    def __init__(self, hints: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hints = hints
        self.setWindowTitle(_("Change the passphrase"))
        self.old = password_edit(_("Current passphrase"))
        self.new = password_edit(_("New passphrase"))
        self.repeat = password_edit(_("Repeat the new passphrase"))
        self.meter = StrengthMeter()
        self.error = label("", "error")
        self.error.setAccessibleName(_("Message"))
        form = QFormLayout()
        form.addRow(label(_("&Current passphrase:"), buddy=self.old), self.old)
        form.addRow(label(_("&New passphrase:"), buddy=self.new), self.new)
        form.addRow("", self.meter)
        form.addRow(label(_("&Repeat the new one:"), buddy=self.repeat), self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Change"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                _(
                    "The new passphrase replaces the old one at once. Backups made earlier "
                    "still open with the passphrase they were made with."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.new.textChanged.connect(
            lambda t: self.meter.show_strength(keys.assess_passphrase(t, hints) if t else None)
        )
        resize_to_fit(self, 520, 300)

    def problem(self) -> str:
        if not self.old.text():
            return _("Type the current passphrase.")
        verdict = keys.assess_passphrase(self.new.text(), self.hints)
        if not verdict.acceptable:
            return verdict.message
        if self.new.text() != self.repeat.text():
            return _("The two passphrases differ.")
        if self.new.text() == self.old.text():
            return _("The new passphrase is the same as the current one.")
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, hints: tuple[str, ...]) -> tuple[str, str] | None:
        dialog = cls(hints, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.old.text(), dialog.new.text()
        finally:
            for edit in (dialog.old, dialog.new, dialog.repeat):
                edit.clear()
            dialog.deleteLater()


class RestoreDialog(QDialog):
    """Which backup, and the passphrase it was made with."""

    def __init__(
        self,
        parent: QWidget | None = None,
        choose_file: Callable[[QWidget], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._choose_file = choose_file or _choose_backup_file
        self.setWindowTitle(_("Restore from a backup"))
        self.path = QLineEdit()
        self.path.setAccessibleName(_("Backup file"))
        browse = QPushButton(_("&Browse…"))
        browse.setAccessibleName(_("Choose the backup file"))
        browse.clicked.connect(self._browse)
        self.passphrase = password_edit(_("Passphrase of the backup"))
        self.error = label("", "error")
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(label(_("Backup &file:"), buddy=self.path), row)
        form.addRow(label(_("&Passphrase of the backup:"), buddy=self.passphrase), self.passphrase)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Restore"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                _(
                    "Restoring replaces the database with the backup: changes made after the "
                    "backup are no longer shown. The current database is not deleted; it is "
                    "kept next to it under a name ending in “before-restore”. The program "
                    "locks first."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        resize_to_fit(self, 620, 260)

    def _browse(self) -> None:
        chosen = self._choose_file(self)
        if chosen:
            self.path.setText(chosen)

    def accept(self) -> None:
        if not Path(self.path.text().strip()).is_file():
            self.error.setText(_("Choose an existing backup file."))
            return
        if not self.passphrase.text():
            self.error.setText(_("Type the passphrase the backup was made with."))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, str] | None:
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.path.text().strip(), dialog.passphrase.text()
        finally:
            dialog.passphrase.clear()
            dialog.deleteLater()


def _choose_backup_file(parent: QWidget) -> str:
    path, _selected = QFileDialog.getOpenFileName(
        parent,
        _("Choose the backup file"),
        "",
        _("Kooperacja backups (*.db *.kopia);;All files (*)"),
    )
    return path


class ErasureListLostBox(QMessageBox):
    """The erasure list was not found for a restore: what that means, and the choice."""

    def __init__(self, parent: QWidget | None, refusal: str) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_("The erasure list was not found"))
        self.setText(refusal)
        self.setInformativeText(
            _(
                "Restore without the erasure list only if it is really lost (a new computer, a "
                "broken disk). The cases erased after this backup was made may then come back "
                "on this copy, and nothing on it says which: check with the IOD and the "
                "coordinator which cases were erased after the backup's date and erase them "
                "again. The audit log records that the restore was made without the list. "
                "Otherwise cancel: the database stays as it is, and you can copy the .erasures "
                "file from the old computer beside it."
            )
        )
        self.without_list = self.addButton(
            _("Restore &without the erasure list"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.cancel = self.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.cancel)  # Enter alone never restores without the list
        self.setEscapeButton(self.cancel)

    @classmethod
    def ask(cls, parent: QWidget | None, refusal: str) -> bool:
        box = cls(parent, refusal)
        try:
            box.exec()
            return box.clickedButton() is box.without_list
        finally:
            box.deleteLater()
