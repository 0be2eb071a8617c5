"""What the actions of a demo programme say: the life domains a demo diagnosis rates, what
each koszyk service does in a case and how often it is given (in a worker's words), and which
kind of institution provides a sector's services.

Data only, apart from ``app.demo.story`` (which writes the case from it) so the story reads as
the course of a case.
"""

from __future__ import annotations

DOMAINS = [
    "housing",
    "income_work",
    "health",
    "addictions",
    "parenting",
    "safety",
    "education",
    "social_ties",
    "legal",
]
# What exactly each service of the koszyk does in a case (the worker's words in the plan).
ACTION_DETAILS = {
    "PUP-DORADZTWO": "Spotkania z doradcą zawodowym; indywidualny plan działania",
    "PUP-SZKOLENIE": "Kurs zawodowy dobrany z doradcą (np. opiekun osób starszych, magazynier)",
    "PUP-STAZ": "Staż u pracodawcy w powiecie, skierowanie z PUP",
    "PS-PORAD-PRAWNE": "Porada prawna w sprawie zadłużenia i ugody z wierzycielem",
    "PS-ZAS-CEL": "Zasiłek celowy na opał i opłaty za energię",
    "SAM-DODATEK-MIESZK": "Pomoc w złożeniu wniosku o dodatek mieszkaniowy",
    "WR-ASYSTENT": "Asystent rodziny: spotkania w domu, plan pracy z rodziną",
    "WR-PLACOWKA": "Zajęcia dzieci w placówce wsparcia dziennego po lekcjach",
    "PCPR-TERAPIA": "Terapia rodzinna w PCPR, sesje z rodzicami",
    "PPP-DIAGNOZA": "Diagnoza psychologiczno-pedagogiczna dziecka",
    "PPP-TERAPIA": "Terapia pedagogiczna dziecka w poradni",
    "SZK-POMOC-PP": "Zajęcia wyrównawcze i pomoc psychologiczno-pedagogiczna w szkole",
    "GKRPA-MOTYW": "Rozmowa motywująca do podjęcia leczenia uzależnienia",
    "ZDR-TERAPIA-UZAL": "Terapia w poradni leczenia uzależnień",
    "POL-NK": "Działania dzielnicowego w procedurze „Niebieskie Karty”",
    "POL-DZIELNICOWY": "Wizyty dzielnicowego w miejscu zamieszkania",
    "PS-PORAD-PSYCH": "Poradnictwo psychologiczne dla osoby doznającej przemocy",
    "PCPR-OIK": "Wsparcie ośrodka interwencji kryzysowej",
    "PS-SPEC-OPIEKA": "Specjalistyczne usługi opiekuńcze w domu",
    "ZDR-POZ": "Wizyty lekarza POZ i pielęgniarki środowiskowej w domu",
    "ZDR-PSYCHIATRIA": "Konsultacje w poradni zdrowia psychicznego",
    "PS-OPIEKA": "Usługi opiekuńcze: pomoc w codziennych czynnościach i zakupach",
    "SZK-SWIETLICA": "Opieka w świetlicy szkolnej po lekcjach",
    "PS-POSILEK": "Posiłek dla dzieci w szkole",
    "PS-INTERW": "Interwencja kryzysowa po zdarzeniu losowym",
    "NGO-WOLONT": "Spotkania z wolontariuszem stowarzyszenia, wyjścia do świetlicy",
    "PS-PRACA": "Spotkania z pracownikiem socjalnym; monitorowanie realizacji programu",
}
PROVIDER_BY_SECTOR = {
    "labour_market": "pup",
    "education": "ppp",
    "health": "health",
    "police": "police",
    "justice": "court",
    "ngo": "ngo",
}


# How often each service is given (a dodatek mieszkaniowy is not "daily").
FREQUENCY = {
    "PUP-DORADZTWO": "raz w miesiącu",
    "PUP-SZKOLENIE": "2 razy w tygodniu",
    "PUP-STAZ": "w dni robocze",
    "PS-PORAD-PRAWNE": "jednorazowo, w razie potrzeby ponownie",
    "PS-ZAS-CEL": "jednorazowo",
    "SAM-DODATEK-MIESZK": "jednorazowo (wniosek)",
    "WR-ASYSTENT": "raz w tygodniu",
    "WR-PLACOWKA": "codziennie po lekcjach",
    "PCPR-TERAPIA": "co dwa tygodnie",
    "PPP-DIAGNOZA": "jednorazowo",
    "PPP-TERAPIA": "raz w tygodniu",
    "SZK-POMOC-PP": "2 razy w tygodniu",
    "GKRPA-MOTYW": "jednorazowo, w razie potrzeby ponownie",
    "ZDR-TERAPIA-UZAL": "raz w tygodniu",
    "POL-NK": "według procedury NK",
    "POL-DZIELNICOWY": "raz w miesiącu",
    "PS-PORAD-PSYCH": "co dwa tygodnie",
    "PCPR-OIK": "według potrzeb",
    "PS-SPEC-OPIEKA": "3 razy w tygodniu",
    "ZDR-POZ": "raz w miesiącu",
    "ZDR-PSYCHIATRIA": "raz w miesiącu",
    "PS-OPIEKA": "w dni robocze",
    "SZK-SWIETLICA": "codziennie po lekcjach",
    "PS-POSILEK": "w dni nauki szkolnej",
    "PS-INTERW": "jednorazowo",
    "NGO-WOLONT": "raz w tygodniu",
    "PS-PRACA": "raz w miesiącu",
}
