"""What every tab of the family file has: its host window, the case file, forms with drafts.

The window (``FamilyHost``) loads the case file on the DB worker and hands it to every tab's
``show_file``; a tab that saved something calls ``host.reload()``.  Tabs with an in-place form
list it in ``forms()`` so the window can flush, save or ask about it on close and lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtWidgets import QPushButton, QWidget

from app.errors import KooperacjaError, ValidationError
from app.services.casefile import FamilyFile
from app.services.form_keys import FormKey
from app.services.lookups import Lookups
from app.ui.context import AppContext
from app.ui.kit.draft_guard import DraftGuard
from app.ui.kit.form_kit import ErrorLabel, FormBinding
from app.ui.kit.safe import guarded
from app.ui.ops import show_error

Then = Callable[[], None] | None
NEW = "new"  # ``RecordFormTab.current`` of a record not saved yet


class FamilyHost(Protocol):
    ctx: AppContext
    family_id: str
    file: FamilyFile | None
    lookups: Lookups

    def reload(self) -> None: ...

    def case_label(self) -> str: ...


@dataclass
class TabForm:
    """An in-place form of a tab: its draft guard and how to save it (``save(then)``)."""

    guard: DraftGuard
    save: Callable[[Then], None]


class FamilyTab(QWidget):
    title = ""  # with a mnemonic, translated by the window

    def __init__(self, host: FamilyHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.ctx = host.ctx

    @property
    def family_id(self) -> str:
        return self.host.family_id

    def show_file(self, ff: FamilyFile, lookups: Lookups) -> None:
        raise NotImplementedError

    def forms(self) -> list[TabForm]:
        return []

    def save(self) -> None:
        """Ctrl+S in this tab: save its form, if it has one."""
        for form in self.forms():
            if form.guard.is_modified():
                form.save(None)

    def open_draft(self, form_key: str) -> bool:
        """Open the form a draft belongs to (after a crash); False if not this tab's."""
        return False

    # The in-place form of a tab that has one (``save_form`` below uses them).
    guard: DraftGuard
    binding: FormBinding

    def save_in_place(
        self,
        read: Callable[[], tuple],
        then: Then,
        error: ErrorLabel,
        button: QPushButton | None,
    ) -> None:
        """Save the tab's in-place form: ``read()`` turns the fields into the service call
        (a form that cannot even be read is shown at its field); errors go to ``error``; once
        saved, the draft goes (``record_saved``), the case reloads and ``then`` runs."""
        try:
            call = read()
        except ValidationError as exc:
            show_invalid(exc, self.binding, error)
            return

        def done(saved: object) -> None:
            self.record_saved(saved)
            self.host.reload()
            if then is not None:
                then()

        run_save(self, self.ctx, call, self.binding, error, button, done)

    def record_saved(self, _saved: object) -> None:
        """The form's record was saved: its draft goes (a tab of several records re-keys)."""
        self.guard.saved()


class FormTab(FamilyTab):
    """A tab with one in-place form: ``guard``, ``binding`` and ``save_form(then)``."""

    def save_form(self, then: Then) -> None:
        raise NotImplementedError

    def forms(self) -> list[TabForm]:
        return [TabForm(self.guard, self.save_form)]


class RecordFormTab(FormTab):
    """A tab whose form shows one of the case's records of a kind (a diagnosis, a programme)
    or a new one: ``current`` is the record's id or ``NEW``, chosen in the tab's chooser.

    Switching to another record asks about unsaved changes first (cancelling puts the chooser
    back), then shows the record, offers its draft and puts the cursor in its first field; a
    save re-keys the form's draft to the saved record."""

    current: str = NEW

    def _key(self) -> FormKey:
        raise NotImplementedError

    def _title(self) -> str:
        raise NotImplementedError

    def _show_current(self) -> None:
        """Fill the form (and the chooser) with the current record."""
        raise NotImplementedError

    def _chooser_back(self) -> None:
        """The switch was cancelled: the chooser shows the current record again."""
        raise NotImplementedError

    def _first_field(self) -> QWidget:
        raise NotImplementedError

    def switch_to(self, record_id: str) -> None:
        if record_id == self.current and record_id != NEW:
            return
        if not self.guard.confirm_close(self, lambda: self.save_form(None)):
            self._chooser_back()
            return
        self.current = record_id
        self._show_current()
        self.guard.offer_restore(self)
        self._first_field().setFocus()

    def record_saved(self, saved: Any) -> None:
        self.current = saved.id
        self.guard.saved(self._key(), self._title())


def show_invalid(exc: ValidationError, binding: FormBinding, error: ErrorLabel) -> None:
    """A form that cannot even be read (e.g. a half-typed date): say so at the field."""
    error.show_message(exc.message)
    binding.focus(exc.field)


def run_save(
    tab: QWidget,
    ctx: AppContext,
    call: tuple,
    binding: FormBinding,
    error: ErrorLabel,
    button: QPushButton | None,
    done: Callable[[object], None],
) -> None:
    """Save an in-place form on the DB worker; errors appear in the form's error label."""
    fn, args = call
    if button is not None:
        button.setEnabled(False)

    def ok(value: object) -> None:
        if button is not None:
            button.setEnabled(True)
        error.show_message("")
        done(value)

    def failed(exc: BaseException) -> None:
        if button is not None:
            button.setEnabled(True)
        if isinstance(exc, ValidationError):
            error.show_message(exc.message)
            binding.focus(exc.field)
        elif isinstance(exc, KooperacjaError):
            error.show_message(exc.message)
        else:
            show_error(tab, exc)

    ctx.runner.run(fn, *args, success=guarded(tab, ok), failure=guarded(tab, failed))
