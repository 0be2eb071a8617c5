"""The one date field of the application: typed as ``dd.mm.rrrr``, empty when there is no date.

A masked line edit (``__.__.____``) rather than ``QDateEdit``: a QDateEdit edits one section at a
time, so typing over a filled date, or into an empty optional one, produced other dates than
the ones typed (even today's, or the year 3103), and its "no date" special value trapped Tab.
Here what is typed is what is kept, in every state:

- Tab, Shift+Tab or a mnemonic into the field selects its whole text, so typing replaces it;
- digits fill the blanks and skip the dots; a dot after a one-digit day or month pads it
  ("8.12.2026" gives 08.12.2026);
- Delete or Backspace over a selection empties the field; an empty optional date stays empty
  (nothing becomes today on its own);
- Alt+Down or F4 opens a calendar (Enter picks its date, Escape leaves the field as it was).

An incomplete or impossible text is never turned into a date: ``checked_value`` refuses it with
a Polish message naming what is wrong, and a draft keeps the half-typed text as it is.  Whether
a date is plausible for what it dates (a birth not in the future, a next visit after the
visit) is a rule of the core services; the field only knows what a date is.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.i18n import _, current_language
from app.services.date_text import fmt_date

MASK = "00.00.0000;_"
BLANK = "_"
EMPTY_TEXT = "__.__.____"
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
_COMPLETE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")


def form_day(value: str | None) -> date | None:
    """A date field's value for saving (``FormBinding.values()``: ISO text, or None when an
    optional field is empty) as the date a service takes."""
    return date.fromisoformat(value) if value else None


def parse_date(text: str) -> date | None:
    """The date a complete ``dd.mm.rrrr`` text names; None for an incomplete or impossible one."""
    match = _COMPLETE.match(text)
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value if EARLIEST <= value <= LATEST else None


class _CalendarPopup(QFrame):
    """A calendar under the field; Enter or a click picks, Escape closes without a change."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        if current_language() == "pl":
            self.calendar.setLocale(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
        self.calendar.setAccessibleName(_("Calendar"))
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def _pick(self, value: QDate) -> None:
        self.close()
        self.picked.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class DateField(QLineEdit):
    """A date typed as ``dd.mm.rrrr``; ``optional`` dates may stay empty.

    ``value()`` is the date shown (None when empty or not a whole date); ``changed`` fires on
    every edit.  A required field starts on today's date only when ``today`` is asked for, and
    shows it: nothing is filled in behind the worker's back.
    """

    changed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, optional: bool = False, today: bool = False
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setInputMask(MASK)
        self.setMaxLength(len(EMPTY_TEXT))
        self._popup: _CalendarPopup | None = None
        width = self.fontMetrics().horizontalAdvance("00.00.00000") + 48
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 40)
        calendar = QAction(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown), "", self)
        calendar.setToolTip(_("Calendar (Alt+Down or F4)"))
        calendar.triggered.connect(self.open_calendar)
        self.addAction(calendar, QLineEdit.ActionPosition.TrailingPosition)
        hint = (
            _("Type the date as dd.mm.yyyy; Delete empties the field; Alt+Down or F4: calendar.")
            if optional
            else _("Type the date as dd.mm.yyyy; Alt+Down or F4: calendar.")
        )
        self.setToolTip(hint)
        self.textChanged.connect(self.changed)
        if today:
            self.set_value(date.today())

    # -- values -------------------------------------------------------------------------------
    def value(self) -> date | None:
        return parse_date(self.displayText())

    def set_value(self, value: date | None) -> None:
        self.setText(fmt_date(value) if value else "")
        self.setCursorPosition(0)

    def is_empty(self) -> bool:
        return self.displayText() == EMPTY_TEXT

    def checked_value(self, field: str = "") -> date | None:
        """The date, or None when an optional field is empty; refuses anything else."""
        if self.is_empty():
            if self.optional:
                return None
            raise ValidationError(_("Enter the date (dd.mm.yyyy)."), field)
        value = self.value()
        if value is not None:
            return value
        text = self.displayText()
        if BLANK in text:
            raise ValidationError(
                _(
                    "The date {text} is incomplete: type the day, month and year (dd.mm.yyyy)."
                ).format(text=text),
                field,
            )
        raise ValidationError(
            _("There is no such date as {text} (dd.mm.yyyy).").format(text=text), field
        )

    def draft_value(self) -> str | None:
        """ISO date when whole, the half-typed text as it is, None when empty."""
        if self.is_empty():
            return None
        value = self.value()
        return value.isoformat() if value else self.displayText()

    def set_draft_value(self, value: str | date | None) -> None:
        """A draft's text (ISO, or half-typed), or a record's date itself (a form filled from
        a record: ``None`` leaves an optional field empty)."""
        if isinstance(value, date):
            self.set_value(value)
            return
        try:
            self.set_value(form_day(value))
        except ValueError:
            self.setText(str(value))  # a half-typed date from a draft, kept as typed

    # -- calendar -----------------------------------------------------------------------------
    def open_calendar(self) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        calendar = self._popup.calendar
        low, high = EARLIEST, LATEST
        calendar.setDateRange(
            QDate(low.year, low.month, low.day), QDate(high.year, high.month, high.day)
        )
        shown = self.value() or date.today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self._popup.adjustSize()
        below = self.mapToGlobal(self.rect().bottomLeft())
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            size = self._popup.sizeHint()
            x = min(below.x(), screen.right() - size.width())
            y = below.y()
            if y + size.height() > screen.bottom():
                y = self.mapToGlobal(self.rect().topLeft()).y() - size.height()
            below.setX(max(x, screen.left()))
            below.setY(max(y, screen.top()))
        self._popup.move(below)
        self._popup.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, value: QDate) -> None:
        self.set_value(date(value.year(), value.month(), value.day()))
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.selectAll()

    # -- keyboard and mouse -------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return
        if event.text() in (".", ",", "-", "/") and self._pad_section():
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            self.selectedText() == self.text() and self.hasSelectedText()
        ):
            self.clear()
            return
        super().keyPressEvent(event)

    def _pad_section(self) -> bool:
        """A separator typed after a one-digit day or month: make it two digits, move on."""
        text, pos = self.displayText(), self.cursorPosition()
        for start, end in ((0, 2), (3, 5)):
            if start < pos <= end:
                section = text[start:end]
                digits = section.replace(BLANK, "")
                if len(digits) == 1 and section.startswith(digits):
                    self.setText(text[:start] + "0" + digits + text[end:])
                    self.setCursorPosition(end + 1)
                    return True
                if len(digits) == 2 and pos == end:
                    self.setCursorPosition(end + 1)
                    return True
        return False

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        reason = event.reason()
        keyboard = (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
            Qt.FocusReason.OtherFocusReason,
        )
        if reason in keyboard:
            if self.is_empty():
                self.setCursorPosition(0)
            else:
                self.selectAll()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self.is_empty() and not self.hasSelectedText():
            self.setCursorPosition(0)  # an empty date is typed from its first blank
