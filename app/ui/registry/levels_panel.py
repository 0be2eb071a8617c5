"""Poziomy współpracy: the WZK, the tripartite agreements and the PZKs at one glance.

The first tab of the "Współpraca" screen.  It says which seat this computer is (animator
powiatowy or animator gminny, ``services.cooperation.seat``) and shows the register sorted into
the three levels (``services.cooperation.levels``): each team with its animators and member
institutions (with their named representatives), each agreement with its parties and the side
each signs for.  A selected agreement prints for signature.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.models import Agreement, CooperationTeam
from app.models.enums import PartySide, TeamKind
from app.services import cooperation
from app.services.registry_views import RegistryData
from app.ui.context import AppContext
from app.ui.kit.form_kit import fmt_date
from app.ui.kit.print_menu import preview_dialog, print_button
from app.ui.kit.widgets import label

RECORD = Qt.ItemDataRole.UserRole


def count_text(level: cooperation.Level) -> str:
    parts = []
    if level.key != "tripartite":
        n = len(level.teams)
        parts.append(ngettext("{n} team", "{n} teams", n).format(n=n))
    n = len(level.agreements)
    parts.append(ngettext("{n} agreement", "{n} agreements", n).format(n=n))
    return ", ".join(parts)


def animators_text(team: CooperationTeam, names: dict[str, str]) -> str:
    """ "animator gminny: … · animator powiatowy: …" for a PZK (empty when none named).

    The names are free text (no recorded sex), so the function is named as a Polish office
    names a function, not with guessed endings."""
    parts = []
    for text, person, iid in (
        (_("gmina animator: {who}"), team.gmina_animator, team.gmina_animator_institution_id),
        (_("powiat animator: {who}"), team.powiat_animator, team.powiat_animator_institution_id),
    ):
        if person:
            where = names.get(iid or "", "")
            parts.append(text.format(who=f"{person} ({where})" if where else person))
    return " · ".join(parts)


class LevelsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        seat = cooperation.seat(ctx.ws)
        self.seat_title = label(seat.title, "heading")
        self.seat_duties = QLabel("\n".join(f"• {d}" for d in seat.duties))
        self.seat_duties.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([_("Team, agreement, institution"), _("Who"), _("Details")])
        self.tree.setAccessibleName(_("Levels of cooperation"))
        self.tree.setAlternatingRowColors(True)
        self.print_agreement = print_button(
            self, ctx, ["agreement"], self._print_ids, _("Print the selected a&greement…")
        )
        self.selected_text = label("", "muted")
        self.tree.currentItemChanged.connect(lambda *_a: self._selection_changed())
        layout = QVBoxLayout(self)
        layout.addWidget(self.seat_title)
        layout.addWidget(self.seat_duties)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.addWidget(self.print_agreement)
        row.addWidget(self.selected_text, 1)
        layout.addLayout(row)
        self._selection_changed()

    def show_data(self, data: RegistryData) -> None:
        names = {i.id: i.display_name for i in data.institutions}
        self.tree.clear()
        for level in cooperation.levels(data.teams, data.agreements):
            top = QTreeWidgetItem([level.title, "", count_text(level)])
            self.tree.addTopLevelItem(top)
            for team in level.teams:
                top.addChild(self._team_item(team, names))
            for agreement in level.agreements:
                top.addChild(self._agreement_item(agreement))
            top.setExpanded(True)
        for col in (0, 1):
            self.tree.resizeColumnToContents(col)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _team_item(self, team: CooperationTeam, names: dict[str, str]) -> QTreeWidgetItem:
        n = len(team.members)
        item = QTreeWidgetItem(
            [
                team.name,
                animators_text(team, names) if team.kind == TeamKind.PZK else "",
                ngettext("{n} member institution", "{n} member institutions", n).format(n=n),
            ]
        )
        item.setData(0, RECORD, team)
        for m in team.members:
            inst = m.institution
            child = QTreeWidgetItem([inst.name if inst else "", m.representative or "—", m.role])
            child.setToolTip(1, _("Representative in the team"))
            item.addChild(child)
        return item

    def _agreement_item(self, a: Agreement) -> QTreeWidgetItem:
        signed = fmt_date(a.signed_on)
        details = _("signed on {date}").format(date=signed) if signed else _("not signed yet")
        item = QTreeWidgetItem([a.title, a.number, details])
        item.setData(0, RECORD, a)
        for p in a.parties:
            side = PartySide(p.side).label if p.side in set(PartySide) else p.side
            who = ", ".join(x for x in (p.representative, p.function) if x) or "—"
            item.addChild(QTreeWidgetItem([p.institution.name if p.institution else "", who, side]))
        return item

    def selected_agreement(self) -> Agreement | None:
        item = self.tree.currentItem()
        while item is not None:
            record: Any = item.data(0, RECORD)
            if isinstance(record, Agreement):
                return record
            item = item.parent()
        return None

    def _selection_changed(self) -> None:
        a = self.selected_agreement()
        self.print_agreement.setEnabled(a is not None and preview_dialog() is not None)
        self.selected_text.setText(
            _("Choose an agreement in the list to print it.")
            if a is None
            else _("Selected: {title}").format(title=a.title)
        )

    def _print_ids(self) -> dict[str, Any] | None:
        a = self.selected_agreement()
        return {"agreement_id": a.id} if a is not None else None
