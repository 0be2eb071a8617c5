"""Demo families for reading whole document sets: a woman living alone, a couple without
children and a family of five, each with a diagnosis, a programme, a review and a visit, as
``kooperacja demo`` makes them (``app.demo``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import exists, select

from app import demo
from app.models import Diagnosis, Family, Person, Review, SupportPlan
from app.printing.service import KINDS, render_document
from app.services.workspace import Workspace
from tests.printing import words

DEMO_SHAPES = ("woman_alone", "couple", "family_of_five")
DEMO_FAMILIES = 120
DEMO_SEED = 2024


def _shape(persons: list[Person], today: date) -> str:
    adults = [p for p in persons if (p.age_on(today) or 0) >= 18]
    if len(persons) == 1 and persons[0].sex == "F":
        return "woman_alone"
    if len(persons) == 2 and len(adults) == 2:
        return "couple"
    if len(persons) == 5:
        return "family_of_five"
    return ""


def find_families(ws: Workspace) -> dict[str, str]:
    """shape → the id of one demo family of that shape that has been reviewed."""
    today = date.today()
    found: dict[str, str] = {}
    with ws.transaction() as s:
        ids = s.scalars(
            select(Family.id)
            .where(exists().where(Review.family_id == Family.id))
            .where(exists().where(Diagnosis.family_id == Family.id))
            .where(exists().where(SupportPlan.family_id == Family.id))
            .order_by(Family.case_number)
        ).all()
        for fid in ids:
            persons = s.scalars(
                select(Person).where(Person.family_id == fid, Person.deleted.is_(False))
            ).all()
            shape = _shape(list(persons), today)
            if shape and shape not in found:
                found[shape] = fid
    return found


def make_demo(ws: Workspace) -> dict[str, str]:
    demo.generate(ws, families=DEMO_FAMILIES, seed=DEMO_SEED)
    return find_families(ws)


def demo_documents(
    demo_ws: tuple[Workspace, dict[str, str], str], shape: str, monkeypatch
) -> Iterator[tuple[str, bytes, set[str]]]:
    """(kind, PDF, source words) of every document of the demo family of ``shape``."""
    ws, families, team_id = demo_ws
    assert shape in families, f"the demo made no {shape} with a review"
    for kind in KINDS:
        ids = {"team_id": team_id} if kind == "agreement" else {"family_id": families[shape]}
        with words.recording(monkeypatch) as rec:
            pdf = render_document(ws, kind, **ids)
        yield kind, pdf, rec.words()
