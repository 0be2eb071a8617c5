"""The base of every add/edit dialog: a scrolling form, Save/Cancel, drafts, inline errors.

A subclass builds its fields (registering them in ``self.binding``), then calls
``finish_setup(form, values)``; ``submit()`` returns the service call to make.  Saving runs on the
DB worker; a ``ValidationError`` is shown above the buttons and focuses the field it names.
Escape, the window's close button and Cancel all go through the unsaved-changes question; a lock
closes the dialog at once (its draft was flushed on ``locking``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from app.errors import KooperacjaError, ValidationError
from app.i18n import _
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.kit.draft_guard import DraftGuard
from app.ui.kit.form_kit import ErrorLabel, FormBinding, first_field, is_field, scrolled
from app.ui.kit.safe import guarded
from app.ui.ops import show_error

Submit = tuple[Callable[..., Any], tuple[Any, ...]]


class RecordDialog(QDialog):
    """Add or edit one record; ``result_value`` holds what the service returned."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        draft_key: FormKey,
        parent: QWidget | None = None,
        draft_title: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setModal(True)
        self.binding = FormBinding(self)
        self.guard: DraftGuard | None = None
        self._draft_key = draft_key
        self._title = draft_title or title
        self._forced = False
        self._busy = False
        self.result_value: Any = None
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        ctx.events.locked.connect(self.close_for_lock)

    # -- set-up by subclasses -----------------------------------------------------------------
    def finish_setup(self, form: QWidget, values: dict[str, Any] | None = None) -> DraftGuard:
        """Lay the form out and start its draft guard (returned, for a dialog that needs it)."""
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(form), 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        first = first_field(form)
        if first is not None:  # what is typed first lands in the first field, not a container
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.guard = DraftGuard(self.ctx, self.binding, self._draft_key, self._title, self)
        self.guard.reset(values)
        self.binding.changed.connect(lambda: self.error.show_message(""))
        self.guard.offer_restore(self)
        return self.guard

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focus = self.focusWidget()
        if focus is None or not is_field(focus):
            first = first_field(self)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> Submit:
        """The service call that saves the form: ``(function, args)``; may raise
        ``ValidationError`` for checks that need no database."""
        raise NotImplementedError

    def after_save(self, value: Any) -> None:
        """Hook for subclasses (e.g. a second call); the dialog then closes."""

    # -- behaviour ----------------------------------------------------------------------------
    def save(self) -> None:
        if self._busy or not self.ctx.is_unlocked:
            return
        try:
            fn, args = self.submit()
        except ValidationError as exc:
            self.show_failure(exc)
            return
        self._busy = True
        self.buttons.setEnabled(False)
        self.ctx.runner.run(
            fn, *args, success=guarded(self, self._saved), failure=guarded(self, self._failed)
        )

    def _saved(self, value: Any) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.result_value = value
        if self.guard is not None:
            self.guard.saved()
        self.after_save(value)  # the screens hear of the change from the op runner
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.show_failure(exc)

    def show_failure(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.error.show_message(exc.message)
            self.binding.focus(exc.field)
        elif isinstance(exc, KooperacjaError):
            self.error.show_message(exc.message)
        else:
            show_error(self, exc)

    def accept(self) -> None:  # Enter in a line edit: save, close only when saved
        self.save()

    def reject(self) -> None:
        if self._forced or self.guard is None:
            super().reject()
            return
        if self._busy:
            return
        if self.guard.confirm_close(self, self.save):
            super().reject()

    def close_for_lock(self) -> None:
        """The database is locking: the draft is already flushed; close without asking."""
        if self.isVisible():
            self._forced = True
            super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, *args: Any, **kwargs: Any) -> Any:
        """Open the dialog (its own arguments after ``ctx``) and return the saved record, or
        ``None`` when cancelled: the one way every record dialog is opened."""
        make: Callable[..., RecordDialog] = cls  # each dialog has its own constructor
        return cls.run(make(ctx, *args, parent=parent, **kwargs))

    @classmethod
    def run(cls, dialog: RecordDialog) -> Any:
        """``exec()`` and return the saved record (``None`` when cancelled or locked)."""
        dialog.exec()
        result = dialog.result_value if dialog.result() == QDialog.DialogCode.Accepted else None
        dialog.deleteLater()
        return result
