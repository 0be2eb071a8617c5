"""Pieces the data-protection tabs share: the case and person choosers and the file dialogs.

The file dialogs are module functions so that a test can answer them (as a user would pick a
file) without a native dialog; everything else in the tabs is driven by real key events.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QWidget

from app.i18n import _
from app.services.rodo import choices
from app.ui.context import AppContext
from app.ui.kit.safe import guarded


def documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def save_path(parent: QWidget, title: str, name: str, filters: str) -> str:
    path, _selected = QFileDialog.getSaveFileName(
        parent, title, str(documents_folder() / name), filters
    )
    return path


def open_path(parent: QWidget, title: str, filters: str) -> str:
    path, _selected = QFileDialog.getOpenFileName(parent, title, str(documents_folder()), filters)
    return path


def choose_folder(parent: QWidget, title: str) -> str:
    return QFileDialog.getExistingDirectory(parent, title, str(documents_folder()))


class CaseCombo(QComboBox):
    """The cases on this device, by case number and the head of the family."""

    chosen = Signal(str)  # family id ("" when none)

    def __init__(self, ctx: AppContext, *, any_case: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.any_case = any_case
        self.setAccessibleName(_("Case"))
        self.setMinimumContentsLength(28)
        self.currentIndexChanged.connect(lambda _i: self.chosen.emit(self.family_id()))

    def reload(self, then: Callable[[], None] | None = None) -> None:
        if not self.ctx.is_unlocked:
            return

        def fill(rows: list[choices.CaseChoice]) -> None:
            keep = self.family_id()
            self.blockSignals(True)
            self.clear()
            if self.any_case:
                self.addItem(_("every case"), "")
            for c in rows:
                text = f"{c.case_number} — {c.head_name}" if c.head_name else c.case_number
                self.addItem(text, c.family_id)
            index = self.findData(keep)
            self.setCurrentIndex(max(index, 0))
            self.blockSignals(False)
            self.chosen.emit(self.family_id())
            if then is not None:
                then()

        self.ctx.runner.run(choices.cases, self.ctx.ws, success=guarded(self, fill))

    def family_id(self) -> str:
        return str(self.currentData() or "")


class PersonCombo(QComboBox):
    """The members of the chosen case."""

    def __init__(self, ctx: AppContext, *, whole_case: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.whole_case = whole_case
        self.setAccessibleName(_("Person"))
        self.setMinimumContentsLength(24)

    def load(self, family_id: str) -> None:
        if not family_id or not self.ctx.is_unlocked:
            self._fill([])
            return
        self.ctx.runner.run(
            choices.members, self.ctx.ws, family_id, success=guarded(self, self._fill)
        )

    def _fill(self, rows: list[choices.PersonChoice]) -> None:
        keep = self.person_id()  # a reload (after a correction) stays on the same person
        self.clear()
        if self.whole_case:
            self.addItem(_("the whole case"), "")
        for p in rows:
            self.addItem(p.full_name, p.person_id)
        self.setCurrentIndex(max(self.findData(keep), 0) if keep else 0)

    def person_id(self) -> str:
        return str(self.currentData() or "")
