"""Reference data: loading the shipped code lists and the TERYT register, and looking them up."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.config import resources_dir
from app.errors import FileProblem, ValidationError
from app.i18n import NP_, _, current_language, pgettext
from app.models import HelpReason, LifeDomain, Sector, Service, ServiceArea, Setting, TercUnit
from app.models.reference import CodeListMixin
from app.services.text import fold
from app.services.workspace import Workspace

CATALOG_NAMESPACE = uuid.UUID("6f1d3c52-8a0e-4f6b-9a57-4b0e2f6d9c11")
CODE_LISTS: dict[type[Any], str] = {
    HelpReason: "help_reasons.csv",
    LifeDomain: "life_domains.csv",
    Sector: "sectors.csv",
    ServiceArea: "service_areas.csv",
}
LEVEL_BY_RODZ = {"1": "gmina", "2": "gmina", "3": "gmina", "8": "gmina", "4": "part", "5": "part"}
TERC_COLUMNS = ["WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def load_code_lists(session: Session) -> None:
    """(Re)load the code lists from ``resources/reference``; codes are replaced in place."""
    folder = resources_dir() / "reference"
    for model, filename in CODE_LISTS.items():
        # One query per list instead of one look-up per code (a new database loads them all).
        existing = {obj.code: obj for obj in session.scalars(select(model))}
        for i, row in enumerate(_read_csv(folder / filename)):
            obj = existing.get(row["code"]) or model(code=row["code"])
            obj.label_pl, obj.label_en = row["label_pl"], row["label_en"]
            obj.sort = int(row.get("sort") or i)
            if model is HelpReason:
                obj.legal_basis = row.get("legal_basis", "")
            session.add(obj)


def code_lists_fingerprint() -> str:
    """A hash of the shipped code-list files: when an update changes them, they are reloaded."""
    digest = hashlib.sha256()
    folder = resources_dir() / "reference"
    for filename in sorted(CODE_LISTS.values()):
        digest.update((folder / filename).read_bytes())
    return digest.hexdigest()[:16]


def ensure_loaded(session: Session) -> None:
    """Load code lists if they changed since this database last loaded them, and the TERYT
    register if it is empty (databases made by older versions, or after a failed import)."""
    fingerprint = code_lists_fingerprint()
    marker = session.get(Setting, "reference_fingerprint")
    if marker is None or marker.value != fingerprint:
        load_code_lists(session)
        marker = marker or Setting(key="reference_fingerprint")
        marker.value = fingerprint
        session.add(marker)
    if session.scalar(select(TercUnit.code).limit(1)) is None:
        load_terc(session)


def parse_terc(data: bytes) -> list[TercUnit]:
    """Parse a GUS TERC CSV (semicolon-separated, UTF-8 or Windows-1250)."""
    return [TercUnit(**row) for row in _terc_rows(data)]


@functools.lru_cache(maxsize=1)
def shipped_terc_rows() -> tuple[dict[str, Any], ...]:
    """The shipped register, parsed once per process (every new database loads it)."""
    return tuple(_terc_rows((resources_dir() / "reference" / "TERC.csv").read_bytes()))


def _terc_rows(data: bytes) -> list[dict[str, Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1250")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    if not reader.fieldnames or [c.strip() for c in reader.fieldnames[:7]] != TERC_COLUMNS:
        raise ValidationError(
            _("This is not a TERC file from GUS (columns WOJ;POW;GMI;RODZ;…)."), "file"
        )
    units: list[dict[str, Any]] = []
    for row in reader:
        woj, pow_, gmi, rodz = (row[k].strip() for k in ("WOJ", "POW", "GMI", "RODZ"))
        if not woj:
            continue
        if gmi:
            code, level = woj + pow_ + gmi + rodz, LEVEL_BY_RODZ.get(rodz, "other")
        elif pow_:
            code, level = woj + pow_, "powiat"
        else:
            code, level = woj, "voivodeship"
        valid = row.get("STAN_NA", "").strip()
        units.append(
            {
                "code": code,
                "woj": woj,
                "pow": pow_,
                "gmi": gmi,
                "rodz": rodz,
                "name": row["NAZWA"].strip(),
                "name_folded": fold(row["NAZWA"]),
                "kind": row["NAZWA_DOD"].strip(),
                "level": level,
                "valid_on": date.fromisoformat(valid) if valid else None,
            }
        )
    if not any(u["level"] == "gmina" for u in units):
        raise ValidationError(_("The TERC file lists no gminas."), "file")
    return units


def load_terc(session: Session, data: bytes | None = None) -> int:
    """Replace the TERYT register with ``data`` (default: the shipped 2020-01-01 file)."""
    rows = list(shipped_terc_rows()) if data is None else _terc_rows(data)
    session.execute(delete(TercUnit))
    # A few thousand rows: one executemany on the table (the ORM's bulk path spends most of
    # the time sorting out each row's attributes, which a reference table does not need).
    session.execute(insert(TercUnit.metadata.tables[TercUnit.__tablename__]), rows)
    return len(rows)


def import_terc(ws: Workspace, path: Path | str) -> int:
    """Import a newer TERC file downloaded from GUS; returns the number of units."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FileProblem(_("The file cannot be read.")) from exc
    with ws.transaction() as s:
        return load_terc(s, data)


def seed_catalog(session: Session) -> None:
    """Add the starter koszyk usług.  Ids derive from the codes, so every device seeds the
    same records and a later sync merges them instead of duplicating them."""
    rows = _read_csv(resources_dir() / "reference" / "service_catalog.csv")
    ids = {str(uuid.uuid5(CATALOG_NAMESPACE, row["code"])): row for row in rows}
    present = set(session.scalars(select(Service.id).where(Service.id.in_(ids))))
    for sid, row in ids.items():
        if sid not in present:
            session.add(
                Service(
                    id=sid,
                    code=row["code"],
                    name=row["name"],
                    area_code=row["area"],
                    sector_code=row["sector"],
                    legal_basis=row["legal_basis"],
                    description=row["description"],
                )
            )


# -- look-ups ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Code:
    code: str
    label: str


def code_list(ws: Workspace, model: type[CodeListMixin]) -> list[Code]:
    lang = current_language()
    with ws.transaction() as s:
        rows = s.scalars(select(model).where(model.active.is_(True)).order_by(model.sort)).all()
        return [Code(r.code, r.label(lang)) for r in rows]


def labels(ws: Workspace, model: type) -> dict[str, str]:
    return {c.code: c.label for c in code_list(ws, model)}


def terc_unit(ws: Workspace, code: str) -> TercUnit | None:
    with ws.transaction() as s:
        return s.get(TercUnit, code)


def require_terc(session: Session, code: str, levels: tuple[str, ...], field: str) -> TercUnit:
    unit = session.get(TercUnit, (code or "").strip())
    if unit is None:
        raise ValidationError(_("Unknown TERYT code: {code}.").format(code=code), field)
    if unit.level not in levels:
        raise ValidationError(
            _("TERYT code {code} is a {found} ({name}), not a {wanted}.").format(
                code=code,
                found=_level(unit.level),
                name=unit.name,
                wanted=" / ".join(_level(lv) for lv in levels),
            ),
            field,
        )
    return unit


LEVEL_NAMES = {
    "gmina": NP_("TERYT level", "gmina"),
    "powiat": NP_("TERYT level", "powiat"),
    "voivodeship": NP_("TERYT level", "voivodeship"),
}


def _level(level: str) -> str:
    return pgettext("TERYT level", LEVEL_NAMES[level]) if level in LEVEL_NAMES else level


def gmina_names(ws: Workspace, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    with ws.transaction() as s:
        rows = s.execute(select(TercUnit.code, TercUnit.name).where(TercUnit.code.in_(codes)))
        return {code: name for code, name in rows}


class _Unit(Protocol):
    """A TERYT unit as a picker shows it (a ``TercUnit`` or a row of the register)."""

    @property
    def name(self) -> str: ...

    @property
    def kind(self) -> str: ...


def describe_unit(unit: _Unit, powiat: _Unit | None = None) -> str:
    """ "Narewka (gmina wiejska, pow. hajnowski)" — how a unit is shown in pickers."""
    extra = f", pow. {powiat.name}" if powiat is not None else ""
    return f"{unit.name} ({unit.kind}{extra})"


def may_work_in(role: str, unit_code: str, gmina_code: str) -> bool:
    """The rule: an OPS works in its own gmina; a coordinator (PCPR) in any gmina of its powiat."""
    if role == "coordinator":
        return len(gmina_code) == 7 and gmina_code[:4] == unit_code[:4]
    return gmina_code == unit_code


def require_work_gmina(
    session: Session, role: str, unit_code: str, gmina_code: str, field: str = "gmina_code"
) -> None:
    """Refuse a family in a gmina ``role`` may not work in (``may_work_in``), naming the gmina."""
    code = (gmina_code or "").strip()
    if may_work_in(role, unit_code, code):
        return
    unit = session.get(TercUnit, code)
    gmina = f"{unit.name} ({code})" if unit is not None else code
    message = (
        _("This OPS keeps families of its own gmina only; {gmina} is another gmina.")
        if role != "coordinator"
        else _("The coordinator keeps families of the gminas of its powiat; {gmina} is outside it.")
    )
    raise ValidationError(message.format(gmina=gmina), field)


def work_gminas(ws: Workspace) -> list[TercUnit]:
    """The gminas this installation may register and keep families in (``may_work_in``)."""
    unit = ws.identity.unit_code
    if ws.is_coordinator:
        candidates = gminas_of_powiat(ws, unit)
    else:
        own = terc_unit(ws, unit)
        candidates = [own] if own is not None else []
    return [u for u in candidates if may_work_in(ws.identity.role, unit, u.code)]


def gminas_of_powiat(ws: Workspace, powiat_code: str) -> list[TercUnit]:
    with ws.transaction() as s:
        q = select(TercUnit).where(
            TercUnit.level == "gmina", TercUnit.code.startswith(powiat_code[:4])
        )
        return list(s.scalars(q.order_by(TercUnit.name_folded)))
