"""Ustawienia: idle lock, passphrase change, backup and restore, language.

Preferences are saved at once (``Settings.save``, atomic) and announced through
``ctx.events.settings_changed`` / ``language_changed``; the long jobs (changing the key of every
page, writing a verified backup) run on the DB worker with a progress dialog.  Restore is the
session's job (it must lock first): this screen only asks which backup and emits
``restore_requested``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.config import Settings
from app.i18n import LANGUAGES, _
from app.services import controller, database
from app.services.date_text import fmt_moment
from app.ui.context import AppContext
from app.ui.kit.widgets import label
from app.ui.passphrase_dialogs import ChangePassphraseDialog, RestoreDialog

LAST_BACKUP_KEY = "last_backup"


def choose_backup_destination(parent: QWidget) -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(folder) / f"kooperacja-kopia-{date.today().isoformat()}.db"
    path, _selected = QFileDialog.getSaveFileName(
        parent,
        _("Save the encrypted backup as"),
        str(suggested),
        _("Kooperacja backups (*.db *.kopia);;All files (*)"),
    )
    return path


class SettingsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = Settings.load()
        self._build()

    def _build(self) -> None:
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 15)
        self.idle_minutes.setSuffix(" " + _("min"))
        self.idle_minutes.setValue(self.settings.idle_lock_minutes)
        self.idle_minutes.setAccessibleName(_("Lock after minutes without use"))
        self.idle_minutes.valueChanged.connect(self.save_idle_minutes)
        lock_now = QPushButton(_("&Lock now (Ctrl+L)"))
        lock_now.clicked.connect(self.ctx.events.lock_requested)
        self.idle_minutes.setMaximumWidth(110)
        lock_box = QGroupBox(_("Locking"))
        lock_layout = QVBoxLayout(lock_box)
        row = QHBoxLayout()
        row.addWidget(label(_("Lock &after:"), wrap=False, buddy=self.idle_minutes))
        row.addWidget(self.idle_minutes)
        row.addStretch(1)
        lock_layout.addLayout(row)
        lock_layout.addWidget(
            label(
                _("Without mouse or keyboard use for this long the program locks itself."),
                "muted",
            )
        )
        lock_layout.addWidget(lock_now, 0, Qt.AlignmentFlag.AlignLeft)

        self.passphrase_button = QPushButton(_("C&hange the passphrase…"))
        self.passphrase_button.clicked.connect(self.change_passphrase)
        pass_box = QGroupBox(_("Passphrase"))
        pass_layout = QVBoxLayout(pass_box)
        pass_layout.addWidget(
            label(_("Change it when someone else may have seen it, or when you leave the job."))
        )
        pass_layout.addWidget(self.passphrase_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.backup_button = QPushButton(_("Make a &backup…"))
        self.backup_button.clicked.connect(self.make_backup)
        self.restore_button = QPushButton(_("&Restore from a backup…"))
        self.restore_button.clicked.connect(self.restore)
        self.last_backup = label("", "muted")
        self.last_backup.setAccessibleName(_("Last backup"))
        self._show_last_backup()
        backup_box = QGroupBox(_("Backup"))
        backup_layout = QVBoxLayout(backup_box)
        backup_layout.addWidget(
            label(
                _(
                    "A backup is an encrypted, checked copy of the whole database, opened with "
                    "the current passphrase. Keep it on a separate disk or USB stick."
                )
            )
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        backup_layout.addLayout(buttons)
        backup_layout.addWidget(self.last_backup)

        self.language = QComboBox()
        self.language.setAccessibleName(_("Language"))
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.settings.language)))
        self.language.currentIndexChanged.connect(self.change_language)
        lang_box = QGroupBox(_("Language"))
        lang_form = QFormLayout(lang_box)
        lang_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        lang_form.addRow(label(_("Lan&guage:"), buddy=self.language), self.language)

        about_box = QGroupBox(_("This installation"))
        about = QFormLayout(about_box)
        if self.ctx.is_unlocked:
            ws = self.ctx.ws
            about.addRow(_("Institution:"), label(ws.identity.name))
            about.addRow(_("Worker:"), label(ws.identity.worker_name))
            about.addRow(_("Database:"), label(str(ws.path)))
            about.addRow(_("Device:"), label(ws.device_id))
            # The RODO clause of every printed consent names this contact (issue 11).
            self.iod_contact = QLineEdit()
            self.iod_contact.setMaxLength(controller.IOD_MAX)
            self.iod_contact.setPlaceholderText(_("e-mail or postal address"))
            self.iod_contact.setAccessibleName(_("Contact of the data protection officer (IOD)"))
            self.iod_contact.editingFinished.connect(self.save_iod_contact)
            about.addRow(label(_("&IOD contact:"), buddy=self.iod_contact), self.iod_contact)
            self.ctx.runner.run(
                controller.get_controller,
                ws,
                success=lambda c: self.iod_contact.setText(c.iod_contact),
            )
        about.addRow(_("Version:"), label(__version__))

        content = QWidget()
        content.setMaximumWidth(860)  # long lines are hard to read on a wide screen
        layout = QVBoxLayout(content)
        layout.addWidget(label(_("Settings"), "heading"))
        for box in (lock_box, pass_box, backup_box, lang_box, about_box):
            layout.addWidget(box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- preferences -----------------------------------------------------------------------
    def _save(self, **changes: object) -> None:
        fresh = Settings.load()  # keep what other windows saved meanwhile
        for key, value in changes.items():
            setattr(fresh, key, value)
        fresh.save()
        self.settings = fresh

    def save_iod_contact(self) -> None:
        text = self.iod_contact.text()
        self.ctx.runner.run(controller.set_iod_contact, self.ctx.ws, text)

    def save_idle_minutes(self, minutes: int) -> None:
        self._save(idle_lock_minutes=int(minutes))
        self.ctx.events.settings_changed.emit()

    def change_language(self, _index: int) -> None:
        code = self.language.currentData()
        if code == self.settings.language:
            return
        self._save(language=code)
        self.ctx.events.language_changed.emit()

    # -- passphrase ------------------------------------------------------------------------
    def change_passphrase(self) -> None:
        ws = self.ctx.ws
        answer = ChangePassphraseDialog.ask(self, (ws.identity.name, ws.actor))
        if answer is None:
            return
        old, new = answer
        self.ctx.runner.run_with_progress(
            self,
            _("Changing the passphrase…"),
            lambda progress: database.change_passphrase(ws, old, new),
            success=lambda _r: QMessageBox.information(
                self, _("Passphrase"), _("The passphrase was changed. Use the new one from now on.")
            ),
        )

    # -- backup and restore ----------------------------------------------------------------
    def make_backup(self) -> None:
        destination = choose_backup_destination(self)
        if not destination:
            return
        ws = self.ctx.ws
        self.ctx.runner.run_with_progress(
            self,
            _("Writing and checking the backup…"),
            lambda progress: database.write_backup(ws, destination),
            success=self._backup_done,
        )

    def _backup_done(self, path: Path) -> None:
        extra = dict(Settings.load().extra)
        extra[LAST_BACKUP_KEY] = datetime.now().isoformat(timespec="minutes")
        self._save(extra=extra)
        self._show_last_backup()
        QMessageBox.information(
            self,
            _("Backup"),
            _("The encrypted backup was written and checked:\n{path}").format(path=path),
        )

    def _show_last_backup(self) -> None:
        when = self.settings.extra.get(LAST_BACKUP_KEY)
        if when:
            stamp = fmt_moment(datetime.fromisoformat(when))
            self.last_backup.setText(
                _("Last backup made on this computer: {when}").format(when=stamp)
            )
        else:
            self.last_backup.setText(_("No backup has been made on this computer yet."))

    def restore(self) -> None:
        answer = RestoreDialog.ask(self)
        if answer is None:
            return
        path, passphrase = answer
        self.ctx.events.restore_requested.emit(path, passphrase)
