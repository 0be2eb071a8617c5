"""The op runner hands every job's ``Changes`` to the screens once, and nothing else does."""

from __future__ import annotations

import os
import re
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.errors import ValidationError
from app.models import Family, Person
from app.services import families, persons, search
from app.services.families import FamilyInput
from app.services.persons import PersonInput
from tests.ui.conftest import settle

APP = Path(__file__).resolve().parents[2] / "app"


def _heard(ctx) -> list:
    heard: list = []
    ctx.events.data_changed.connect(heard.append)
    return heard


def test_a_job_that_writes_is_announced_once_after_its_callback(ctx, qtbot):
    heard = _heard(ctx)
    order: list[str] = []
    ctx.events.data_changed.connect(lambda _c: order.append("changed"))
    ctx.runner.run(
        families.register_family,
        ctx.ws,
        FamilyInput(gmina_code="2005092", locality="Lipiny"),
        success=lambda _f: order.append("success"),
    )
    settle(ctx, qtbot)
    assert order == ["success", "changed"]
    assert len(heard) == 1 and heard[0].touches(Family)
    assert not heard[0].touches(Person)


def test_the_changes_name_the_family_the_job_touched(ctx, qtbot):
    family = families.register_family(ctx.ws, FamilyInput(gmina_code="2005092", locality="Lipiny"))
    heard = _heard(ctx)
    member = PersonInput(first_name="Ewa", last_name="Lis", pesel="44051401359")
    ctx.runner.run(persons.add_person, ctx.ws, family.id, member)
    settle(ctx, qtbot)
    assert [c.touches(Person, family=family.id) for c in heard] == [True]
    assert not heard[0].touches(Person, family="someone-else")


def test_reads_and_refused_writes_are_not_announced(ctx, qtbot, family_case):
    heard = _heard(ctx)
    failures: list[BaseException] = []
    ctx.runner.run(search.search_families, ctx.ws)
    ctx.runner.run(
        persons.add_person,
        ctx.ws,
        family_case.family_id,
        PersonInput(first_name="", last_name=""),
        failure=failures.append,
    )
    settle(ctx, qtbot)
    assert heard == []
    assert [type(f) for f in failures] == [ValidationError]


def test_no_screen_announces_a_change_by_hand():
    """The op runner is the only sender: a hand-written emit would guess what changed."""
    offenders = [
        f"{path.relative_to(APP)}:{n}"
        for path in APP.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"data_changed\.emit\(", line)
    ]
    assert offenders == []
