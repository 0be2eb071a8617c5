"""The keyboard focus shows as a ring in the accent colour; label roles set font and colour.

Both came from an application-wide style sheet, which made every window three times as slow to
build (app/ui/focus_style.py); they are drawn and set in code now, and no style sheet is set on
the application again.  The pixels are read from the widgets as Qt paints them.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit.widgets import label, set_role
from app.ui.theme import ROLES, Colour

ACCENT = QColor(Colour.ACCENT).rgb()


def _editable_combo() -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    return combo


RINGED = {
    "line edit": (QLineEdit, 2),
    "combo box": (QComboBox, 2),
    "editable combo box": (_editable_combo, 2),
    "spin box": (QSpinBox, 2),
    "date box": (QDateEdit, 2),
    "push button": (lambda: QPushButton("Zapisz"), 2),
    "plain text": (QPlainTextEdit, 1),
    "table": (lambda: QTableWidget(3, 3), 1),
}


def _edge(widget: QWidget) -> list[int]:
    """The left edge's pixels, from the outside in, at half height, and the top's middle."""
    image = widget.grab().toImage()
    y = image.height() // 2
    return [
        image.pixel(0, y),
        image.pixel(1, y),
        image.pixel(2, y),
        image.pixel(image.width() // 2, 0),
    ]


@pytest.fixture
def form(qtbot):
    window = QWidget()
    window.setLayout(QVBoxLayout())
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize("name", list(RINGED))
def test_the_focused_widget_has_the_ring_and_loses_it_with_the_focus(name, form, qtbot, qapp):
    make, width = RINGED[name]
    widget, other = make(), QCheckBox("inny")
    form.layout().addWidget(widget)
    form.layout().addWidget(other)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qapp.processEvents()
    left = _edge(widget)
    assert left[:width] == [ACCENT] * width and left[3] == ACCENT, [hex(p) for p in left]
    assert left[width] != ACCENT  # as wide as it says, no wider
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    qapp.processEvents()
    assert ACCENT not in _edge(widget)


def test_no_style_sheet_on_the_application(qapp):
    assert qapp.styleSheet() == ""


def test_roles_set_font_and_colour_and_give_them_back(form, qapp):
    plain = label("Zwykły")
    heading = label("Nagłówek", "heading")
    error = label("Błąd", "error")
    for widget in (plain, heading, error):
        form.layout().addWidget(widget)
    base = plain.font()
    size, bold, _colour = ROLES["heading"]
    assert heading.font().pointSizeF() == size and heading.font().bold() == bold
    assert heading.font().family() == base.family()  # only what the role says is changed
    text = QPalette.ColorRole.WindowText
    assert error.palette().color(text) == QColor(Colour.ERROR)
    assert error.palette().color(QPalette.ColorGroup.Disabled, text) == QColor(Colour.ERROR)
    assert error.property("role") == "error"
    set_role(error, "muted")
    assert error.palette().color(text) == QColor(Colour.MUTED)
    set_role(error, "")
    assert error.palette().color(text) == plain.palette().color(text)
    assert error.font() == base and error.property("role") == ""
