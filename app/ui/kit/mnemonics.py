"""No two controls a window offers at once answer the same Alt+letter, in any language.

Mnemonics are written in the source and in the translations (``&Zapisz``); a translation, or a
tab page next to a window's tabs and menus, easily gives two controls one letter, and then
Alt+Z may press "Zapisz" instead of moving to "Zakres".  Rather than hoping every translator
checks every combination, the application resolves it where it happens: whenever a window or
one of its pages is shown, ``deconflict`` walks the controls reachable at that moment, keeps
the first claim of each letter (menus, then tabs, then buttons, then fields' labels), and gives
every later claimant the first free letter of its own text (a word's initial first); a
field's caption with none free takes one from an earlier caption that can move to another of
its own letters, and only when none can is it left without a mnemonic.  A page's controls
therefore get the same letters every time it is shown.  A label left without a free letter
loses its mnemonic (its field is still reached by Tab); buttons come before labels because an
action has no other keyboard way.
A letter no keyboard gives with Alt alone (a Polish "&ż" in "Ście&żka": ż is AltGr+Z) is no
claim at all: that control gets a typable letter too.  ``install(app)`` watches for those
moments.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabBar,
    QWidget,
)

_CANDIDATES = set("abcdefghijklmnopqrstuvwxyz0123456789")  # typed with Alt on any keyboard


def mnemonic_at(text: str) -> int:
    """The index of the mnemonic letter in ``text`` (after a single ``&``), -1 if none."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return i + 1
        i += 1
    return -1


def _plain(text: str) -> str:
    """``text`` without its mnemonic marker (``&&`` kept as it is)."""
    at = mnemonic_at(text)
    return text if at < 0 else text[: at - 1] + text[at:]


def _positions(plain: str) -> list[int]:
    """Where a mnemonic may go in ``plain``: word initials first, then the other letters."""
    starts = [i for i, ch in enumerate(plain) if i == 0 or not plain[i - 1].isalnum()]
    rest = [i for i in range(len(plain)) if i not in starts]
    return [
        i
        for i in starts + rest
        if plain[i].lower() in _CANDIDATES and not (i > 0 and plain[i - 1] == "&")
    ]


def relabel(text: str, used: Container[str]) -> tuple[str, str | None]:
    """``text`` with its mnemonic moved to a letter not in ``used`` (word initials first)."""
    plain = _plain(text)
    for i in _positions(plain):
        ch = plain[i].lower()
        if ch not in used:
            return plain[:i] + "&" + plain[i:], ch
    return plain, None


@dataclass
class _Claim:
    kind: str  # "menu", "tab", "button" or "label" (a field's caption or a group's title)
    text: str
    set_text: Callable[[str], None]


def _make_room(text: str, used: dict[str, _Claim]) -> tuple[str, str | None]:
    """No letter of ``text`` is free: move an earlier field caption that holds one of them to
    another free letter of its own, and take the letter it leaves.  On crowded pages (Nowa
    rodzina, Diagnoza, Program) PESEL, "Zasoby" or "Okres od" were left with no letter while a
    caption before them could just as well have used another one.  Menus, tabs and buttons keep
    their letters (they come first and have no other keyboard way)."""
    plain = _plain(text)
    for i in _positions(plain):
        ch = plain[i].lower()
        holder = used.get(ch)
        if holder is None or holder.kind != "label":
            continue
        moved, free = relabel(holder.text, used)
        if free is None:
            continue
        holder.set_text(moved)
        del used[ch]
        used[free] = _Claim(holder.kind, moved, holder.set_text)
        return plain[:i] + "&" + plain[i:], ch
    return plain, None


def _tab_text_setter(bar: QTabBar, index: int) -> Callable[[str], None]:
    return lambda text: bar.setTabText(index, text)


def _claims(window: QWidget) -> Iterator[_Claim]:
    """Each control with a mnemonic reachable now, in order of precedence."""
    if isinstance(window, QMainWindow) and window.menuBar().isVisibleTo(window):
        for action in window.menuBar().actions():
            if action.isVisible():
                yield _Claim("menu", action.text(), action.setText)
    visible = [w for w in window.findChildren(QWidget) if w.isVisibleTo(window)]
    visible = [w for w in visible if w.window() is window]
    for bar in (w for w in visible if isinstance(w, QTabBar)):
        for i in range(bar.count()):
            if bar.isTabEnabled(i) and bar.isTabVisible(i):
                yield _Claim("tab", bar.tabText(i), _tab_text_setter(bar, i))
    for w in visible:
        if isinstance(w, QAbstractButton) and not isinstance(w.parent(), QTabBar):
            yield _Claim("button", w.text(), w.setText)
    captions = [
        w
        for w in visible
        if isinstance(w, QLabel) and w.buddy() is not None and w.buddy().isVisibleTo(window)
    ]
    for w in captions:  # the fields typed most (PESEL, Zasoby…) before the other captions
        if w.buddy().property(KEY_FIELD):
            yield _Claim("label", w.text(), w.setText)
    for w in visible:
        if w in captions and not w.buddy().property(KEY_FIELD):
            yield _Claim("label", w.text(), w.setText)
        elif isinstance(w, QGroupBox):
            yield _Claim("label", w.title(), w.setTitle)


KEY_FIELD = "kooperacja_key_field"


def key_field(field: QWidget) -> QWidget:
    """Mark ``field`` as one a worker types most on a crowded page: its caption claims its
    letter before the other captions (a rarely used one loses its letter instead)."""
    field.setProperty(KEY_FIELD, True)
    return field


def deconflict(window: QWidget) -> int:
    """Give every control reachable in ``window`` a letter of its own; returns how many
    mnemonics were moved (or dropped)."""
    used: dict[str, _Claim] = {}
    moved = 0
    for claim in _claims(window):
        at = mnemonic_at(claim.text)
        if at < 0:
            continue
        key = claim.text[at].lower()
        if key in _CANDIDATES and key not in used:
            used[key] = claim
            continue
        new, new_key = relabel(claim.text, used)
        if new_key is None and claim.kind == "label":
            new, new_key = _make_room(claim.text, used)
            moved += new_key is not None
        if new_key:
            used[new_key] = _Claim(claim.kind, new, claim.set_text)
        claim.set_text(new)
        moved += 1
    return moved


class _Watcher(QObject):
    """Deconflicts a window once its (or a page's) showing has settled."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pending: list[QWidget] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget):
            window = obj.window()
            if not any(w is window for w in self._pending):
                if not self._pending:
                    QTimer.singleShot(0, self._run)
                self._pending.append(window)
        return False

    def _run(self) -> None:
        pending, self._pending = self._pending, []
        for window in pending:
            if shiboken6.isValid(window) and window.isVisible():
                deconflict(window)


def install(app: QApplication) -> None:
    """Watch every window of ``app`` (once per application)."""
    if app.property("kooperacja_mnemonics"):
        return
    app.setProperty("kooperacja_mnemonics", True)
    app.installEventFilter(_Watcher(app))
