"""The TERYT register: loaded in bulk into every new database, replaced by a newer GUS file."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.config import resources_dir
from app.errors import ValidationError
from app.models import TercUnit
from app.services import reference

SHIPPED = resources_dir() / "reference" / "TERC.csv"


def _units(ws) -> dict[str, TercUnit]:
    with ws.transaction() as s:
        return {u.code: u for u in s.scalars(select(TercUnit))}


def test_a_new_database_holds_the_whole_shipped_register(ws):
    units = _units(ws)
    assert len(units) == len(reference.parse_terc(SHIPPED.read_bytes()))
    narewka = units["2005092"]
    assert (narewka.name, narewka.level, narewka.name_folded) == ("Narewka", "gmina", "narewka")
    assert units["2005"].level == "powiat" and units["20"].level == "voivodeship"


def test_a_newer_gus_file_replaces_it_and_a_wrong_one_changes_nothing(ws, tmp_path):
    text = SHIPPED.read_bytes().decode("utf-8-sig")
    lines = text.splitlines()
    kept = [ln for ln in lines if not ln.startswith("20;05;01;1;")]  # Hajnówka, gmina miejska
    renamed = [ln.replace(";Narewka;", ";Narewka Nowa;") for ln in kept]
    newer = tmp_path / "TERC_nowy.csv"
    newer.write_bytes("\n".join(renamed).encode("cp1250"))  # GUS also ships Windows-1250
    before = len(_units(ws))
    count = reference.import_terc(ws, newer)
    units = _units(ws)
    assert count == len(units) == before - 1
    assert (
        units["2005092"].name == "Narewka Nowa" and units["2005092"].name_folded == "narewka nowa"
    )
    assert "2005011" not in units

    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a;b;c\n1;2;3\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        reference.import_terc(ws, wrong)
    with ws.transaction() as s:
        assert s.scalar(select(func.count()).select_from(TercUnit)) == count
