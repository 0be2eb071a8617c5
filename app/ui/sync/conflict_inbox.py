"""The conflict inbox of the Synchronizacja screen: both values of a field side by side.

A list of the conflicts waiting on this device; for the selected one, the two values with who
wrote each (the device's worker), when and on which device, and which value the record shows
meanwhile.  "Keep mine" / "Take theirs" call ``app.sync.conflicts.resolve`` on the worker.
Above the list, the decisions made on another device that replaced this device's own value
(``app.sync.conflicts.replaced_notices``) stay until the worker marks them as seen.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.date_text import fmt_moment
from app.sync import conflicts
from app.sync.conflicts import ConflictView
from app.sync.kinds import field_label, kind_label
from app.ui.context import AppContext
from app.ui.kit.widgets import label
from app.ui.ops import error_text


def _value_text(value: object) -> str:
    if value is True:
        return _("yes (deleted)")
    if value is False:
        return _("no")
    if value is None or value == "":
        return _("(empty)")
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def notice_text(c: ConflictView) -> str:
    """One decision made on another device that replaced this device's value."""
    record = kind_label(c.table)
    field = _("deleted or kept") if c.kind == "delete" else field_label(c.field)
    return _(
        "{record} {case}, {field}: {who} decided on another device; the record now has "
        "“{chosen}” instead of your “{mine}”."
    ).format(
        record=record,
        case=c.case_number,
        field=field,
        who=c.resolved_by or _("unknown worker"),
        chosen=_value_text(c.chosen_value),
        mine=_value_text(c.mine.value),
    )


class SidePanel(QGroupBox):
    """One side of a conflict: the value, who wrote it, when, on which device."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.value = QPlainTextEdit()
        self.value.setReadOnly(True)
        self.value.setAccessibleName(title)
        self.who = label("", "muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.value, 1)
        layout.addWidget(self.who)

    def show_side(self, side: conflicts.Side | None, current: bool) -> None:
        if side is None:
            self.value.setPlainText("")
            self.who.setText("")
            return
        self.value.setPlainText(_value_text(side.value))
        who = side.worker or side.device_name or _("unknown worker")
        text = _("{who}, {at}, device {device}").format(
            who=who, at=fmt_moment(side.at), device=side.device_id
        )
        if current:
            text += "\n" + _("(shown now in the record)")
        self.who.setText(text)


class ConflictInbox(QWidget):
    resolved = Signal(object)  # the closed ConflictView
    failed = Signal(object)  # the exception

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[ConflictView] = []
        self._build()

    def _build(self) -> None:
        self.conflict_list = QTableWidget(0, 4)
        self.conflict_list.setAccessibleName(_("Conflicts waiting for a decision"))
        self.conflict_list.setHorizontalHeaderLabels(
            [_("Case"), _("Record"), _("Field"), _("Detected")]
        )
        self.conflict_list.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.conflict_list.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.conflict_list.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.conflict_list.verticalHeader().hide()
        self.conflict_list.horizontalHeader().setStretchLastSection(True)
        self.conflict_list.setTabKeyNavigation(False)
        self.conflict_list.itemSelectionChanged.connect(self._conflict_selected)
        self.mine = SidePanel(_("My version (this device)"))
        self.theirs = SidePanel(_("Their version (received)"))
        self.conflict_note = label("", "muted")
        self.take_mine = QPushButton(_("Keep &mine"))
        self.take_theirs = QPushButton(_("Take &theirs"))
        self.take_mine.clicked.connect(lambda: self.resolve_selected("mine"))
        self.take_theirs.clicked.connect(lambda: self.resolve_selected("theirs"))
        sides = QHBoxLayout()
        sides.addWidget(self.mine, 1)
        sides.addWidget(self.theirs, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.take_mine)
        buttons.addWidget(self.take_theirs)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.addWidget(self.conflict_note)
        dl.addLayout(sides, 1)
        dl.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.conflict_list)
        split.addWidget(detail)
        self.empty_inbox = label(_("No conflicts waiting. Nothing was overwritten."), "ok")
        self.notices = label("", "error")
        self.notices.setAccessibleName(_("Values replaced by a decision on another device"))
        self.seen_button = QPushButton(_("&Seen, hide these notices"))
        self.seen_button.clicked.connect(self.mark_seen)
        self.notices.hide()
        self.seen_button.hide()
        self.replaced: list[ConflictView] = []
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notices, 1)
        notice_row.addWidget(self.seen_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(notice_row)
        layout.addWidget(self.empty_inbox)
        layout.addWidget(split, 1)
        self._set_conflict_buttons(False)

    def show_notices(self, replaced: list[ConflictView]) -> None:
        self.replaced = replaced
        self.notices.setText("\n".join(notice_text(c) for c in replaced))
        self.notices.setVisible(bool(replaced))
        self.seen_button.setVisible(bool(replaced))
        self.empty_inbox.setText(
            _("No conflicts waiting.")
            if replaced
            else _("No conflicts waiting. Nothing was overwritten.")
        )

    def mark_seen(self) -> None:
        self.seen_button.setEnabled(False)
        self.ctx.runner.run(
            conflicts.mark_seen,
            self.ctx.ws,
            success=lambda _n: self._seen(),
            failure=self._failed,
        )

    def _seen(self) -> None:
        self.seen_button.setEnabled(True)
        self.show_notices([])

    def show_conflicts(self, rows: list[ConflictView]) -> None:
        self.rows = rows
        self.empty_inbox.setVisible(not rows)
        self.conflict_list.setRowCount(len(rows))
        for r, c in enumerate(rows):
            record = kind_label(c.table)
            field = _("deleted or kept") if c.kind == "delete" else field_label(c.field)
            for col, text in enumerate(
                [c.case_number or "—", record, field, fmt_moment(c.detected_at)]
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.conflict_list.setItem(r, col, item)
        if rows:
            self.conflict_list.selectRow(0)
        else:
            self._conflict_selected()

    def _failed(self, exc: BaseException) -> None:
        self._set_conflict_buttons(True)
        self.conflict_note.setText(error_text(exc))
        self.failed.emit(exc)

    def _selected_conflict(self) -> ConflictView | None:
        rows = self.conflict_list.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.conflict_list.item(rows[0].row(), 0)
        cid = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((c for c in self.rows if c.id == cid), None)

    def _set_conflict_buttons(self, on: bool) -> None:
        self.take_mine.setEnabled(on)
        self.take_theirs.setEnabled(on)

    def _conflict_selected(self) -> None:
        c = self._selected_conflict()
        self._set_conflict_buttons(c is not None)
        if c is None:
            self.mine.show_side(None, False)
            self.theirs.show_side(None, False)
            self.conflict_note.setText("")
            return
        if c.kind == "delete":
            note = _(
                "Deleted on one device while edited on the other (fields: {fields}). "
                "The edits are kept; choose whether the record stays deleted."
            ).format(fields=c.detail.replace(",", ", "))
        else:
            note = _("The field {field} was changed on both devices.").format(
                field=field_label(c.field)
            )
        self.conflict_note.setText(note)
        self.mine.show_side(c.mine, c.current == c.mine.value)
        self.theirs.show_side(c.theirs, c.current == c.theirs.value and c.current != c.mine.value)

    def resolve_selected(self, take: str) -> None:
        c = self._selected_conflict()
        if c is None:
            return
        self._set_conflict_buttons(False)
        self.ctx.runner.run(
            conflicts.resolve,
            self.ctx.ws,
            c.id,
            take,
            success=self.resolved.emit,
            failure=self._failed,
        )
