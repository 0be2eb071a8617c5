"""The print preview dialog: pages shown in the app, "Zapisz jako PDF…" and "Drukuj…"."""

from __future__ import annotations

import os
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pypdf
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from app.printing import raster
from app.services import audit
from app.ui.context import AppContext
from app.ui.ops import OpRunner
from app.ui.printing.print_dialog import PrintPreviewDialog
from tests.printing import pdfcheck
from tests.ui.conftest import settle

pytestmark = pytest.mark.ui


@pytest.fixture
def ctx(qtbot, ws):
    context = AppContext(OpRunner())
    context.attach(ws)
    yield context
    context.runner.wait_idle()
    context.runner.shutdown()


def shown(qtbot, ctx, kind: str, **ids) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(ctx, kind, **ids)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=20_000)
    return dialog


def last_event(ws, family_id: str) -> audit.AuditRow:
    return audit.list_events(ws, family_id, limit=1)[0]


def test_preview_shows_every_page_and_is_a_view(qtbot, ctx, ws, family_case):
    dialog = shown(qtbot, ctx, "contract", family_id=family_case.family_id)
    assert dialog.document is not None
    assert dialog.page_count() == raster.page_count(dialog.document.pdf) >= 3
    pixmap = dialog.page_labels[0].pixmap()
    assert 780 <= pixmap.width() <= 800 and pixmap.height() > pixmap.width()  # A4, 96 dpi
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert dialog.windowTitle() == "Podgląd wydruku – Kontrakt socjalny"
    n = dialog.page_count()
    assert dialog.status.text() == f"{n} {'strona' if n == 1 else 'strony' if n < 5 else 'stron'}."
    event = last_event(ws, family_case.family_id)
    assert (event.action, event.detail) == ("view", "contract")


def test_save_as_pdf_writes_atomically_and_audits(
    qtbot, ctx, ws, family_case, tmp_path, monkeypatch
):
    dialog = shown(qtbot, ctx, "diagnosis", family_id=family_case.family_id)
    folder = tmp_path / "wydruki"
    folder.mkdir()
    offered = []

    def choose(parent, title, suggested, filters):
        offered.append((title, suggested, filters))
        return str(folder / "diagnoza-rodziny"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    dialog.save_button.click()
    target = folder / "diagnoza-rodziny.pdf"
    qtbot.waitUntil(target.exists, timeout=10_000)
    # the suggested name says what the document is, never whose
    assert offered[0][1].endswith(f"diagnoza-{date.today().isoformat()}.pdf")
    assert target.read_bytes() == dialog.document.pdf
    assert "Grażyna Źdźbło-Łęcka" in pdfcheck.text(target.read_bytes())
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in folder.iterdir()] == ["diagnoza-rodziny.pdf"]  # no temp file left
    qtbot.waitUntil(lambda: dialog.status.text() == "Zapisano jako PDF.")
    event = last_event(ws, family_case.family_id)
    assert (event.action, event.detail, event.record_id) == (
        "print",
        "diagnosis",
        family_case.diagnosis_id,
    )


def test_cancelled_save_writes_nothing(qtbot, ctx, ws, family_case, tmp_path, monkeypatch):
    dialog = shown(qtbot, ctx, "visit", family_id=family_case.family_id)
    before = sorted(p.name for p in tmp_path.iterdir())
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    dialog.save_button.click()
    ctx.runner.wait_idle()
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert last_event(ws, family_case.family_id).action == "view"


def test_print_paints_every_page_for_the_printer(
    qtbot, ctx, ws, family_case, tmp_path, monkeypatch
):
    dialog = shown(qtbot, ctx, "plan", family_id=family_case.family_id)
    out = tmp_path / "drukarka.pdf"  # Qt's PDF "printer" stands in for a real one

    def printer(self):
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(out))
        p.setFullPage(True)
        p.setResolution(120)
        return p

    monkeypatch.setattr(PrintPreviewDialog, "make_printer", printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.status.text() == "Wysłano do drukarki.", timeout=20_000)
    printed = pypdf.PdfReader(out)
    assert len(printed.pages) == dialog.page_count() == 2
    images = printed.pages[0]["/Resources"]["/XObject"]
    assert len(images) >= 1  # the page went to the printer as an image
    event = last_event(ws, family_case.family_id)
    assert (event.action, event.detail) == ("print", "plan")


def test_cancelled_print_is_not_audited(qtbot, ctx, ws, family_case, monkeypatch):
    dialog = shown(qtbot, ctx, "review", family_id=family_case.family_id)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected.value)
    dialog.print_button.click()
    ctx.runner.wait_idle()
    assert last_event(ws, family_case.family_id).action == "view"


def test_a_missing_document_shows_the_error(qtbot, ctx, ws, monkeypatch):
    from app.services import families

    empty = families.register_family(ws, families.FamilyInput("2005092", "Siemianówka"))
    shown_errors = []
    monkeypatch.setattr(
        "app.ui.printing.print_dialog.show_error", lambda parent, exc: shown_errors.append(exc)
    )
    dialog = PrintPreviewDialog(ctx, "diagnosis", family_id=empty.id)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=10_000)
    assert shown_errors[0].message == "Ta rodzina nie ma jeszcze diagnozy."
    assert dialog.status.text() == "Nie udało się przygotować dokumentu."
    assert not dialog.print_button.isEnabled() and dialog.page_count() == 0


def test_locking_closes_the_preview_and_drops_the_pages(qtbot, ctx, family_case):
    dialog = shown(qtbot, ctx, "consent", family_id=family_case.family_id)
    dialog.show()
    ctx.lock()
    assert dialog.document is None and dialog.page_count() == 0
    assert not dialog.isVisible()


def test_ask_runs_the_dialog_modally(qtbot, ctx, family_case, monkeypatch):
    seen = []

    def fake_exec(self):
        qtbot.waitUntil(lambda: self.page_count() > 0, timeout=20_000)
        seen.append((self.kind, self.ids, self.page_count()))
        self.reject()
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(PrintPreviewDialog, "exec", fake_exec)
    result = PrintPreviewDialog.ask(
        None, ctx, "blank-visit", family_id=family_case.family_id, review_id=None
    )
    assert result == QDialog.DialogCode.Rejected.value
    assert seen == [("blank-visit", {"family_id": family_case.family_id}, 1)]


def test_closed_dialogs_are_destroyed_on_the_gui_thread(qtbot, ctx, ws, family_case, monkeypatch):
    """Closing a preview (before or after its pages arrived) destroys it at once on the GUI
    thread; a late result from the DB thread is ignored.  Left to the garbage collector or to
    the DB thread's last reference, Qt would crash."""
    import gc

    rounds = []

    def fake_exec(self):
        if len(rounds) % 2:
            qtbot.waitUntil(lambda: self.page_count() > 0, timeout=20_000)
        rounds.append(self.page_count())
        self.reject()
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(PrintPreviewDialog, "exec", fake_exec)
    for _round in range(6):
        PrintPreviewDialog.ask(None, ctx, "visit", family_id=family_case.family_id)
        gc.collect()
        QApplication.processEvents()
    settle(ctx, qtbot)  # every late result has reached the GUI thread (and been ignored)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
    assert len(rounds) == 6 and all(rounds[1::2])
    assert audit.list_events(ws, family_case.family_id, limit=1)[0].detail == "visit"
