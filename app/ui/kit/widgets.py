"""Small widgets every window shares: labels with a style role, the passphrase field and meter,
the question before a removal.

``label`` is the one label helper (``form_kit.buddy_label`` is ``label`` with a buddy and no
wrapping); tables are set up by ``form_kit.setup_table`` and ``form_kit.list_table``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.store.keys import Strength
from app.ui.theme import STRENGTH_COLOURS, Colour, apply_role


def clear_layout(layout: QLayout) -> None:
    """Take every item out of ``layout`` and delete the widgets it held."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def label(
    text: str, role: str = "", *, wrap: bool | None = None, buddy: QWidget | None = None
) -> QLabel:
    """A label with a style role ("heading", "error", "muted" …, see ``theme.ROLES``).

    Text wraps, except a field's caption (a label with a buddy): wrapped in a form row, "Plik
    kopii:" broke in two and lost its top line at 1366×768.
    """
    widget = QLabel(text)
    widget.setWordWrap(buddy is None if wrap is None else wrap)
    if role:
        apply_role(widget, role)
    if buddy is not None:
        widget.setBuddy(buddy)
        if not buddy.accessibleName():  # a screen reader names the field as the label does
            buddy.setAccessibleName(text.replace("&", "").rstrip(":"))
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def set_role(widget: QWidget, role: str) -> None:
    """Change a label's style role."""
    apply_role(widget, role)


def password_edit(accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible_name)
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)  # no IME history
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no "copy" of a secret
    return edit


class StrengthMeter(QWidget):
    """Five-step bar with zxcvbn's verdict in words under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.bar.setAccessibleName(_("Passphrase strength"))
        self.message = label("", "muted")
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label(_("Strength:"), wrap=False))
        row.addWidget(self.bar, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.show_strength(None)

    def show_strength(self, verdict: Strength | None) -> None:
        score = verdict.score if verdict else 0
        self.bar.setValue(score if verdict and verdict.acceptable else min(score, 2))
        colour = STRENGTH_COLOURS[score] if verdict else Colour.EMPTY
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        self.message.setText(verdict.message if verdict else "")
        self.bar.setAccessibleDescription(verdict.message if verdict else "")


def ask_to_remove(parent: QWidget | None, title: str, question: str) -> bool:
    """A removal asks first, with "No" the default: Enter keeps the record (Qt's own default
    for a question without one is "Yes")."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
