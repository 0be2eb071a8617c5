"""The main window: a sidebar of screens, the menu, the status bar — and nothing else.

Screens come from the registry in ``screens.py`` and are built when first shown; the window
keeps no case data of its own.  ``clear()`` (on lock) destroys every screen, ``rebuild()``
(after a language change) also renames the sidebar and menus.  Locking, unlocking and quitting
are the ``SessionController``'s business: the window only emits ``lock_requested`` and
``quit_requested``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.i18n import _
from app.ui import screens
from app.ui.context import AppContext
from app.ui.kit.screen_fit import resize_to_fit
from app.ui.kit.widgets import label
from app.ui.theme import NAVIGATION_STYLE, app_icon, error_style

SIDEBAR_WIDTH = 210


def _no_result(slot: Callable[[], object]) -> Callable[..., None]:
    """A slot that returns nothing: PySide6 6.12 drops a reference to a ``bool`` returned by a
    Python slot (``close()``, ``emit()`` return one), which crashes the interpreter later."""

    def call(*_args: object) -> None:
        slot()

    return call


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._screens: dict[str, QWidget] = {}
        self._specs: list[screens.ScreenSpec] = []
        self._current = "today"
        self.setWindowIcon(app_icon())
        self.setMinimumSize(QSize(1000, 600))
        resize_to_fit(self, 1366, 768)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setStyleSheet(NAVIGATION_STYLE)
        self.nav.setAccessibleName(_("Sections"))
        self.nav.setFixedWidth(SIDEBAR_WIDTH)
        self.nav.currentRowChanged.connect(self._row_changed)
        self.who = label("", "muted")
        self.lock_button = QPushButton()
        # Tab goes from the sidebar straight into the screen; Ctrl+L and the menu lock too.
        self.lock_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lock_button.clicked.connect(self.lock_requested)
        side = QWidget()
        side.setObjectName("sidebar")
        side.setFixedWidth(SIDEBAR_WIDTH)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 8)
        side_layout.addWidget(self.nav, 1)
        side_layout.addWidget(self.who)
        side_layout.addWidget(self.lock_button)
        self.who.setContentsMargins(10, 0, 10, 0)

        self.stack = QStackedWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(side)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.setAccessibleName(_("Working"))
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        ctx.runner.busy_changed.connect(self.busy.setVisible)
        # A clock behind the newest change held stays said until the next unlock finds it right.
        self.clock_warning = QLabel()
        self.clock_warning.setWordWrap(True)
        self.clock_warning.setStyleSheet(error_style())
        self.clock_warning.hide()
        self.statusBar().addWidget(self.clock_warning, 1)
        self.rebuild()

    def show_clock_warning(self, message: str) -> None:
        """Show (or, with an empty message, clear) the warning about this computer's clock."""
        self.clock_warning.setText(message)
        self.clock_warning.setVisible(bool(message))

    # -- building --------------------------------------------------------------------------
    def rebuild(self) -> None:
        """(Re)create sidebar, menus and texts in the current language; screens are rebuilt
        when shown."""
        self.clear()
        coordinator = self.ctx.is_unlocked and self.ctx.ws.is_coordinator
        self._specs = screens.specs_for(coordinator)
        self.nav.blockSignals(True)
        self.nav.clear()
        for spec in self._specs:
            item = QListWidgetItem(spec.label)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"{spec.label} ({spec.shortcut})" if spec.shortcut else spec.label)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spec.label)
            self.nav.addItem(item)
        self.nav.blockSignals(False)
        self.lock_button.setText(_("&Lock (Ctrl+L)"))
        self.lock_button.setAccessibleName(_("Lock the program"))
        self._build_menus()
        self.refresh_identity()

    def refresh_identity(self) -> None:
        if self.ctx.is_unlocked:
            identity = self.ctx.ws.identity
            self.who.setText(f"{identity.name}\n{identity.worker_name}")
            # Qt adds " — Kooperacja" (the application's display name) to every title itself.
            self.setWindowTitle(identity.name)
        else:
            self.who.setText("")
            self.setWindowTitle(_("Kooperacja"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        program = bar.addMenu(_("&Program"))
        self._action(program, _("&New family…"), QKeySequence.StandardKey.New, self.new_family)
        program.addSeparator()
        self._action(program, _("&Lock"), "Ctrl+L", self.lock_requested.emit)
        self._action(program, _("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        view = bar.addMenu(_("&View"))
        for spec in self._specs:
            self._action(view, spec.label, spec.shortcut, lambda k=spec.key: self.show_screen(k))
        view.addSeparator()
        self._action(view, _("&Find"), QKeySequence.StandardKey.Find, self.focus_search)
        help_menu = bar.addMenu(_("&Help"))
        self._action(help_menu, _("&About Kooperacja"), "", self.about)

    def _action(self, menu, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(_no_result(slot))
        menu.addAction(action)
        return action

    # -- screens ---------------------------------------------------------------------------
    def current_key(self) -> str:
        return self._current

    def current_tab(self) -> int:
        """The tab the current screen shows (0 for a screen without tabs)."""
        tabs = _tabs_of(self._screens.get(self._current))
        return tabs.currentIndex() if tabs is not None else 0

    def screen_widget(self, key: str) -> QWidget | None:
        """The screen widget for ``key`` if it has been built."""
        return self._screens.get(key)

    def show_screen(self, key: str, tab: int = -1) -> QWidget | None:
        """Show the screen for ``key`` (built if needed), on its tab ``tab`` if it has tabs
        (-1: the one it shows)."""
        spec = next((s for s in self._specs if s.key == key), None)
        if spec is None or not self.ctx.is_unlocked:
            return None
        widget = self._screens.get(key)
        if widget is None:
            widget = screens.create_screen(spec, self.ctx)
            widget.setObjectName(f"screen_{key}")
            self._screens[key] = widget
            self.stack.addWidget(widget)
        self._current = key
        tabs = _tabs_of(widget)
        if tabs is not None and 0 <= tab < tabs.count():
            tabs.setCurrentIndex(tab)
        self.stack.setCurrentWidget(widget)
        row = self._specs.index(spec)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        shown = getattr(widget, "screen_shown", None)
        if callable(shown):
            shown()
        return widget

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self._specs):
            self.show_screen(self._specs[row].key)

    def clear(self) -> None:
        """Destroy every screen (and the case data in it); they are rebuilt when shown."""
        for widget in self._screens.values():
            self.stack.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._screens.clear()

    def focus_search(self) -> None:
        """Ctrl+F: the current screen's own search, else the family search."""
        widget = self._screens.get(self._current)
        if not callable(getattr(widget, "focus_search", None)):
            widget = self.show_screen("families")
        focus = getattr(widget, "focus_search", None)
        if callable(focus):
            focus()

    # -- actions ---------------------------------------------------------------------------
    def new_family(self) -> None:
        self.ctx.events.new_family_requested.emit()

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About Kooperacja"),
            _(
                "Kooperacja {version}\n\nCase files of the Model Kooperacji for social "
                "workers and powiat coordinators. Everything is kept encrypted on this computer."
            ).format(version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Quitting goes through the session (drafts saved, database locked, clipboard cleared).
        event.ignore()
        self.quit_requested.emit()


def _tabs_of(widget: QWidget | None) -> QTabWidget | None:
    """A screen's own tabs (``tabs``: the Zespół, Synchronizacja and Ochrona danych screens)."""
    tabs = getattr(widget, "tabs", None)
    return tabs if isinstance(tabs, QTabWidget) else None
