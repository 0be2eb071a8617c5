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

# reason code → (causes, weaknesses, deficits, needs) phrases
REASON_STORY: dict[str, dict[str, list[str]]] = {
    "1": {
        "causes": [
            "Niski dochód rodziny, nieregularne prace dorywcze.",
            "Zadłużenie z tytułu opłat za energię i czynsz.",
        ],
        "weaknesses": ["Trudności w planowaniu wydatków domowych."],
        "deficits": ["Brak oszczędności i stałego źródła dochodu."],
        "needs": [
            "Wsparcie finansowe na zakup opału i żywności.",
            "Pomoc w ułożeniu planu spłaty zadłużenia.",
        ],
    },
    "4": {
        "causes": [
            "Długotrwałe bezrobocie wnioskodawcy po likwidacji zakładu pracy.",
            "Utrata zatrudnienia sezonowego.",
        ],
        "weaknesses": ["Niskie kwalifikacje zawodowe, brak prawa jazdy."],
        "deficits": ["Brak dojazdu do miejsc pracy w mieście powiatowym."],
        "needs": ["Podjęcie stałego zatrudnienia.", "Udział w szkoleniu zawodowym."],
    },
    "5": {
        "causes": ["Niepełnosprawność członka rodziny wymagająca stałej opieki."],
        "weaknesses": ["Ograniczona samodzielność osoby z niepełnosprawnością."],
        "deficits": ["Brak dostosowania mieszkania do potrzeb osoby niepełnosprawnej."],
        "needs": ["Specjalistyczne usługi opiekuńcze.", "Turnus rehabilitacyjny."],
    },
    "6": {
        "causes": ["Przewlekła choroba wnioskodawczyni, częste pobyty w szpitalu."],
        "weaknesses": ["Nieregularne przyjmowanie leków."],
        "deficits": ["Utrudniony dostęp do lekarzy specjalistów."],
        "needs": ["Stała opieka lekarza POZ i pielęgniarki środowiskowej."],
    },
    "7": {
        "causes": ["Przemoc domowa ze strony partnera; wszczęta procedura „Niebieskie Karty”."],
        "weaknesses": ["Lęk i poczucie bezradności osoby doznającej przemocy."],
        "deficits": ["Brak bezpiecznego miejsca schronienia w gminie."],
        "needs": [
            "Zapewnienie bezpieczeństwa członkom rodziny.",
            "Wsparcie psychologiczne i prawne.",
        ],
    },
    "8": {
        "causes": ["Rodzina wielodzietna, jedno źródło dochodu."],
        "weaknesses": ["Przeciążenie matki obowiązkami opiekuńczymi."],
        "deficits": ["Brak miejsca w przedszkolu dla najmłodszego dziecka."],
        "needs": ["Pomoc w opiece nad dziećmi.", "Dożywianie dzieci w szkole."],
    },
    "9": {
        "causes": [
            "Bezradność w sprawach opiekuńczo-wychowawczych.",
            "Zaniedbania w prowadzeniu gospodarstwa domowego.",
        ],
        "weaknesses": ["Niekonsekwencja w wychowaniu dzieci, brak rutyny dnia."],
        "deficits": ["Słaba współpraca rodziców ze szkołą."],
        "needs": ["Wsparcie asystenta rodziny.", "Pomoc w nauce dla dzieci."],
    },
    "13": {
        "causes": ["Nadużywanie alkoholu przez ojca rodziny."],
        "weaknesses": ["Zaprzeczanie problemowi uzależnienia."],
        "deficits": ["Daleko do poradni leczenia uzależnień."],
        "needs": ["Podjęcie terapii uzależnień.", "Wsparcie dla współuzależnionych."],
    },
    "14": {
        "causes": ["Pożar budynku gospodarczego, utrata części dobytku."],
        "weaknesses": ["Stres i trudności w organizacji codziennego życia."],
        "deficits": ["Brak środków na odbudowę."],
        "needs": ["Zasiłek celowy na zdarzenie losowe.", "Pomoc w formalnościach."],
    },
}

STRENGTHS = [
    "Silna więź między członkami rodziny.",
    "Rodzice dbają o potrzeby dzieci.",
    "Wnioskodawczyni jest zmotywowana do zmiany sytuacji.",
    "Dobre relacje z sąsiadami.",
    "Rodzina prowadzi małe gospodarstwo rolne.",
    "Dzieci chętnie uczęszczają do szkoły.",
    "Rodzina dotrzymuje ustaleń z pracownikiem socjalnym.",
]
RESOURCES = [
    "Wsparcie dziadków mieszkających w tej samej miejscowości.",
    "Własne mieszkanie w dobrym stanie technicznym.",
    "Pomoc parafii i sąsiadów.",
    "Dostęp do świetlicy wiejskiej i biblioteki.",
    "Umiejętności praktyczne (szycie, naprawy).",
]
EXPECTATIONS = [
    "Rodzina oczekuje pomocy w znalezieniu pracy w pobliżu.",
    "Rodzina chce, by dzieci miały zapewnioną pomoc w nauce.",
    "Rodzina liczy na wsparcie finansowe w okresie zimowym.",
    "Rodzina prosi o pomoc w kontaktach z urzędami.",
]
FAMILY_VIEWS = [
    "Chcemy sami utrzymać rodzinę i nie być zależni od pomocy.",
    "Najważniejsze jest dla nas zdrowie i bezpieczeństwo dzieci.",
    "Potrzebujemy czasu i wsparcia, ale damy radę.",
    "Nie wszystko nam się podoba, ale spróbujemy współpracować.",
]
CONCLUSIONS = [
    "Rodzina wymaga wielosektorowego wsparcia; wskazane opracowanie IPW z udziałem PUP i szkoły.",
    "Rodzina ma zasoby do zmiany; kluczowe jest zatrudnienie i wsparcie w wychowaniu dzieci.",
    "Sytuacja wymaga działań zespołu interdyscyplinarnego i stałego monitoringu.",
]

# Goals with GAS levels, by reason: (title, domain, [−2, −1, 0, +1, +2], services)
GOALS: dict[str, list[tuple[str, str, list[str], list[str]]]] = {
    "4": [
        (
            "Podjęcie zatrudnienia przez wnioskodawcę",
            "income_work",
            [
                "Brak rejestracji w PUP",
                "Rejestracja w PUP bez aktywności",
                "Ukończone szkolenie zawodowe",
                "Staż u pracodawcy",
                "Umowa o pracę na min. 6 miesięcy",
            ],
            ["PUP-DORADZTWO", "PUP-SZKOLENIE", "PUP-STAZ"],
        )
    ],
    "1": [
        (
            "Uregulowanie zaległości w opłatach",
            "housing",
            [
                "Narastanie zadłużenia",
                "Brak spłat",
                "Spłata zgodnie z ustalonym planem",
                "Spłata połowy zadłużenia",
                "Pełna spłata zadłużenia",
            ],
            ["PS-PORAD-PRAWNE", "PS-ZAS-CEL", "SAM-DODATEK-MIESZK"],
        )
    ],
    "9": [
        (
            "Poprawa funkcjonowania opiekuńczo-wychowawczego rodziny",
            "parenting",
            [
                "Zaniedbania dzieci",
                "Sporadyczna współpraca z asystentem",
                "Regularne spotkania z asystentem rodziny",
                "Stały plan dnia dzieci",
                "Samodzielne, konsekwentne wychowanie",
            ],
            ["WR-ASYSTENT", "WR-PLACOWKA", "PCPR-TERAPIA"],
        ),
        (
            "Poprawa wyników w nauce dzieci",
            "education",
            [
                "Zagrożenie nieklasyfikowaniem",
                "Liczne oceny niedostateczne",
                "Promocja do następnej klasy",
                "Średnia powyżej 3,5",
                "Wyróżnienie w nauce",
            ],
            ["PPP-DIAGNOZA", "PPP-TERAPIA", "SZK-POMOC-PP"],
        ),
    ],
    "13": [
        (
            "Utrzymanie abstynencji",
            "addictions",
            [
                "Picie ciągami, odmowa leczenia",
                "Zgłoszenie do GKRPA bez efektu",
                "Podjęcie terapii w poradni",
                "3 miesiące abstynencji",
                "Ukończona terapia",
            ],
            ["GKRPA-MOTYW", "ZDR-TERAPIA-UZAL"],
        )
    ],
    "7": [
        (
            "Zapewnienie bezpieczeństwa członkom rodziny",
            "safety",
            [
                "Powtarzające się akty przemocy",
                "Przemoc mimo procedury NK",
                "Brak zdarzeń przemocy przez 3 miesiące",
                "Sprawca w programie korekcyjnym",
                "Zakończenie procedury NK z oceną pozytywną",
            ],
            ["POL-NK", "POL-DZIELNICOWY", "PS-PORAD-PSYCH", "PCPR-OIK"],
        )
    ],
    "5": [
        (
            "Poprawa samodzielności osoby z niepełnosprawnością",
            "health",
            [
                "Pogorszenie stanu zdrowia",
                "Brak rehabilitacji",
                "Regularna rehabilitacja",
                "Samodzielne poruszanie się po domu",
                "Udział w zajęciach ŚDS",
            ],
            ["PS-SPEC-OPIEKA", "ZDR-POZ"],
        )
    ],
    "6": [
        (
            "Stabilizacja stanu zdrowia",
            "health",
            [
                "Częste hospitalizacje",
                "Nieregularne leczenie",
                "Regularne wizyty u lekarza",
                "Poprawa wyników badań",
                "Powrót do aktywności",
            ],
            ["ZDR-POZ", "ZDR-PSYCHIATRIA", "PS-OPIEKA"],
        )
    ],
    "8": [
        (
            "Odciążenie rodziny wielodzietnej w opiece nad dziećmi",
            "parenting",
            [
                "Dzieci bez opieki po szkole",
                "Opieka doraźna sąsiadów",
                "Dzieci w świetlicy szkolnej",
                "Najmłodsze dziecko w przedszkolu",
                "Matka podejmuje pracę",
            ],
            ["SZK-SWIETLICA", "WR-PLACOWKA", "PS-POSILEK"],
        )
    ],
    "14": [
        (
            "Odbudowa warunków bytowych po zdarzeniu losowym",
            "housing",
            [
                "Brak schronienia",
                "Pomoc doraźna",
                "Zabezpieczone podstawowe potrzeby",
                "Odbudowany budynek gospodarczy",
                "Pełne odtworzenie warunków",
            ],
            ["PS-ZAS-CEL", "PS-INTERW"],
        )
    ],
}
GENERIC_GOAL = (
    "Wzmocnienie więzi rodzinnych i sieci wsparcia",
    "social_ties",
    [
        "Izolacja rodziny",
        "Sporadyczne kontakty",
        "Udział w zajęciach w świetlicy",
        "Stały kontakt z grupą wsparcia",
        "Rodzina sama pomaga innym",
    ],
    ["NGO-WOLONT", "PS-PRACA"],
)

COMMITMENTS = [
    "Regularne uczestnictwo w spotkaniach z pracownikiem socjalnym.",
    "Terminowe opłacanie bieżących rachunków.",
    "Dopilnowanie codziennej obecności dzieci w szkole.",
    "Zgłoszenie się do doradcy zawodowego w PUP.",
    "Uczestnictwo w terapii zgodnie z harmonogramem.",
    "Informowanie o każdej zmianie sytuacji dochodowej.",
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
    "Rodzina w domu, warunki bez zmian. Omówiono realizację zobowiązań.",
    "Dzieci obecne, zadbane. Matka relacjonuje postępy w szkoleniu.",
    "Ojciec nieobecny. Przekazano informację o terminie spotkania w PUP.",
    "Rodzina przygotowała dokumenty do wniosku o zasiłek celowy.",
    "Stwierdzono poprawę porządku w mieszkaniu. Rodzina współpracuje.",
    "Rozmowa o budżecie domowym; ustalono plan wydatków na miesiąc.",
]
REVIEW_SUMMARIES = [
    "Realizacja programu zgodnie z planem; rodzina współpracuje.",
    "Częściowa realizacja celów; konieczna modyfikacja działań PUP.",
    "Wyraźna poprawa w obszarze edukacji dzieci.",
    "Brak postępów w obszarze zatrudnienia; rodzina zgłasza trudności z dojazdem.",
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
