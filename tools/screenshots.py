"""Save a screenshot of every screen with demo data into ``docs/screenshots/`` (1366×768).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [--families 120] [--out DIR]

Everything happens in a throw-away folder: two demo databases (an OPS worker's and a powiat
coordinator's), the real windows of the program, ``QWidget.grab()`` offscreen.  Screens of other
parts of the program (family file, registry, sync, printing) are included when they exist.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import unicodedata
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TMP = tempfile.mkdtemp(prefix="kooperacja-shots-")
os.environ["KOOPERACJA_DATA_DIR"] = _TMP  # settings of the run stay out of the user's folder

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app import demo  # noqa: E402
from app.errors import WrongPassphrase  # noqa: E402
from app.i18n import set_language  # noqa: E402
from app.services import drafts, search, setup  # noqa: E402
from app.services.setup_flow import SetupFlow  # noqa: E402
from app.store import keys  # noqa: E402
from app.store.keys import TEST_KDF  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.main import make_application  # noqa: E402
from app.ui.screens import UnavailableScreen  # noqa: E402
from app.ui.session import SessionController  # noqa: E402

# Throwaway databases (also those the wizard makes): the cheap key derivation of the tests.
keys.default_kdf = lambda: TEST_KDF

SIZE = (1366, 768)
PASSPHRASE = "zrzuty-ekranu-Narewka-2024"
SCREEN_NAMES = {
    "today": "dzis",
    "families": "rodziny",
    "team": "wspolpraca",
    "catalog": "koszyk-uslug",
    "history": "historia",
    "sync": "synchronizacja",
    "dashboard": "pulpit-powiatu",
    "rodo": "ochrona-danych",
    "settings": "ustawienia",
}


def tab_slug(text: str) -> str:
    """A file name from a tab's own title: its first word, plain ASCII ("Ścieżka sprawy" →
    "sciezka").  A fixed list of names went wrong when a tab was added before "Historia"."""
    word = text.replace("&", "").split()[0] if text.strip() else "karta"
    plain = unicodedata.normalize("NFKD", word.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in plain if c.isascii() and c.isalnum()).lower() or "karta"


class Shooter:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.saved: list[str] = []
        out.mkdir(parents=True, exist_ok=True)
        for old in out.glob("*.png"):  # a screen that went away must not leave its picture
            old.unlink()

    def save(self, name: str, widget: QWidget, size: tuple[int, int] | None = SIZE) -> None:
        if size is not None:
            widget.resize(*size)
        widget.show()
        pump()
        pump()
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path.name)
        print(f"  {path.name}")


def pump(ctx: AppContext | None = None) -> None:
    app = QApplication.instance()
    for _ in range(3):
        if ctx is not None:
            ctx.runner.wait_idle(timeout=300)
        app.processEvents()
        if ctx is not None:
            while ctx.runner.pending:
                app.processEvents()


def make_database(folder: Path, role: str, unit: str, families: int) -> Path:
    path = folder / f"{role}.db"
    ws = setup.initialize(
        path,
        PASSPHRASE,
        role=role,
        unit_code=unit,
        name="Gminny Ośrodek Pomocy Społecznej w Narewce"
        if role == "ops"
        else "Powiatowe Centrum Pomocy Rodzinie w Hajnówce",
        worker_name="Anna Kowalczyk" if role == "ops" else "Ewa Zawadzka",
        kdf=TEST_KDF,
    )
    try:
        demo.generate(ws, families=families, seed=2024)
    finally:
        ws.lock()
    return path


def open_session(db: Path) -> SessionController:
    ctx = AppContext()
    session = SessionController(ctx, db)
    session.idle.stop()
    ws = setup.open_workspace(db, PASSPHRASE)
    session.enter(ws)
    session.idle.stop()  # a long run of screenshots must not lock itself
    session.main_window.showNormal()
    session.main_window.resize(*SIZE)
    pump(ctx)
    return session


def shoot_first_run(shot: Shooter, folder: Path) -> None:
    ctx = AppContext()
    session = SessionController(ctx, folder / "nowa.db")
    wizard = session.show_wizard(SetupFlow(folder / "nowa.db"))
    size = (760, 560)
    shot.save("01-kreator-rola", wizard, size)
    wizard.next()
    unit = wizard.pages["unit"]
    unit.edit.setText("nare")
    unit.search("nare")
    pump()
    shot.save("02-kreator-gmina", wizard, size)
    popup = unit.completer.popup()
    if popup.isVisible():
        # The completer popup is a separate window: paint it onto the wizard's picture.
        picture = wizard.grab()
        painter = QPainter(picture)
        at = wizard.mapFromGlobal(popup.mapToGlobal(QPoint(0, 0)))
        painter.drawPixmap(at, popup.grab())
        painter.end()
        picture.save(str(shot.out / "02-kreator-gmina.png"))
    unit.completer.activated[str].emit(unit.model.stringList()[1])
    popup.hide()
    wizard.next()
    wizard.pages["identity"].worker.setText("Anna Kowalczyk")
    wizard.next()
    page = wizard.pages["passphrase"]
    page.first.setText("kowalczyk2024")
    shot.save("03-kreator-haslo-slabe", wizard, size)
    page.first.setText("zielony-most-nad-Narwią-42")
    page.second.setText("zielony-most-nad-Narwią-42")
    page.understood.setChecked(True)
    shot.save("04-kreator-haslo", wizard, size)
    wizard.next()
    shot.save("05-kreator-podsumowanie", wizard, size)
    wizard.hide()
    ctx.runner.shutdown()


def shoot_unlock(shot: Shooter, db: Path) -> None:
    ctx = AppContext()
    session = SessionController(ctx, db)
    window = session.show_unlock()
    shot.save("06-odblokowanie", window)
    window.passphrase.setText("to-nie-to-haslo")
    window._refused(WrongPassphrase())
    shot.save("07-odblokowanie-bledne-haslo", window)
    window.throttle.record_success()
    window.hide()
    ctx.runner.shutdown()


def shoot_main(shot: Shooter, session: SessionController, prefix: str, keys: list[str]) -> None:
    window = session.main_window
    for number, key in keys:
        screen = window.show_screen(key)
        pump(session.ctx)
        if screen is None or isinstance(screen, UnavailableScreen):
            print(f"  (skipped {key}: not part of the program yet)")
            continue
        if key == "families":
            screen.table.selectRow(2)
        shot.save(f"{number}-{prefix}{SCREEN_NAMES[key]}", window)


def shoot_rodo_tabs(shot: Shooter, session: SessionController, tabs: list[tuple[str, int]]) -> None:
    """Ochrona danych beyond its first tab (the audit log, the register and the basis)."""
    screen = session.main_window.show_screen("rodo")
    pump(session.ctx)
    pages = getattr(screen, "tabs", None)
    if pages is None:
        return
    for number, index in tabs:
        pages.setCurrentIndex(index)
        pump(session.ctx)
        name = tab_slug(pages.tabText(index))
        shot.save(f"{number}-{SCREEN_NAMES['rodo']}-{name}", session.main_window)
    pages.setCurrentIndex(0)


def shoot_family_search(shot: Shooter, session: SessionController) -> None:
    window = session.main_window
    screen = window.show_screen("families")
    # Three letters of a surname that exists in this demo data, as a worker would type them.
    first = search.search_families(session.ctx.ws, sort="name", limit=1).rows[0]
    screen.search.setText(first.head_name.split()[0][:3].lower())
    screen.apply_filters()
    pump(session.ctx)
    shot.save("10-rodziny-wyszukiwanie", window)
    screen.search.clear()
    screen.overdue.setChecked(True)
    pump(session.ctx)
    shot.save("11-rodziny-zalegle-oceny", window)
    screen.overdue.setChecked(False)
    pump(session.ctx)


def shoot_family_file(shot: Shooter, session: SessionController) -> None:
    ctx = session.ctx
    page = search.search_families(ctx.ws, status="monitoring", limit=5)
    if not page.rows:
        return
    window = session.launcher.open(page.rows[0].id)
    if window is None:
        return
    window.resize(*SIZE)
    pump(ctx)
    tabs = getattr(window, "tabs", None)
    count = tabs.count() if tabs is not None else 1
    for i in range(count):
        if tabs is not None:
            tabs.setCurrentIndex(i)
        pump(ctx)
        name = tab_slug(tabs.tabText(i)) if tabs is not None else "rodzina"
        shot.save(f"{20 + i}-rodzina-{name}", window)
    window.hide()
    window.deleteLater()
    pump(ctx)


def shoot_dialogs(shot: Shooter, session: SessionController) -> None:
    from app.ui.drafts_dialog import DraftRecoveryDialog
    from app.ui.passphrase_dialogs import ChangePassphraseDialog, RestoreDialog

    ctx = session.ctx
    ws = ctx.ws
    ids = [r.id for r in search.search_families(ws, limit=2).rows]
    drafts.save_draft(ws, f"visit:{ids[0]}:new", "Wizyta — nowa notatka", {"notes": "…"})
    drafts.save_draft(ws, f"review:{ids[-1]}:new", "Ocena okresowa — szkic", {})
    dialog = DraftRecoveryDialog(drafts.list_drafts(ws), session.main_window)
    shot.save("40-wersje-robocze", dialog, None)
    dialog.hide()
    for key in (f"visit:{ids[0]}:new", f"review:{ids[-1]}:new"):
        drafts.discard_draft(ws, key)
    change = ChangePassphraseDialog((ws.identity.name,), session.main_window)
    change.old.setText("x" * 14)
    change.new.setText("czerwony-rower-pod-Białowieżą-77")
    shot.save("41-zmiana-hasla", change, None)
    change.hide()
    restore = RestoreDialog(session.main_window)
    restore.path.setText(str(Path.home() / "Dokumenty" / "kooperacja-kopia-2026-03-02.db"))
    shot.save("42-przywracanie-kopii", restore, None)
    restore.hide()
    _shoot_print_dialog(shot, session, ids[0])


def _shoot_print_dialog(shot: Shooter, session: SessionController, family_id: str) -> None:
    try:
        from app.ui.printing.print_dialog import PrintPreviewDialog
    except ImportError:
        return
    dialog = PrintPreviewDialog(session.ctx, "plan", session.main_window, family_id=family_id)
    dialog.start()
    pump(session.ctx)
    shot.save("43-drukowanie-ipw", dialog, (1100, 740))
    dialog.hide()


def run(out: Path, families: int) -> list[str]:
    set_language("pl")
    app = make_application(sys.argv[:1])
    shot = Shooter(out)
    folder = Path(_TMP)
    print("demo databases…")
    ops_db = make_database(folder, "ops", "2005092", families)
    coordinator_db = make_database(folder, "coordinator", "2005", families)
    print("screens:")
    shoot_first_run(shot, folder)
    shoot_unlock(shot, ops_db)
    session = open_session(ops_db)
    shoot_main(shot, session, "", [("08", "today"), ("09", "families")])
    shoot_family_search(shot, session)
    shoot_main(
        shot,
        session,
        "",
        [
            ("12", "team"),
            ("13", "catalog"),
            ("14", "history"),
            ("15", "sync"),
            ("16", "settings"),
            ("17", "rodo"),
        ],
    )
    shoot_rodo_tabs(shot, session, [("18", 3), ("19", 4)])
    shoot_family_file(shot, session)
    shoot_dialogs(shot, session)
    close(session)
    session = open_session(coordinator_db)
    shoot_main(shot, session, "koordynator-", [("50", "today"), ("51", "dashboard")])
    shoot_main(shot, session, "koordynator-", [("52", "families"), ("53", "sync")])
    close(session)
    app.processEvents()
    return shot.saved


def close(session: SessionController) -> None:
    session._quitting = True
    session.ctx.lock()
    for window in QApplication.topLevelWidgets():
        window.hide()
    session.ctx.runner.shutdown()
    pump()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--families", type=int, default=120)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    saved = run(Path(args.out), args.families)
    print(f"{len(saved)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # skip Qt's teardown of a long offscreen session
