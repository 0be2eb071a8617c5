"""Print every document of a demo family and save its pages as PNGs in ``docs/forms/``:
the case's forms, the pilot's (referral, workshop, closing, agenda, minutes, task list,
evaluation) and the RODO ones (a person's own data, the register, an archive protocol).

    .venv/bin/python tools/render_forms.py [--out docs/forms] [--dpi 100] [--households DIR]

The demo data are made by ``app.demo`` (synthetic families, as ``kooperacja demo``
makes them) in a throw-away encrypted database inside a temporary folder; only the synthetic
pages are written out.  Look at the PNGs after changing a layout: they are what a family is
asked to sign.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Demo:
    family_id: str
    team_id: str
    households: dict[str, str]  # "woman-alone" | "couple" | "family-of-five" → family id


def households(ws) -> dict[str, str]:
    """One reviewed demo family of each shape the issue asks to read: a woman living alone,
    a couple without children, a family of five."""
    from datetime import date

    from sqlalchemy import exists, select

    from app.models import Family, Person, Review

    today = date.today()
    found: dict[str, str] = {}
    with ws.transaction() as s:
        ids = s.scalars(
            select(Family.id)
            .where(exists().where(Review.family_id == Family.id))
            .order_by(Family.case_number)
        ).all()
        for fid in ids:
            people = s.scalars(select(Person).where(Person.family_id == fid)).all()
            adults = [p for p in people if (p.age_on(today) or 0) >= 18]
            if len(people) == 1 and people[0].sex == "F":
                found.setdefault("woman-alone", fid)
            elif len(people) == 2 and len(adults) == 2:
                found.setdefault("couple", fid)
            elif len(people) == 5:
                found.setdefault("family-of-five", fid)
    return found


def build_demo(ws) -> Demo:
    """Demo families (``app.demo``) with the OPS's full address; the family furthest
    in the cycle (diagnosis, programme, reviews) and the demo PZK with its agreement."""
    from app import demo
    from app.services import casefile, controller, registry
    from bench.print_bench import demo_family

    demo.generate(ws, families=120, seed=2024)
    home = casefile.home_institution(ws)
    assert home is not None
    registry.save_institution(
        ws,
        registry.InstitutionInput(
            name=home.name,
            sector_code=home.sector_code,
            level=home.level,
            teryt_code=home.teryt_code,
            street="ul. Białowieska 1",
            postal_code="17-220",
            city="Narewka",
            phone="85 685 80 15",
            email="gops@narewka.example.pl",
        ),
        institution_id=home.id,
    )
    controller.set_iod_contact(ws, "iod@narewka.example.pl")
    teams = [t for t in registry.list_teams(ws) if registry.list_agreements(ws, t.id)]
    return Demo(demo_family(ws), teams[0].id, households(ws))


def _pages(out: Path, name: str, pdf: bytes, dpi: float) -> None:
    from app.printing import raster

    pages = raster.render_pages(pdf, dpi=dpi)
    for n, page in enumerate(pages, 1):
        (out / f"{name}-{n}.png").write_bytes(page.to_png(grayscale=True))
    print(f"{out.name}/{name}: {len(pages)} page(s)")


def pilot_ids(ws, team_id: str):
    """Ids for the pilot's documents: the demo family with a referral, a workshop and a closed
    IPW; the team's latest meeting; the member institution with the most open tasks."""
    from datetime import date

    from sqlalchemy import exists, select

    from app.models import (
        DiagnosticWorkshop,
        Family,
        PlanClosure,
        Referral,
        TeamMeeting,
        TeamMembership,
    )
    from app.printing.pilot_docs import Ids
    from app.services import casefile, meetings

    with ws.transaction() as s:
        family_id = s.scalar(
            select(Family.id)
            .where(exists().where(PlanClosure.family_id == Family.id))
            .where(exists().where(Referral.family_id == Family.id))
            .where(exists().where(DiagnosticWorkshop.family_id == Family.id))
            .order_by(Family.case_number)
        )
        meeting_id = s.scalar(
            select(TeamMeeting.id)
            .where(TeamMeeting.team_id == team_id)
            .order_by(TeamMeeting.held_on.desc(), TeamMeeting.id)
        )
        members = s.scalars(
            select(TeamMembership.institution_id).where(TeamMembership.team_id == team_id)
        ).all()
    today = date.today()
    home = casefile.home_institution(ws)
    partners = [i for i in members if home is None or i != home.id]  # a partner's list
    tasks = {i: len(meetings.task_list(ws, i, today)) for i in partners}
    institution_id = max(tasks, key=lambda i: tasks[i]) if tasks else None
    return Ids(
        family_id=family_id, team_id=team_id, meeting_id=meeting_id, institution_id=institution_id
    )


def render_pilot_set(ws, out: Path, team_id: str, dpi: float) -> None:
    """The pilot's documents (referral, workshop, closing; agenda, minutes, task list), the
    evaluation, and the RODO ones: a person's own data, the register, an archive protocol."""
    from sqlalchemy import select

    from app.errors import KooperacjaError
    from app.models import Person
    from app.printing import evaluation, rodo_files
    from app.printing.pilot_docs import CASE_KINDS
    from app.printing.pilot_docs import KINDS as PILOT_KINDS
    from app.printing.service import render_document

    ids = pilot_ids(ws, team_id)
    for kind in PILOT_KINDS:
        try:
            family_id = ids.family_id if kind in CASE_KINDS else None
            pdf = render_document(ws, kind, family_id=family_id, team_id=team_id, pilot=ids)
        except KooperacjaError as exc:
            print(f"{kind}: {exc.message}")
            continue
        _pages(out, kind, pdf, dpi)
    _pages(out, "evaluation", evaluation.evaluation_file(ws, "pdf"), dpi)
    with ws.transaction() as s:
        person = s.scalars(
            select(Person.id).where(Person.family_id == ids.family_id).order_by(Person.id)
        ).first()
    folder = out / ".tmp"
    folder.mkdir(exist_ok=True)
    try:
        rodo_files.write_access(ws, person, "pdf", folder / "access.pdf")
        _pages(out, "subject-access", (folder / "access.pdf").read_bytes(), dpi)
        rodo_files.write_register(ws, folder / "register.pdf")
        _pages(out, "register", (folder / "register.pdf").read_bytes(), dpi)
        done = rodo_files.archive_case(  # the throw-away demo case leaves the demo database
            ws, ids.family_id, "demo-archiwum-Narew-2026-x", folder
        )
        _pages(out, "archive-protocol", done.protocol.read_bytes(), dpi)
    finally:
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()


def render_set(ws, out: Path, family_id: str, team_id: str, dpi: float) -> None:
    """Every document of one family (and the PZK agreement) as PNG pages in ``out``."""
    from app.errors import NotFound
    from app.printing import raster
    from app.printing.service import KINDS, render_document

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    for kind in KINDS:
        ids = {"team_id": team_id} if kind == "agreement" else {"family_id": family_id}
        try:
            pdf = render_document(ws, kind, **ids)
        except NotFound as exc:
            print(f"{kind}: {exc.message}")
            continue
        pages = raster.render_pages(pdf, dpi=dpi)
        for n, page in enumerate(pages, 1):
            (out / f"{kind}-{n}.png").write_bytes(page.to_png(grayscale=True))
        print(f"{out.name}/{kind}: {len(pages)} page(s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "forms"))
    parser.add_argument("--dpi", type=float, default=100)
    parser.add_argument(
        "--households",
        metavar="DIR",
        help="also render the documents of a woman alone, a couple and a family of five here",
    )
    args = parser.parse_args(argv)
    out = Path(args.out)
    with tempfile.TemporaryDirectory(prefix="kooperacja-forms-") as tmp:
        os.environ["KOOPERACJA_DATA_DIR"] = tmp
        from app.i18n import set_language
        from app.services import setup

        set_language("pl")
        ws = setup.initialize(
            Path(tmp) / "demo.db",
            "demo-forms-passphrase-Narew-42",
            role="ops",
            unit_code="2005092",
            name="Gminny Ośrodek Pomocy Społecznej w Narewce",
            worker_name="Anna Kowalczyk",
        )  # the real key derivation: the register prints its cost
        try:
            demo = build_demo(ws)
            render_set(ws, out, demo.family_id, demo.team_id, args.dpi)
            render_pilot_set(ws, out, demo.team_id, args.dpi)
            if args.households:
                for shape, fid in demo.households.items():
                    render_set(ws, Path(args.households) / shape, fid, demo.team_id, args.dpi)
        finally:
            ws.lock()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
