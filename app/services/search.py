"""Finding families: by surname (prefix, diacritics ignored), PESEL, locality or case number.

Each kind of match is an index range scan (folded surname, PESEL, folded locality, case number);
the union of their family ids is filtered and paged, so search stays fast at 20,000 families.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, CompoundSelect, Select, and_, column, func, select, union
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Family, Person, TercUnit
from app.models.enums import FamilyStatus
from app.services import deadlines
from app.services.handover_rule import effective_status, still_here
from app.services.text import fold, prefix_upper_bound
from app.services.workspace import Workspace

SORT_COLUMNS = {
    "case_number": Family.case_number,
    "name": Family.head_name_folded,
    "locality": Family.locality_folded,
    "gmina": Family.gmina_code,
    "status": effective_status(),
    "opened_on": Family.opened_on,
}


@dataclass(frozen=True)
class Member:
    person_id: str
    first_name: str
    last_name: str
    pesel: str
    relation: str


@dataclass(frozen=True)
class FamilyRow:
    id: str
    case_number: str
    gmina_code: str
    gmina: str
    locality: str
    address: str
    status: str
    lead_worker: str
    head_name: str
    opened_on: date
    next_review_on: date | None  # the deadline engine's review due (``deadlines.review_due``)
    members: tuple[Member, ...]
    handed_over: bool = False  # this device's closed, read-only trace of a handed-over family

    @property
    def status_label(self) -> str:
        if self.handed_over:
            return _("closed – handed over to another gmina")
        return FamilyStatus(self.status).label

    def overdue(self, today: date) -> bool:
        return (
            self.status != FamilyStatus.CLOSED
            and self.next_review_on is not None
            and self.next_review_on < today
        )


@dataclass(frozen=True)
class FamilyPage:
    rows: list[FamilyRow]
    total: int
    offset: int
    limit: int


def _range(column, key: str):  # SQL expression helpers
    return and_(column >= key, column < prefix_upper_bound(key))


def _token_matches(token: str) -> CompoundSelect:
    """Family ids matching one search word in any of the searchable fields."""
    key = fold(token)
    parts: list[Select] = []
    if token.isdigit():
        parts.append(
            select(Person.family_id).where(_range(Person.pesel, token), Person.deleted.is_(False))
        )
    else:
        parts.append(
            select(Person.family_id).where(
                _range(Person.last_name_folded, key), Person.deleted.is_(False)
            )
        )
        parts.append(select(Family.id).where(_range(Family.locality_folded, key)))
    parts.append(select(Family.id).where(_range(Family.case_number, token)))
    return union(*parts)


def search_families(
    ws: Workspace,
    text: str = "",
    *,
    status: str | None = None,
    gmina_code: str | None = None,
    overdue_on: date | None = None,
    sort: str = "case_number",
    descending: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> FamilyPage:
    """One page of families matching every word of ``text`` and the filters."""
    with ws.transaction() as s:
        return _search(s, text, status, gmina_code, overdue_on, sort, descending, offset, limit)


def _search(
    s: Session,
    text: str,
    status: str | None,
    gmina_code: str | None,
    overdue_on: date | None,
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
) -> FamilyPage:
    conditions: list[ColumnElement[bool]] = [Family.deleted.is_(False)]
    for token in text.replace(",", " ").split()[:5]:
        conditions.append(Family.id.in_(_token_matches(token)))
    status_now = effective_status()  # a handed-over family's trace counts as closed
    if status:
        conditions.append(status_now == status)
    if gmina_code:
        conditions.append(Family.gmina_code.startswith(gmina_code))
    if overdue_on is not None:
        due = deadlines.review_due_by_family(s)
        late = sorted(fid for fid, day in due.items() if day < overdue_on)
        # One JSON parameter, not one per family (there may be thousands of them).
        late_ids: Select = select(column("value")).select_from(func.json_each(json.dumps(late)))
        conditions += [Family.id.in_(late_ids), status_now != FamilyStatus.CLOSED]
    sort_column = SORT_COLUMNS.get(sort, Family.case_number)
    order = sort_column.desc() if descending else sort_column.asc()
    q = (
        select(Family, status_now, still_here())
        .where(*conditions)
        .order_by(order, Family.case_number, Family.id)
        .offset(offset)
        .limit(limit)
    )
    found = s.execute(q).all()
    page = [f for f, _status, _here in found]
    shown = {f.id: status for f, status, _here in found}
    traces = {f.id for f, _status, here in found if not here}
    if len(page) < limit and (page or offset == 0):
        total = offset + len(page)  # the last page: no need to count the matches again
    else:
        total = s.scalar(select(func.count(Family.id)).where(*conditions)) or 0
    if not page:
        return FamilyPage([], int(total), offset, limit)
    ids = [f.id for f in page]
    members = _members_of(s, ids)
    next_reviews = deadlines.review_due_by_family(s, ids)
    gmina_rows = s.execute(
        select(TercUnit.code, TercUnit.name).where(TercUnit.code.in_({f.gmina_code for f in page}))
    )
    names = {code: name for code, name in gmina_rows}
    rows = [
        FamilyRow(
            id=f.id,
            case_number=f.case_number,
            gmina_code=f.gmina_code,
            gmina=names.get(f.gmina_code, f.gmina_code),
            locality=f.locality,
            address=format_address(f),
            status=shown[f.id],
            lead_worker=f.lead_worker,
            head_name=f.head_name,
            opened_on=f.opened_on,
            next_review_on=next_reviews.get(f.id),
            members=tuple(members.get(f.id, ())),
            handed_over=f.id in traces,
        )
        for f in page
    ]
    return FamilyPage(rows, int(total), offset, limit)


def _members_of(s: Session, family_ids: list[str]) -> dict[str, list[Member]]:
    out: dict[str, list[Member]] = {}
    if not family_ids:
        return out
    # Only the columns a row shows: building ~250 full Person objects per page cost a quarter
    # of a search (bench/RESULTS.md, Foundation).
    q = (
        select(
            Person.family_id,
            Person.id,
            Person.first_name,
            Person.last_name,
            Person.pesel,
            Person.relation,
        )
        .where(Person.family_id.in_(family_ids), Person.deleted.is_(False))
        .order_by(Person.family_id, Person.sort_order, Person.birth_date)
    )
    for family_id, *fields in s.execute(q):
        out.setdefault(family_id, []).append(Member(*fields))
    return out


def format_address(f: Family) -> str:
    """ "Narewka, ul. Leśna 4/2" or "Siemianówka 12" for villages without streets."""
    number = f.house_number + (f"/{f.flat_number}" if f.flat_number else "")
    if f.street:
        street = (
            f.street
            if f.street.lower().startswith(("ul.", "al.", "pl.", "os."))
            else (f"ul. {f.street}")
        )
        return f"{f.locality}, {street} {number}".strip()
    return f"{f.locality} {number}".strip()
