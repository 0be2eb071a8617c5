"""Polish that agrees: words said of a person follow the person's sex, statuses their noun, and
counts the three Polish plural forms (the grammar base the UI and the printed documents share)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from app.i18n import catalogue_path, gendered, ngettext, npgettext, pgettext, set_language
from app.models import enums
from app.models.enums import (
    ActionStatus,
    Employment,
    FamilyStatus,
    GenderedEnum,
    LabelledEnum,
    PlanStatus,
    Relation,
    VisitStatus,
)

ROOT = Path(__file__).resolve().parents[2]


def _all_enums() -> list[type[LabelledEnum]]:
    return [
        v
        for v in vars(enums).values()
        if isinstance(v, type) and issubclass(v, LabelledEnum) and list(v)  # members only
    ]


@pytest.mark.parametrize(
    ("member", "woman", "man", "unknown"),
    [
        (
            Relation.APPLICANT,
            "wnioskodawczyni (głowa gospodarstwa)",
            "wnioskodawca (głowa gospodarstwa)",
            "wnioskodawca/wnioskodawczyni (głowa gospodarstwa)",
        ),
        (Relation.SPOUSE, "małżonka", "małżonek", "małżonek/małżonka"),
        (Relation.SIBLING, "siostra", "brat", "brat/siostra"),
        (Relation.CHILD, "córka", "syn", "dziecko"),
        (Relation.PARENT, "matka", "ojciec", "rodzic"),
        (
            Employment.UNEMPLOYED_REGISTERED,
            "bezrobotna, zarejestrowana w PUP",
            "bezrobotny, zarejestrowany w PUP",
            "bezrobotny/bezrobotna, zarejestrowany/zarejestrowana w PUP",
        ),
        (Employment.EMPLOYED, "pracująca", "pracujący", "pracujący/pracująca"),
        (Employment.DISABILITY_PENSION, "rencistka", "rencista", "rencista/rencistka"),
        (Employment.PENSIONER, "emerytka", "emeryt", "emeryt/emerytka"),
    ],
)
def test_words_said_of_a_person_follow_her_or_his_sex(member, woman, man, unknown):
    assert member.label_for("F") == woman
    assert member.label_for("M") == man
    assert member.label_for(None) == unknown
    assert member.label_for("") == unknown
    assert member.label == unknown  # a combo with no person yet shows the neutral form
    assert (member.value, woman) in type(member).choices("F")


def test_every_gendered_label_has_three_polish_forms_in_the_catalogue():
    with catalogue_path("pl").open("rb") as f:
        catalogue = read_po(f, locale="pl")
    for enum in (e for e in _all_enums() if issubclass(e, GenderedEnum)):
        for member in enum:
            msgid = enum._labels()[member.value]
            for context in ("female", "male", "sex unknown"):
                entry = catalogue.get(msgid, context=context)
                assert entry is not None and entry.string, (enum.__name__, msgid, context)
            # the neutral form names both (or is the same word for everyone)
            assert member.label_for(None) not in ("", msgid)


def test_every_status_is_translated_in_its_own_nouns_context():
    with catalogue_path("pl").open("rb") as f:
        catalogue = read_po(f, locale="pl")
    for enum in _all_enums():
        context = enum._label_context()
        for member in enum:
            msgid = enum._labels()[member.value]
            if context:
                entry = catalogue.get(msgid, context=context)
                assert entry is not None and entry.string, (enum.__name__, msgid)
            assert member.label, (enum.__name__, member)


def test_one_english_word_takes_the_form_of_each_noun():
    assert PlanStatus.CANCELLED.label == "odwołany"  # program (IPW)
    assert VisitStatus.CANCELLED.label == "odwołana"  # wizyta
    assert VisitStatus.DONE.label == "zrealizowana"
    assert ActionStatus.DONE.label == "zrealizowane"  # działanie
    assert PlanStatus.ACTIVE.label == "obowiązujący"
    assert pgettext("consent state", "in force") == "obowiązująca"  # zgoda
    assert FamilyStatus.NEW.label == "nowa"  # rodzina


def test_counts_use_the_three_polish_plural_forms():
    forms = {
        n: ngettext("{n} family", "{n} families", n).format(n=n) for n in (1, 2, 5, 12, 22, 25)
    }
    assert forms == {
        1: "1 rodzina",
        2: "2 rodziny",
        5: "5 rodzin",
        12: "12 rodzin",
        22: "22 rodziny",
        25: "25 rodzin",
    }
    text = catalogue_path("pl").read_text(encoding="utf-8")
    assert "Plural-Forms: nplurals=3;" in text
    assert npgettext("no such context", "{n} day", "{n} days", 2) == "{n} days"  # falls back


def test_english_keeps_its_one_form():
    set_language("en")
    try:
        assert Relation.SPOUSE.label_for("F") == "spouse"
        assert gendered("sibling", "M") == "sibling"
        assert VisitStatus.CANCELLED.label == "cancelled"
    finally:
        set_language("pl")


def _po(path: Path, entries: list[tuple[str | None, str, str]]) -> str:
    catalogue = Catalog(locale="pl", domain="kooperacja")
    for context, msgid, msgstr in entries:
        catalogue.add(msgid, msgstr, context=context)
    with path.open("wb") as f:
        write_po(f, catalogue)
    return str(path)


def test_the_catalogue_merge_driver_keeps_entries_that_differ_only_by_context(tmp_path):
    base = _po(tmp_path / "base.po", [(None, "cancelled", "odwołane")])
    ours = _po(
        tmp_path / "ours.po",
        [(None, "cancelled", "odwołane"), ("plan status", "cancelled", "odwołany")],
    )
    theirs = _po(
        tmp_path / "theirs.po",
        [(None, "cancelled", "odwołane"), ("visit status", "cancelled", "odwołana")],
    )
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "po_merge.py"), base, ours, theirs])
    assert done.returncode == 0
    with open(ours, "rb") as f:
        merged = read_po(f, locale="pl")
    assert merged.get("cancelled", context="plan status").string == "odwołany"
    assert merged.get("cancelled", context="visit status").string == "odwołana"
    assert merged.get("cancelled").string == "odwołane"
    assert not any(m.fuzzy for m in merged if m.id)
