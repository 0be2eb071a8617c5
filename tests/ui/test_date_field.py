"""The one date field, driven by real key events in every state: empty, filled, partly typed,
selected; optional dates clear and stay empty; Tab always leaves; the calendar opens from the
keyboard; nothing becomes today on its own."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QLineEdit, QWidget

from app.errors import ValidationError
from app.ui.kit.date_field import DateField, form_day
from tests.ui._family_support import unsaved_answers_fixture  # noqa: F401


class Form(QWidget):
    """before → date → after, the date with a mnemonic label (Alt+N) like a real form."""

    def __init__(self, optional: bool = True) -> None:
        super().__init__()
        self.before = QLineEdit()
        self.date = DateField(optional=optional)
        self.after = QLineEdit()
        layout = QFormLayout(self)
        layout.addRow("Before", self.before)
        label = QLabel("&Next visit:")
        label.setBuddy(self.date)
        layout.addRow(label, self.date)
        layout.addRow("After", self.after)


@pytest.fixture
def form(qtbot):
    w = Form()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.before.setFocus()
    return w


def tab_in(form: Form) -> DateField:
    QTest.keyClick(form.before, Qt.Key.Key_Tab)
    assert form.date.hasFocus()
    return form.date


def test_typing_into_an_empty_optional_date(form):
    field = tab_in(form)
    QTest.keyClicks(field, "08.12.2026")
    assert field.value() == date(2026, 12, 8)
    QTest.keyClick(field, Qt.Key.Key_Tab)
    assert form.after.hasFocus()


def test_typing_digits_only_skips_the_dots(form):
    field = tab_in(form)
    QTest.keyClicks(field, "08122026")
    assert field.value() == date(2026, 12, 8)


def test_one_digit_day_and_month_are_padded_by_the_dot(form):
    field = tab_in(form)
    QTest.keyClicks(field, "8.3.2027")
    assert field.value() == date(2027, 3, 8)


def test_typing_over_a_filled_date_after_tab_replaces_it(form):
    form.date.set_value(date(2027, 5, 15))
    field = tab_in(form)
    assert field.selectedText() == "15.05.2027"
    QTest.keyClicks(field, "08.12.2026")
    assert field.value() == date(2026, 12, 8)


def test_mnemonic_into_a_filled_date_then_typing_replaces_it(form):
    form.date.set_value(date(2027, 5, 15))
    QTest.keyClick(form.before, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert form.date.hasFocus()
    QTest.keyClicks(form.date, "08.12.2026")
    assert form.date.value() == date(2026, 12, 8)


def test_typing_over_a_selected_date_by_ctrl_a(form):
    form.date.set_value(date(2027, 5, 15))
    field = tab_in(form)
    QTest.keyClick(field, Qt.Key.Key_End)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "01022025")
    assert field.value() == date(2025, 2, 1)


def test_a_partly_typed_date_continues_and_is_never_completed_by_itself(form):
    field = tab_in(form)
    QTest.keyClicks(field, "08.1")
    assert field.value() is None
    with pytest.raises(ValidationError) as err:
        field.checked_value("next_visit_on")
    assert err.value.field == "next_visit_on" and "niepełna" in err.value.message
    assert field.draft_value() == "08.1_.____"  # a draft keeps what was typed
    QTest.keyClicks(field, "2.2026")
    assert field.value() == date(2026, 12, 8)


def test_a_half_typed_date_comes_back_from_a_draft_as_typed(form):
    form.date.set_draft_value("08.1_.____")
    assert form.date.displayText() == "08.1_.____"
    form.date.set_draft_value("2026-12-08")
    assert form.date.value() == date(2026, 12, 8)


def test_an_impossible_date_is_refused_not_changed(form):
    field = tab_in(form)
    QTest.keyClicks(field, "31.02.2026")
    assert field.value() is None
    with pytest.raises(ValidationError) as err:
        field.checked_value("x")
    assert "31.02.2026" in err.value.message


def test_an_optional_date_clears_from_the_keyboard_and_stays_empty(form):
    form.date.set_value(date(2027, 5, 15))
    field = tab_in(form)
    QTest.keyClick(field, Qt.Key.Key_Delete)
    assert field.is_empty() and field.value() is None
    assert field.checked_value() is None
    QTest.keyClick(field, Qt.Key.Key_Tab)  # leaving an empty date: not trapped, not today
    assert form.after.hasFocus()
    assert form.date.is_empty()
    QTest.keyClick(form.after, Qt.Key.Key_Backtab)
    QTest.keyClick(form.date, Qt.Key.Key_Backtab)
    assert form.before.hasFocus()
    assert form.date.is_empty()


def test_backspace_over_the_selection_clears_too(form):
    form.date.set_value(date(2027, 5, 15))
    field = tab_in(form)
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    assert field.is_empty()


def test_a_required_date_left_empty_is_refused(qtbot):
    w = Form(optional=False)
    qtbot.addWidget(w)
    assert w.date.is_empty()  # not today unless the form asks for today, visibly
    with pytest.raises(ValidationError):
        w.date.checked_value("visit_on")
    assert DateField(today=True).value() == date.today()


@pytest.mark.parametrize(
    "key",
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
    ],
)
def test_the_calendar_opens_from_the_keyboard_and_enter_picks(form, qtbot, key):
    form.date.set_value(date(2026, 12, 8))
    field = tab_in(form)
    QTest.keyClick(field, *key)
    popup = field._popup
    assert popup is not None and popup.isVisible()
    calendar = popup.calendar
    assert calendar.selectedDate().toPython() == date(2026, 12, 8)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    target = QApplication.focusWidget()
    QTest.keyClick(target, Qt.Key.Key_Right)  # the next day
    QTest.keyClick(target, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert field.value() == date(2026, 12, 9)


def test_escape_closes_the_calendar_and_keeps_the_date(form, qtbot):
    field = tab_in(form)
    QTest.keyClick(field, Qt.Key.Key_F4)
    popup = field._popup
    assert popup.isVisible()
    target = QApplication.focusWidget() or popup.calendar
    QTest.keyClick(target, Qt.Key.Key_Right)
    QTest.keyClick(target, Qt.Key.Key_Escape)
    assert not popup.isVisible()
    assert field.is_empty()  # the calendar's today was only where it opened


def test_alt_down_does_not_change_the_day(form):
    form.date.set_value(date(2026, 12, 8))
    field = tab_in(form)
    QTest.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    field._popup.close()
    assert field.value() == date(2026, 12, 8)


def test_the_visit_dialog_saves_the_next_visit_typed_after_alt_n(ctx, qtbot, family_case):
    """The issue's case: Alt+N, type a date, save: the date typed is saved, not today."""
    from datetime import timedelta

    from app.models import Visit
    from app.ui.family.visit_dialog import VisitDialog
    from tests.ui.conftest import settle

    dialog = VisitDialog(ctx, family_case.family_id, "1/2026")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(ctx, qtbot)
    wanted = date.today() + timedelta(days=7)
    focus = QApplication.focusWidget() or dialog
    QTest.keyClick(focus, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert dialog.next_visit_on.hasFocus()
    QTest.keyClicks(dialog.next_visit_on, wanted.strftime("%d.%m.%Y"))
    QTest.keyClick(dialog.next_visit_on, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(ctx, qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = dialog.result_value
    with ctx.ws.transaction() as s:
        assert s.get(Visit, saved.id).next_visit_on == wanted


def test_a_half_typed_date_in_a_dialog_is_refused_at_the_field(ctx, qtbot, family_case):
    from app.ui.family.visit_dialog import VisitDialog
    from tests.ui.conftest import settle

    dialog = VisitDialog(ctx, family_case.family_id, "1/2026")
    qtbot.addWidget(dialog)
    dialog.show()
    settle(ctx, qtbot)
    dialog.next_visit_on.setFocus()
    QTest.keyClicks(dialog.next_visit_on, "08.1")
    QTest.keyClick(dialog.next_visit_on, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle(ctx, qtbot)
    assert dialog.isVisible()
    assert "niepełna" in dialog.error.text()
    assert dialog.next_visit_on.hasFocus()


def test_a_form_filled_from_a_record_takes_its_dates_and_gives_them_back(qtbot):
    """Dialogs fill a field with the record's date itself and read the saved value back with
    ``form_day`` (one conversion for every dialog); a draft's ISO text fills it the same way."""
    field = DateField(optional=True)
    qtbot.addWidget(field)
    field.set_draft_value(date(2026, 3, 4))
    assert field.draft_value() == "2026-03-04"
    assert form_day(field.draft_value()) == date(2026, 3, 4)
    field.set_draft_value(None)
    assert field.draft_value() is None and form_day(field.draft_value()) is None
    field.set_draft_value("2026-03-05")
    assert field.checked_value() == date(2026, 3, 5)
