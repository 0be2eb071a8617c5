"""Every count the GUI and the CLI show takes the Polish plural form of its number.

Two guards: the source holds no count inside a plain ``_()`` (where the catalogue can only say
"Rodzin: 29" or "rekordów 78"), and each count message renders 1, 2, 5, 12 and 22 as Polish says
them (1 rekord, 2 rekordy, 5 rekordów, 12 rekordów, 22 rekordy).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.i18n import ngettext, npgettext, set_language

APP = Path(__file__).resolve().parents[2] / "app"

# Placeholders that hold a number of things.
COUNT_NAMES = {"n", "count", "records", "rows", "pages", "shown", "changed", "conflicts", "due"}
COUNT_NAMES |= {"overdue", "years", "total", "items_count"}

# Messages with a number that is not a count of a noun (so no plural form is needed), and why.
NOT_COUNTS = {
    "&Conflicts ({n})": "a number in brackets after the noun",
    "(showing {shown})": "wyświetlono 3: no noun follows",
    "Alt+{n}": "a key name",
    "Goal {n}. {title}": "an ordinal",
    "item {n}": "an ordinal",
    "line {n}": "an ordinal",
    "line {n}, given twice": "an ordinal",
    "entry {n}, its checksum": "an ordinal",
    "entry {n}, its link to the one before": "an ordinal",
    "Page {page} of {pages}": "strona 2 z 5: the number after 'z' takes no noun",
    "page {page} of {pages}": "the same, printed",
    "Wait {n} s": "an abbreviated unit",
    "Too many wrong passphrases: wait {n} s before the next try.": "an abbreviated unit",
    "For safety, wait {n} s before the next try.": "an abbreviated unit",
    "Automatic lock after {n} minutes without use.": "an abbreviated unit (min)",
    "and {n} more": "i jeszcze 3: no noun follows",
    "… and {n} more": "the same",
    "{n} of 11 digits": "the noun follows 11, always 'cyfr'",
    "Conflicts waiting: {n}": "a label and its value (nominative noun)",
    "open conflicts: {n}": "a label and its value (nominative noun)",
    "Values of this device replaced by a decision on another device: {n} "
    "(kooperacja sync conflicts --all)": "a label and its value (nominative noun)",
    "Erasures reach every device; erasures made so far: {n}.": "a label and its value",
    "The bundle holds too many records ({count}; at most {limit} are accepted).": "a number "
    "in brackets after the noun",
    "There are too many records for one bundle ({count}; at most {limit}).": "the same",
    "Bundle {seq} from {sender} imported: {records}, {changed}, {conflicts}.": "the three "
    "counts are each said with ngettext and put in",
    "{number}  closed {closed}  {cls}  due {due}  [{id}]": "a date, not a count",
    "{mark}: fewer than {n} (a count from 1 to {m}, hidden to protect the persons)": "mniej niż "
    "5, od 1 do 4: no noun follows",
}


def _plain_messages() -> list[tuple[str, int, str]]:
    found = []
    for path in APP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "N_"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((str(path.relative_to(APP)), node.lineno, node.args[0].value))
    return found


def test_no_count_is_said_without_its_plural_form():
    offenders = [
        f"{where}:{line}: {text!r}"
        for where, line, text in _plain_messages()
        if set(re.findall(r"\{(\w+)\}", text)) & COUNT_NAMES and text not in NOT_COUNTS
    ]
    assert offenders == [], "use ngettext for these counts:\n" + "\n".join(offenders)


def test_the_exceptions_still_exist():
    texts = {text for _w, _l, text in _plain_messages()}
    assert set(NOT_COUNTS) - texts == set()  # a stale entry would hide a new count


NUMBERS = (1, 2, 5, 12, 22)
FORM_OF = (0, 1, 2, 2, 1)  # Polish: 1 | 2-4, 22-24 | 5-21, 25-31 …

# (singular, plural, other placeholders, the count's name, the Polish for 1, for 2, for 5: "#"
# stands for the number)
COUNTS = [
    ("{n} family", "{n} families", {}, "n", ("# rodzina", "# rodziny", "# rodzin")),
    ("{n} record", "{n} records", {}, "n", ("# rekord", "# rekordy", "# rekordów")),
    (
        "{n} record loaded.",
        "{n} records loaded.",
        {},
        "n",
        ("Wczytano # rekord.", "Wczytano # rekordy.", "Wczytano # rekordów."),
    ),
    (
        "Bundle {seq} for {peer}: {records} record.",
        "Bundle {seq} for {peer}: {records} records.",
        {"seq": 3, "peer": "PCPR"},
        "records",
        (
            "Paczka 3 (odbiorca: PCPR): # rekord.",
            "Paczka 3 (odbiorca: PCPR): # rekordy.",
            "Paczka 3 (odbiorca: PCPR): # rekordów.",
        ),
    ),
    (
        "{n} changed here",
        "{n} changed here",
        {},
        "n",
        ("# zmieniony tutaj", "# zmienione tutaj", "# zmienionych tutaj"),
    ),
    (
        "{n} new conflict",
        "{n} new conflicts",
        {},
        "n",
        ("# nowy konflikt", "# nowe konflikty", "# nowych konfliktów"),
    ),
    (
        "{n} entry shown",
        "{n} entries shown",
        {},
        "n",
        ("Wyświetlono # wpis", "Wyświetlono # wpisy", "Wyświetlono # wpisów"),
    ),
    ("{pages} page.", "{pages} pages.", {}, "pages", ("# strona.", "# strony.", "# stron.")),
    ("{n} digit", "{n} digits", {}, "n", ("# cyfra", "# cyfry", "# cyfr")),
    (
        "{n} demo family added.",
        "{n} demo families added.",
        {},
        "n",
        (
            "Dodano # rodzinę demonstracyjną.",
            "Dodano # rodziny demonstracyjne.",
            "Dodano # rodzin demonstracyjnych.",
        ),
    ),
    (
        "{n} TERYT unit imported.",
        "{n} TERYT units imported.",
        {},
        "n",
        (
            "Zaimportowano # jednostkę TERYT.",
            "Zaimportowano # jednostki TERYT.",
            "Zaimportowano # jednostek TERYT.",
        ),
    ),
    (
        "Audit log: {n} problem found.",
        "Audit log: {n} problems found.",
        {},
        "n",
        (
            "Dziennik zdarzeń: znaleziono # problem.",
            "Dziennik zdarzeń: znaleziono # problemy.",
            "Dziennik zdarzeń: znaleziono # problemów.",
        ),
    ),
    (
        "The passphrase must have at least {n} character.",
        "The passphrase must have at least {n} characters.",
        {},
        "n",
        (
            "Hasło musi mieć co najmniej # znak.",
            "Hasło musi mieć co najmniej # znaki.",
            "Hasło musi mieć co najmniej # znaków.",
        ),
    ),
    (
        "{category}: {period} ({n} case)",
        "{category}: {period} ({n} cases)",
        {"category": "A", "period": "B"},
        "n",
        ("A: B (# sprawa)", "A: B (# sprawy)", "A: B (# spraw)"),
    ),
    (
        "{kind} · established: {date} · lead institution: {lead} · {n} member institution",
        "{kind} · established: {date} · lead institution: {lead} · {n} member institutions",
        {"kind": "K", "date": "D", "lead": "L"},
        "n",
        (
            "K · utworzony: D · instytucja wiodąca: L · # instytucja członkowska",
            "K · utworzony: D · instytucja wiodąca: L · # instytucje członkowskie",
            "K · utworzony: D · instytucja wiodąca: L · # instytucji członkowskich",
        ),
    ),
    (
        "{years} year from 1 January after the case closes",
        "{years} years from 1 January after the case closes",
        {},
        "years",
        tuple(
            f"# {w}, licząc od 1 stycznia roku następującego po zakończeniu sprawy"
            for w in ("rok", "lata", "lat")
        ),
    ),
    ("{n} deadline", "{n} deadlines", {}, "n", ("# termin", "# terminy", "# terminów")),
    (
        "in {n} working day",
        "in {n} working days",
        {},
        "n",
        ("za # dzień roboczy", "za # dni robocze", "za # dni roboczych"),
    ),
]


@pytest.mark.parametrize("singular,plural,values,name,polish", COUNTS, ids=[c[0] for c in COUNTS])
def test_each_count_renders_the_polish_form_of_its_number(singular, plural, values, name, polish):
    set_language("pl")
    rendered = [ngettext(singular, plural, n).format(**values, **{name: n}) for n in NUMBERS]
    wanted = [polish[f].replace("#", str(n)) for n, f in zip(NUMBERS, FORM_OF, strict=True)]
    assert rendered == wanted


def test_todays_summary_counts_deadlines_due_in_the_masculine_form():
    set_language("pl")
    due = [npgettext("deadlines", "{n} due", "{n} due", n).format(n=n) for n in NUMBERS]
    assert due == ["1 nadchodzący", "2 nadchodzące", "5 nadchodzących", "12 nadchodzących",
                   "22 nadchodzące"]  # fmt: skip
