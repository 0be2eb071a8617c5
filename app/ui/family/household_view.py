"""The Rodzina tab's layout: the case form on the left, members and task team on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.ui.family.case_form_view import CaseFormView
from app.ui.kit.form_kit import ErrorLabel, scrolled, setup_table


def table_with_buttons(title: str, table: QTableView, buttons: list[QPushButton]) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    layout.addLayout(row)
    layout.addWidget(table, 1)
    return box


# Worded for one person by the window (``subject_words``).
ADD_MEMBER = N_("&Add member…")
TEAM_TITLE = N_("Task team (ZZK): partners' workers helping this family")


class HouseholdView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = CaseFormView(full=True)
        self.error = ErrorLabel()
        self.save_button = QPushButton(_("&Save case data"))
        self.save_button.setToolTip(_("Ctrl+S"))
        self.members = QTableView()
        setup_table(self.members, _("Family members"))
        self.add_member = QPushButton(_(ADD_MEMBER))
        self.edit_member = QPushButton(_("&Edit…"))
        self.remove_member = QPushButton(_("Remove mem&ber"))
        self.team = QTableView()
        setup_table(self.team, _("Task team (ZZK)"))
        self.add_team = QPushButton(_("Add to &team…"))
        self.edit_team = QPushButton(_("Ed&it…"))
        self.remove_team = QPushButton(_("Remove from tea&m"))

        left = QWidget()
        l_layout = QVBoxLayout(left)
        l_layout.setContentsMargins(0, 0, 4, 0)
        l_layout.addWidget(self.form, 1)
        l_layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        l_layout.addLayout(buttons)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(
            table_with_buttons(
                _("Household members"),
                self.members,
                [self.add_member, self.edit_member, self.remove_member],
            )
        )
        self.team_box = table_with_buttons(
            _(TEAM_TITLE), self.team, [self.add_team, self.edit_team, self.remove_team]
        )
        right.addWidget(self.team_box)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(scrolled(left))
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([470, 830])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
