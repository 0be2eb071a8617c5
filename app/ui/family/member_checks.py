"""Checks on a member's identity while it is typed: the PESEL, and possible duplicates.

The PESEL is checked as soon as it has 11 digits (``validation.pesel_facts``, no database): a
valid one fills in the birth date and sex, an invalid one is explained next to the field.  A
moment after the PESEL, or surname plus birth date, change, ``persons.find_duplicates`` runs on
the DB worker and a warning lists who is already registered; saving then asks whether to
continue (``DuplicateWarning.ask``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import ValidationError
from app.i18n import _, ngettext
from app.models.enums import Sex
from app.services import persons
from app.services.persons import Duplicate
from app.services.validation import pesel_facts
from app.ui.context import AppContext
from app.ui.family.member_view import MemberFieldsView
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.safe import guarded
from app.ui.theme import error_style, ok_style

OK_STYLE = ok_style()
BAD_STYLE = error_style()


def describe(dups: list[Duplicate]) -> str:
    lines = []
    for d in dups[:5]:
        why = _("same PESEL") if d.reason == "pesel" else _("same surname and birth date")
        lines.append(
            _("{name}, case {case} ({why})").format(name=d.full_name, case=d.case_number, why=why)
        )
    if len(dups) > 5:
        lines.append(_("… and {n} more").format(n=len(dups) - 5))
    return "\n".join(lines)


class DuplicateWarning:
    """Asks whether to save a person who may already be registered."""

    @classmethod
    def ask(cls, parent: QWidget | None, dups: list[Duplicate]) -> bool:
        text = ngettext(
            "This person may already be registered:",
            "These people may already be registered:",
            len(dups),
        )
        answer = QMessageBox.question(
            parent,
            _("Possible duplicate"),
            text
            + "\n\n"
            + describe(dups)
            + "\n\n"
            + _("Save anyway? Choose No to go back and check the data."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class MemberChecks(QObject):
    def __init__(
        self,
        ctx: AppContext,
        view: MemberFieldsView,
        exclude_person_id: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = view
        self.exclude = exclude_person_id
        self.duplicates: list[Duplicate] = []
        self._generation = 0
        self._confirming = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self.look_for_duplicates)
        view.pesel.textChanged.connect(self.pesel_changed)
        view.pesel.textChanged.connect(self._timer.start)
        view.last_name.textChanged.connect(self._timer.start)
        view.birth_date.changed.connect(self._timer.start)
        self.pesel_changed()

    def compact_pesel(self) -> str:
        return "".join(self.view.pesel.text().split())

    def pesel_changed(self) -> None:
        v, pesel = self.view, self.compact_pesel()
        derived = False
        if not pesel:
            v.pesel_status.setText("")
        elif len(pesel) < 11:
            v.pesel_status.setStyleSheet("")
            v.pesel_status.setText(_("{n} of 11 digits").format(n=len(pesel)))
        else:
            try:
                born, sex = pesel_facts(pesel)
            except ValidationError as exc:
                v.pesel_status.setStyleSheet(BAD_STYLE)
                v.pesel_status.setText(exc.message)
            else:
                derived = True
                v.birth_date.set_value(born)
                v.sex.set_code(sex)
                v.pesel_status.setStyleSheet(OK_STYLE)
                v.pesel_status.setText(
                    _("✓ Valid PESEL: born {date}, {sex}").format(
                        date=fmt_date(born), sex=Sex(sex).label
                    )
                )
        # The birth date and sex come from a valid PESEL; typed by hand only without one.
        v.birth_date.setEnabled(not derived)
        v.sex.setEnabled(not derived)
        v.pesel_status.setVisible(bool(v.pesel_status.text()))
        v.no_pesel_hint.setVisible(not derived)  # with a valid PESEL no document is needed

    def look_for_duplicates(self, then: Callable[[list[Duplicate]], None] | None = None) -> None:
        if not self.ctx.is_unlocked:
            return
        pesel = self.compact_pesel()
        if len(pesel) != 11:
            pesel = ""
        last_name = self.view.last_name.text().strip()
        born = self.view.birth_date.value()
        self._generation += 1
        generation = self._generation

        def found(dups: list[Duplicate]) -> None:
            if generation == self._generation:
                self.show(dups)
            if then is not None:
                then(dups)

        if not pesel and not (last_name and born):
            found([])
            return
        self.ctx.runner.run(
            persons.find_duplicates,
            self.ctx.ws,
            pesel,
            last_name,
            born,
            self.exclude,
            success=guarded(self, found),
            failure=guarded(self, lambda _exc: found([])),
        )

    def show(self, dups: list[Duplicate]) -> None:
        self.duplicates = dups
        label = self.view.duplicates
        if dups:
            label.setText(_("⚠ Possible duplicate. Already registered:") + "\n" + describe(dups))
        label.setVisible(bool(dups))

    def confirm(self, parent: QWidget | None, proceed: Callable[[], None]) -> None:
        """Check again now; ``proceed`` when there is no duplicate or the user accepts it.
        A second call while the first is still checking or asking does nothing (Ctrl+S twice),
        and "No" leaves the dialog open for corrections."""
        if self._confirming:
            return
        self._confirming = True
        self._timer.stop()

        def decide(dups: list[Duplicate]) -> None:
            self._confirming = False
            if not dups or DuplicateWarning.ask(parent, dups):
                proceed()

        self.look_for_duplicates(decide)
