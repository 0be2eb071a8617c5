"""What the case documents share: the loaded case, its labels, addresses and who signs.

``CaseData`` is built by ``app.printing.service`` from a ``FamilyFile`` (detached rows loaded by
``app.services.casefile``); the document modules only read it.  Signatories follow the rule of
the printed forms: every adult family member, the social worker, and each partner institution's
representative named in the plan (or, for a diagnosis, the institutions that took part).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from app.i18n import _
from app.models import Institution, Person
from app.models.enums import LabelledEnum, Relation
from app.printing.layout import EMPTY, PageHeader, fmt_date
from app.printing.signatures import Signatory
from app.services import subject_words
from app.services.casefile import FamilyFile
from app.services.controller import Controller
from app.services.signer_rule import ADULT

_CHILD_RELATIONS = {Relation.CHILD, Relation.GRANDCHILD}
_STREET_PREFIXES = ("ul.", "al.", "pl.", "os.", "ul ", "aleja", "plac", "osiedle", "rondo")


@dataclass
class Labels:
    """Code-list labels in the current language (life domains, art. 7 reasons, sectors)."""

    domains: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)


@dataclass
class CaseData:
    file: FamilyFile
    home: Institution | None
    labels: Labels
    printed_on: date
    worker: str  # the social worker who signs (the case's lead worker)
    controller: Controller | None = None  # the RODO clause's controller and IOD

    @property
    def family(self):
        return self.file.family

    def word(self, msgid: str) -> str:
        """A phrase about the family as this case needs it (a person alone, an older person:
        never "rodzina" for one person), translated; see ``subject_words.about``."""
        return subject_words.about(self.family.subject_kind, msgid)

    @property
    def one_person(self) -> bool:
        return subject_words.is_one_person(self.family.subject_kind)

    @property
    def persons(self) -> list[Person]:
        return list(self.file.persons)

    @property
    def home_name(self) -> str:
        return self.home.name if self.home else _("Social assistance centre")

    def header(self, title: str) -> PageHeader:
        return PageHeader(
            institution_name=self.home_name,
            institution_address=institution_address(self.home, with_contact=True),
            reference=self.family.case_number,
            title=title,
            printed_on=self.printed_on,
        )

    @property
    def address(self) -> str:
        return family_address(self.file)

    @property
    def gmina_name(self) -> str:
        return self.file.gmina.name if self.file.gmina else ""

    def adults(self) -> list[Person]:
        return [p for p in self.persons if is_adult(p, self.printed_on)]

    def reasons_text(self) -> str:
        codes = [r.reason_code for r in self.family.reasons]
        return "; ".join(self.labels.reasons.get(c, c) for c in codes) or EMPTY

    def domain_label(self, code: str) -> str:
        return self.labels.domains.get(code, code) if code else EMPTY

    def family_signatories(self) -> list[Signatory]:
        return [
            Signatory(p.full_name, label_of(Relation, p.relation, p.sex)) for p in self.adults()
        ]

    def worker_signatory(self, name: str | None = None) -> Signatory:
        return Signatory((name or self.worker).strip(), _("Social worker") + f", {self.home_name}")

    def representative(self, institution: Institution, named: Iterable[str] = ()) -> str:
        """Who signs for a partner: a person named in the plan, else the case team member of
        that institution, else its contact person ("" leaves the name to be written in)."""
        for name in named:
            if name.strip():
                return name.strip()
        for member in self.file.team:
            if member.institution_id == institution.id and member.name.strip():
                return member.name.strip()
        return (institution.contact_person or "").strip()

    def plan_partner_signatories(self, plan) -> list[Signatory]:
        """One block per partner institution with an action in the plan (the OPS excluded)."""
        if plan is None:
            return []
        home_id = self.home.id if self.home else None
        order: dict[str, tuple[Institution, list[str]]] = {}
        for action in plan.actions:
            inst = action.institution
            if inst is None or inst.id == home_id:
                continue
            order.setdefault(inst.id, (inst, []))[1].append(action.responsible_person or "")
        return [
            Signatory(self.representative(inst, names), partner_role(inst))
            for inst, names in order.values()
        ]


def partner_role(institution: Institution, function: str = "") -> str:
    who = function.strip() or _("representative")
    return f"{who}, {institution.name}"


def label_of(enum: type[LabelledEnum], value: str | None, sex: str | None = None) -> str:
    """The translated label of a stored code, in the form said of a person of recorded ``sex``
    where the word follows the person ("wnioskodawczyni", "bezrobotny"); unknown or empty codes
    print as they are."""
    if not value:
        return EMPTY
    try:
        return enum(value).label_for(sex)
    except ValueError:
        return value


def is_adult(person: Person, on: date) -> bool:
    age = person.age_on(on)
    if age is None:
        return person.relation not in _CHILD_RELATIONS
    return age >= ADULT


def _street(street: str) -> str:
    s = street.strip()
    if not s or s.lower().startswith(_STREET_PREFIXES):
        return s
    return f"ul. {s}"


def _number(house: str, flat: str) -> str:
    house, flat = house.strip(), flat.strip()
    return f"{house}/{flat}" if house and flat else house or (f"m. {flat}" if flat else "")


def family_address(file: FamilyFile) -> str:
    """ "ul. Leśna 4/2, 17-220 Narewka"; a village without streets: "Skupowo 12, 17-220
    Skupowo" (the village is its own postal locality, as Polish rural addresses are written)."""
    f = file.family
    number = _number(f.house_number, f.flat_number)
    if f.street.strip():
        line = " ".join(x for x in (_street(f.street), number) if x)
        town = " ".join(x for x in (f.postal_code, f.locality) if x)
        return ", ".join(x for x in (line, town) if x)
    line = " ".join(x for x in (f.locality, number) if x)
    town = f"{f.postal_code} {f.locality}" if f.postal_code else ""
    return ", ".join(x for x in (line, town) if x)


def institution_address(inst: Institution | None, with_contact: bool = False) -> str:
    if inst is None:
        return ""
    town = " ".join(x for x in (inst.postal_code, inst.city) if x)
    parts = [_street(inst.street), town]
    if with_contact:
        if inst.phone:
            parts.append(_("tel. {phone}").format(phone=inst.phone))
        if inst.email:
            parts.append(inst.email)
    return ", ".join(p for p in parts if p)


def period_text(start: date | None, end: date | None) -> str:
    if not start and not end:
        return EMPTY
    return _("from {start} to {end}").format(start=fmt_date(start, "…"), end=fmt_date(end, "…"))
