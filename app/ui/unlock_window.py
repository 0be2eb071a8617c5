"""The unlock window: shown at every start after the first and whenever the program locks.

The passphrase is checked on the DB worker (Argon2id takes a moment); a wrong one gets a clear
message and, after repeated failures, a growing wait (``unlock_policy``).  A wrong passphrase
never changes the database file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import WrongPassphrase
from app.i18n import _
from app.services.unlock_policy import UnlockThrottle, open_throttled
from app.ui.context import AppContext
from app.ui.kit.mnemonics import deconflict
from app.ui.kit.screen_fit import resize_to_fit
from app.ui.kit.widgets import label, password_edit, set_role
from app.ui.ops import error_text, show_error
from app.ui.theme import app_icon, make_card


class UnlockWindow(QWidget):
    """Asks for the passphrase and emits ``unlocked(ws)``."""

    unlocked = Signal(object)  # Workspace
    quit_requested = Signal()

    def __init__(
        self,
        ctx: AppContext,
        db_path: Path,
        throttle: UnlockThrottle | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.db_path = Path(db_path)
        self.throttle = throttle or UnlockThrottle()
        self._busy = False
        self.setWindowTitle(_("Locked"))  # Qt adds " — Kooperacja"
        self.setWindowIcon(app_icon())
        self._build()
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._update_wait)
        self._update_wait()

    def _build(self) -> None:
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        logo.setAccessibleName(_("Kooperacja logo"))
        title = label(_("Kooperacja"), "heading")
        self.intro = label(_("The case files are locked. Enter the passphrase to open them."))
        self.passphrase = password_edit(_("Passphrase"))
        self.passphrase.setMinimumWidth(320)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.show_text = QCheckBox(_("S&how"))
        self.show_text.setAccessibleName(_("Show the passphrase"))
        self.show_text.toggled.connect(
            lambda on: self.passphrase.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.message = label("", "error")
        self.message.setAccessibleName(_("Message"))
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName(_("Unlock"))
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button = QPushButton(_("&Quit"))
        self.quit_button.setAccessibleName(_("Quit the program"))
        self.quit_button.clicked.connect(self.quit_requested)
        path = label(_("Database: {path}").format(path=self.db_path), "muted")
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        card = make_card(QFrame())
        inner = QVBoxLayout(card)
        head = QHBoxLayout()
        head.addWidget(logo)
        head.addWidget(title, 1)
        inner.addLayout(head)
        inner.addWidget(self.intro)
        inner.addWidget(label(_("&Passphrase:"), buddy=self.passphrase))
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.show_text)
        inner.addLayout(row)
        inner.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        inner.addLayout(buttons)
        inner.addWidget(path)
        card.setMaximumWidth(560)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(card, 3)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(2)
        QShortcut(QKeySequence.StandardKey.Quit, self).activated.connect(self.quit_requested)
        self.setTabOrder(self.passphrase, self.show_text)
        self.setTabOrder(self.show_text, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.quit_button)
        resize_to_fit(self, 720, 460)

    # -- behaviour -------------------------------------------------------------------------
    def prepare(self, intro: str = "") -> None:
        """Reset for a new lock: empty field, focus on it."""
        self.passphrase.clear()
        self.show_text.setChecked(False)
        if intro:
            self.intro.setText(intro)
        self._update_wait()
        self.passphrase.setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.passphrase.setFocus)

    def try_unlock(self) -> None:
        if self._busy or self.throttle.wait_seconds() > 0:
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self._say(_("Type the passphrase first."))
            return
        self._set_busy(True)
        self._say(_("Opening…"), "muted")
        self.ctx.runner.run(
            open_throttled,
            self.db_path,
            passphrase,
            self.throttle,
            success=self._opened,
            failure=self._refused,
        )

    def _opened(self, ws: object) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self._say("")
        self.unlocked.emit(ws)

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        if not isinstance(exc, WrongPassphrase):
            self._say(error_text(exc))
            show_error(self, exc)
            return
        self._say(exc.message)  # the throttle has counted it (and says how long to wait)
        self._update_wait()

    def _update_wait(self) -> None:
        left = self.throttle.wait_seconds()
        waiting = left > 0
        self.unlock_button.setEnabled(not waiting and not self._busy)
        self.passphrase.setReadOnly(waiting or self._busy)
        if waiting:
            self.unlock_button.setText(_("Wait {n} s").format(n=left))
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            self.unlock_button.setText(_("&Unlock"))
            self._countdown.stop()
        if self.isVisible():  # the new text brings its letter back: keep it free of clashes
            deconflict(self)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()
        self._update_wait()

    def _say(self, text: str, role: str = "error") -> None:
        set_role(self.message, role)
        self.message.setText(text)
