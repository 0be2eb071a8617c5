"""Realistic synthetic demo data: Polish families in real TERYT gminas, with the whole cycle.

Names, valid PESELs and phone numbers come from Faker ``pl_PL``; gminas from the TERC register;
the story of each case (reasons → diagnosis → IPW goals with GAS levels → actions by partner
institutions → reviews → visits → consent) is drawn from ``texts``.  Rows are written in
bulk (one transaction per batch), stamped like any other edit, so 20,000 families take a few
minutes.  The same ``seed`` gives the same data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from faker import Faker
from sqlalchemy import insert, select

from app.config import resources_dir
from app.demo import texts as T  # noqa: N812
from app.demo.family import make_family
from app.demo.registry import ensure_registry
from app.demo.rows import DemoSetting, Rows
from app.models import (
    SYNCED_MODELS,
    Service,
    Setting,
)
from app.services import audit, reference
from app.services.families import next_case_number
from app.services.records import table_of
from app.services.workspace import Workspace

DEFAULT_GMINA = "2005092"  # Narewka, powiat hajnowski (a Model Kooperacji test gmina)
BATCH = 250
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
        rows = Rows(ws)
        for _i in range(n):
            summary.persons += make_family(rows, setting, rnd, fake)
        _write(ws, rows, n)
        summary.records += rows.count
        done += n
        summary.families = done
        if progress:
            progress(done, families)
    if families == 0 and progress:
        progress(0, 0)
    return summary


def _write(ws: Workspace, rows: Rows, n: int) -> None:
    with ws.transaction() as s:
        s.info["applying_sync"] = True  # rows carry their own stamps
        for model in SYNCED_MODELS:
            batch = rows.by_model.get(model)
            if batch:
                s.execute(insert(table_of(model)), batch)
        s.info["applying_sync"] = False
        audit.record(s, "create", "demo", detail=str(n))  # a count: no English in the log


# -- shared set-up ------------------------------------------------------------------------
def _prepare(ws: Workspace, rnd: random.Random, fake: Faker) -> DemoSetting:
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
    institutions, schools = ensure_registry(ws, rnd, fake, powiat, gminas, seat_unit)
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
    return DemoSetting(
        gminas=gminas,
        localities=localities,
        postal=postal,
        institutions=institutions,
        schools=schools,
        services=services,
        home_id=home.value if home else "",
        worker=ws.actor or T.person_name(fake),
        next_number=numbers,
        staff={iid: [T.person_name(fake), T.person_name(fake)] for iid in institutions.values()},
    )
