"""The Klucze tab of the Synchronizacja screen: key cards, registered devices, revocation.

This device's fingerprint in large type; saving its key card (JSON for the other device, PDF to
print); importing another device's card, which registers it only after the user confirms that
the fingerprint shown matches the one its owner gave; the registered devices with theirs; and,
for a lost laptop, revoking a device.  Replacing this device's own keys is here too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.models.enums import Role
from app.printing.keycard import save_card
from app.sync import identity
from app.sync.identity import Card, KeyInfo
from app.sync.overview import KeysView, load_keys
from app.ui.context import AppContext
from app.ui.kit.widgets import label, set_role
from app.ui.ops import error_text


class KeysPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: KeysView | None = None
        self.fingerprint = label("—", "heading", wrap=False)
        self.fingerprint.setAccessibleName(_("Key fingerprint of this device"))
        self.who = label("", "muted")
        self.message = label("", "muted")
        self.save_button = QPushButton(_("Save key &card…"))
        self.save_button.clicked.connect(self.choose_save)
        self.import_button = QPushButton(_("Import another device's &key card…"))
        self.import_button.clicked.connect(self.choose_import)
        self.revoke_button = QPushButton(_("&Revoke the selected device…"))
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.rotate_button = QPushButton(_("Replace this device's keys…"))
        self.rotate_button.clicked.connect(self.rotate)
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(_("Registered devices"))
        self.table.setHorizontalHeaderLabels(
            [_("Device"), _("Unit"), _("Device id"), _("Fingerprint"), _("State")]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTabKeyNavigation(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        lower = QHBoxLayout()
        lower.addWidget(self.revoke_button)
        lower.addStretch(1)
        lower.addWidget(self.rotate_button)
        layout = QVBoxLayout(self)
        layout.addWidget(label(_("Key fingerprint of this device"), "subheading"))
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.who)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(label(_("Registered devices"), "subheading"))
        layout.addWidget(self.table, 1)
        layout.addLayout(lower)

    def refresh(self) -> None:
        if self.ctx.is_unlocked:
            self.ctx.runner.run(load_keys, self.ctx.ws, success=self._show, failure=self._failed)

    def _show(self, view: KeysView) -> None:
        self.view = view
        me = view.me
        self.fingerprint.setText(me.fingerprint)
        self.who.setText(
            f"{me.name} · {me.worker_name} · {Role(me.role).label} · "
            f"{view.unit_names.get(me.unit_code, me.unit_code)} · {me.device_id}"
        )
        self.table.setRowCount(len(view.peers))
        for r, p in enumerate(view.peers):
            cells = [
                f"{p.name} — {p.worker_name}",
                f"{view.unit_names.get(p.unit_code, '')} ({p.unit_code})",
                p.device_id,
                p.fingerprint,
                _("revoked") if p.revoked else _("active"),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _say(self, text: str, ok: bool = True) -> None:
        self.message.setText(text)
        set_role(self.message, "ok" if ok else "error")

    def _failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), ok=False)

    def _done(self, text: str) -> None:
        self._say(text)
        self.refresh()
        self.changed.emit()

    # -- key cards ------------------------------------------------------------------------
    def choose_save(self) -> None:
        device = self.view.me.device_id if self.view else "urzadzenie"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the key card"),
            str(Path.home() / f"karta-klucza-{device}.card"),
            _("Key card (*.card *.json);;Printable key card (*.pdf)"),
        )
        if path:
            self.ctx.runner.run(
                save_card,
                self.ctx.ws,
                path,
                success=lambda p: self._say(_("Key card written: {path}").format(path=p)),
                failure=self._failed,
            )

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Key card of another device"),
            str(Path.home()),
            _("Key card (*.card *.json);;All files (*)"),  # README's cards are .card
        )
        if path:
            self.import_card(path)

    def import_card(self, path: str) -> None:
        self.ctx.runner.run(
            identity.read_card_file, path, success=self._confirm_card, failure=self._failed
        )

    def _confirm_card(self, card: Card) -> None:
        text = _(
            "{name}\n{worker}\nRole: {role}, unit {unit}, device {device}\n\n"
            "Fingerprint: {fp}\n\nDoes this fingerprint match the one its owner gave you "
            "(by phone or on the printed card)?"
        ).format(
            name=card.name,
            worker=card.worker_name,
            role=Role(card.role).label,
            unit=card.unit_code,
            device=card.device_id,
            fp=card.fingerprint,
        )
        answer = QMessageBox.question(
            self,
            _("Register a device"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self._say(_("Cancelled; nothing was changed."))
            return
        self.ctx.runner.run(
            identity.register_card,
            self.ctx.ws,
            card,
            success=lambda outcome: self._done(
                _("This device was already registered with this key.")
                if outcome == "unchanged"
                else _("Device registered.")
            ),
            failure=self._failed,
        )

    # -- revocation and rotation ----------------------------------------------------------
    def _selected(self) -> KeyInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.view is None:
            return None
        return self.view.peers[rows[0].row()]

    def revoke_selected(self) -> None:
        peer = self._selected()
        if peer is None or peer.revoked:
            return
        answer = QMessageBox.question(
            self,
            _("Revoke a device"),
            _(
                "Revoke the device {device} ({name})? Its bundles will be refused from now on. "
                "Do this when a laptop is lost or stolen."
            ).format(device=peer.device_id, name=peer.worker_name or peer.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.runner.run(
                identity.revoke,
                self.ctx.ws,
                peer.device_id,
                success=lambda info: self._done(
                    _("Device {device} revoked.").format(device=info.device_id)
                ),
                failure=self._failed,
            )

    def rotate(self) -> None:
        answer = QMessageBox.question(
            self,
            _("Replace keys"),
            _(
                "Replace this device's keys? The other devices learn the new ones from the "
                "next bundles."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.runner.run(
                identity.rotate,
                self.ctx.ws,
                success=lambda info: self._done(
                    _("New keys made; peers learn them from the next bundles.")
                ),
                failure=self._failed,
            )
