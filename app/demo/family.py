"""One synthetic family: members with valid PESELs, reasons, visits, then its case story."""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker

from app.demo import pathway
from app.demo import texts as T  # noqa: N812
from app.demo.rows import DemoSetting, Rows
from app.demo.story import write_story
from app.demo.voice import Household
from app.models import Family, FamilyReason, Person, Visit, new_id
from app.services.text import fold

TODAY = date.today
SIBLING_GAP_DAYS = 275  # about nine months
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


def _female_surname(male: str) -> str:
    for end in ("ski", "cki", "dzki"):
        if male.endswith(end):
            return male[:-1] + "a"
    return male


def _birth(rnd: random.Random, low: int, high: int) -> date:
    today = TODAY()
    return today - timedelta(days=rnd.randint(low * 365, high * 365))


def _person(
    rows: Rows,
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
    taken: set[str] | None = None,
) -> dict:
    last = surname if sex == "M" else _female_surname(surname)
    first = fake.first_name_male() if sex == "M" else fake.first_name_female()
    for _try in range(20):  # never two members of one family with the same first name
        if taken is None or first not in taken:
            break
        first = fake.first_name_male() if sex == "M" else fake.first_name_female()
    if taken is not None:
        taken.add(first)
    age = (TODAY() - born).days // 365
    child = age < 18
    values = dict(
        id=new_id(),
        family_id=fid,
        first_name=first,
        last_name=last,
        last_name_folded=fold(last),
        pesel=fake.pesel(date_of_birth=born, sex=sex),  # type: ignore[arg-type]  # reads y/m/d
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


def make_family(rows: Rows, st: DemoSetting, rnd: random.Random, fake: Faker) -> int:
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
        subject_kind=pathway.subject_kind(members, today),
    )
    for code in reasons:
        rows.add(FamilyReason, family_id=fid, reason_code=code, noted_on=opened)
    _visits(rows, fid, st, rnd, opened, members)
    if stage != "new":
        family["status"] = write_story(rows, family, members, reasons, stage, st, rnd, fake)
    else:
        pathway.pending_referral(rows, family, st)
    rows.add(Family, **family)
    return len(members)


def _members(
    rows: Rows, fid: str, st: DemoSetting, rnd: random.Random, fake: Faker, gmina_code: str
) -> list[dict]:
    surname = fake.last_name_male()
    shape = rnd.choices(
        ["single", "couple_kids", "single_parent", "couple", "multi"], [18, 35, 25, 10, 12]
    )[0]
    school = ""
    if gmina_code in st.schools:
        school = T.SCHOOLS[0].format(g=T.in_place(st.localities[gmina_code][0]))
    out = []
    taken: set[str] = set()  # first names already in the family
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
            taken=taken,
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
                taken=taken,
            )
        )
        order += 1
    if shape in ("couple_kids", "single_parent", "multi"):
        head_age = (TODAY() - head_born).days // 365
        births: list[date] = []
        for _k in range(rnd.choices([1, 2, 3, 4, 5], [30, 35, 20, 10, 5])[0]):
            max_age = min(17, head_age - 19)
            if max_age < 0:
                break
            born = _child_birth(rnd, max_age, births)
            if born is None:
                break
            births.append(born)
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
                    taken=taken,
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
                taken=taken,
            )
        )
    return out


def _child_birth(rnd: random.Random, max_age: int, births: list[date]) -> date | None:
    """A child's birth date at least nine months from each sibling's (or the very same day:
    twins, now and then); None when no such date is left."""
    if births and rnd.random() < 0.04:
        return births[-1]  # twins
    for _try in range(30):
        born = _birth(rnd, 0, max_age) if max_age > 0 else TODAY() - timedelta(days=200)
        if all(abs((born - b).days) >= SIBLING_GAP_DAYS for b in births):
            return born
    return None


def _reasons(rnd: random.Random, members: list[dict]) -> list[str]:
    weights = {"1": 30, "4": 25, "9": 20, "13": 10, "6": 8, "5": 8, "8": 6, "7": 6, "14": 3}
    if sum(1 for m in members if m["relation"] == "child") >= 3:
        weights["8"] = 30
    if any(m["disability"] != "none" for m in members):
        weights["5"] = 30
    children = sum(1 for m in members if m["relation"] == "child")
    if children < 3:
        weights.pop("8", None)  # ochrona wielodzietności: three children or more
    if children == 0:
        weights.pop("9", None)  # bezradność opiekuńczo-wychowawcza: there are children
    n = rnd.choices([1, 2, 3], [25, 50, 25])[0]
    out: list[str] = []
    while len(out) < n:
        code = rnd.choices(list(weights), list(weights.values()))[0]
        if code not in out:
            out.append(code)
    return out


def _visits(
    rows: Rows, fid: str, st: DemoSetting, rnd: random.Random, opened: date, members: list[dict]
) -> None:
    hh = Household.of(members)
    adults = [f"{m['first_name']} {m['last_name']}" for m in members if m["relation"] != "child"]
    today = TODAY()
    span = max((today - opened).days, 1)
    for _i in range(rnd.randint(1, 6)):
        rows.add(
            Visit,
            family_id=fid,
            visit_on=opened + timedelta(days=rnd.randint(0, span)),
            status="done",
            purpose=rnd.choice(T.VISIT_PURPOSES),
            present=", ".join(adults[: rnd.randint(1, max(1, len(adults)))]),
            notes=hh.one(rnd, T.VISIT_NOTES),
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
