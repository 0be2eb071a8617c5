"""Legal wording of the printed documents, in Polish (legal text is kept per language).

These are formulas of Polish law (the kontrakt socjalny of art. 108 u.p.s. and the template of
Dz.U. 2010 nr 218 poz. 1439, the RODO information clause of art. 13, the PZK agreement), so they
are not run through the gettext catalogue: a translation would not be the binding text.  Headings
and labels around them do go through ``_()``.  ``{placeholders}`` are filled by the printing code
with escaped values.  Wording follows the statutes cited with each clause (``docs/domain.md``);
items not confirmed in a source (e.g. the exact field list of the current kontrakt template) are
a sensible default the OPS's lawyer or IOD should confirm.
"""

from __future__ import annotations

# -- kontrakt socjalny (art. 108 u.p.s.; wzór: Dz.U. 2010 nr 218 poz. 1439) -------------------
# The template's own heading: "określający sposób współdziałania między: 1) osobą/rodziną a
# pracownikiem socjalnym w zakresie rozwiązywania trudnej sytuacji życiowej (część I A i II A)";
# the party is named as it is (osoba or rodzina), not "osoba/rodzina".
CONTRACT_SUBTITLE = (
    "określający sposób współdziałania między {party} a pracownikiem socjalnym w zakresie "
    "rozwiązywania trudnej sytuacji życiowej (część I A i II A)"
)
CONTRACT_PARTY_PERSON = "osobą"
CONTRACT_PARTY_FAMILY = "rodziną"
# The party as the final provisions name it (both nouns are feminine, so the verbs agree).
CONTRACT_NOUN_PERSON = "Osoba"
CONTRACT_NOUN_FAMILY = "Rodzina"
CONTRACT_STAMP = "(pieczęć ośrodka pomocy społecznej)"
CONTRACT_BASIS = (
    "Kontrakt zawiera się na podstawie art. 108 ustawy z dnia 12 marca 2004 r. o pomocy "
    "społecznej, według wzoru określonego w rozporządzeniu Ministra Pracy i Polityki Społecznej "
    "w sprawie wzoru kontraktu socjalnego (Dz.U. z 2010 r. nr 218, poz. 1439). Jego treść strony "
    "ustaliły wspólnie, na podstawie diagnozy sytuacji {whose} i Indywidualnego Programu "
    "Współpracy{plan_number}."
)
CONTRACT_FINAL = (
    "Strony zobowiązują się do realizacji ustaleń niniejszego kontraktu oraz do wzajemnego "
    "informowania się o wszelkich zmianach mających wpływ na jego realizację.",
    "{party} zobowiązuje się do współpracy z pracownikiem socjalnym oraz do udziału w ocenach "
    "realizacji kontraktu.",
    "Realizacja kontraktu podlega ocenie dokonywanej wspólnie przez strony nie rzadziej niż co "
    "{days} dni; ocenę zapisuje się w części II A kontraktu.",
    "Kontrakt może zostać zmieniony lub uzupełniony za zgodą obu stron. Może też zostać "
    "rozwiązany przed upływem okresu, na jaki został zawarty, w razie osiągnięcia jego celów "
    "albo niedotrzymywania jego postanowień.",
    "{party} została poinformowana, że brak współdziałania z pracownikiem socjalnym w "
    "rozwiązywaniu trudnej sytuacji życiowej oraz niedotrzymywanie postanowień kontraktu "
    "socjalnego mogą stanowić podstawę do odmowy przyznania świadczenia, uchylenia decyzji o "
    "przyznaniu świadczenia lub wstrzymania świadczeń pieniężnych z pomocy społecznej "
    "(art. 11 ust. 2 ustawy o pomocy społecznej).",
    "Kontrakt sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej ze stron.",
)
CONTRACT_PARTNERS_NOTE = (
    "Działania instytucji partnerskich podano dla informacji: wynikają z Indywidualnego "
    "Programu Współpracy, który podpisują przedstawiciele tych instytucji. Niniejszy kontrakt "
    "nie nakłada na nie zobowiązań."
)
CONTRACT_REVIEW_INTRO = (
    "Strony wspólnie oceniają realizację kontraktu socjalnego nie rzadziej niż co {days} dni. "
    "Każdą ocenę wpisuje się w osobnym wierszu i potwierdza podpisami stron."
)
CONTRACT_GOALS_INTRO = (
    "Ocena końcowa: przy każdym celu szczegółowym zaznacza się stopień jego realizacji."
)
CONTRACT_DEGREES = ("zrealizowany", "zrealizowany częściowo", "niezrealizowany")
CONTRACT_TERMINATION = (
    "osiągnięcie celów kontraktu",
    "upływ okresu, na jaki kontrakt zawarto",
    "niedotrzymywanie postanowień kontraktu",
    "inna przyczyna (jaka?):",
)

# -- zgoda na przetwarzanie i udostępnianie danych (art. 6 ust. 1 lit. a, art. 9 ust. 2 lit. a
# RODO) and the information clause (art. 13 RODO) -------------------------------------------
CONSENT_DECLARATION = (
    "{we}, {undersigned}, {give} zgodę na udostępnianie {our} danych osobowych{children} – w "
    "zakresie zaznaczonym w pkt 4 – instytucjom zaznaczonym w pkt 5, które są członkami Zespołu "
    "Kooperacji, w celu wspólnej diagnozy sytuacji {family}, przygotowania i realizacji "
    "Indywidualnego Programu Współpracy oraz jego monitorowania. Zgoda nie dotyczy "
    "przetwarzania danych przez {controller}, które odbywa się na podstawie przepisów ustawy "
    "o pomocy społecznej."
)
CONSENT_CHILDREN = " oraz danych osobowych {our} małoletnich dzieci wymienionych w pkt 2"
CONSENT_SCOPE_INTRO = "Znakiem ✕ zaznacza się dane, które mogą zostać udostępnione:"
CONSENT_DATA_ORDINARY = (
    "imię i nazwisko, PESEL, data urodzenia, adres zamieszkania i numer telefonu",
    "skład rodziny i stopień pokrewieństwa",
    "wykształcenie i sytuacja zawodowa, w tym rejestracja w powiatowym urzędzie pracy",
    "sytuacja materialna i mieszkaniowa (dochody, zadłużenie, warunki mieszkaniowe)",
    "treść diagnozy sytuacji rodziny oraz Indywidualnego Programu Współpracy (cele, działania, "
    "terminy) i ocen jego realizacji",
)
# The same for a case about one person (a person living alone, an older person): no "rodzina".
CONSENT_ONE_SITUATION = "życiowej"  # "w celu wspólnej diagnozy sytuacji życiowej"
_ONE_PERSON_DATA = {
    "skład rodziny i stopień pokrewieństwa": "skład gospodarstwa domowego",
    "treść diagnozy sytuacji rodziny oraz Indywidualnego Programu Współpracy (cele, działania, "
    "terminy) i ocen jego realizacji": "treść diagnozy sytuacji życiowej oraz Indywidualnego "
    "Programu Współpracy (cele, działania, terminy) i ocen jego realizacji",
}


def consent_data_ordinary(one_person: bool) -> tuple[str, ...]:
    if not one_person:
        return CONSENT_DATA_ORDINARY
    return tuple(_ONE_PERSON_DATA.get(text, text) for text in CONSENT_DATA_ORDINARY)


CONSENT_SPECIAL_INTRO = (
    "Dane szczególnych kategorii (art. 9 RODO) mogą zostać udostępnione tylko w zakresie "
    "zaznaczonym znakiem ✕:"
)
CONSENT_DATA_SPECIAL = (
    "dane o stanie zdrowia (choroby, leczenie)",
    "dane o niepełnosprawności (orzeczenia o niepełnosprawności lub jej stopniu)",
    "dane o uzależnieniach i ich leczeniu",
    "dane ujawniające pochodzenie rasowe lub etniczne",
)
CONSENT_RECIPIENTS_INTRO = (
    "Znakiem ✕ zaznacza się instytucje, którym dane mogą zostać udostępnione. {controller} jest "
    "administratorem danych i nie jest ich odbiorcą."
)
CONSENT_VALID_DEFAULT = (
    "do zakończenia realizacji Indywidualnego Programu Współpracy albo do wcześniejszego "
    "wycofania zgody"
)
CONSENT_VOLUNTARY = (
    "Wyrażenie zgody jest dobrowolne. Brak zgody albo jej wycofanie nie wpływa na prawo do "
    "świadczeń z pomocy społecznej; oznacza jedynie, że dane nie będą udostępniane instytucjom, "
    "które nie mają do tego podstawy w przepisach prawa."
)
CONSENT_READ = (
    "Podpisując, {confirm}, że {informed} o zasadach przetwarzania danych osobowych "
    "opisanych powyżej."
)
CONSENT_RECEIVED = "Przyjęcie oświadczenia potwierdza podpisem pracownik socjalny."

RODO_TITLE_NOTE = (
    "Zgodnie z art. 13 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 z dnia "
    "27 kwietnia 2016 r. (RODO) informujemy, że:"
)
RODO_PURPOSE_FAMILY = (
    "Dane osobowe są przetwarzane w celu wspólnej diagnozy sytuacji rodziny, przygotowania, "
    "realizacji i monitorowania Indywidualnego Programu Współpracy oraz koordynacji wsparcia "
    "udzielanego rodzinie przez instytucje Zespołu Kooperacji."
)
RODO_PURPOSE_PERSON = (
    "Dane osobowe są przetwarzane w celu wspólnej diagnozy sytuacji życiowej, przygotowania, "
    "realizacji i monitorowania Indywidualnego Programu Współpracy oraz koordynacji wsparcia "
    "udzielanego osobie przez instytucje Zespołu Kooperacji."
)
RODO_CLAUSE = (
    "Administratorem danych osobowych jest {controller}, adres: {address}.",
    "Kontakt z inspektorem ochrony danych: {contact}.",
    RODO_PURPOSE_FAMILY,
    "Podstawą prawną przetwarzania jest: w zakresie zadań ośrodka – art. 6 ust. 1 lit. c i e "
    "oraz art. 9 ust. 2 lit. b, g i h RODO w związku z ustawą z dnia 12 marca 2004 r. o pomocy "
    "społecznej; w zakresie udostępniania danych instytucjom Zespołu Kooperacji, które nie mają "
    "do tego podstawy ustawowej – zgoda (art. 6 ust. 1 lit. a i art. 9 ust. 2 lit. a RODO).",
    "Odbiorcami danych są wyłącznie instytucje wymienione w niniejszym dokumencie, w zakresie "
    "niezbędnym do realizacji ich zadań w programie, a także podmioty uprawnione na podstawie "
    "przepisów prawa. Dane nie są przekazywane do państwa trzeciego ani organizacji "
    "międzynarodowej.",
    "Dane będą przechowywane przez okres realizacji programu, a następnie przez okres wynikający "
    "z jednolitego rzeczowego wykazu akt ośrodka (kategoria archiwalna {retention}), liczony od "
    "1 stycznia roku następującego po zakończeniu sprawy. Dane przetwarzane wyłącznie na "
    "podstawie zgody nie są udostępniane instytucjom Zespołu po jej wycofaniu.",
    "Osobie, której dane dotyczą, przysługuje prawo dostępu do jej danych, ich sprostowania, "
    "usunięcia lub ograniczenia przetwarzania, prawo wniesienia sprzeciwu oraz prawo do "
    "przenoszenia danych – w zakresie, w jakim przewidują to przepisy RODO.",
    "Zgodę można wycofać w dowolnym momencie, pisemnie lub ustnie do protokołu w ośrodku; "
    "wycofanie zgody nie wpływa na zgodność z prawem przetwarzania, którego dokonano na jej "
    "podstawie przed jej wycofaniem.",
    "Osobie, której dane dotyczą, przysługuje prawo wniesienia skargi do Prezesa Urzędu Ochrony "
    "Danych Osobowych (ul. Stawki 2, 00-193 Warszawa), jeżeli uważa, że przetwarzanie jej danych "
    "narusza przepisy RODO.",
    "Dane nie będą wykorzystywane do zautomatyzowanego podejmowania decyzji, w tym do "
    "profilowania.",
)

# -- porozumienie o współpracy (Partnerski Zespół Kooperacji) -----------------------------
AGREEMENT_OPENING = (
    "zawarte w dniu {date} przez następujące instytucje, zwane dalej łącznie „Stronami”:"
)
AGREEMENT_PARTY = "Osoba reprezentująca: {representative}."
# {team} is "Partnerski Zespół Kooperacji „Nazwa”" or the team's own full name.
AGREEMENT_TEAM_NAMED = "Partnerski Zespół Kooperacji „{name}”"
AGREEMENT_PURPOSE = (
    "Strony tworzą {team} w celu zapewnienia osobom i rodzinom "
    "doświadczającym wielu problemów jednocześnie skoordynowanego, wielosektorowego wsparcia, "
    "zgodnie z Modelem Kooperacji."
)
AGREEMENT_OBLIGATIONS = (
    "Każda ze Stron wyznacza osobę do udziału w pracach Zespołu i w zespołach zadaniowych "
    "tworzonych dla poszczególnych rodzin.",
    "Strony uczestniczą we wspólnej diagnozie sytuacji rodzin, w przygotowaniu i realizacji "
    "Indywidualnych Programów Współpracy oraz w ich ocenie, w granicach swoich zadań "
    "ustawowych.",
    "Strony informują się wzajemnie o działaniach podjętych wobec rodzin objętych wsparciem, "
    "tak aby działania te się nie dublowały ani nie wykluczały.",
)
AGREEMENT_DATA = (
    "Każda ze Stron jest odrębnym administratorem danych osobowych, które przetwarza w związku "
    "z realizacją porozumienia. Dane osób i rodzin są udostępniane między Stronami wyłącznie na "
    "podstawie przepisów prawa albo pisemnej zgody osoby, której dotyczą, i tylko w zakresie "
    "niezbędnym do realizacji programu. Strony zobowiązują się do zachowania w tajemnicy "
    "informacji uzyskanych w związku z realizacją porozumienia (art. 100 ustawy o pomocy "
    "społecznej)."
)
AGREEMENT_PERIOD_FIXED = "Porozumienie zawiera się na okres od {start} do {end}."
AGREEMENT_PERIOD_OPEN = "Porozumienie zawiera się na czas nieokreślony, od dnia {start}."
AGREEMENT_FINAL = (
    "Porozumienie nie rodzi zobowiązań finansowych Stron.",
    "Zmiany porozumienia wymagają formy pisemnej pod rygorem nieważności.",
    "Każda ze Stron może wystąpić z Zespołu za miesięcznym wypowiedzeniem złożonym na piśmie "
    "pozostałym Stronom.",
    "Porozumienie sporządzono w {copies} jednobrzmiących egzemplarzach, po jednym dla każdej ze "
    "Stron.",
)


def rodo_clause(one_person: bool) -> tuple[str, ...]:
    """The RODO information clause; for one person its purpose names no family."""
    if not one_person:
        return RODO_CLAUSE
    return tuple(RODO_PURPOSE_PERSON if t == RODO_PURPOSE_FAMILY else t for t in RODO_CLAUSE)
