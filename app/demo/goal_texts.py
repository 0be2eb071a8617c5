"""The goals a demo programme sets, by reason for help: each with its life domain, its five
Goal Attainment Scaling levels (−2 … +2) worded for that goal, and the koszyk services that
serve it; and the goal any case may get.

Data only, apart from ``app.demo.texts`` (the case's other words) because it is the largest
table and the one a reader of ``app.demo.story`` looks up.
"""

from __future__ import annotations

# Goals with GAS levels, by reason: (title, domain, [−2, −1, 0, +1, +2], services)
GOALS: dict[str, list[tuple[str, str, list[str], list[str]]]] = {
    "4": [
        (
            "Podjęcie zatrudnienia przez {w_acc}",
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
            "Zapewnienie bezpieczeństwa i ochrony przed przemocą",
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
    "Wzmocnienie sieci wsparcia i kontaktów społecznych",
    "social_ties",
    [
        "Izolacja społeczna",
        "Sporadyczne kontakty",
        "Udział w zajęciach w świetlicy",
        "Stały kontakt z grupą wsparcia",
        "Aktywny udział w życiu społeczności",
    ],
    ["NGO-WOLONT", "PS-PRACA"],
)
