"""Polish wording of the WZK and tripartite agreements (beside ``clauses_pl``'s PZK agreement).

[unverified] Written after the pilots' published descriptions (seed articles of ROPS Kielce and
the PCPRs of Jędrzejów and Hajnówka): the WZK supports the PZKs "merytorycznie,
organizacyjnie, prawnie, szkoleniowo i edukacyjnie"; the tripartite agreements were concluded
between the województwo (Urząd Marszałkowski), the powiat and the gmina.  Not reviewed by a
lawyer.
"""

from __future__ import annotations

PARTY_SIDE = "Strona działa {side}."

WZK_PURPOSE = (
    "Strony powołują {team}, którego celem jest wsparcie merytoryczne, organizacyjne, prawne, "
    "szkoleniowe i edukacyjne podmiotów gminnych i powiatowych zrzeszonych w Partnerskich "
    "Zespołach Kooperacji w realizacji Modelu Kooperacji."
)
WZK_OBLIGATIONS = (
    "Każda ze Stron wyznacza przedstawiciela do prac Wojewódzkiego Zespołu Kooperacji.",
    "Strony udzielają Partnerskim Zespołom Kooperacji doradztwa i wsparcia w zakresie swoich "
    "właściwości, w tym w pozyskiwaniu specjalistycznych zasobów, usług i środków celowych.",
    "Strony wymieniają informacje o rozwiązaniach wypracowanych w Partnerskich Zespołach "
    "Kooperacji i upowszechniają dobre praktyki.",
)
TRIPARTITE_PURPOSE = (
    "Województwo, Powiat i Gmina zawierają porozumienie o współpracy przy wdrażaniu Modelu "
    "Kooperacji na terenie Gminy, w ramach którego działa {team}."
)
TRIPARTITE_OBLIGATIONS = (
    "Województwo, za pośrednictwem regionalnego ośrodka polityki społecznej, zapewnia "
    "doradztwo, superwizję i szkolenia dla członków Zespołu.",
    "Powiat zapewnia udział powiatowych jednostek organizacyjnych w pracach Zespołu i wyznacza "
    "animatora powiatowego.",
    "Gmina zapewnia udział ośrodka pomocy społecznej i gminnych jednostek organizacyjnych "
    "w pracach Zespołu i wyznacza animatora gminnego.",
)
WZK_TEAM_NAMED = "Wojewódzki Zespół Kooperacji „{name}”"
