"""No English in Qt's own dialogs: the file dialog, message boxes, button boxes, context menus.

Qt's stock widgets are opened offscreen once in English and once in Polish (as
``make_application`` sets them up); a text that is the same in both is English left over.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.ui.theme import install_qt_translations

# The same in Polish and in English.
SAME_IN_BOTH = {"", "OK"}


@pytest.fixture
def qt_language(qapp):
    locale = QLocale()

    def switch(lang: str) -> None:
        install_qt_translations(qapp, lang)

    yield switch
    install_qt_translations(qapp, "en")  # the other tests run with Qt's English, as before
    QLocale.setDefault(locale)


def texts_of(root: QWidget) -> set[str]:
    """Every text a user reads in ``root``: labels, buttons, tool tips, menus, headers."""
    out: set[str] = {root.windowTitle()}
    for w in (root, *root.findChildren(QWidget)):
        out.add(w.toolTip())
        if isinstance(w, QLabel | QAbstractButton):
            out.add(w.text())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            columns = range(model.columnCount(w.rootIndex()))
            out |= {str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns}
            for row in range(model.rowCount(w.rootIndex())):  # each file's type (its size and
                if model.columnCount(w.rootIndex()) > 2:  # date follow the system's locale)
                    out.add(str(model.index(row, 2, w.rootIndex()).data() or ""))
    for action in root.findChildren(QAction):
        out |= {action.text(), action.toolTip()}
    return {t for t in out if t.strip() and not t.isdigit()}  # a number: a section, a year


def file_dialog_texts(tmp_path: Path) -> set[str]:
    """Open the file dialog as the application does (``QFileDialog.getOpenFileName``, which is
    Qt's own dialog offscreen and on a Linux desktop) on a folder with a key card and a folder,
    in the detailed view, and read it."""
    (tmp_path / "karta-klucza-pcpr.card").write_text("{}", encoding="utf-8")
    (tmp_path / "archiwum").mkdir(exist_ok=True)
    seen: set[str] = set()

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        for _ in range(50):  # the folder is read in a thread: wait for both entries
            QApplication.processEvents()
            view = next(v for v in dialog.findChildren(QAbstractItemView) if v.isVisible())
            if view.model().rowCount(view.rootIndex()) >= 2:
                break
        seen.update(texts_of(dialog))
        for combo in dialog.findChildren(QComboBox):  # the filter is ours, the folder a path
            seen.discard(combo.currentText())
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    QFileDialog.getOpenFileName(None, "Karta", str(tmp_path), "Karty klucza (*.card)")
    assert seen, "the file dialog did not open"
    return seen - {"Karta", "karta-klucza-pcpr.card", "archiwum", str(tmp_path)}


def test_the_file_dialog_has_no_english_label(qt_language, tmp_path):
    qt_language("en")
    english = file_dialog_texts(tmp_path)
    assert {"&Look in:", "Files of &type:", "Folder"} <= english  # what the worker saw
    qt_language("pl")
    polish = file_dialog_texts(tmp_path)
    assert {"&Szukaj w:", "Pliki &typu:", "Katalog"} <= polish
    assert (polish & english) - SAME_IN_BOTH == set()


def stock_widgets() -> dict[str, QWidget]:
    box = QMessageBox(QMessageBox.Icon.Question, "", "")
    buttons = QMessageBox.StandardButton
    every = buttons.NoButton
    for b in (buttons.Ok, buttons.Save, buttons.SaveAll, buttons.Open, buttons.Yes):
        every |= b
    for b in (buttons.YesToAll, buttons.No, buttons.NoToAll, buttons.Abort, buttons.Retry):
        every |= b
    for b in (buttons.Ignore, buttons.Close, buttons.Cancel, buttons.Discard, buttons.Help):
        every |= b
    for b in (buttons.Apply, buttons.Reset, buttons.RestoreDefaults):
        every |= b
    box.setStandardButtons(every)
    box.setDetailedText("…")  # the "Show Details…" button
    button_box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
    )
    wizard = QWizard()
    wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # as the first-run wizard
    wizard.addPage(QWizardPage())
    wizard.addPage(QWizardPage())
    line, text = QLineEdit("abc"), QPlainTextEdit("abc")
    return {
        "line edit": line,  # keeps its menu alive
        "text edit": text,
        "message box": box,
        "button box": button_box,
        "wizard": wizard,
        "line edit menu": line.createStandardContextMenu(),
        "text edit menu": text.createStandardContextMenu(),
        "calendar": QCalendarWidget(),
    }


def test_message_boxes_button_boxes_menus_and_the_calendar_speak_polish(qapp, qt_language):
    qt_language("en")
    widgets = stock_widgets()
    for w in widgets.values():
        w.show()
    english = {name: texts_of(w) for name, w in widgets.items()}
    for w in widgets.values():
        w.close()
    assert "&Undo\tCtrl+Z" in english["line edit menu"] and "&Yes" in english["message box"]
    qt_language("pl")
    widgets = stock_widgets()
    for w in widgets.values():
        w.show()
    polish = {name: texts_of(w) for name, w in widgets.items()}
    for w in widgets.values():
        w.close()
    left = {name: (polish[name] & english[name]) - SAME_IN_BOTH for name in widgets}
    assert left == {name: set() for name in widgets}
