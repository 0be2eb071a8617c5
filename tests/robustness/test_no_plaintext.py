"""No plaintext at rest, and keys that stay out of files and SQL (a lost laptop leaks nothing).

Known canary values -- names with Polish diacritics, valid PESELs, notes, an attachment, a form
draft -- go in through the services; a dump is made to a string in memory; a command fails with
an exception raised inside a service (so the error path writes the log).  Then every file the
application could have written is scanned for every canary in UTF-8, UTF-16-LE/BE, upper-cased,
case-folded and diacritics-folded: the database folder (``.db``, ``-wal``, ``-shm``, a backup),
the private temporary folder, the log and settings folders.  A plain SQLite control file with
the same canaries proves the scanner finds them when they are there.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, event
from sqlalchemy import text as sql_text
from sqlalchemy.exc import IntegrityError
from stdnum.pl import pesel as stdnum_pesel

from app import cli
from app.config import data_dir, log_dir
from app.errors import WrongPassphrase
from app.logs import setup_logging
from app.services import (
    attachments,
    casefile,
    diagnosis,
    drafts,
    dump,
    families,
    persons,
    search,
    setup,
    visits,
)
from app.services.text import fold
from app.store import connection, keys
from app.store.vault import SQLITE_PLAIN_HEADER, Vault, read_salt
from tests.conftest import OPS_GMINA, PASSPHRASE
from tests.factories import PESEL_CHILD, PESEL_FATHER, PESEL_MOTHER, make_full_case

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")
TOKEN = "KNR-7Q3X-Żółć"  # a marker no real text contains
SURNAME = "Kanarkiewicz-Źdźbłowska"
FIRST_NAME = "Gżegżółka"
NOTE = f"Notatka kanarkowa {TOKEN}: zażółć gęślą jaźń, dług u sąsiadki Pelagii."
HEALTH = f"Zdrowie {TOKEN}: leczenie w poradni uzależnień w Hajnówce."
DIAGNOSIS = f"Wnioski {TOKEN}: przemoc w rodzinie zgłoszona przez szkołę."
DRAFT = f"Szkic {TOKEN}: matka nie otwiera drzwi kuratorowi."
STREET = "Kanarkowa Źródlana"
ATTACHMENT = f"%PDF-1.4 skan zgody {TOKEN} podpisany przez {FIRST_NAME} {SURNAME}".encode()
BULK = 40  # further canary members, each with its own name and PESEL


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """A temporary folder of this test's own, for Python and for SQLite."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setenv("SQLITE_TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert Path(tempfile.gettempdir()) == folder
    return folder


@pytest.fixture
def app_logging():
    """The application's file logging (as the CLI sets it up); the root logger restored after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield setup_logging
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@contextmanager
def only_app_log_handlers() -> Iterator[None]:
    """The root logger with only the application's handlers, as the application runs.

    pytest puts capture handlers on the root logger; a formatter that runs before ours caches
    the full traceback text on the record (``record.exc_text``), which ours would then reuse.
    See ``test_log_scrubbing_survives_another_handler_formatting_first``.
    """
    root = logging.getLogger()
    foreign = [h for h in root.handlers if not getattr(h, "_kooperacja", False)]
    for handler in foreign:
        root.removeHandler(handler)
    try:
        yield
    finally:
        for handler in foreign:
            root.addHandler(handler)


def make_pesel(born: date, serial: int, female: bool) -> str:
    month = born.month + (20 if born.year >= 2000 else 0)
    sex = (serial % 5) * 2 + (0 if female else 1)
    base = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial % 1000:03d}{sex}"
    return base + stdnum_pesel.calc_check_digit(base)


def bulk_names(n: int) -> list[str]:
    syllables = ("Żół", "gęś", "jaź", "ćwi", "łęk", "źdź", "śmi", "ńów", "pąk", "róż")
    return [f"Kanar{syllables[i % 10]}{syllables[(i // 10) % 10]}ówna-Ćmielów" for i in range(n)]


def variants(value: str) -> set[bytes]:
    """The byte patterns under which ``value`` could sit in a file."""
    out = set()
    for form in {value, value.casefold(), value.upper(), value.lower(), fold(value)}:
        for encoding in ENCODINGS:
            data = form.encode(encoding)
            if len(data) >= 8:
                out.add(data)
    return out


def files_in(*folders: Path, recursive: bool = True) -> list[Path]:
    found = []
    for folder in folders:
        if folder.is_dir():
            pattern = folder.rglob("*") if recursive else folder.iterdir()
            found += [p for p in pattern if p.is_file()]
    return found


def scan(paths: Iterable[Path], needles: dict[bytes, str]) -> Iterator[tuple[str, str]]:
    for path in paths:
        data = path.read_bytes()
        for needle, label in needles.items():
            if needle in data:
                yield path.name, label


def canary_needles(values: Iterable[str], raw: Iterable[bytes] = ()) -> dict[bytes, str]:
    needles: dict[bytes, str] = {}
    for value in values:
        for v in variants(value):
            needles[v] = value
    for blob in raw:
        needles[blob] = "attachment bytes"
    return needles


def write_canaries(ws) -> tuple[str, list[str], list[str]]:
    """The canary case through the services; returns (family id, strings, PESELs)."""
    today = date.today()
    fam = families.register_family(
        ws,
        families.FamilyInput(
            gmina_code=OPS_GMINA,
            locality="Narewka",
            street=STREET,
            house_number="13",
            phone="600 700 800",
            notes=NOTE,
        ),
    )
    mother_pesel = make_pesel(date(1979, 5, 17), 123, True)
    mother = persons.add_person(
        ws,
        fam.id,
        persons.PersonInput(
            first_name=FIRST_NAME,
            last_name=SURNAME,
            pesel=mother_pesel,
            notes=NOTE,
            health_notes=HEALTH,
        ),
    )
    diagnosis.save_diagnosis(
        ws,
        fam.id,
        diagnosis.DiagnosisInput(
            made_on=today - timedelta(days=1),
            conclusions=DIAGNOSIS,
            family_view=NOTE,
            ratings=[diagnosis.RatingInput("housing", -2, HEALTH)],
        ),
    )
    visits.save_visit(
        ws,
        fam.id,
        visits.VisitInput(visit_on=today, present=f"{FIRST_NAME} {SURNAME}", notes=NOTE),
    )
    attachments.add_attachment(
        ws,
        fam.id,
        title=f"Zgoda {SURNAME}",
        content=ATTACHMENT,
        filename=f"zgoda-{SURNAME}.pdf",
    )
    drafts.save_draft(
        ws, f"diagnosis:{fam.id}:new", "Diagnoza", {"conclusions": DRAFT, "mother": mother.id}
    )
    names, pesels = bulk_names(BULK), []
    for i, name in enumerate(names):
        p = make_pesel(date(1950, 1, 1) + timedelta(days=397 * i), 200 + i, i % 2 == 0)
        persons.add_person(
            ws, fam.id, persons.PersonInput(first_name=FIRST_NAME, last_name=name, pesel=p)
        )
        pesels.append(p)
    strings = [SURNAME, FIRST_NAME, NOTE, HEALTH, DIAGNOSIS, DRAFT, STREET, TOKEN, *names]
    return fam.id, strings, [mother_pesel, *pesels]


def test_control_scanner_finds_canaries_in_a_plain_sqlite_file(tmp_path):
    control = tmp_path / "plain.db"
    with sqlite3.connect(control) as db:
        db.execute("CREATE TABLE t (name TEXT, note BLOB)")
        db.execute("INSERT INTO t VALUES (?, ?)", (SURNAME, NOTE.casefold().encode("utf-16-le")))
        db.execute("INSERT INTO t VALUES (?, ?)", (fold(FIRST_NAME), ATTACHMENT))
    db.close()
    found = {label for _name, label in scan([control], canary_needles([SURNAME, NOTE, FIRST_NAME]))}
    assert found == {SURNAME, NOTE, FIRST_NAME}
    assert control.read_bytes()[:16] == SQLITE_PLAIN_HEADER


def test_no_canary_in_any_file_at_rest(ws, db_path, private_tmp, app_logging, monkeypatch, capsys):
    app_logging()  # production logging (INFO) into $KOOPERACJA_DATA_DIR/logs
    case = make_full_case(ws)  # known names with diacritics and valid PESELs
    family_id, strings, pesels = write_canaries(ws)
    strings += [
        "Źdźbło-Łęcka",
        "Grażyna Źdźbło-Łęcka",
        "Utrata pracy przez matkę, zadłużenie czynszowe.",
    ]
    pesels += [PESEL_MOTHER, PESEL_FATHER, PESEL_CHILD]

    # Reads that a user does every day, and the export to memory (never to a file).
    assert search.search_families(ws, SURNAME[:6]).total == 1
    assert search.search_families(ws, pesels[0]).total == 1
    opened = casefile.open_family(ws, family_id)
    assert opened.family.notes == NOTE
    assert attachments.read_attachment(ws, opened.attachments[0].id)[1] == ATTACHMENT
    assert drafts.load_draft(ws, f"diagnosis:{family_id}:new")["conclusions"] == DRAFT
    exported = dump.dump_json(ws)
    for value in [*strings, *pesels]:
        if value != DRAFT:  # drafts are local to this computer and never exported
            assert value in exported  # the canaries really are stored
    assert base64.b64encode(ATTACHMENT).decode() in exported
    assert casefile.open_family(ws, case.family_id).persons[0].pesel == PESEL_MOTHER
    ws.vault.backup(db_path.with_name("kopia.db"))

    # A command that fails inside a service, with the canaries in its SQL parameters and in
    # the exception message: the CLI's error path logs it.
    real_search = search._search

    def failing_search(s, text, *args):
        real_search(s, text, *args)
        try:
            s.execute(
                sql_text("INSERT INTO visit (id, family_id) VALUES (:id, :family)"),
                {"id": NOTE, "family": pesels[0]},
            )
        except IntegrityError as exc:
            raise RuntimeError(f"zapis {SURNAME} {pesels[0]} nieudany: {NOTE}") from exc

    monkeypatch.setattr(search, "_search", failing_search)
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    with only_app_log_handlers():  # as in production: pytest's own handlers set aside
        code = cli.main(["--db", str(db_path), "families", "--search", SURNAME])
    err = capsys.readouterr().err
    assert code == cli.EXIT_UNEXPECTED
    logged = "\n".join(p.read_text(errors="replace") for p in files_in(log_dir()))
    assert "unexpected error in command families" in logged  # the error path did log

    needles = canary_needles([*strings, *pesels], [ATTACHMENT, TOKEN.encode()])
    for value in [*strings, *pesels]:
        assert value not in err

    def scan_everything() -> list[tuple[str, str]]:
        folders = [private_tmp, log_dir(), data_dir()]
        paths = files_in(db_path.parent, recursive=False) + files_in(*folders)
        assert paths, "nothing to scan"
        return sorted(set(scan(paths, needles)))

    # While the database is open: the main file, the WAL with the newest pages, the -shm index.
    wal = Path(f"{db_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert Path(f"{db_path}-shm").exists()
    assert scan_everything() == []
    # After locking: every page checkpointed into the main file.
    ws.lock()
    assert not wal.exists() or wal.stat().st_size == 0
    assert scan_everything() == []
    for db_file in (db_path, db_path.with_name("kopia.db")):
        assert db_file.read_bytes()[:16] != SQLITE_PLAIN_HEADER
    assert list(private_tmp.iterdir()) == []  # nothing was written to the temp folder at all


def test_log_scrubbing_survives_another_handler_formatting_first(app_logging):
    log_file = app_logging()
    root = logging.getLogger()
    console = logging.StreamHandler(io.StringIO())  # e.g. a console handler for support
    root.handlers.insert(0, console)
    try:
        try:
            raise RuntimeError(f"PESEL {PESEL_MOTHER} nie pasuje")
        except RuntimeError:
            logging.getLogger("app.cli").exception("unexpected error in command test")
    finally:
        root.removeHandler(console)
    for handler in root.handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "unexpected error in command test" in text
    assert PESEL_MOTHER not in text


def _hashes(folder: Path) -> dict[str, str]:
    # The empty ``.lock`` file only carries the OS lock of the program holding the database.
    files = [
        p for p in sorted(folder.iterdir()) if not (p.suffix == ".lock" and not p.stat().st_size)
    ]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


WRONG_PASSPHRASES = [
    PASSPHRASE[:-1],
    PASSPHRASE + " ",
    PASSPHRASE.upper(),
    PASSPHRASE.replace("ą", "a"),
    "",
    " ",
    "zielony-most-nad-Narwią-43",
    "x" * 10_000,
    "'; DROP TABLE family; --",
    "\"x'00'\"",
    "hasło\x00" + PASSPHRASE,
    "🔑" * 20,
    "Zażółć gęślą jaźń 2024!",
    PASSPHRASE.encode("utf-16-le"),
    PASSPHRASE.encode("cp1250"),
]


def test_wrong_passphrase_leaves_files_byte_identical(
    ws, db_path, family_case, capsys, app_logging
):
    attempts = 0
    key_hex = bytes(ws.vault._key).hex()
    # While the application holds the database open: the database and its WAL stay identical
    # (the -shm index is shared-memory bookkeeping, where any reader may take a read mark).
    folder = db_path.parent
    live = (db_path.name, f"{db_path.name}-wal")
    before = _hashes(folder)
    assert set(live) <= set(before)
    for wrong in [*WRONG_PASSPHRASES[:3], key_hex, f"x'{key_hex}'"]:
        with pytest.raises(WrongPassphrase):
            Vault.unlock(db_path, wrong)
        attempts += 1
    after = _hashes(folder)
    assert [after[n] for n in live] == [before[n] for n in live]
    assert casefile.open_family(ws, family_case.family_id).persons[0].pesel == PESEL_MOTHER
    assert ws.vault.check() == []
    # … and at rest.
    ws.lock()
    before = _hashes(folder)
    assert list(before) == [db_path.name, f"{db_path.name}.erasures"]  # the erasure list
    for i, wrong in enumerate(WRONG_PASSPHRASES[3:]):
        with pytest.raises(WrongPassphrase) as caught:
            if i % 2:
                setup.open_workspace(db_path, wrong)
            else:
                Vault.unlock(db_path, wrong)
        assert caught.value.message == "Błędne hasło. Baza danych nie została zmieniona."
        attempts += 1
    for wrong in WRONG_PASSPHRASES[:3]:  # the command line: one Polish line, exit code 3
        pfile = folder.parent / "wrong-pass.txt"
        pfile.write_text(wrong or " ", encoding="utf-8")
        code = cli.main(["--db", str(db_path), "--passphrase-file", str(pfile), "check"])
        err = capsys.readouterr().err
        assert code == 3 and err.count("\n") == 1 and "Traceback" not in err
        attempts += 1
    assert attempts >= 20
    assert _hashes(folder) == before
    ws2 = setup.open_workspace(db_path, PASSPHRASE)
    try:
        assert casefile.open_family(ws2, family_case.family_id).persons[0].pesel == PESEL_MOTHER
        assert ws2.vault.check() == []
    finally:
        ws2.lock()


NEW_PASSPHRASE = "czerwony-prom-na-Bugu-77"


def test_key_bytes_never_in_sql_text_urls_errors_or_logs(ws, db_path, monkeypatch, app_logging):
    """SQLAlchemy never sees the key; the raw connection sees it only in ``PRAGMA key/rekey``.

    ``connection.connect`` hands the key to SQLCipher as ``PRAGMA key = "x'<hex>'"`` on the raw
    DBAPI connection (SQLCipher has no other raw-key interface in Python), so that statement is
    the one place key bytes may appear.  A trace callback on every raw connection checks that
    nothing else carries them, and an SQLAlchemy listener that SQLAlchemy-issued SQL never does.
    """
    log_file = app_logging()
    salt = read_salt(db_path)
    old_key = bytes(ws.vault._key)
    new_key = bytes(keys.derive_key(keys.passphrase_bytes(NEW_PASSPHRASE), salt))
    key_hexes = [k.hex() for k in (old_key, new_key)]
    secrets_ = [*key_hexes, PASSPHRASE, NEW_PASSPHRASE, fold(PASSPHRASE)]

    sqlalchemy_sql: list[str] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        sqlalchemy_sql.append(f"{statement} {parameters!r}")

    raw_sql: list[str] = []
    real_connect = sqlcipher.connect

    def tracing_connect(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(raw_sql.append)
        return conn

    monkeypatch.setattr(sqlcipher, "connect", tracing_connect)
    event.listen(Engine, "before_cursor_execute", capture)
    try:
        ws.vault.engine.dispose()  # so every connection from here on is traced
        case = make_full_case(ws)
        search.search_families(ws, "lecka")
        casefile.open_family(ws, case.family_id)
        dump.dump_json(ws)
        assert ws.vault.check() == []
        ws.vault.backup(db_path.with_name("kopia.db"))
        ws.vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
        search.search_families(ws, "850304")
        ws.lock()
        errors: list[BaseException] = []
        for attempt in (PASSPHRASE, key_hexes[1], f"x'{key_hexes[1]}'"):
            with pytest.raises(WrongPassphrase) as caught:
                setup.open_workspace(db_path, attempt)
            errors.append(caught.value)
        ws2 = setup.open_workspace(db_path, NEW_PASSPHRASE)
        engine_text = f"{ws2.vault.engine.url} {ws2.vault.engine!r} {ws2.vault.engine.url!r}"
        monkeypatch.setitem(connection.REQUIRED_PRAGMAS, "synchronous", 3)
        ws2.vault.engine.dispose()
        with pytest.raises(connection.ConfigurationDrift) as drift:
            search.search_families(ws2, "lecka")
        errors.append(drift.value)
        monkeypatch.setitem(connection.REQUIRED_PRAGMAS, "synchronous", 2)
        ws2.lock()
    finally:
        event.remove(Engine, "before_cursor_execute", capture)

    def leaks(text: str) -> list[str]:
        low = text.lower()
        return [s for s in secrets_ if s.lower() in low]

    assert sqlalchemy_sql and not [s for s in sqlalchemy_sql if leaks(s)]
    keyed = [s for s in raw_sql if leaks(s)]
    assert all(s.startswith(("PRAGMA key = ", "PRAGMA rekey = ")) for s in keyed), keyed
    assert all(PASSPHRASE not in s and NEW_PASSPHRASE not in s for s in raw_sql)
    # Control: the tracer does see the keyed statements, for both keys.
    assert any(key_hexes[0] in s for s in keyed) and any(key_hexes[1] in s for s in keyed)
    assert not leaks(engine_text)
    for exc in errors:
        chain: BaseException | None = exc
        while chain is not None:
            assert not leaks(f"{chain} {chain!r}"), type(chain)
            chain = chain.__cause__ or chain.__context__
    logs = files_in(log_file.parent)
    assert logs and "connection configuration drift" in log_file.read_text()
    for path in logs:
        data = path.read_bytes()
        assert not leaks(data.decode("utf-8", errors="replace")), path.name
        assert old_key not in data and new_key not in data
