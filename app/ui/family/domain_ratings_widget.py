"""The life-domain grid: each domain rated −3 (serious problem) … +2 (clear strength), with a note.

Used by the diagnosis and by monitoring reviews (which also show the previous rating, so the
worker sees the change).  The whole grid is one ``FormBinding`` field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from app.i18n import _
from app.models.enums import DOMAIN_SCALE
from app.services.reference import Code
from app.ui.kit.form_kit import ChoiceCombo
from app.ui.kit.safe import no_result
from app.ui.kit.widgets import clear_layout


def signed(value: int) -> str:
    """−3, −1, 0, +2: the sign always shown, with a real minus sign."""
    return f"+{value}" if value > 0 else (f"−{-value}" if value < 0 else "0")


def rating_text(value: int | None) -> str:
    if value is None:
        return ""
    return f"{signed(value)} {_(DOMAIN_SCALE.get(value, ''))}".strip()


class DomainRatingsWidget(QWidget):
    changed = Signal()

    def __init__(self, show_previous: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_previous = show_previous
        self._rows: dict[str, tuple[ChoiceCombo, QLineEdit, QLabel]] = {}
        self._grid = QGridLayout(self)
        self._grid.setColumnStretch(2, 1)
        self._grid.setContentsMargins(0, 0, 0, 0)

    def set_domains(self, domains: list[Code]) -> None:
        if [c.code for c in domains] == list(self._rows):
            return
        kept = self.draft_value()
        clear_layout(self._grid)
        self._rows.clear()
        headers = [_("Life domain"), _("Rating"), _("Note")]
        if self.show_previous:
            headers.append(_("Previously"))
        for col, text in enumerate(headers):
            label = QLabel(f"<b>{text}</b>")
            self._grid.addWidget(label, 0, col)
        choices = [(v, rating_text(v)) for v in sorted(DOMAIN_SCALE)]
        for row, domain in enumerate(domains, start=1):
            name = QLabel(domain.label)
            combo = ChoiceCombo()
            combo.setMinimumContentsLength(24)
            combo.set_choices(choices, empty=_("— not rated —"))
            combo.setAccessibleName(_("Rating: {domain}").format(domain=domain.label))
            name.setBuddy(combo)
            note = QLineEdit()
            note.setMaxLength(2000)
            note.setAccessibleName(_("Note: {domain}").format(domain=domain.label))
            previous = QLabel()
            combo.currentIndexChanged.connect(no_result(self.changed.emit))
            note.textChanged.connect(no_result(self.changed.emit))
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(combo, row, 1)
            self._grid.addWidget(note, row, 2)
            if self.show_previous:
                self._grid.addWidget(previous, row, 3)
            self._rows[domain.code] = (combo, note, previous)
        self.set_draft_value(kept)

    def set_previous(self, previous: dict[str, int | None]) -> None:
        for code, (_combo, _note, label) in self._rows.items():
            label.setText(rating_text(previous.get(code)) if code in previous else "—")

    def ratings(self) -> list[tuple[str, int | None, str]]:
        """(domain, rating or None, note) for every domain rated or commented."""
        out = []
        for code, (combo, note, _prev) in self._rows.items():
            rating = combo.code()
            rating = None if rating == "" else int(rating)
            if rating is not None or note.text().strip():
                out.append((code, rating, note.text().strip()))
        return out

    def draft_value(self) -> dict[str, list[Any]]:
        return {code: [rating, note] for code, rating, note in self.ratings()}

    def set_draft_value(self, value: dict[str, list[Any]] | None) -> None:
        value = value or {}
        for code, (combo, note, _prev) in self._rows.items():
            rating, text = (list(value.get(code) or []) + [None, ""])[:2]
            combo.blockSignals(True)
            note.blockSignals(True)
            combo.set_code("" if rating is None else int(rating))
            note.setText(text or "")
            combo.blockSignals(False)
            note.blockSignals(False)
        self.changed.emit()

    def tab_widgets(self) -> list[QWidget]:
        return [w for combo, note, _prev in self._rows.values() for w in (combo, note)]

    def focus_widget(self) -> QWidget | None:
        return next(iter(self._rows.values()))[0] if self._rows else None
