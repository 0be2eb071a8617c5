"""Ewaluacja: the pilot's evaluation figures on screen, saved as CSV or PDF for the ROPS.

The figures are ``services.evaluation.collect``'s (anonymised as the statistics are: counts under
5 shown as "<5", a second count hidden where a total would give one away); the files are written
by ``printing.evaluation.write_evaluation``, the same use case as ``kooperacja evaluation``.
The figures are counted when the tab is first shown and on "Odśwież".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.printing.evaluation import write_evaluation
from app.services import evaluation
from app.services.stats import Statistics, StatTable, notes
from app.ui.context import AppContext
from app.ui.kit.form_kit import fmt_date, hint_label
from app.ui.kit.safe import guarded
from app.ui.kit.widgets import label

FILTERS = {"csv": "CSV (*.csv)", "pdf": "PDF (*.pdf)"}


def table_widget(t: StatTable) -> QTableWidget:
    """One table of figures, read-only, as tall as its rows (the page scrolls, not the table)."""
    w = QTableWidget(len(t.rows), len(t.columns))
    w.setHorizontalHeaderLabels(t.columns)
    w.setAccessibleName(t.title)
    w.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    w.verticalHeader().hide()
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row):
            item = QTableWidgetItem(str(cell))
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            w.setItem(r, c, item)
    header = w.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    w.resizeRowsToContents()
    height = header.height() + sum(w.rowHeight(r) for r in range(w.rowCount())) + 4
    w.setFixedHeight(max(height, header.height() + 24))
    w.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return w


class EvaluationPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: Statistics | None = None
        self.heading = label(_("Evaluation of the Model Kooperacji pilot"), "heading")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton(_("Co&unt again"))
        self.save_csv = QPushButton(_("Save as CS&V…"))
        self.save_pdf = QPushButton(_("Save as P&DF…"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.tables = QWidget()
        self.tables_layout = QVBoxLayout(self.tables)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.tables)
        buttons = QHBoxLayout()
        for b in (self.refresh_button, self.save_csv, self.save_pdf):
            buttons.addWidget(b)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.save_csv.clicked.connect(lambda: self.save("csv"))
        self.save_pdf.clicked.connect(lambda: self.save("pdf"))

    # -- the figures ----------------------------------------------------------------------------
    def ensure_loaded(self) -> None:
        if self.data is None:
            self.refresh()

    def refresh(self) -> None:
        if not self.ctx.is_unlocked:
            return
        self.refresh_button.setEnabled(False)
        self.ctx.runner.run(
            evaluation.collect,
            self.ctx.ws,
            success=guarded(self, self.show_data),
            failure=guarded(self, self._failed),
        )

    def show_data(self, data: Statistics) -> None:
        self.data = data
        self.refresh_button.setEnabled(True)
        while self.tables_layout.count():
            item = self.tables_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for t in data.tables:
            self.tables_layout.addWidget(label(t.title, "subheading"))
            self.tables_layout.addWidget(table_widget(t))
        for line in notes(data.min_cell):
            self.tables_layout.addWidget(hint_label(line))
        self.tables_layout.addStretch(1)
        n = len(data.tables)
        self.summary.setText(
            ngettext(
                "{unit}, counted on {date}: {n} table, anonymised (counts under {min} hidden).",
                "{unit}, counted on {date}: {n} tables, anonymised (counts under {min} hidden).",
                n,
            ).format(
                unit=data.unit_name or data.unit_code,
                date=fmt_date(data.generated_on),
                n=n,
                min=data.min_cell,
            )
        )

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(
            getattr(exc, "message", "") or _("The evaluation could not be counted.")
        )

    # -- the files ------------------------------------------------------------------------------
    def save(self, fmt: str) -> None:
        folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        name = f"ewaluacja-{date.today().isoformat()}.{fmt}"
        path, _selected = QFileDialog.getSaveFileName(
            self, _("Save the evaluation"), str(folder / name), FILTERS[fmt]
        )
        if not path or not self.ctx.is_unlocked:
            return
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        self.status.setText(_("Saving…"))
        self.ctx.runner.run(
            write_evaluation,
            self.ctx.ws,
            fmt,
            Path(path),
            success=guarded(self, self._saved),
            failure=guarded(self, self._failed),
        )

    def _saved(self, path: Path) -> None:
        self.status.setText(_("Evaluation written: {path}").format(path=path))
