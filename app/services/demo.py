"""Realistic synthetic demo data: Polish families in real TERYT gminas, with the whole cycle.

Names, valid PESELs and phone numbers come from Faker ``pl_PL``; gminas from the TERC register;
the story of each case (reasons → diagnosis → IPW goals with GAS levels → actions by partner
institutions → reviews → visits → consent) is drawn from ``demo_texts``.  Rows are written in
bulk (one transaction per batch), stamped like any other edit, so 20,000 families take a few
minutes.  The same ``seed`` gives the same data.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from faker import Faker
from sqlalchemy import insert, select

from app.config import resources_dir
from app.models import (
    SYNCED_MODELS,
    Family,
    FamilyReason,
    Person,
    Service,
    Setting,
    TercUnit,
    Visit,
    new_id,
)
from app.models.base import Base
from app.services import audit, reference, registry
from app.services import demo_texts as T  # noqa: N812
from app.services.demo_story import write_story
from app.services.families import next_case_number
from app.services.text import fold
from app.services.workspace import Workspace

DEFAULT_GMINA = "2005092"  # Narewka, powiat hajnowski (a Model Kooperacji test gmina)
BATCH = 250
# Where cases stand, and how long ago such cases were opened (days): a case reaches monitoring
# after its plan has run for a while, and closed cases ran their whole plan.
STAGES = ["new", "diagnosis", "plan", "monitoring", "closed"]
STAGE_WEIGHTS = [6, 10, 16, 56, 12]
OPENED_DAYS_AGO = {
    "new": (0, 10),
    "diagnosis": (15, 60),
    "plan": (45, 110),
    "monitoring": (100, 330),
    "closed": (330, 720),
}
TODAY = date.today


@dataclass
class DemoSummary:
    families: int = 0
    persons: int = 0
    records: int = 0


def default_name(role: str, unit: str) -> str:
    """The usual name of the OPS of a gmina or the PCPR of a powiat, e.g. "… w Narewce"."""
    units = {
        u.code: u
        for u in reference.parse_terc((resources_dir() / "reference" / "TERC.csv").read_bytes())
    }
    if role == "ops":
        place = units[unit].name if unit in units else ""
        return f"Gminny Ośrodek Pomocy Społecznej {T.in_place(place)}".strip()
    seat = next((u.name for c, u in units.items() if c.startswith(unit[:4]) and u.rodz == "1"), "")
    return (
        f"Powiatowe Centrum Pomocy Rodzinie {T.in_place(seat)}".strip()
        if seat
        else (
            f"Powiatowe Centrum Pomocy Rodzinie – powiat {units[unit[:4]].name}"
            if unit[:4] in units
            else "Powiatowe Centrum Pomocy Rodzinie"
        )
    )


@dataclass
class _Setting:
    """Everything a family generator needs that does not change between families."""

    gminas: list[TercUnit]
    localities: dict[str, list[str]]
    postal: dict[str, str]
    institutions: dict[str, str]
    schools: dict[str, str]
    services: dict[str, tuple[str, str, str]]  # code → (service id, sector, name)
    home_id: str
    worker: str
    next_number: dict[str, int] = field(default_factory=dict)


class _Rows:
    """Rows to insert, stamped with this device's clock like interactive edits."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.by_model: dict[type[Base], list[dict[str, Any]]] = defaultdict(list)
        self.count = 0

    def add(self, model: type[Base], **values: Any) -> str:
        values.setdefault("id", new_id())
        values.update(version=self.ws.clock.tick(), origin_device=self.ws.device_id, deleted=False)
        self.by_model[model].append(values)
        self.count += 1
        return values["id"]


def generate(
    ws: Workspace,
    families: int = 50,
    seed: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    rnd = random.Random(seed)
    fake = Faker("pl_PL")
    fake.seed_instance(seed if seed is not None else rnd.randrange(1 << 30))
    setting = _prepare(ws, rnd, fake)
    summary = DemoSummary()
    done = 0
    while done < families:
        n = min(BATCH, families - done)
        rows = _Rows(ws)
        for _i in range(n):
            summary.persons += _family(rows, setting, rnd, fake)
        _write(ws, rows, n)
        summary.records += rows.count
        done += n
        summary.families = done
        if progress:
            progress(done, families)
    if families == 0 and progress:
        progress(0, 0)
    return summary


def _write(ws: Workspace, rows: _Rows, n: int) -> None:
    with ws.transaction() as s:
        s.info["applying_sync"] = True  # rows carry their own stamps
        for model in SYNCED_MODELS:
            batch = rows.by_model.get(model)
            if batch:
                s.execute(insert(model.__table__), batch)
        s.info["applying_sync"] = False
        audit.record(s, "create", "demo", detail=f"{n} families")


# -- shared set-up ------------------------------------------------------------------------
def _prepare(ws: Workspace, rnd: random.Random, fake: Faker) -> _Setting:
    unit = ws.identity.unit_code
    powiat = unit[:4]
    all_gminas = reference.gminas_of_powiat(ws, powiat)
    gminas = [g for g in all_gminas if g.code == unit] if ws.identity.role == "ops" else all_gminas
    gminas = gminas or all_gminas
    localities, postal = {}, {}
    for g in gminas:
        local = random.Random(f"{g.code}")  # the same villages for a gmina in every run
        localities[g.code] = [g.name, *local.sample(T.VILLAGES, 7)]
        postal[g.code] = T.POSTAL_CODES.get(
            g.code, f"{local.randint(10, 99)}-{local.randint(100, 999)}"
        )
    seat_unit = next(
        (g for g in all_gminas if g.rodz == "1"), all_gminas[0] if all_gminas else None
    )
    institutions, schools = _ensure_registry(ws, rnd, fake, powiat, gminas, seat_unit)
    with ws.transaction() as s:
        services = {
            svc.code: (svc.id, svc.sector_code, svc.name)
            for svc in s.scalars(select(Service).where(Service.deleted.is_(False)))
            if svc.code
        }
        home = s.get(Setting, "home_institution_id")
        year = TODAY().year
        numbers = {}
        for g in gminas:
            for y in (year - 2, year - 1, year):
                last = next_case_number(s, g.code, y).rsplit("/", 1)[1]
                numbers[f"{g.code}/{y}"] = int(last)
    return _Setting(
        gminas=gminas,
        localities=localities,
        postal=postal,
        institutions=institutions,
        schools=schools,
        services=services,
        home_id=home.value if home else "",
        worker=ws.actor or fake.name(),
        next_number=numbers,
    )


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


def _ensure_registry(
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
            institutions = {k: v for k, v in ids.items() if not k.startswith("school:")}
            schools = {k[7:]: v for k, v in ids.items() if k.startswith("school:")}
            return institutions, schools
    seat = seat_unit.name if seat_unit else (gminas[0].name if gminas else "")
    pname = powiat_unit.name if powiat_unit else ""
    institutions: dict[str, str] = {}
    for key, name, short, sector, level in PARTNERS:
        place = gminas[0] if level == "gmina" and gminas else seat_unit
        where = place.name if place else seat
        inst = registry.save_institution(
            ws,
            registry.InstitutionInput(
                name=f"{name} {T.in_place(where)}" if key not in ("ngo", "court") else name,
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
                contact_person=fake.name(),
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
                contact_person=fake.name(),
            ),
        )
        schools[g.code] = inst.id
    _team(ws, rnd, fake, powiat, pname, institutions)
    value = ";".join(f"{k}={v}" for k, v in institutions.items())
    value += ";" + ";".join(f"school:{k}={v}" for k, v in schools.items())
    with ws.transaction() as s:
        s.add(Setting(key="demo_registry", value=value))
    return institutions, schools


def _team(
    ws: Workspace,
    rnd: random.Random,
    fake: Faker,
    powiat: str,
    pname: str,
    institutions: dict[str, str],
) -> None:
    today = TODAY()
    team = registry.save_team(
        ws,
        registry.TeamInput(
            name=f"Partnerski Zespół Kooperacji powiatu {pname}".strip(),
            teryt_code=powiat,
            established_on=today - timedelta(days=700),
            lead_institution_id=institutions["pcpr"],
        ),
    )
    for iid in institutions.values():
        registry.add_member(
            ws, team.id, iid, fake.name(), "członek zespołu", today - timedelta(days=700)
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
            data_sharing="Dane udostępniane wyłącznie za pisemną zgodą rodziny.",
            parties=[
                registry.PartyInput(iid, fake.name(), "dyrektor", today - timedelta(days=700))
                for iid in institutions.values()
            ],
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
                    (iid, fake.name())
                    for iid in rnd.sample(list(institutions.values()), min(5, len(institutions)))
                ],
            ),
        )


# -- one family -----------------------------------------------------------------------------
def _female_surname(male: str) -> str:
    for end in ("ski", "cki", "dzki"):
        if male.endswith(end):
            return male[:-1] + "a"
    return male


def _birth(rnd: random.Random, low: int, high: int) -> date:
    today = TODAY()
    return today - timedelta(days=rnd.randint(low * 365, high * 365))


def _person(
    rows: _Rows,
    fid: str,
    fake: Faker,
    rnd: random.Random,
    *,
    sex: str,
    surname: str,
    relation: str,
    born: date,
    order: int,
    school: str = "",
) -> dict:
    last = surname if sex == "M" else _female_surname(surname)
    first = fake.first_name_male() if sex == "M" else fake.first_name_female()
    age = (TODAY() - born).days // 365
    child = age < 18
    values = dict(
        id=new_id(),
        family_id=fid,
        first_name=first,
        last_name=last,
        last_name_folded=fold(last),
        pesel=fake.pesel(date_of_birth=born, sex=sex),
        document_type="",
        document_number="",
        birth_date=born,
        sex=sex,
        relation=relation,
        sort_order=order,
        disability=rnd.choices(["none", "light", "moderate", "severe"], [92, 3, 3, 2])[0]
        if not child
        else rnd.choices(["none", "child"], [95, 5])[0],
        disability_until=None,
        education=("in_education" if age >= 7 else "n_a")
        if child
        else rnd.choice(
            ["primary", "lower_secondary", "vocational", "vocational", "secondary", "higher"]
        ),
        employment=("pupil" if age >= 7 else "preschool")
        if child
        else rnd.choices(
            [
                "employed",
                "unemployed_registered",
                "unemployed",
                "farmer",
                "pensioner",
                "disability_pension",
                "carer",
            ],
            [25, 25, 10, 12, 12, 8, 8],
        )[0],
        school=school if child and age >= 7 else "",
        phone=fake.phone_number() if not child and rnd.random() < 0.7 else "",
        health_notes="",
        notes="",
    )
    rows.add(Person, **values)
    return values


def _family(rows: _Rows, st: _Setting, rnd: random.Random, fake: Faker) -> int:
    today = TODAY()
    gmina = rnd.choice(st.gminas)
    stage = rnd.choices(STAGES, STAGE_WEIGHTS)[0]
    low, high = OPENED_DAYS_AGO[stage]
    opened = today - timedelta(days=rnd.randint(low, high))
    key = f"{gmina.code}/{opened.year}"
    st.next_number[key] = st.next_number.get(key, 1)
    case_number = f"{key}/{st.next_number[key]:04d}"
    st.next_number[key] += 1
    locality = rnd.choice(st.localities[gmina.code])
    in_seat = locality == gmina.name
    fid = new_id()
    members = _members(rows, fid, st, rnd, fake, gmina.code)
    head = members[0]
    head_name = f"{head['last_name']} {head['first_name']}"
    reasons = _reasons(rnd, members)
    family = dict(
        id=fid,
        case_number=case_number,
        gmina_code=gmina.code,
        locality=locality,
        locality_folded=fold(locality),
        street=rnd.choice(T.STREETS) if in_seat else "",
        house_number=str(rnd.randint(1, 120)),
        flat_number=str(rnd.randint(1, 12)) if in_seat and rnd.random() < 0.3 else "",
        postal_code=st.postal[gmina.code],
        phone=head.get("phone") or fake.phone_number(),
        status="new",
        lead_worker=st.worker,
        head_name=head_name,
        head_name_folded=fold(head_name),
        opened_on=opened,
        closed_on=None,
        closure_note="",
        retention_class="B10",
        notes="",
    )
    for code in reasons:
        rows.add(FamilyReason, family_id=fid, reason_code=code, noted_on=opened)
    _visits(rows, fid, st, rnd, opened)
    if stage != "new":
        family["status"] = write_story(rows, family, members, reasons, stage, st, rnd, fake)
    rows.add(Family, **family)
    return len(members)


def _members(
    rows: _Rows, fid: str, st: _Setting, rnd: random.Random, fake: Faker, gmina_code: str
) -> list[dict]:
    surname = fake.last_name_male()
    shape = rnd.choices(
        ["single", "couple_kids", "single_parent", "couple", "multi"], [18, 35, 25, 10, 12]
    )[0]
    school = ""
    if gmina_code in st.schools:
        school = T.SCHOOLS[0].format(g=T.in_place(st.localities[gmina_code][0]))
    out = []
    head_sex = "F" if shape == "single_parent" or rnd.random() < 0.55 else "M"
    head_born = _birth(rnd, 24, 62) if shape != "couple" else _birth(rnd, 55, 80)
    out.append(
        _person(
            rows,
            fid,
            fake,
            rnd,
            sex=head_sex,
            surname=surname,
            relation="applicant",
            born=head_born,
            order=0,
        )
    )
    order = 1
    if shape in ("couple_kids", "couple", "multi"):
        partner_born = head_born + timedelta(days=rnd.randint(-1500, 1500))
        out.append(
            _person(
                rows,
                fid,
                fake,
                rnd,
                sex="M" if head_sex == "F" else "F",
                surname=surname,
                relation=rnd.choice(["spouse", "spouse", "partner"]),
                born=min(partner_born, TODAY() - timedelta(days=19 * 365)),
                order=order,
            )
        )
        order += 1
    if shape in ("couple_kids", "single_parent", "multi"):
        head_age = (TODAY() - head_born).days // 365
        for _k in range(rnd.choices([1, 2, 3, 4, 5], [30, 35, 20, 10, 5])[0]):
            max_age = min(17, head_age - 19)
            if max_age < 0:
                break
            born = _birth(rnd, 0, max_age) if max_age > 0 else TODAY() - timedelta(days=200)
            out.append(
                _person(
                    rows,
                    fid,
                    fake,
                    rnd,
                    sex=rnd.choice("FM"),
                    surname=surname,
                    relation="child",
                    born=born,
                    order=order,
                    school=school,
                )
            )
            order += 1
    if shape == "multi":
        out.append(
            _person(
                rows,
                fid,
                fake,
                rnd,
                sex=rnd.choice("FM"),
                surname=surname,
                relation="parent",
                born=head_born - timedelta(days=rnd.randint(20 * 365, 30 * 365)),
                order=order,
            )
        )
    return out


def _reasons(rnd: random.Random, members: list[dict]) -> list[str]:
    weights = {"1": 30, "4": 25, "9": 20, "13": 10, "6": 8, "5": 8, "8": 6, "7": 6, "14": 3}
    if sum(1 for m in members if m["relation"] == "child") >= 3:
        weights["8"] = 30
    if any(m["disability"] != "none" for m in members):
        weights["5"] = 30
    n = rnd.choices([1, 2, 3], [25, 50, 25])[0]
    out: list[str] = []
    while len(out) < n:
        code = rnd.choices(list(weights), list(weights.values()))[0]
        if code not in out:
            out.append(code)
    return out


def _visits(rows: _Rows, fid: str, st: _Setting, rnd: random.Random, opened: date) -> None:
    today = TODAY()
    span = max((today - opened).days, 1)
    for _i in range(rnd.randint(1, 6)):
        rows.add(
            Visit,
            family_id=fid,
            visit_on=opened + timedelta(days=rnd.randint(0, span)),
            status="done",
            purpose=rnd.choice(T.VISIT_PURPOSES),
            present="",
            notes=rnd.choice(T.VISIT_NOTES),
            worker=st.worker,
            next_visit_on=None,
        )
    if rnd.random() < 0.3:
        rows.add(
            Visit,
            family_id=fid,
            visit_on=today + timedelta(days=rnd.randint(0, 21)),
            status="planned",
            purpose=rnd.choice(T.VISIT_PURPOSES),
            present="",
            notes="",
            worker=st.worker,
            next_visit_on=None,
        )
