"""Demo partner institutions, the PZK team, its agreement and meetings (once per database)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker

from app.demo import texts as T  # noqa: N812
from app.models import Setting, TercUnit
from app.services import casefile, cooperation, registry
from app.services.workspace import Workspace

TODAY = date.today


PARTNERS = [
    ("pcpr", "Powiatowe Centrum Pomocy Rodzinie", "PCPR", "social_assistance", "powiat"),
    ("pup", "Powiatowy Urząd Pracy", "PUP", "labour_market", "powiat"),
    ("ppp", "Poradnia Psychologiczno-Pedagogiczna", "PPP", "education", "powiat"),
    ("police", "Komenda Powiatowa Policji", "KPP", "police", "powiat"),
    (
        "court",
        "Zespół Kuratorskiej Służby Sądowej Sądu Rejonowego",
        "Kuratorzy",
        "justice",
        "powiat",
    ),
    ("health", "Samodzielny Publiczny Zakład Opieki Zdrowotnej", "SP ZOZ", "health", "powiat"),
    ("ngo", "Stowarzyszenie na rzecz Rodzin „Razem”", "Stow. Razem", "ngo", "powiat"),
    (
        "gkrpa",
        "Gminna Komisja Rozwiązywania Problemów Alkoholowych",
        "GKRPA",
        "local_government",
        "gmina",
    ),
]


# Who signs the PZK agreement for each partner: the head's function as that body calls it; the
# GKRPA and the court's probation team cannot sign themselves (the wójt and the court's
# president sign for them).
FUNCTIONS = {
    "pcpr": "dyrektor",
    "pup": "dyrektor",
    "ppp": "dyrektor",
    "police": "Komendant Powiatowy Policji",
    "court": "prezes sądu rejonowego",
    "health": "dyrektor",
    "ngo": "prezes zarządu",
    "gkrpa": "wójt gminy",
}


def powiat_genitive(name: str) -> str:
    """ "hajnowski" → "powiatu hajnowskiego"; a city with powiat rights stays as it is."""
    n = name.strip()
    if n.endswith("ski") or n.endswith("cki") or n.endswith("dzki"):
        return f"powiatu {n}ego"
    if n.endswith("ny") or n.endswith("wy"):
        return f"powiatu {n[:-1]}ego"
    return f"powiatu {n}" if n else "powiatu"


def ensure_registry(
    ws: Workspace,
    rnd: random.Random,
    fake: Faker,
    powiat: str,
    gminas: list[TercUnit],
    seat_unit: TercUnit | None,
) -> tuple[dict[str, str], dict[str, str]]:
    """Partner institutions, the PZK team, its agreement and meetings (once per database)."""
    with ws.transaction() as s:
        marker = s.get(Setting, "demo_registry")
        powiat_unit = s.get(TercUnit, powiat)
        if marker is not None:
            ids = dict(pair.split("=", 1) for pair in marker.value.split(";") if pair)
            known = {k: v for k, v in ids.items() if not k.startswith("school:")}
            return known, {k[7:]: v for k, v in ids.items() if k.startswith("school:")}
    seat = seat_unit.name if seat_unit else (gminas[0].name if gminas else "")
    pname = powiat_unit.name if powiat_unit else ""
    institutions: dict[str, str] = {}
    for key, name, short, sector, level in PARTNERS:
        place = gminas[0] if level == "gmina" and gminas else seat_unit
        where = place.name if place else seat
        inst = registry.save_institution(
            ws,
            registry.InstitutionInput(
                name=f"{name} {T.in_place(where)}" if key != "ngo" else name,
                short_name=f"{short} {where}" if key not in ("ngo",) else short,
                sector_code=sector,
                level=level,
                teryt_code=powiat if level == "powiat" else (gminas[0].code if gminas else ""),
                nip=fake.company_vat(),
                regon=fake.regon(),
                street=f"ul. {rnd.choice(T.STREETS)} {rnd.randint(1, 40)}",
                postal_code=T.POSTAL_CODES.get(
                    place.code if place else "", f"{rnd.randint(10, 99)}-{rnd.randint(100, 999)}"
                ),
                city=where,
                phone=fake.phone_number(),
                contact_person=T.person_name(fake),
            ),
        )
        institutions[key] = inst.id
    schools: dict[str, str] = {}
    for g in gminas[:8]:
        inst = registry.save_institution(
            ws,
            registry.InstitutionInput(
                name=rnd.choice(T.SCHOOLS).format(g=T.in_place(g.name)),
                short_name=f"SP {g.name}",
                sector_code="education",
                level="gmina",
                teryt_code=g.code,
                city=g.name,
                contact_person=T.person_name(fake),
            ),
        )
        schools[g.code] = inst.id
    ops_id = _ops_institution(ws, gminas)
    _team(ws, rnd, fake, powiat, pname, institutions, ops_id)
    value = ";".join(f"{k}={v}" for k, v in institutions.items())
    value += ";" + ";".join(f"school:{k}={v}" for k, v in schools.items())
    with ws.transaction() as s:
        s.add(Setting(key="demo_registry", value=value))
    return institutions, schools


def _ops_institution(ws: Workspace, gminas: list[TercUnit]) -> str:
    """The OPS that is a party to the PZK agreement: this installation's own, or (on the
    coordinator's device) the first gmina's."""
    home = casefile.home_institution(ws)
    if home is not None and cooperation.is_ops(home):
        return home.id
    where = gminas[0] if gminas else None
    return registry.save_institution(
        ws,
        registry.InstitutionInput(
            name=f"Gminny Ośrodek Pomocy Społecznej {T.in_place(where.name)}"
            if where
            else "Gminny Ośrodek Pomocy Społecznej",
            short_name=f"GOPS {where.name}" if where else "GOPS",
            sector_code="social_assistance",
            level="gmina",
            teryt_code=where.code if where else "",
            city=where.name if where else "",
        ),
    ).id


def _team(
    ws: Workspace,
    rnd: random.Random,
    fake: Faker,
    powiat: str,
    pname: str,
    institutions: dict[str, str],
    ops_id: str,
) -> None:
    today = TODAY()
    # The OPS's representative from its own generator, so the rest of the demo stays the same.
    ops_faker = Faker("pl_PL")
    ops_faker.seed_instance(ops_id)
    ops_head = T.person_name(ops_faker)
    team = registry.save_team(
        ws,
        registry.TeamInput(
            name=f"Partnerski Zespół Kooperacji {powiat_genitive(pname)}",
            teryt_code=powiat,
            established_on=today - timedelta(days=700),
            lead_institution_id=institutions["pcpr"],
        ),
    )
    for iid in institutions.values():
        registry.add_member(
            ws, team.id, iid, T.person_name(fake), "członek zespołu", today - timedelta(days=700)
        )
    registry.add_member(
        ws, team.id, ops_id, ops_head, "animator gminny", today - timedelta(days=700)
    )
    registry.save_agreement(
        ws,
        team.id,
        registry.AgreementInput(
            title="Porozumienie o współpracy w ramach Partnerskiego Zespołu Kooperacji",
            number=f"PZK/{today.year - 2}/1",
            signed_on=today - timedelta(days=700),
            valid_from=today - timedelta(days=700),
            valid_until=today + timedelta(days=400),
            scope="Wspólna diagnoza i wsparcie rodzin z problemami wielorakimi.",
            obligations="Wyznaczenie przedstawiciela do zespołu; udział w spotkaniach.",
            data_sharing=(
                "Dane rodzin, do których Strona nie ma dostępu na podstawie przepisów prawa, "
                "udostępnia się jej wyłącznie za pisemną zgodą rodziny."
            ),
            parties=[
                registry.PartyInput(
                    iid,
                    T.person_name(fake),
                    FUNCTIONS.get(key, "dyrektor"),
                    today - timedelta(days=700),
                )
                for key, iid in institutions.items()
            ]
            + [registry.PartyInput(ops_id, ops_head, "kierownik", today - timedelta(days=700))],
        ),
    )
    for months in (18, 9, 2):
        registry.save_meeting(
            ws,
            team.id,
            registry.MeetingInput(
                held_on=today - timedelta(days=30 * months),
                place="Sala konferencyjna PCPR",
                agenda="Przegląd realizacji IPW; nowe zgłoszenia rodzin.",
                decisions="Przyjęto harmonogram działań; wyznaczono koordynatorów przypadków.",
                attendance=[
                    (iid, T.person_name(fake))
                    for iid in rnd.sample(list(institutions.values()), min(5, len(institutions)))
                ],
            ),
        )


# -- one family -----------------------------------------------------------------------------
