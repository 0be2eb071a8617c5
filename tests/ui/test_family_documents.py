"""Dokumenty: attach a scan or photo (chooser or drag and drop), stored encrypted, open it again:
images in the in-app viewer, other files only where the user chooses."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage

from app.services import attachments, casefile
from app.ui.family.attachment_dialog import AttachmentDialog
from app.ui.family.documents_tab import DocumentsTab
from app.ui.family.file_chooser import FileChooser
from app.ui.family.image_viewer_dialog import ImageViewerDialog
from tests.ui._family_support import (
    drive_dialogs,
    open_window,
    unsaved_answers_fixture,  # noqa: F401
)
from tests.ui.conftest import settle


def documents(window) -> DocumentsTab:
    return next(t for t in window.tab_pages if isinstance(t, DocumentsTab))


def make_photo(path: Path) -> bytes:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a7ab0"))
    assert image.save(str(path), "PNG")
    return path.read_bytes()


def test_attach_a_photo_and_view_it_inside_the_program(
    ctx, qtbot, family_case, tmp_path, monkeypatch
):
    photo = tmp_path / "zgoda_podpisana.png"
    content = make_photo(photo)
    titles = []

    def fill(dialog: AttachmentDialog) -> None:
        assert dialog.title_edit.text() == "zgoda_podpisana"
        assert dialog.kind.code() == "photo"
        dialog.title_edit.setText("Zgoda podpisana przez matkę")
        titles.append(dialog.windowTitle())

    drive_dialogs(monkeypatch, qtbot, {AttachmentDialog: fill})
    monkeypatch.setattr(FileChooser, "ask_open", classmethod(lambda cls, parent: [photo]))
    w = open_window(ctx, qtbot, family_case.family_id)
    tab = documents(w)
    with qtbot.waitSignal(w.loaded, timeout=20_000):
        tab.attach()
    assert titles == ["Dołącz dokument"]
    assert tab.model.rowCount() == 1
    att = tab.model.row_at(0)
    assert att.title == "Zgoda podpisana przez matkę" and att.mime_type == "image/png"
    assert attachments.read_attachment(ctx.ws, att.id)[1] == content  # stored in the database

    shown: list[QImage] = []
    monkeypatch.setattr(
        ImageViewerDialog, "ask", classmethod(lambda cls, p, t, image: shown.append(image))
    )
    saves = []
    monkeypatch.setattr(FileChooser, "ask_save", classmethod(lambda cls, *a: saves.append(a)))
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    tab.open_current()
    settle(ctx, qtbot)
    assert len(shown) == 1 and (shown[0].width(), shown[0].height()) == (64, 48)
    assert shown[0].pixelColor(10, 10) == QColor("#2a7ab0")
    assert saves == []  # an image is shown, never written anywhere


def test_other_files_are_written_only_where_the_user_chooses(
    ctx, qtbot, family_case, tmp_path, monkeypatch
):
    pdf = b"%PDF-1.4\n% kontrakt socjalny\n"
    attachments.add_attachment(
        ctx.ws, family_case.family_id, title="Kontrakt", content=pdf, filename="kontrakt.pdf"
    )
    target = tmp_path / "wybrany" / "kontrakt-kopia.pdf"
    asked = []

    def ask_save(cls, parent, filename):
        asked.append(filename)
        return target

    monkeypatch.setattr(FileChooser, "ask_save", classmethod(ask_save))
    monkeypatch.setattr(
        ImageViewerDialog, "ask", classmethod(lambda *a: (_ for _ in ()).throw(AssertionError))
    )
    w = open_window(ctx, qtbot, family_case.family_id)
    tab = documents(w)
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    tab.open_current()
    settle(ctx, qtbot)
    assert asked == ["kontrakt.pdf"]
    assert target.read_bytes() == pdf
    assert tab.last_saved == target
    assert sorted(p.name for p in target.parent.iterdir()) == ["kontrakt-kopia.pdf"]


def test_dropping_files_attaches_them(ctx, qtbot, family_case, tmp_path, monkeypatch):
    first, second = tmp_path / "skan1.png", tmp_path / "skan2.png"
    make_photo(first)
    make_photo(second)
    drive_dialogs(monkeypatch, qtbot, {AttachmentDialog: lambda d: None})
    w = open_window(ctx, qtbot, family_case.family_id)
    tab = documents(w)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    event = QDropEvent(
        QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    tab.dropEvent(event)
    settle(ctx, qtbot)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=10_000)
    stored = casefile.reload_family(ctx.ws, family_case.family_id).attachments
    assert sorted(a.filename for a in stored) == ["skan1.png", "skan2.png"]
