"""Dziś: what needs doing — overdue reviews, plans ending, 6-month updates, planned visits."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, ngettext, npgettext
from app.models import CASE_MODELS
from app.services import deadlines
from app.services.changes import Changes
from app.services.date_text import fmt_date
from app.services.deadlines import Deadline, Kind
from app.ui.context import AppContext
from app.ui.deadlines_table_model import DeadlinesTableModel
from app.ui.kit.form_kit import list_table
from app.ui.kit.widgets import label, set_role

HORIZONS = (7, 14, 30, 60, 90)
WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


class TodayScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = date.today()
        self._all: list[Deadline] = []
        self._generation = 0
        self._stale = False
        self.model = DeadlinesTableModel(self.today, self)
        self._build()
        ctx.events.data_changed.connect(self._data_changed)
        self.refresh()

    def _build(self) -> None:
        title = label(
            _("Today, {weekday} {date}").format(
                weekday=_(WEEKDAYS[self.today.weekday()]), date=fmt_date(self.today)
            ),
            "heading",
        )
        self.summary_grid = QGridLayout()
        self.summary_labels: dict[Kind, QLabel] = {}
        for row, kind in enumerate(Kind):
            name = label(kind.label + ":", wrap=False)
            value = label("", wrap=False)
            value.setAccessibleName(kind.label)
            self.summary_grid.addWidget(name, row // 3, (row % 3) * 2)
            self.summary_grid.addWidget(value, row // 3, (row % 3) * 2 + 1)
            self.summary_labels[kind] = value
        self.summary_grid.setColumnStretch(5, 1)

        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Show"))
        self.kind.addItem(_("everything"), None)
        for kind in Kind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.currentIndexChanged.connect(lambda _i: self._show())
        self.horizon = QComboBox()
        self.horizon.setAccessibleName(_("Period"))
        for days in HORIZONS:
            self.horizon.addItem(
                ngettext("next {n} day", "next {n} days", days).format(n=days), days
            )
        self.horizon.setCurrentIndex(HORIZONS.index(deadlines.PLAN_END_WARNING_DAYS))
        self.horizon.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button = QPushButton(_("&Refresh"))
        self.refresh_button.setAccessibleName(_("Refresh the list"))
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh)
        self.status = label("", "muted", wrap=False)

        self.table = list_table(QTableView(), _("Deadlines"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate((95, 160, 250, 150, 220)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(self._open_index)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_current)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, self.open_current)

        filters = QHBoxLayout()
        filters.addWidget(label(_("S&how:"), wrap=False, buddy=self.kind))
        filters.addWidget(self.kind, 2)
        filters.addWidget(label(_("&Period:"), wrap=False, buddy=self.horizon))
        filters.addWidget(self.horizon, 1)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(self.summary_grid)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            label(
                _(
                    "Deadlines count working days; weekends and public holidays move a deadline "
                    "to the next working day. Double-click or press Enter to open the family."
                ),
                "muted",
            )
        )
        layout.addWidget(self.status)
        self.setTabOrder(self.kind, self.horizon)
        self.setTabOrder(self.horizon, self.refresh_button)
        self.setTabOrder(self.refresh_button, self.table)

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.ctx.is_unlocked:
            return
        self._generation += 1
        generation = self._generation
        self.status.setText(_("Checking the deadlines…"))
        self.ctx.runner.run(
            deadlines.collect,
            self.ctx.ws,
            self.today,
            self.horizon.currentData(),
            success=lambda rows: self._arrived(generation, rows),
        )

    def _arrived(self, generation: int, rows: list[Deadline]) -> None:
        if generation != self._generation:
            return
        self._all = rows
        counts = deadlines.summary(rows, self.today)
        for kind, value in self.summary_labels.items():
            overdue, due = counts[kind]
            text = ", ".join(
                (
                    ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue),
                    npgettext("deadlines", "{n} due", "{n} due", due).format(n=due),
                )
            )
            value.setText(text)
            set_role(value, "error" if overdue else "")
        self._show()

    def _show(self) -> None:
        wanted = self.kind.currentData()
        rows = [d for d in self._all if wanted is None or d.kind.value == wanted]
        self.model.set_rows(rows, self.today)
        overdue = sum(d.overdue(self.today) for d in rows)
        self.status.setText(
            ngettext("{n} deadline", "{n} deadlines", len(rows)).format(n=len(rows))
            + (
                ", " + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
                if overdue
                else ""
            )
        )

    def _data_changed(self, changes: Changes) -> None:
        if not changes.touches(*CASE_MODELS):  # deadlines come from case data only
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    # -- the shell's hooks -----------------------------------------------------------------
    def screen_shown(self) -> None:
        if self._stale or date.today() != self.today:
            self._stale = False
            self.today = date.today()
            self.refresh()
        self.table.setFocus()

    def _open_index(self, index: QModelIndex) -> None:
        d = self.model.deadline(index.row())
        if d is not None:
            self.ctx.events.family_opened.emit(d.family_id)

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)
