"""The coordinator's dashboard (``DashboardScreen``, built as ``DashboardScreen(ctx)``).

Figures from ``app.services.dashboard`` (computed on the database worker), drawn as bar charts:
open cases by gmina and stage, overdue reviews by gmina, actions by institution and status, goal
attainment, days since each device's last bundle; plus the overdue reviews and devices as lists
and the number of conflicts waiting.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.models import SYNCED_MODELS
from app.models.enums import ActionStatus, FamilyStatus
from app.services import dashboard
from app.services.changes import Changes
from app.services.dashboard import OPEN_STATUSES, Dashboard
from app.services.date_text import fmt_date, fmt_moment
from app.ui.context import AppContext
from app.ui.kit.widgets import label, set_role
from app.ui.ops import error_text
from app.ui.sync.charts import BarChart
from app.ui.sync.peers_table import status_table
from app.ui.theme import OKABE_ITO, make_card

STALE_DAYS = 14  # a device silent for longer is shown in red


def _tile(title: str) -> tuple[QFrame, QLabel]:
    frame = make_card(QFrame())
    value = label("—", "heading", wrap=False)
    layout = QVBoxLayout(frame)
    layout.addWidget(value)
    layout.addWidget(label(title, "muted"))
    return frame, value


class DashboardScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: Dashboard | None = None
        self._build()
        ctx.events.data_changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(*SYNCED_MODELS):  # the figures count case and registry records
            self.refresh()

    def _build(self) -> None:
        self.refresh_button = QPushButton(_("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.state = label("", "muted")
        head = QHBoxLayout()
        head.addWidget(label(_("Powiat dashboard"), "heading"), 1)
        head.addWidget(self.refresh_button)

        tiles = QHBoxLayout()
        self.tiles: dict[str, QLabel] = {}
        for key, title in (
            ("open", _("open cases")),
            ("overdue", _("overdue reviews")),
            ("actions", _("actions in plans")),
            ("conflicts", _("conflicts waiting")),
        ):
            frame, value = _tile(title)
            self.tiles[key] = value
            tiles.addWidget(frame)

        self.open_chart = BarChart(_("Open cases by gmina and stage"))
        self.overdue_chart = BarChart(_("Overdue reviews by gmina"))
        self.actions_chart = BarChart(_("Actions by institution and status"))
        self.gas_chart = BarChart(_("Goal attainment (latest GAS score of each goal)"))
        self.devices_chart = BarChart(_("Days since each device's last bundle"))

        self.overdue = self._table(
            [_("Case"), _("Gmina"), _("Review due"), _("Days overdue")], _("Overdue reviews")
        )
        self.devices = self._table(
            [_("Device"), _("Unit"), _("Last bundle"), _("Days ago")], _("Devices")
        )

        grid = QGridLayout()
        charts = [
            (self.open_chart, 0, 0),
            (self.overdue_chart, 0, 1),
            (self.actions_chart, 1, 0),
            (self.gas_chart, 1, 1),
            (self.devices_chart, 2, 0),
        ]
        for chart, row, col in charts:
            box = QVBoxLayout()
            box.addWidget(label(chart.title, "subheading"))
            box.addWidget(chart)
            box.addStretch(1)
            grid.addLayout(box, row, col)
        lists = QHBoxLayout()
        for title, table in ((_("Overdue reviews"), self.overdue), (_("Devices"), self.devices)):
            box = QVBoxLayout()
            box.addWidget(label(title, "subheading"))
            box.addWidget(table)
            lists.addLayout(box, 1)

        body = QWidget()
        bl = QVBoxLayout(body)
        bl.addLayout(tiles)
        bl.addLayout(grid)
        bl.addLayout(lists)
        bl.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.state)
        layout.addWidget(scroll, 1)

    @staticmethod
    def _table(headers: list[str], name: str) -> QTableWidget:
        table = status_table(QTableWidget(0, len(headers)), headers, name)
        table.setMinimumHeight(160)
        return table

    def screen_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        if not self.ctx.is_unlocked:
            return
        self.state.setText(_("Counting…"))
        set_role(self.state, "muted")
        self.ctx.runner.run(
            dashboard.collect, self.ctx.ws, success=self.show_data, failure=self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        self.state.setText(error_text(exc))
        set_role(self.state, "error")

    def show_data(self, d: Dashboard) -> None:
        self.data = d
        self.state.setText(_("As of {day}.").format(day=fmt_date(d.today)))
        self.tiles["open"].setText(str(d.totals["open"]))
        self.tiles["overdue"].setText(str(d.totals["overdue"]))
        self.tiles["actions"].setText(str(d.totals["actions"]))
        self.tiles["conflicts"].setText(str(d.conflicts_waiting))

        def gmina(code: str) -> str:
            return d.gmina_names.get(code) or code

        codes = sorted(d.open_by_gmina, key=lambda c: gmina(c))
        self.open_chart.set_data(
            [gmina(c) for c in codes],
            [FamilyStatus(s).label for s in OPEN_STATUSES],
            [[d.open_by_gmina[c].get(s, 0) for s in OPEN_STATUSES] for c in codes],
        )
        overdue = d.overdue_by_gmina()
        self.overdue_chart.set_data(
            [gmina(c) for c in sorted(overdue, key=gmina)],
            [_("overdue")],
            [[overdue[c]] for c in sorted(overdue, key=gmina)],
            [OKABE_ITO["vermillion"]],
        )
        statuses = [s.value for s in ActionStatus]
        top = d.actions_by_institution[:12]
        self.actions_chart.set_data(
            [name or _("no institution") for name, _v in top],
            [ActionStatus(s).label for s in statuses],
            [[v.get(s, 0) for s in statuses] for _n, v in top],
        )
        self.gas_chart.set_data(
            [f"{lvl:+d}" if lvl else "0" for lvl in range(-2, 3)],
            [_("goals")],
            [[d.goal_attainment[lvl]] for lvl in range(-2, 3)],
        )
        devices = [x for x in d.devices if not x.revoked]
        self.devices_chart.set_data(
            [f"{x.name} ({x.worker or x.device_id})" for x in devices],
            [_("days")],
            [[x.days_since if x.days_since is not None else 0] for x in devices],
            [OKABE_ITO["blue"]],
        )
        self._fill(
            self.overdue,
            [
                [
                    r.case_number,
                    gmina(r.gmina_code),
                    fmt_date(r.due_on),
                    str(r.days_overdue),
                ]
                for r in d.overdue_reviews
            ],
        )
        revoked = " — " + _("revoked")  # not in an f-string: the extractor misses it there
        self._fill(
            self.devices,
            [
                [
                    f"{x.name} ({x.worker or x.device_id})" + (revoked if x.revoked else ""),
                    x.unit_code,
                    fmt_moment(x.last_bundle_at, _("never")),
                    "—" if x.days_since is None else str(x.days_since),
                ]
                for x in d.devices
            ],
            stale=[x.days_since is None or x.days_since > STALE_DAYS for x in d.devices],
        )

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]], stale: list[bool] | None = None) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if stale and stale[r]:
                    item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(r, c, item)
