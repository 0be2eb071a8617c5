"""Every printed document, read back with pypdf: values with their diacritics, page numbering and
header on every page, a signature block for every party, no personal data in the metadata."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from app.i18n import set_language
from app.printing.service import KINDS, render_document
from app.services import audit, casefile
from tests.factories import PESEL_CHILD, PESEL_FATHER, PESEL_MOTHER, make_full_case
from tests.printing import pdfcheck
from tests.printing.conftest import module_workspace
from tests.printing.data import add_agreement, set_home_address

MOTHER, FATHER, CHILD = "Grażyna Źdźbło-Łęcka", "Józef Łęcki", "Zuzanna Łęcka"
WORKER = "Anna Kowalczyk"
PUP_REP, PPP_REP = "Marek Żółkiewski", "Łucja Ćwiklińska"
OPS = "Gminny Ośrodek Pomocy Społecznej w Narewce"
PUP, PPP = "Powiatowy Urząd Pracy w Hajnówce", "Poradnia Psychologiczno-Pedagogiczna w Hajnówce"

# Who signs each document (every adult member, the worker, the partners named in the plan).
SIGNATORIES = {
    "diagnosis": [MOTHER, FATHER, WORKER, PUP_REP],
    "plan": [MOTHER, FATHER, WORKER, PUP_REP, PPP_REP],
    "contract": [MOTHER, FATHER, WORKER] * 2,  # part I and the review in part II
    "review": [MOTHER, FATHER, WORKER, PUP_REP, PPP_REP],
    "consent": [MOTHER, FATHER, WORKER],
    "visit": [WORKER, MOTHER, FATHER],
    "agreement": ["Barbara Sienkiewicz", PUP_REP, PPP_REP],
    "blank-diagnosis": [MOTHER, FATHER, WORKER],  # + two blocks for partners to write in
    "blank-review": [MOTHER, FATHER, WORKER, PUP_REP, PPP_REP],
    "blank-visit": [WORKER, MOTHER, FATHER],
}
BLANK_SIGNATORIES = {"blank-diagnosis": 2}
TITLES = {
    "diagnosis": "Diagnoza sytuacji rodziny",
    "plan": "Indywidualny Program Współpracy",
    "contract": "Kontrakt socjalny",
    "review": "Ocena okresowa realizacji Indywidualnego Programu Współpracy",
    "consent": "Zgoda na przetwarzanie i udostępnianie danych członkom Zespołu Kooperacji",
    "visit": "Notatka z wizyty",
    "agreement": "Porozumienie o współpracy",
    "blank-diagnosis": "Diagnoza sytuacji rodziny – formularz do wypełnienia",
    "blank-review": "Ocena okresowa realizacji programu – formularz do wypełnienia",
    "blank-visit": "Notatka z wizyty – formularz do wypełnienia",
}


@dataclass
class Printed:
    docs: dict[str, bytes]
    case_number: str


@pytest.fixture(scope="module")
def printed_case(tmp_path_factory):
    """Every document of the factory's family (and its PZK's agreement), printed once for the
    module (a module-scoped database; the tests only read the PDFs)."""
    ws, patch = module_workspace(tmp_path_factory, "printed")
    try:
        case = make_full_case(ws)
        set_home_address(ws)
        team_id, _agreement = add_agreement(ws, case)
        docs = {}
        for kind in KINDS:
            ids = {"team_id": team_id} if kind == "agreement" else {"family_id": case.family_id}
            docs[kind] = render_document(ws, kind, **ids)
        number = casefile.open_family(ws, case.family_id).family.case_number
    finally:
        ws.lock()
        patch.undo()
    return Printed(docs, number)


@pytest.fixture
def printed(printed_case) -> dict[str, bytes]:
    return printed_case.docs


def test_every_page_has_header_footer_and_numbering(printed_case, printed):
    number = printed_case.case_number
    today = date.today().strftime("%d.%m.%Y")
    for kind, pdf in printed.items():
        pages = pdfcheck.page_texts(pdf)
        assert pages, kind
        for n, page in enumerate(pages, 1):
            assert f"strona {n} z {len(pages)}" in page, (kind, n)
            assert OPS in page and "ul. Białowieska 1, 17-220 Narewka, tel. 85 685 80 15" in page
            assert f"Data: {today}" in page, (kind, n)
            assert TITLES[kind] in page, (kind, n)
            if kind == "agreement":
                assert "Nr porozumienia: PZK/7/2026" in page
            else:
                assert f"Nr sprawy: {number}" in page, (kind, n)


def test_metadata_carry_the_document_type_only(printed_case, printed):
    personal = [
        MOTHER,
        FATHER,
        CHILD,
        "Źdźbło",
        "Łęck",
        PESEL_MOTHER,
        PESEL_FATHER,
        PESEL_CHILD,
        WORKER,
        PUP_REP,
        PPP_REP,
        printed_case.case_number,
        "Narewka",
        "Leśna",
    ]
    for kind, pdf in printed.items():
        reader = pdfcheck.reader(pdf)
        meta = {k: str(v) for k, v in (reader.metadata or {}).items()}
        assert meta["/Title"] == TITLES[kind]
        for key in ("/Author", "/Subject", "/Keywords", "/Creator", "/Producer", "/Title"):
            for value in personal:
                assert value.lower() not in meta.get(key, "").lower(), (kind, key)
        assert "/Metadata" not in reader.trailer["/Root"]  # no XMP packet either


def test_font_with_polish_glyphs_is_embedded(printed):
    for kind, pdf in printed.items():
        fonts = set()
        for page in pdfcheck.reader(pdf).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                fonts.add(str(font["/BaseFont"]))
                descendant = (
                    font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                )
                assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), kind
        assert fonts and all("DejaVuSans" in f for f in fonts), (kind, fonts)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_signature_block_for_every_party(printed, kind):
    text = pdfcheck.text(printed[kind])
    expected = SIGNATORIES[kind]
    blanks = BLANK_SIGNATORIES.get(kind, 0)
    assert text.count("miejscowość i data") == len(expected) + blanks
    assert text.count("imię i nazwisko (drukowanymi literami)") == blanks
    signatures = pdfcheck.signature_text(printed[kind])
    for name in expected:
        assert signatures.count(name) >= expected.count(name), (kind, name)
    assert CHILD not in signatures  # a minor does not sign
    if kind != "contract":  # (the contract has a second set in part II)
        last_page = pdfcheck.page_texts(printed[kind])[-1]
        assert all(name in last_page for name in expected), kind  # one block, never split


def test_diagnosis_values(printed):
    text = pdfcheck.text(printed["diagnosis"])
    for value in [
        "Diagnoza sytuacji rodziny",
        MOTHER,
        FATHER,
        CHILD,
        PESEL_MOTHER,
        PESEL_CHILD,
        "ul. Leśna 4/2, 17-220 Narewka",
        "ubóstwo",
        "bezrobocie",
        "Utrata pracy przez matkę, zadłużenie czynszowe.",
        "Silna więź rodzinna; ojciec prowadzi gospodarstwo.",
        "Brak umiejętności planowania budżetu.",
        "Wsparcie dziadków, sąsiedzka pomoc.",
        "Brak dostępu do transportu.",
        "Stałe zatrudnienie matki, pomoc w nauce dla córki.",
        "Rodzina oczekuje pomocy w znalezieniu pracy.",
        "Chcemy stanąć na nogi i spłacić długi.",
        "Rodzina z zasobami; potrzebne wsparcie PUP i PPP.",
        "Dochód poniżej kryterium.",
        "Zaległości w opłatach.",
        "Dobre relacje z sąsiadami.",
        PUP,
        "doradca zawodowy",
        "Imię i nazwisko",
        "Członkowie rodziny",
        "Uczestnicy diagnozy",
        "Wnioski z diagnozy",
        "Przyczyny i źródła trudnej sytuacji",
        "Mocne strony",
        "Zasoby i deficyty",
        "Potrzeby i oczekiwania",
        "Pracownik socjalny",
    ]:
        assert value in text, value


def test_plan_values(printed):
    text = pdfcheck.text(printed["plan"])
    for value in [
        "Indywidualny Program Współpracy",
        "nr IPW/1/2026",
        "Okres obowiązywania programu",
        "Cel główny",
        "Usamodzielnienie ekonomiczne rodziny.",
        "Cele szczegółowe",
        "Cel 1. Podjęcie zatrudnienia przez matkę",
        "Cel 2. Poprawa wyników w nauce córki",
        "Brak rejestracji w PUP",
        "Rejestracja w PUP, brak aktywności",
        "Udział w szkoleniu zawodowym",
        "Staż u pracodawcy",
        "Umowa o pracę",
        "Regularne zajęcia terapii pedagogicznej",
        "Promocja z wyróżnieniem",
        "(poziom wyjściowy)",
        "Działania",
        PUP,
        PPP,
        OPS,
        "Szkolenie zawodowe – kucharz",
        "Terapia pedagogiczna",
        "Praca socjalna – plan spłaty zadłużenia",
        "2 razy w tygodniu",
        "raz w tygodniu",
        "Usługa z koszyka usług i zakres działania",
        "Realizuje (instytucja, osoba)",
        "Usługi z koszyka usług w programie",
        "Planowane terminy ocen okresowych",
        PUP_REP,
        PPP_REP,
        "Zobowiązania rodziny",
        "Regularne uczestnictwo w szkoleniu",
    ]:
        assert value in text, value


def test_contract_follows_the_template(printed):
    text = pdfcheck.text(printed["contract"])
    order = [
        "(pieczęć ośrodka pomocy społecznej)",
        "KONTRAKT SOCJALNY",
        "między rodziną a pracownikiem socjalnym",
        "Część I A",
        "Rodzina (pełnoletni członkowie zawierający kontrakt)",
        f"{MOTHER}, {FATHER}",
        "art. 108",
        "Dz.U. z 2010 r. nr 218, poz. 1439",
        "Członkowie rodziny objęci kontraktem",
        "I. Ocena sytuacji życiowej rodziny",
        "Przyczyny trudnej sytuacji życiowej",
        "Utrata pracy przez matkę",
        "Możliwości, zasoby i mocne strony rodziny",
        "Wsparcie dziadków",
        "Ograniczenia i bariery",
        "Brak dostępu do transportu.",
        "II. Cel główny",
        "Usamodzielnienie ekonomiczne rodziny.",
        "III. Cele szczegółowe",
        "Podjęcie zatrudnienia przez matkę – oczekiwany rezultat: Udział w szkoleniu zawodowym",
        "IV. Działania do realizacji",
        "Zobowiązania rodziny",
        "Regularne uczestnictwo",
        "Działania pracownika socjalnego",
        "Praca socjalna – plan spłaty zadłużenia",
        "Działania instytucji partnerskich (dla informacji)",
        "Szkolenie zawodowe – kucharz",
        "V. Okres obowiązywania kontraktu",
        "VI. Postanowienia końcowe",
        "nie rzadziej niż co 90",
        "art. 11 ust. 2",
        "Podpisy",
        "Część II A – ocena realizacji kontraktu socjalnego",
        "Data oceny",
        "Ocena końcowa celów szczegółowych",
        "Stopień realizacji",
        "Rozwiązanie kontraktu przed upływem okresu",
    ]
    position = 0
    for value in order:
        found = text.find(value, position)
        assert found >= 0, value
        position = found
    assert f"Pracownik socjalny {WORKER}" in text  # label and value: the name stays nominative
    assert "reprezentującym" not in text and "osobą/rodziną" not in text


def test_review_values(printed):
    text = pdfcheck.text(printed["review"])
    for value in [
        "Ocena okresowa realizacji Indywidualnego Programu Współpracy",
        "Osiągnięcie celów",
        "Podjęcie zatrudnienia przez matkę",
        "0 (oczekiwany rezultat)",
        "Udział w szkoleniu zawodowym",
        "Poprawa wyników w nauce córki",
        "Zbiorczy wskaźnik GAS (T):",
        "dochód i praca",
        "Obecnie",
        "W diagnozie",
        "Szkolenie zawodowe – kucharz",
        "w realizacji",
        "Matka rozpoczęła szkolenie.",
        "Termin następnej oceny",
        "Zobowiązania rodziny",
        "Regularne uczestnictwo w szkoleniu",
    ]:
        assert value in text, value


def test_consent_has_the_rodo_clause(printed):
    text = pdfcheck.text(printed["consent"])
    for value in [
        "Osoby wyrażające zgodę",
        MOTHER,
        PESEL_MOTHER,
        FATHER,
        CHILD,
        "Dane niezbędne do realizacji IPW",
        PUP,
        "ul. Ks. Ignacego Wierobieja 4, 17-200 Hajnówka",
        PPP,
        "rynek pracy",
        "edukacja",
        f"Administratorem danych osobowych jest {OPS}",
        "w celu wspólnej diagnozy",
        "art. 6 ust. 1 lit. a",
        "art. 9 ust. 2 lit. a",
        "Odbiorcami danych są wyłącznie instytucje wymienione",
        "kategoria archiwalna B-10",
        "prawo dostępu do jej danych",
        "My, niżej podpisani, wyrażamy zgodę",
        "Zgodę można wycofać w dowolnym momencie",
        "Prezesa Urzędu Ochrony Danych Osobowych",
        "osoba wyrażająca zgodę",
    ]:
        assert value in text, value


def test_visit_and_agreement_values(printed):
    text = pdfcheck.text(printed["visit"])
    for value in [
        "Monitoring realizacji IPW",
        "Grażyna Źdźbło-Łęcka, Zuzanna Łęcka",
        "Rodzina przestrzega ustaleń; córka chodzi na terapię.",
        "Przebieg wizyty",
    ]:
        assert value in text, value
    text = pdfcheck.text(printed["agreement"])
    for value in [
        "POROZUMIENIE O WSPÓŁPRACY",
        "o współpracy na rzecz rodzin wieloproblemowych",
        f"1) {OPS}",
        f"2) {PUP}, ul. Ks. Ignacego Wierobieja 4, 17-200 Hajnówka",
        f"Osoba reprezentująca: {PUP_REP}, dyrektor.",
        f"3) {PPP}",
        "Partnerski Zespół Kooperacji „Zespół Kooperacji Gminy Narewka”",
        "Wspólne diagnozy i programy dla rodzin z gminy Narewka.",
        "Udział w spotkaniach zespołu co najmniej raz na kwartał.",
        "Udostępnianie danych wyłącznie za pisemną zgodą rodziny.",
        "na czas nieokreślony",
        "w trzech jednobrzmiących egzemplarzach",
        "Podpisy Stron",
    ]:
        assert value in text, value


def test_blank_forms_have_lines_to_fill_in(printed):
    for kind in ("blank-diagnosis", "blank-review", "blank-visit"):
        pages = len(pdfcheck.page_texts(printed[kind]))
        lines = sum(pdfcheck.ruled_lines(printed[kind], page=p) for p in range(pages))
        assert lines >= 12, (kind, lines)
    # the filled-in visit note has no lines for handwriting beyond the signatures
    assert pdfcheck.ruled_lines(printed["visit"]) < 4
    text = pdfcheck.text(printed["blank-review"])
    assert "Podjęcie zatrudnienia przez matkę" in text  # the plan's goals are printed
    assert "Udział w szkoleniu zawodowym" in text  # with the description of each GAS level
    for kind in ("blank-diagnosis", "blank-review"):
        boxes = pdfcheck.squares(printed[kind], low_mm=2.0)
        assert len(boxes) >= 20, kind  # drawn boxes to tick, not font glyphs
        assert min(side for _page, side in boxes) >= 4.0, kind


def test_nothing_is_drawn_outside_the_page_frames(printed):
    for kind, pdf in printed.items():
        assert pdfcheck.chars_outside_layout(pdf) == [], kind


def test_each_print_is_audited(ws, family_case):
    before = audit.count_events(ws, family_case.family_id)
    render_document(ws, "contract", family_id=family_case.family_id)
    events = audit.list_events(ws, family_case.family_id, limit=1)
    assert audit.count_events(ws, family_case.family_id) == before + 1
    assert (events[0].action, events[0].entity, events[0].detail) == (
        "print",
        "support_plan",
        "contract",
    )
    assert events[0].record_id == family_case.plan_id


def test_documents_follow_the_language(ws, family_case):
    set_language("en")
    try:
        text = pdfcheck.text(render_document(ws, "diagnosis", family_id=family_case.family_id))
    finally:
        set_language("pl")
    assert "Diagnosis of the family's situation" in text and "page 1 of" in text
    assert "First name and surname" in text and MOTHER in text
