"""Polish phrases for synthetic demo cases (data, not UI text: they play the part of what a
social worker would type).  Grouped by the reason for help they fit, so a generated diagnosis,
its goals and actions tell one coherent story.
"""

from __future__ import annotations

VILLAGES = [
    "Zalesie",
    "Dąbrowa",
    "Nowa Wola",
    "Stara Wieś",
    "Podlesie",
    "Kolonia",
    "Lipiny",
    "Olszanka",
    "Brzozówka",
    "Grabowiec",
    "Józefów",
    "Michałowo",
    "Krzywa",
    "Borki",
    "Piaski",
    "Zagórze",
    "Wólka",
    "Rudnia",
    "Jelonka",
    "Kamionka",
    "Sosnówka",
    "Łazy",
    "Ogrodniki",
    "Budy",
]

STREETS = [
    "Leśna",
    "Szkolna",
    "Polna",
    "Kościelna",
    "Ogrodowa",
    "Łąkowa",
    "Kolejowa",
    "Mickiewicza",
    "Słoneczna",
    "Krótka",
    "Sienkiewicza",
    "Zielona",
    "Parkowa",
    "3 Maja",
    "Brzozowa",
]

# reason code → (causes, weaknesses, deficits, needs) phrases: (condition, text), see
# ``app.demo.voice`` for the conditions and the {placeholders}.
REASON_STORY: dict[str, dict[str, list[tuple[str, str]]]] = {
    "1": {
        "causes": [
            ("family", "Niski dochód rodziny, nieregularne prace dorywcze."),
            ("alone", "Niski dochód, nieregularne prace dorywcze."),
            ("any", "Zadłużenie z tytułu opłat za energię i czynsz."),
        ],
        "weaknesses": [("any", "Trudności w planowaniu wydatków domowych.")],
        "deficits": [("any", "Brak oszczędności i stałego źródła dochodu.")],
        "needs": [
            ("any", "Wsparcie finansowe na zakup opału i żywności."),
            ("any", "Pomoc w ułożeniu planu spłaty zadłużenia."),
        ],
    },
    "4": {
        "causes": [
            ("any", "Długotrwałe bezrobocie {w_gen} po likwidacji zakładu pracy."),
            ("any", "Utrata zatrudnienia sezonowego."),
        ],
        "weaknesses": [("any", "Niskie kwalifikacje zawodowe, brak prawa jazdy.")],
        "deficits": [("any", "Brak dojazdu do miejsc pracy w mieście powiatowym.")],
        "needs": [
            ("any", "Podjęcie stałego zatrudnienia."),
            ("any", "Udział w szkoleniu zawodowym."),
        ],
    },
    "5": {
        "causes": [
            ("family", "Niepełnosprawność członka rodziny wymagająca stałej opieki."),
            ("alone", "Niepełnosprawność {w_gen} ograniczająca samodzielność."),
        ],
        "weaknesses": [("any", "Ograniczona samodzielność w codziennych czynnościach.")],
        "deficits": [("any", "Brak dostosowania mieszkania do potrzeb osoby niepełnosprawnej.")],
        "needs": [
            ("any", "Specjalistyczne usługi opiekuńcze."),
            ("any", "Turnus rehabilitacyjny."),
        ],
    },
    "6": {
        "causes": [("any", "Przewlekła choroba {w_gen}, częste pobyty w szpitalu.")],
        "weaknesses": [("any", "Nieregularne przyjmowanie leków.")],
        "deficits": [("any", "Utrudniony dostęp do lekarzy specjalistów.")],
        "needs": [("any", "Stała opieka lekarza POZ i pielęgniarki środowiskowej.")],
    },
    "7": {
        "causes": [
            (
                "any",
                "Przemoc domowa ze strony członka rodziny; wszczęta procedura „Niebieskie Karty”.",
            )
        ],
        "weaknesses": [("any", "Lęk i poczucie bezradności osoby doznającej przemocy.")],
        "deficits": [("any", "Brak bezpiecznego miejsca schronienia w gminie.")],
        "needs": [
            ("family", "Zapewnienie bezpieczeństwa członkom rodziny."),
            ("alone", "Zapewnienie bezpieczeństwa {w_gen}."),
            ("any", "Wsparcie psychologiczne i prawne."),
        ],
    },
    "8": {
        "causes": [("any", "Rodzina wielodzietna, jedno źródło dochodu.")],
        "weaknesses": [("any", "Przeciążenie rodzica obowiązkami opiekuńczymi.")],
        "deficits": [("any", "Brak miejsca w przedszkolu dla najmłodszego dziecka.")],
        "needs": [
            ("any", "Pomoc w opiece nad dziećmi."),
            ("school", "Dożywianie dzieci w szkole."),
        ],
    },
    "9": {
        "causes": [
            ("any", "Bezradność w sprawach opiekuńczo-wychowawczych."),
            ("any", "Zaniedbania w prowadzeniu gospodarstwa domowego."),
        ],
        "weaknesses": [("any", "Niekonsekwencja w wychowaniu dzieci, brak rutyny dnia.")],
        "deficits": [("school", "Słaba współpraca rodziców ze szkołą.")],
        "needs": [("any", "Wsparcie asystenta rodziny."), ("school", "Pomoc w nauce dla dzieci.")],
    },
    "13": {
        "causes": [("any", "Nadużywanie alkoholu przez {w_acc}.")],
        "weaknesses": [("any", "Zaprzeczanie problemowi uzależnienia.")],
        "deficits": [("any", "Daleko do poradni leczenia uzależnień.")],
        "needs": [
            ("any", "Podjęcie terapii uzależnień."),
            ("family", "Wsparcie dla współuzależnionych członków rodziny."),
        ],
    },
    "14": {
        "causes": [("any", "Pożar budynku gospodarczego, utrata części dobytku.")],
        "weaknesses": [("any", "Stres i trudności w organizacji codziennego życia.")],
        "deficits": [("any", "Brak środków na odbudowę.")],
        "needs": [
            ("any", "Zasiłek celowy na zdarzenie losowe."),
            ("any", "Pomoc w formalnościach."),
        ],
    },
}

STRENGTHS = [
    ("family", "Silna więź między członkami rodziny."),
    ("children", "Dzieci mają zapewnioną opiekę i dobre warunki w domu."),
    ("any", "{W} jest zmotywowan{a} do zmiany sytuacji."),
    ("any", "Dobre relacje z sąsiadami."),
    ("family", "Rodzina prowadzi małe gospodarstwo rolne."),
    ("alone", "{W} prowadzi małe gospodarstwo rolne."),
    ("school", "Dzieci chętnie uczęszczają do szkoły."),
    ("family", "Rodzina dotrzymuje ustaleń z pracownikiem socjalnym."),
    ("alone", "{W} dotrzymuje ustaleń z pracownikiem socjalnym."),
]
RESOURCES = [
    ("any", "Wsparcie krewnych mieszkających w tej samej miejscowości."),
    ("any", "Własne mieszkanie w dobrym stanie technicznym."),
    ("any", "Pomoc parafii i sąsiadów."),
    ("any", "Dostęp do świetlicy wiejskiej i biblioteki."),
    ("any", "Umiejętności praktyczne (szycie, naprawy)."),
]
EXPECTATIONS = [
    ("family", "Rodzina oczekuje pomocy w znalezieniu pracy w pobliżu."),
    ("alone", "{W} oczekuje pomocy w znalezieniu pracy w pobliżu."),
    ("school", "Rodzina chce, by dzieci miały zapewnioną pomoc w nauce."),
    ("family", "Rodzina liczy na wsparcie finansowe w okresie zimowym."),
    ("alone", "{W} liczy na wsparcie finansowe w okresie zimowym."),
    ("alone", "{W} prosi o pomoc w kontaktach z urzędami."),
]
# The family's own words (first person): "we" for a family, "I" for a person alone.
FAMILY_VIEWS = [
    ("family", "Chcemy sami utrzymać rodzinę i nie być zależni od pomocy."),
    ("children", "Najważniejsze jest dla nas zdrowie i bezpieczeństwo dzieci."),
    ("family", "Potrzebujemy czasu i wsparcia, ale damy radę."),
    ("family", "Nie wszystko nam się podoba, ale spróbujemy współpracować."),
    ("alone", "Chcę {sam} się utrzymać i nie być zależn{a} od pomocy."),
    ("alone", "Potrzebuję czasu i wsparcia, ale dam radę."),
    ("alone", "Nie wszystko mi się podoba, ale spróbuję współpracować."),
]
CONCLUSIONS = [
    (
        "school",
        "Rodzina wymaga wielosektorowego wsparcia; wskazane opracowanie IPW z udziałem PUP "
        "i szkoły.",
    ),
    ("alone", "{W} wymaga wielosektorowego wsparcia; wskazane opracowanie IPW z udziałem PUP."),
    (
        "children",
        "Rodzina ma zasoby do zmiany; kluczowe jest zatrudnienie i wsparcie w wychowaniu dzieci.",
    ),
    ("family", "Sytuacja wymaga skoordynowanych działań Partnerskiego Zespołu Kooperacji."),
    ("alone", "Sytuacja wymaga skoordynowanych działań Partnerskiego Zespołu Kooperacji."),
]

COMMITMENTS = [
    ("any", "Regularne uczestnictwo w spotkaniach z pracownikiem socjalnym."),
    ("any", "Terminowe opłacanie bieżących rachunków."),
    ("school", "Dopilnowanie codziennej obecności dzieci w szkole."),
    ("any", "Zgłoszenie się do doradcy zawodowego w PUP."),
    ("any", "Uczestnictwo w terapii zgodnie z harmonogramem."),
    ("any", "Informowanie o każdej zmianie sytuacji dochodowej."),
]
FREQUENCIES = [
    "raz w tygodniu",
    "2 razy w tygodniu",
    "raz w miesiącu",
    "codziennie",
    "raz na kwartał",
    "według potrzeb",
]
VISIT_PURPOSES = [
    "Wywiad środowiskowy",
    "Monitoring realizacji IPW",
    "Wizyta interwencyjna",
    "Aktualizacja wywiadu",
    "Wspólna wizyta z asystentem rodziny",
    "Rozmowa wspierająca",
]
VISIT_NOTES = [
    ("family", "Rodzina w domu, warunki bez zmian. Omówiono realizację zobowiązań."),
    ("alone", "{W} w domu, warunki bez zmian. Omówiono realizację zobowiązań."),
    ("children", "Dzieci obecne, zadbane. Omówiono postępy w realizacji programu."),
    ("man", "Ojciec nieobecny. Przekazano informację o terminie spotkania w PUP."),
    ("family", "Rodzina przygotowała dokumenty do wniosku o zasiłek celowy."),
    ("alone", "{W} przygotował{a_past} dokumenty do wniosku o zasiłek celowy."),
    ("any", "Stwierdzono poprawę porządku w mieszkaniu. Współpraca bez zastrzeżeń."),
    ("any", "Rozmowa o budżecie domowym; ustalono plan wydatków na miesiąc."),
]
REVIEW_SUMMARIES = [
    ("family", "Realizacja programu zgodnie z planem; rodzina współpracuje."),
    ("alone", "Realizacja programu zgodnie z planem; {w} współpracuje."),
    ("any", "Częściowa realizacja celów; konieczna modyfikacja działań PUP."),
    ("school", "Wyraźna poprawa w obszarze edukacji dzieci."),
    ("any", "Brak postępów w obszarze zatrudnienia; zgłaszane trudności z dojazdem."),
]
CLOSURE_NOTES = [
    "Cele IPW osiągnięte; rodzina samodzielna.",
    "Rodzina wyprowadziła się poza gminę.",
    "Zakończenie współpracy na wniosek rodziny.",
]
SCHOOLS = [
    "Szkoła Podstawowa {g}",
    "Szkoła Podstawowa im. Jana Pawła II {g}",
    "Zespół Szkół {g}",
]

# Place names in the locative ("w Narewce") for institution names; other places fall back to
# a few regular endings, else to "(Place)" rather than a wrong form.
LOCATIVE = {
    "Hajnówka": "Hajnówce",
    "Białowieża": "Białowieży",
    "Czeremcha": "Czeremsze",
    "Czyże": "Czyżach",
    "Dubicze Cerkiewne": "Dubiczach Cerkiewnych",
    "Kleszczele": "Kleszczelach",
    "Narew": "Narwi",
    "Narewka": "Narewce",
}
POSTAL_CODES = {
    "2005011": "17-200",
    "2005022": "17-230",
    "2005032": "17-240",
    "2005042": "17-207",
    "2005052": "17-204",
    "2005062": "17-200",
    "2005073": "17-250",
    "2005082": "17-210",
    "2005092": "17-220",
}


def in_place(name: str) -> str:
    """ "w Narewce", "w Krakowie"; "(Place)" when the form is not known."""
    if name in LOCATIVE:
        return f"w {LOCATIVE[name]}"
    for end, repl in (
        ("ówka", "ówce"),
        ("ka", "ce"),
        ("ów", "owie"),
        ("ice", "icach"),
        ("no", "nie"),
        ("wo", "wie"),
        ("sk", "sku"),
    ):
        if name.endswith(end):
            return f"w {name[: -len(end)]}{repl}"
    return f"({name})"


TEAM_FUNCTIONS = {
    "home": "asystent rodziny",
    "pcpr": "terapeuta rodzinny",
    "pup": "doradca zawodowy",
    "ppp": "psycholog",
    "police": "dzielnicowy",
    "court": "kurator zawodowy",
    "health": "pielęgniarka środowiskowa",
    "ngo": "wolontariusz",
    "gkrpa": "członek komisji",
}


def person_name(fake) -> str:  # a Faker instance
    """First name and surname only (Faker's ``name()`` sometimes adds "pan"/"pani")."""
    return f"{fake.first_name()} {fake.last_name()}"
