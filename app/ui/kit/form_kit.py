"""Widgets and helpers every form of the family file and the registry shares.

Dates are the one ``DateField`` (``app.ui.kit.date_field``: typed ``dd.mm.rrrr``, optional ones
may stay empty); long text is
a ``QPlainTextEdit`` where Tab moves on (keyboard use); combos carry codes, show Polish labels.
``FormBinding`` names a form's fields once, so the same names serve autosaved drafts, dirty
tracking and pointing at the field a ``ValidationError`` names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QTabWidget,
    QWidget,
)

from app.i18n import _
from app.services.date_text import fmt_date as fmt_date  # re-exported for the tables
from app.ui.kit.date_field import DateField
from app.ui.kit.safe import no_result
from app.ui.kit.widgets import label
from app.ui.theme import error_style, muted_style


class DateEdit(DateField):
    """A required date: the one ``DateField``, starting (visibly) on today's date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, today=True)


class OptionalDateEdit(DateField):
    """An optional date: the one ``DateField``, empty until a date is typed or picked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, optional=True)


COMBO_MAX_WIDTH = 560  # the longest label of a code list fits; an institution's name may be cut


def fit_to_items(combo: QComboBox) -> None:
    """As wide as its longest item (up to ``COMBO_MAX_WIDTH``), kept so as items change: a fixed
    16 characters cut "wnioskodawczyni (głowa gospodarstwa)" and a programme's period."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setMinimumContentsLength(16)
    combo.setMaximumWidth(COMBO_MAX_WIDTH)


class ChoiceCombo(QComboBox):
    """A combo of (code, label) pairs; ``code()`` is what services get."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fit_to_items(self)

    def set_choices(self, choices: Iterable[tuple[Any, str]], empty: str | None = None) -> None:
        current = self.code()
        self.blockSignals(True)
        self.clear()
        if empty is not None:
            self.addItem(empty, "")
        for code, text in choices:
            self.addItem(text, code)
        self.blockSignals(False)
        self.set_code(current)

    def code(self) -> Any:
        data = self.currentData()
        return "" if data is None else data

    def set_code(self, code: Any) -> None:
        index = self.findData(code)
        if index < 0 and code not in (None, ""):
            # A value this device's lists do not know (e.g. from a newer device): keep it visible.
            self.addItem(str(code), code)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class TextEdit(QPlainTextEdit):
    """Multi-line text sized to a number of lines (it scrolls inside when longer)."""

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves to the next field, as everywhere else
        self._lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        height = self.fontMetrics().lineSpacing() * self._lines + 12
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.fontMetrics().lineSpacing() * min(self._lines, 2) + 12)


def text_edit(lines: int = 3, parent: QWidget | None = None) -> QPlainTextEdit:
    return TextEdit(lines, parent)


def line_edit(max_length: int = 200, parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setMaxLength(max_length)
    return edit


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label with a mnemonic (``&``) that moves focus to ``buddy``; names the buddy too."""
    return label(text, wrap=False, buddy=buddy)


class ErrorLabel(QLabel):
    """Shows a validation message next to the form (hidden when there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(error_style())
        self.setAccessibleName(_("Error message"))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def hint_label(text: str) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setStyleSheet(muted_style())
    return widget


def scrolled(widget: QWidget) -> QScrollArea:
    """Forms live in scroll areas so they stay usable on a 1366×768 screen."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def setup_table(view: QTableView, name: str, stretch_column: int | None = None) -> None:
    """Row selection, keyboard-friendly, readable columns."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.setTabKeyNavigation(False)
    view.setAccessibleName(name)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_column is None)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    if stretch_column is not None:

        def stretch(*_args: object) -> None:  # also once a model gives the header its sections
            if header.count() > stretch_column:
                header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)

        header.sectionCountChanged.connect(stretch)
        stretch()


def list_table(table: QTableView, accessible_name: str) -> QTableView:
    """A read-only list of records (``setup_table`` with no editing and compact lines)."""
    setup_table(table, accessible_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Fusion's default row is ~30 px with this font: 22 px shows half as many rows again.
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table


_FIELDS = (QLineEdit, QPlainTextEdit, QComboBox, QSpinBox, QCheckBox, QTableView)


def is_field(widget: QWidget) -> bool:
    """A place to type or choose (also the line edit inside a combo or spin box)."""
    parent = widget.parentWidget()
    return isinstance(widget, _FIELDS) or isinstance(parent, (QComboBox, QSpinBox))


def first_field(root: QWidget) -> QWidget | None:
    """The first field of ``root`` in Tab order that can take focus now."""
    start = root
    w = root.nextInFocusChain()
    while w is not None and w is not start:
        if (
            is_field(w)
            and root.isAncestorOf(w)
            and w.isEnabled()
            and w.isVisibleTo(root)
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(w.parentWidget(), (QComboBox, QSpinBox))
        ):
            return w
        w = w.nextInFocusChain()
    return None


def tab_chain(widgets: Iterable[QWidget | None]) -> None:
    """Tab moves through ``widgets`` in this order (the order they are laid out, not built)."""
    chain = [w for w in widgets if w is not None]
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)


def fit_columns(view: QTableView, max_width: int = 260, floor: int = 70) -> None:
    """Columns as wide as their contents, then narrowed (widest first) to fit the table's width,
    so no horizontal scrolling is needed; a cut cell shows its full text as a tooltip.  A
    stretching column (the record's main text) keeps at least a third of the width."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    stretching = [
        col for col in range(header.count())
        if header.sectionResizeMode(col) == QHeaderView.ResizeMode.Stretch
    ]  # fmt: skip
    natural = {
        col: view.columnWidth(col) + 12
        for col in range(header.count())
        if not header.isSectionHidden(col) and col not in stretching
    }
    available = view.viewport().width() - 4
    if stretching:
        stretch_needs = max(view.sizeHintForColumn(c) + 12 for c in stretching)
        available -= min(stretch_needs, max(available // 3, 160))
    if sum(natural.values()) <= available:  # room for every whole text: no cut at all
        for col, width in natural.items():
            view.setColumnWidth(col, width)
        return
    widths = {col: min(width, max_width) for col, width in natural.items()}
    total = sum(widths.values())
    while widths and available > 120 and total > available:
        widest = max(widths, key=lambda c: widths[c])
        step = min(widths[widest] - floor, total - available, 24)
        if step <= 0:
            break
        widths[widest] -= step
        total -= step
    for col, width in widths.items():
        view.setColumnWidth(col, width)


def refit_on_tab_change(tabs: QTabWidget) -> None:
    """Hidden tab pages have no real width yet: fit their tables' columns when first shown."""

    def refit(index: int) -> None:
        page = tabs.widget(index)
        if page is not None:
            for view in page.findChildren(QTableView):
                if view.isVisible() and view.model() is not None:
                    fit_columns(view)

    tabs.currentChanged.connect(refit)


class FormBinding(QObject):
    """The named fields of one form: their values as JSON-ready data, and change signals.

    A field is a standard input widget or any object with ``draft_value()``,
    ``set_draft_value(value)`` and a ``changed`` signal (checklists, rating grids).
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fields: dict[str, Any] = {}

    def add(self, name: str, widget: Any) -> Any:
        self._fields[name] = widget
        signal = self._signal_of(widget)
        if signal is not None:
            signal.connect(no_result(self.changed.emit))
        return widget

    def widget(self, name: str) -> Any:
        return self._fields.get(name)

    def names(self) -> list[str]:
        return list(self._fields)

    @staticmethod
    def _signal_of(w: Any) -> Any:
        if isinstance(w, DateField):
            return w.changed
        if isinstance(w, QLineEdit):
            return w.textChanged
        if isinstance(w, QPlainTextEdit):
            return w.textChanged
        if isinstance(w, QComboBox):
            return w.currentIndexChanged
        if isinstance(w, QCheckBox):
            return w.toggled
        if isinstance(w, QSpinBox):
            return w.valueChanged
        return getattr(w, "changed", None)

    @staticmethod
    def _get(w: Any) -> Any:
        if isinstance(w, DateField):
            return w.draft_value()
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, ChoiceCombo):
            return w.code()
        if isinstance(w, QComboBox):
            return w.currentText()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            return w.value()
        return w.draft_value()

    @staticmethod
    def _set(w: Any, value: Any) -> None:
        if isinstance(w, DateField):
            w.set_draft_value(value)
        elif isinstance(w, QLineEdit):
            w.setText(value or "")
        elif isinstance(w, QPlainTextEdit):
            if w.toPlainText() != (value or ""):
                w.setPlainText(value or "")
        elif isinstance(w, ChoiceCombo):
            w.set_code(value if value is not None else "")
        elif isinstance(w, QComboBox):
            w.setCurrentText(value or "")
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox):
            w.setValue(int(value or 0))
        else:
            w.set_draft_value(value)

    def draft_values(self) -> dict[str, Any]:
        """The fields as they are, JSON-ready (a half-typed date as its text): for drafts and
        for telling whether the form changed."""
        return {name: self._get(w) for name, w in self._fields.items()}

    def values(self) -> dict[str, Any]:
        """The fields for saving: dates as ISO text or None.  Raises ``ValidationError`` naming
        the date field that holds no whole date (or is empty while required)."""
        out = self.draft_values()
        for name, w in self._fields.items():
            if isinstance(w, DateField):
                value = w.checked_value(name)
                out[name] = value.isoformat() if value else None
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the fields (one ``changed`` at the end instead of one per field)."""
        self.blockSignals(True)
        try:
            for name, value in values.items():
                if name in self._fields:
                    self._set(self._fields[name], value)
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def focus(self, name: str | None) -> bool:
        """Move focus to the field a validation error names (True if it is in this form)."""
        w = self._fields.get(name or "")
        if isinstance(w, QWidget):
            w.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        target = getattr(w, "focus_widget", None)
        if callable(target) and target() is not None:
            target().setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False
