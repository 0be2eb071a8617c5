"""Rows of "item – choice – note" (goal scores and action statuses in a monitoring review).

Each row shows what is assessed, a combo of choices, a note and, optionally, the previous value
so the worker sees the change.  The grid is one ``FormBinding`` field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from app.i18n import _
from app.ui.kit.form_kit import ChoiceCombo
from app.ui.kit.safe import no_result
from app.ui.kit.widgets import clear_layout


@dataclass
class ScoreRow:
    key: str
    label: str
    choices: list[tuple[Any, str]]
    default: Any = ""
    previous: str = ""


class ScoreGridWidget(QWidget):
    changed = Signal()

    def __init__(
        self,
        headers: tuple[str, str, str, str],
        empty: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.headers = headers
        self.empty = empty
        self._rows: dict[str, tuple[ChoiceCombo, QLineEdit]] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(0, 3)
        self._grid.setColumnStretch(1, 2)
        self._grid.setColumnStretch(2, 3)

    def set_rows(self, rows: list[ScoreRow]) -> None:
        clear_layout(self._grid)
        self._rows.clear()
        for col, text in enumerate(self.headers):
            self._grid.addWidget(QLabel(f"<b>{text}</b>"), 0, col)
        for i, row in enumerate(rows, start=1):
            label = QLabel(row.label)
            label.setWordWrap(True)
            combo = ChoiceCombo()
            combo.set_choices(row.choices, empty=self.empty)
            combo.set_code(row.default)
            combo.setAccessibleName(f"{self.headers[1]}: {row.label}")
            label.setBuddy(combo)
            note = QLineEdit()
            note.setMaxLength(2000)
            note.setAccessibleName(f"{self.headers[2]}: {row.label}")
            previous = QLabel(row.previous or "—")
            previous.setWordWrap(True)
            previous.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            combo.currentIndexChanged.connect(no_result(self.changed.emit))
            note.textChanged.connect(no_result(self.changed.emit))
            self._grid.addWidget(label, i, 0)
            self._grid.addWidget(combo, i, 1)
            self._grid.addWidget(note, i, 2)
            self._grid.addWidget(previous, i, 3)
            self._rows[row.key] = (combo, note)
        if not rows:
            self._grid.addWidget(QLabel(_("(nothing to assess)")), 1, 0, 1, 4)
        self.changed.emit()

    def values(self) -> list[tuple[str, Any, str]]:
        """(key, chosen code or "", note) for every row."""
        return [(k, combo.code(), note.text().strip()) for k, (combo, note) in self._rows.items()]

    def draft_value(self) -> dict[str, list[Any]]:
        return {k: [code, note] for k, code, note in self.values()}

    def set_draft_value(self, value: dict[str, list[Any]] | None) -> None:
        for key, (combo, note) in self._rows.items():
            if value and key in value:
                code, text = (list(value[key]) + ["", ""])[:2]
                combo.blockSignals(True)
                note.blockSignals(True)
                combo.set_code(code)
                note.setText(text or "")
                combo.blockSignals(False)
                note.blockSignals(False)
        self.changed.emit()

    def focus_widget(self) -> QWidget | None:
        return next(iter(self._rows.values()))[0] if self._rows else None
