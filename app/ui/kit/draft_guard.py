"""Nothing typed is lost: autosaved drafts, restore on open, and no silent discard on close.

A ``DraftGuard`` watches one form (its ``FormBinding``).  A change that makes the form differ
from what was last loaded or saved schedules an encrypted draft (``DraftAutosaver``); opening the
form again offers to restore a draft; a real save discards it; closing with unsaved changes asks
``UnsavedChangesDialog.ask`` (save / keep as draft / discard / cancel).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _
from app.services.form_keys import FormKey
from app.ui.context import AppContext
from app.ui.drafts import DraftAutosaver
from app.ui.kit.form_kit import FormBinding


class CloseChoice(Enum):
    SAVE = "save"
    KEEP_DRAFT = "keep"
    DISCARD = "discard"
    CANCEL = "cancel"


class UnsavedChangesDialog:
    """The question asked before a form with unsaved changes closes."""

    @classmethod
    def ask(cls, parent: QWidget | None, what: str) -> CloseChoice:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Unsaved changes"))
        box.setText(_("“{what}” has changes that are not saved yet.").format(what=what))
        box.setInformativeText(
            _(
                "Save them now, keep them as a draft to finish later (it stays encrypted on "
                "this computer), or discard them."
            )
        )
        save = box.addButton(_("&Save"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(_("&Keep as draft"), QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton(_("&Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return CloseChoice.SAVE
        if clicked is keep:
            return CloseChoice.KEEP_DRAFT
        if clicked is discard:
            return CloseChoice.DISCARD
        return CloseChoice.CANCEL


def ask_restore(parent: QWidget | None, title: str) -> bool:
    answer = QMessageBox.question(
        parent,
        _("Unsaved draft found"),
        _(
            "There is an autosaved draft of “{title}” that was not saved.\n\nRestore it? "
            "If you answer No, the draft is deleted."
        ).format(title=title),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


class DraftGuard(QObject):
    """Draft autosave and unsaved-change tracking for one form."""

    restored = Signal()

    def __init__(
        self,
        ctx: AppContext,
        binding: FormBinding,
        key: FormKey,
        title: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.binding = binding
        self.title = title
        self.autosaver = DraftAutosaver(ctx, str(key), title, binding.draft_values, parent=self)
        self._baseline: dict[str, Any] = binding.draft_values()
        self._quiet = False
        binding.changed.connect(self._on_changed)

    @property
    def key(self) -> str:
        return self.autosaver.form_key

    def set_key(self, key: FormKey, title: str | None = None) -> None:
        self.autosaver.form_key = str(key)
        if title:
            self.title = title
            self.autosaver.title = title

    def _on_changed(self) -> None:
        if not self._quiet and self.is_modified():
            self.autosaver.changed()

    def is_modified(self) -> bool:
        return self.binding.draft_values() != self._baseline

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Change the fields' choices (lists, lookups) without it counting as an edit."""
        was_modified = self.is_modified()
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False
        if not was_modified:
            self._baseline = self.binding.draft_values()

    def reset(self, values: dict[str, Any] | None = None) -> None:
        """Show a record as saved: fill the fields (if given) and take them as the baseline."""
        self._quiet = True
        try:
            if values is not None:
                self.binding.set_values(values)
        finally:
            self._quiet = False
        self._baseline = self.binding.draft_values()

    def offer_restore(self, parent: QWidget | None) -> None:
        """Look for a draft of this form; if it holds something new, restore it as the user
        answered in the recovery dialog after unlock, or ask (a draft found later)."""
        if self.ctx.held_draft_offer(lambda: self.offer_restore(parent)):
            return  # the recovery question after unlock is about to be asked
        key = self.key
        answered = self.ctx.draft_answers.pop(self.autosaver.form_key, None)
        if answered is False:  # "later": kept, offered again at the next unlock
            return

        def apply(data: dict[str, Any]) -> None:
            if key != self.key or not self.ctx.is_unlocked:
                return
            if data == self.binding.draft_values():
                return
            if answered or ask_restore(parent, self.title):
                self._quiet = True
                try:
                    self.binding.set_values(data)
                finally:
                    self._quiet = False
                self.restored.emit()
            else:
                self.autosaver.discard()

        self.autosaver.load(apply)

    def saved(self, new_key: FormKey | None = None, title: str | None = None) -> None:
        """After a real save: drop the draft, the saved values become the baseline."""
        self.autosaver.discard()
        if new_key:
            self.set_key(new_key, title)
        self._baseline = self.binding.draft_values()

    def keep_draft(self) -> None:
        self.autosaver.changed()
        self.autosaver.flush()

    def discard(self) -> None:
        self.autosaver.discard()
        self._baseline = self.binding.draft_values()

    def confirm_close(self, parent: QWidget | None, save: Callable[[], None]) -> bool:
        """True when the form may close now; ``save`` is started when the user chose to save
        (the caller closes after the save succeeds)."""
        if not self.is_modified():
            if self.autosaver.dirty:
                self.autosaver.discard()
            return True
        choice = UnsavedChangesDialog.ask(parent, self.title)
        if choice is CloseChoice.SAVE:
            save()
            return False
        if choice is CloseChoice.KEEP_DRAFT:
            self.keep_draft()
            return True
        if choice is CloseChoice.DISCARD:
            self.discard()
            return True
        return False


class SavableForm(Protocol):
    """An in-place form of a window: its draft guard and how to save it (``save(then)``)."""

    @property
    def guard(self) -> DraftGuard: ...

    def save(self, then: Callable[[], None] | None, /) -> None: ...


def may_close(parent: QWidget, forms: Sequence[SavableForm], closed: Callable[[], None]) -> bool:
    """True when a window holding ``forms`` may close now: none is modified, or the user chose
    to keep them as drafts or discard them (one question names them all).  "Save" saves them
    one after another and then calls ``closed`` (the window closes itself then); cancel keeps
    the window open."""
    modified = [f for f in forms if f.guard.is_modified()]
    if not modified:
        return True
    choice = UnsavedChangesDialog.ask(parent, ", ".join(f.guard.title for f in modified))
    if choice is CloseChoice.SAVE:
        remaining = list(modified)

        def next_one() -> None:
            if not remaining:
                closed()
                return
            remaining.pop(0).save(next_one)

        next_one()
        return False
    if choice is CloseChoice.KEEP_DRAFT:
        for f in modified:
            f.guard.keep_draft()
        return True
    if choice is CloseChoice.DISCARD:
        for f in modified:
            f.guard.discard()
        return True
    return False
