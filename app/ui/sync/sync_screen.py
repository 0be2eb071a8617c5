"""The Synchronizacja screen (``SyncScreen``, built as ``SyncScreen(ctx)`` with an ``AppContext``).

Three tabs:

* *Paczki*: save the next bundle for a chosen device (with progress; the file is verified before
  it gets its name), import bundles by file chooser or by dropping ``.kbundle`` files anywhere on
  the screen, the status of every registered device (last bundle sent and received, receipts,
  bundles that never arrived: ``peers_table``), and the optional inbox/outbox folders scanned
  every few minutes;
* *Konflikty*: the conflict inbox, each conflict's two values side by side with who wrote each,
  when, and on which device; the user keeps one of them;
* *Klucze*: key cards (save, print, import after confirming the fingerprint), registered
  devices, revocation of a lost laptop, replacing this device's keys (``keys_panel``).

Every database call runs on the worker (``ctx.runner``); results come back on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import Settings
from app.i18n import _
from app.models import Device, SyncConflict, SyncKey, SyncPeer, SyncReceived, SyncSent
from app.models.enums import Role
from app.services.changes import Changes
from app.services.workspace import Workspace
from app.sync import transport
from app.sync.conflicts import ConflictView
from app.sync.export import file_name_for
from app.sync.importer import import_bundles
from app.sync.limits import FILE_SUFFIX
from app.sync.overview import Snapshot, load_snapshot
from app.ui.context import AppContext
from app.ui.kit.mnemonics import deconflict
from app.ui.kit.widgets import label, set_role
from app.ui.ops import error_text
from app.ui.sync.conflict_inbox import ConflictInbox
from app.ui.sync.folder_sync import install as install_folder_sync
from app.ui.sync.keys_panel import KeysPanel
from app.ui.sync.peers_table import PeersTable


@dataclass
class ImportLine:
    name: str
    ok: bool
    message: str
    conflicts: int = 0


def import_files(ws: Workspace, paths: list[str]) -> list[ImportLine]:
    """``import_bundles`` (one order for every front end), as lines for the screen."""
    return [
        ImportLine(o.path.name, True, o.result.message, o.result.conflicts)
        if o.result is not None
        else ImportLine(o.path.name, False, o.error.message if o.error is not None else "")
        for o in import_bundles(ws, paths)
    ]


# What the screen shows: peers and their keys, what was sent and received, open conflicts.
SHOWN = (Device, SyncPeer, SyncKey, SyncSent, SyncReceived, SyncConflict)


class SyncScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.snapshot: Snapshot | None = None
        self.setAcceptDrops(True)
        self._build()
        self.folder_sync = install_folder_sync(ctx)
        self.folder_sync.scanned.connect(self._folders_scanned)
        ctx.events.data_changed.connect(self._data_changed)
        self.refresh()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = label(_("Sync"), "heading")
        self.me = label("", "muted")
        self.me.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._bundles_tab(), _("&Bundles"))
        self.conflict_inbox = ConflictInbox(self.ctx)
        self.conflict_inbox.resolved.connect(self._resolved)
        self.conflict_inbox.failed.connect(self._failed)
        # The inbox's parts, for keyboard-free access in tests and by the shell.
        self.conflict_list = self.conflict_inbox.conflict_list
        self.mine, self.theirs = self.conflict_inbox.mine, self.conflict_inbox.theirs
        self.take_mine, self.take_theirs = (
            self.conflict_inbox.take_mine,
            self.conflict_inbox.take_theirs,
        )
        self.empty_inbox = self.conflict_inbox.empty_inbox
        self.tabs.addTab(self.conflict_inbox, _("&Conflicts"))
        self.keys = KeysPanel(self.ctx)
        self.keys.changed.connect(self.refresh)
        self.tabs.addTab(self.keys, _("K&eys"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.me)
        layout.addWidget(self.tabs, 1)

    def _bundles_tab(self) -> QWidget:
        page = QWidget()
        self.peer = QComboBox()
        self.peer.setAccessibleName(_("Recipient device"))
        self.full = QCheckBox(_("&Full bundle (everything, e.g. for a new laptop)"))
        self.export_button = QPushButton(_("&Save bundle…"))
        self.export_button.clicked.connect(self.choose_export)
        send = QGroupBox(_("Send a bundle"))
        form = QFormLayout(send)
        form.addRow(label(_("&To:"), buddy=self.peer, wrap=False), self.peer)
        form.addRow("", self.full)
        form.addRow("", self.export_button)
        # Without it an empty "Do:" and a greyed button give no clue what is missing.
        self.no_peer_hint = label("", "muted")
        self.no_peer_hint.hide()
        form.addRow("", self.no_peer_hint)

        self.import_button = QPushButton(_("&Import bundles…"))
        self.import_button.clicked.connect(self.choose_import)
        receive = QGroupBox(_("Receive bundles"))
        rl = QVBoxLayout(receive)
        rl.addWidget(self.import_button)
        rl.addWidget(label(_("…or drop .kbundle files anywhere on this screen."), "muted"))

        self.result = label("", "muted")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.peers = PeersTable()

        folders = QGroupBox(_("Shared folders (optional)"))
        settings = Settings.load()
        self.inbox = QLineEdit(settings.sync_inbox)
        self.inbox.setAccessibleName(_("Inbox folder"))
        self.outbox = QLineEdit(settings.sync_outbox)
        self.outbox.setAccessibleName(_("Outbox folder"))
        fl = QFormLayout(folders)
        for title, edit in ((_("I&nbox:"), self.inbox), (_("O&utbox:"), self.outbox)):
            pick = QPushButton(_("Choose…"))
            pick.clicked.connect(lambda _c=False, e=edit: self._pick_folder(e))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(pick)
            fl.addRow(label(title, buddy=edit, wrap=False), row)
        self.scan_button = QPushButton(_("Save folders and check &now"))
        self.scan_button.clicked.connect(self.save_folders_and_scan)
        fl.addRow("", self.scan_button)
        fl.addRow("", label(_("Checked when the program starts and every 5 minutes."), "muted"))

        top = QHBoxLayout()
        top.addWidget(send, 1)
        top.addWidget(receive, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.result)
        layout.addWidget(label(_("Devices"), "subheading"))
        layout.addWidget(self.peers, 1)
        layout.addWidget(folders)
        return page

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.ctx.is_unlocked:
            return
        self.ctx.runner.run(load_snapshot, self.ctx.ws, success=self._show, failure=self._failed)
        self.keys.refresh()

    def screen_shown(self) -> None:
        self.refresh()

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(*SHOWN):
            self.refresh()

    def _show(self, snap: Snapshot) -> None:
        self.snapshot = snap
        self.me.setText(
            _("This device: {device} · {role} · {unit} · key fingerprint {fp}").format(
                device=snap.me.device_id,
                role=Role(snap.me.role).label,
                unit=snap.unit_names.get(snap.me.unit_code, snap.me.unit_code),
                fp=snap.me.fingerprint,
            )
        )
        current = self.peer.currentData()
        self.peer.clear()
        for p in snap.peers:
            if not p.revoked:
                self.peer.addItem(
                    f"{p.name} — {p.worker or p.device_id} ({p.unit_code})", p.device_id
                )
        if current is not None and (i := self.peer.findData(current)) >= 0:
            self.peer.setCurrentIndex(i)
        self.export_button.setEnabled(self.peer.count() > 0)
        self.no_peer_hint.setVisible(self.peer.count() == 0)
        self.no_peer_hint.setText(
            _(
                "No recipient yet: import the key card of an OPS worker's device in the Keys "
                "tab first."
            )
            if snap.me.role == Role.COORDINATOR
            else _(
                "No recipient yet: import the key card of the coordinator's device in the "
                "Keys tab first."
            )
        )
        self.peers.fill(snap.peers, snap.unit_names)
        self._fill_conflicts(snap.conflicts)
        self.conflict_inbox.show_notices(snap.replaced)

    def _fill_conflicts(self, rows: list[ConflictView]) -> None:
        self.tabs.setTabText(1, _("&Conflicts ({n})").format(n=len(rows)))
        if self.isVisible():  # the new text brings its letter back: keep it free of clashes
            deconflict(self.window())
        self.conflict_inbox.show_conflicts(rows)

    def _failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), ok=False)

    def _say(self, text: str, ok: bool = True) -> None:
        self.result.setText(text)
        set_role(self.result, "ok" if ok else "error")

    # -- export ---------------------------------------------------------------------------
    def choose_export(self) -> None:
        peer = self.peer.currentData()
        if not peer or self.snapshot is None:
            return
        state = next((p for p in self.snapshot.peers if p.device_id == peer), None)
        seq = (state.last_sent_seq if state else 0) + 1
        name = file_name_for(self.snapshot.me.device_id, peer, seq)
        start = Path(Settings.load().sync_outbox or Path.home()) / name
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Where to save the bundle (e.g. a USB stick)"),
            str(start),
            _("Kooperacja bundles (*.kbundle)"),
        )
        if path:
            self.export_to(path)

    def export_to(self, target: str) -> None:
        peer = self.peer.currentData()
        if not peer:
            return
        self.export_button.setEnabled(False)
        self.ctx.runner.run_with_progress(
            self,
            _("Preparing the bundle…"),
            transport.export_to_file,
            self.ctx.ws,
            peer,
            Path(target),
            full=self.full.isChecked(),
            success=self._exported,
            failure=self._export_failed,
        )

    def _exported(self, result: tuple) -> None:
        export, report = result
        self.export_button.setEnabled(True)
        lines = [export.message, _("Written and verified: {path}").format(path=report.path)]
        lines += report.warnings
        self._say("\n".join(lines))
        self.full.setChecked(False)
        self.refresh()

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self._failed(exc)

    # -- import ---------------------------------------------------------------------------
    def choose_import(self) -> None:
        start = Settings.load().sync_inbox or str(Path.home())
        paths, _filter = QFileDialog.getOpenFileNames(
            self, _("Bundles to import"), start, _("Kooperacja bundles (*.kbundle)")
        )
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> None:
        self.import_button.setEnabled(False)
        self._say(_("Checking and importing…"))
        self.ctx.runner.run(
            import_files,
            self.ctx.ws,
            list(paths),
            success=self._imported,
            failure=self._import_failed,
        )

    def _imported(self, lines: list[ImportLine]) -> None:
        self.import_button.setEnabled(True)
        ok = all(line.ok for line in lines)
        self._say("\n".join(f"{line.name}: {line.message}" for line in lines), ok=ok)
        if any(line.conflicts for line in lines):
            self.tabs.setCurrentIndex(1)

    def _import_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self._failed(exc)

    @staticmethod
    def _bundle_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [
            u.toLocalFile()
            for u in mime.urls()
            if u.isLocalFile() and u.toLocalFile().endswith(FILE_SUFFIX)
        ]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._bundle_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._bundle_paths(event)
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- folders --------------------------------------------------------------------------
    def _pick_folder(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose a folder"), edit.text())
        if folder:
            edit.setText(folder)

    def save_folders_and_scan(self) -> None:
        settings = Settings.load()
        settings.sync_inbox = self.inbox.text().strip()
        settings.sync_outbox = self.outbox.text().strip()
        settings.save()
        self.folder_sync.scan()

    def _folders_scanned(self, items: list[transport.ScanItem]) -> None:
        if items:
            self._say(
                "\n".join(f"{i.name}: {i.message}" for i in items),
                ok=all(i.status != "refused" for i in items),
            )
        self.refresh()

    def _resolved(self, view: ConflictView) -> None:
        self._say(_("Conflict resolved."))
        self.refresh()
