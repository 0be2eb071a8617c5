"""The domain rules every stored record obeys, whichever way it comes in.

The forms' services, ``load --json`` and a sync bundle all end as rows of the synchronised
tables; this module checks such rows (column values as ``app.services.records.from_record``
returns them) against the domain's rules: PESEL check digit and its agreement with the birth
date and sex, NIP, REGON, postal codes, e-mail addresses, closed value lists, date order,
plausible dates (``date_rules``), rating ranges (``check_values``, no database needed), and
TERYT codes, code lists, references to other records and the rules between records (a consent
never names the centre keeping the case: ``RecordChecker``, with a session).  The primitive
checks are the ones the services use (``app.services.validation``), so a rule lives once.

A failure is an ``InvalidRecord`` (exit code 4) naming the record: its kind, its id and where it
was found (a line of a bundle, a position in an export), never a value from it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import N_, _
from app.models import (
    MODEL_BY_TABLE,
    Consent,
    ConsentRecipient,
    Family,
    HelpReason,
    LifeDomain,
    Sector,
    ServiceArea,
    TercUnit,
)
from app.models.enums import (
    ActionStatus,
    AgreementKind,
    AttachmentKind,
    CommitmentStatus,
    Disability,
    Education,
    Employment,
    FamilyStatus,
    IdDocument,
    InstitutionLevel,
    LabelledEnum,
    ParticipantKind,
    PartySide,
    PlanOutcome,
    PlanStatus,
    ReferralDecision,
    Relation,
    Sex,
    SubjectKind,
    TeamKind,
    TransferKind,
    VisitStatus,
)
from app.services.audit_words import entity_label
from app.services.date_rules import check_birth_date, check_work_date
from app.services.recipient_rule import check_recipient
from app.services.signer_rule import check_signer
from app.services.validation import (
    check_email,
    check_nip,
    check_pesel,
    check_postal_code,
    check_regon,
)

Values = dict[str, Any]

# Closed value lists: (table, column) → the enum of its codes, and whether "" is allowed (where
# the form allows none).  The one list of which column holds which codes: validation below, and
# the labels of the RODO access report (``app.printing.access``).
VALUE_LISTS: dict[tuple[str, str], tuple[type[LabelledEnum], bool]] = {
    ("family", "status"): (FamilyStatus, False),
    ("person", "sex"): (Sex, True),
    ("person", "relation"): (Relation, False),
    ("person", "disability"): (Disability, False),
    ("person", "education"): (Education, True),
    ("person", "employment"): (Employment, True),
    ("person", "document_type"): (IdDocument, True),
    ("institution", "level"): (InstitutionLevel, False),
    ("support_plan", "status"): (PlanStatus, False),
    ("action", "status"): (ActionStatus, False),
    ("commitment", "status"): (CommitmentStatus, False),
    ("visit", "status"): (VisitStatus, False),
    ("diagnosis_participant", "kind"): (ParticipantKind, False),
    ("attachment", "kind"): (AttachmentKind, False),
    ("action_status_entry", "status"): (ActionStatus, False),
    ("family", "subject_kind"): (SubjectKind, False),
    ("cooperation_team", "kind"): (TeamKind, False),
    ("agreement", "kind"): (AgreementKind, False),
    ("agreement_party", "side"): (PartySide, False),
    ("referral", "decision"): (ReferralDecision, False),
    ("workshop_participant", "kind"): (ParticipantKind, False),
    ("plan_closure", "outcome"): (PlanOutcome, False),
    ("family_transfer", "kind"): (TransferKind, False),
}
CHOICES: dict[tuple[str, str], frozenset[str]] = {
    key: frozenset({"", *enum} if empty else enum) for key, (enum, empty) in VALUE_LISTS.items()
}

# Dates that must not come before another date of the same record: (table, earlier, later).
DATE_ORDER: tuple[tuple[str, str, str], ...] = (
    ("family", "opened_on", "closed_on"),
    ("support_plan", "period_from", "period_to"),
    ("action", "start_on", "end_on"),
    ("consent", "signed_on", "valid_until"),
    ("consent", "signed_on", "withdrawn_on"),
    ("agreement", "valid_from", "valid_until"),
    ("team_membership", "joined_on", "left_on"),
    ("referral", "referred_on", "decided_on"),
)

# The next one comes after this one (the services' refusal): (table, this, next) → message.
NEXT_AFTER: dict[tuple[str, str, str], str] = {
    ("visit", "visit_on", "next_visit_on"): N_("The next visit must come after this one."),
    ("review", "held_on", "next_review_on"): N_("The next review must come after this one."),
}

# Dates of the work with a family, plausible from 1990 to ten years ahead (``date_rules``, the
# forms' rule): the dates the services check with ``check_work_date``.
WORK_DATES: tuple[tuple[str, str], ...] = (
    ("consent", "signed_on"),
    ("consent", "valid_until"),
    ("person", "disability_until"),
    ("support_plan", "period_from"),
    ("support_plan", "period_to"),
    ("support_plan", "adopted_on"),
    ("action", "start_on"),
    ("action", "end_on"),
    ("commitment", "due_on"),
    ("review", "held_on"),
    ("review", "next_review_on"),
    ("visit", "visit_on"),
    ("visit", "next_visit_on"),
)

# Days that must have come already (the forms refuse them in the future): (table, column) →
# the service's refusal.  A record from elsewhere may be a day ahead of this computer's date
# (``app.sync.clocks`` accepts a clock up to a day ahead), so it is held to "tomorrow".
NOT_YET: dict[tuple[str, str], str] = {
    ("consent", "signed_on"): N_("The signature date is in the future."),
    ("review", "held_on"): N_("The review date is in the future."),
    ("diagnosis", "made_on"): N_("The diagnosis date is in the future."),
    ("referral", "referred_on"): N_("The referral date is in the future."),
    ("referral", "consent_on"): N_("The consent date is in the future."),
    ("referral", "decided_on"): N_("The decision date is in the future."),
    ("diagnostic_workshop", "held_on"): N_("The workshop date is in the future."),
    ("plan_closure", "closed_on"): N_("The closing date is in the future."),
}

# Integer ranges: (table, column) → (low, high).
RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("goal_score", "level"): (-2, 2),
    ("goal", "baseline"): (-2, 2),
    ("goal", "weight"): (1, 10),
    ("domain_rating", "rating"): (-3, 2),
    ("review_domain_rating", "rating"): (-3, 2),
    ("support_plan", "review_every_days"): (7, 366),
}

# Codes that must exist in a reference list: (table, column) → (model, TERYT levels or None).
CODES: dict[tuple[str, str], tuple[type, tuple[str, ...] | None]] = {
    ("family", "gmina_code"): (TercUnit, ("gmina",)),
    ("institution", "teryt_code"): (TercUnit, ("voivodeship", "powiat", "gmina")),
    ("cooperation_team", "teryt_code"): (TercUnit, ("voivodeship", "powiat", "gmina")),
    ("family_reason", "reason_code"): (HelpReason, None),
    ("domain_rating", "domain_code"): (LifeDomain, None),
    ("review_domain_rating", "domain_code"): (LifeDomain, None),
    ("goal", "domain_code"): (LifeDomain, None),
    ("action", "sector_code"): (Sector, None),
    ("institution", "sector_code"): (Sector, None),
    ("service", "sector_code"): (Sector, None),
    ("service", "area_code"): (ServiceArea, None),
    ("family_transfer", "from_gmina_code"): (TercUnit, ("gmina",)),
    ("family_transfer", "to_gmina_code"): (TercUnit, ("gmina",)),
}


# A record naming another record of the case: both belong to the same owner (the services'
# ``family_member`` and ``check_participant``, "The goal / action belongs to another plan").
# (column, the named record's table, the owner column the two share, and ``via``: where the
# record's own owner is found, (column, table) of its parent, or None for its own column).
LINKS: dict[str, tuple[tuple[str, str, str, tuple[str, str] | None], ...]] = {
    "consent": (("person_id", "person", "family_id", None),),
    "referral": (("consent_person_id", "person", "family_id", None),),
    "commitment": (("person_id", "person", "family_id", ("plan_id", "support_plan")),),
    "diagnosis_participant": (("person_id", "person", "family_id", ("diagnosis_id", "diagnosis")),),
    "workshop_participant": (
        ("person_id", "person", "family_id", ("workshop_id", "diagnostic_workshop")),
    ),
    "action": (("goal_id", "goal", "plan_id", None),),
    "goal_score": (("goal_id", "goal", "plan_id", ("review_id", "review")),),
    "action_status_entry": (("action_id", "action", "plan_id", ("review_id", "review")),),
}
_ANOTHER_OWNER = {
    "person": N_("This person is not a member of the family."),
    "goal": N_("The goal belongs to another plan."),
    "action": N_("The action belongs to another plan."),
}
# The tables whose records the rules between records concern (``RecordChecker``)...
RELATION_TABLES = frozenset({ConsentRecipient.__tablename__, *LINKS})
# ... and those they look records up in, in a batch (then in the database).
_RELATED = frozenset(
    {"family", "consent"}
    | {named for links in LINKS.values() for _c, named, _o, _v in links}
    | {via[1] for links in LINKS.values() for *_x, via in links if via}
)


class InvalidRecord(ValidationError):
    """A record that breaks a domain rule; the message names the record (its kind in words,
    as the history and the sync messages name it, and its id), not its values."""

    def __init__(self, table: str, record_id: str, where: str, problem: ValidationError) -> None:
        place = f", {where}" if where else ""
        super().__init__(
            _("Invalid record ({kind} {id}{place}): {problem}").format(
                kind=entity_label(table),
                id=str(record_id)[:40],
                place=place,
                problem=problem.message,
            ),
            problem.field,
        )
        self.table = table
        self.record_id = record_id


def _person(values: Values) -> None:
    pesel = values.get("pesel") or ""
    if pesel:
        check_pesel(pesel, values.get("birth_date"), values.get("sex") or None)
    check_birth_date(values.get("birth_date"))


def _institution(values: Values) -> None:
    check_nip(values.get("nip") or "")
    check_regon(values.get("regon") or "")
    check_postal_code(values.get("postal_code") or "")
    check_email(values.get("email") or "")


def _family(values: Values) -> None:
    check_postal_code(values.get("postal_code") or "")


def _team_member(values: Values) -> None:
    check_email(values.get("email") or "")


SPECIFIC: dict[str, Callable[[Values], None]] = {
    "person": _person,
    "institution": _institution,
    "family": _family,
    "case_team_member": _team_member,
}


@functools.cache
def _rules_of(table: str) -> tuple[list[Any], list[Any], list[Any], list[str]]:
    """The rules above that concern one table (a bundle checks tens of thousands of records:
    walking every table's rules for each was a good part of an import)."""
    return (
        [(column, allowed) for (tbl, column), allowed in CHOICES.items() if tbl == table],
        [(earlier, later) for tbl, earlier, later in DATE_ORDER if tbl == table],
        [(column, bounds) for (tbl, column), bounds in RANGES.items() if tbl == table],
        [column for tbl, column in WORK_DATES if tbl == table],
    )


def check_values(table: str, values: Values) -> None:
    """The rules of one record that need no database; raises ``ValidationError`` (field set)."""
    choices, date_order, ranges, work_dates = _rules_of(table)
    for column, allowed in choices:
        value = values.get(column)
        if value is not None and value not in allowed:
            raise ValidationError(
                _("{field}: not one of the allowed values.").format(field=column), column
            )
    for earlier, later in date_order:
        first, second = values.get(earlier), values.get(later)
        if first is not None and second is not None and second < first:
            raise ValidationError(
                _("{later} is earlier than {earlier}.").format(later=later, earlier=earlier),
                later,
            )
    for column, (low, high) in ranges:
        value = values.get(column)
        if value is not None and not low <= value <= high:
            raise ValidationError(
                _("{field} must be between {low} and {high}.").format(
                    field=column, low=low, high=high
                ),
                column,
            )
    for column in work_dates:
        check_work_date(values.get(column), column)
    for (tbl, this, then), message in NEXT_AFTER.items():
        first, second = values.get(this), values.get(then)
        if tbl == table and first is not None and second is not None and second <= first:
            raise ValidationError(_(message), then)
    rule = SPECIFIC.get(table)
    if rule is not None:
        rule(values)


def check_object(obj: Any) -> None:
    """``check_values`` for an ORM object about to be flushed (the services' safety net)."""
    values = dict(inspect(obj).dict)
    try:
        check_values(obj.__tablename__, values)
    except ValidationError as exc:
        raise InvalidRecord(obj.__tablename__, values.get("id") or "", "", exc) from None


def _check_happened(table: str, values: Values, latest: date) -> None:
    """``NOT_YET``, and a visit recorded as done (``visits.save_visit``), up to ``latest``."""
    for (tbl, column), message in NOT_YET.items():
        day = values.get(column)
        if tbl == table and day is not None and day > latest:
            raise ValidationError(_(message), column)
    if table == "visit" and values.get("status") == VisitStatus.DONE:
        day = values.get("visit_on")
        if day is not None and day > latest:
            raise ValidationError(
                _("A visit in the future can only be planned, not done."), "visit_on"
            )


class RecordChecker:
    """Checks a batch of records, including codes and references, before any of it is written.

    ``known_ids`` may add ids that exist elsewhere (the database); records of the batch are
    known to each other, so a batch may hold parents and children in any order.  With
    ``references=False`` references are left to the caller (sync resolves them against the
    database while merging).  ``family_gminas`` gives the gmina a family will have once
    written, where that is not its record's (a handover file's family becomes this gmina's).

    Rules between records (``_check_relations``) look the related records up in the database,
    then in the batch (a family's gmina is the one the database keeps: a bundle cannot change
    it).  ``writes`` says whether a record writes anything (a bundle passes back rows this
    device holds, some saved before a rule existed); the rules between records are asked only
    of those.  Without it every record writes (``load``).
    """

    def __init__(
        self,
        session: Session,
        known_ids: Callable[[str], set[str]] | None = None,
        *,
        references: bool = True,
        family_gminas: dict[str, str] | None = None,
        writes: Callable[[str, Values], bool] | None = None,
    ) -> None:
        self._session = session
        self._known_ids = known_ids
        self._references = references
        self._family_gminas = family_gminas or {}
        self._writes = writes
        self._codes: dict[tuple[type, tuple[str, ...] | None], set[str]] = {}
        self._ids: dict[str, set[str]] = {}
        self._rows: dict[str, dict[str, Values]] = {}
        self._tomorrow = date.today() + timedelta(days=1)

    def _code_set(self, model: type, levels: tuple[str, ...] | None) -> set[str]:
        key = (model, levels)
        if key not in self._codes:
            query = select(model.code)  # type: ignore[attr-defined]
            if levels is not None:
                query = query.where(TercUnit.level.in_(levels))
            self._codes[key] = set(self._session.scalars(query))
        return self._codes[key]

    def check_batch(self, batch: Iterable[tuple[str, Values, str]]) -> None:
        """``batch`` holds (table, values, where); raises ``InvalidRecord`` at the first bad one."""
        items = list(batch)
        for table, values, _where in items:
            ids = self._ids.setdefault(table, set())
            if values.get("id") is not None:
                ids.add(values["id"])
                if table in _RELATED:
                    self._rows.setdefault(table, {})[values["id"]] = values
        for table, values, where in items:
            try:
                check_values(table, values)
                self._check_codes(table, values)
                if self._references:
                    self._check_references(table, values)
                self._check_relations(table, values)
                _check_happened(table, values, self._tomorrow)
            except ValidationError as exc:
                raise InvalidRecord(table, values.get("id", ""), where, exc) from None

    def _check_relations(self, table: str, values: Values) -> None:
        """A live consent recipient is never the centre that keeps the family's case
        (``app.services.recipient_rule``, the consent form's rule); a person a record names is
        a member of the record's family, a goal or action one of the record's programme
        (``LINKS``), and a consent's signer is an adult
        (``app.services.signer_rule``)."""
        if table not in RELATION_TABLES or values.get("deleted"):
            return
        if self._writes is not None and not self._writes(table, values):
            return
        if table == ConsentRecipient.__tablename__:
            gmina = self._gmina_of_consent(values.get("consent_id") or "")
            if gmina is not None:
                check_recipient(values.get("institution_id") or "", gmina)
            return
        for column, named, owner, via in LINKS[table]:
            ref = values.get(column)
            if not ref:
                continue
            own = (
                values.get(owner) if via is None else self._value(via[1], values.get(via[0]), owner)
            )
            theirs = self._value(named, ref, owner)
            if own and theirs and own != theirs:
                raise ValidationError(_(_ANOTHER_OWNER[named]), column)
            if table == "consent" and theirs and values.get("signed_on") is not None:
                check_signer(self._value("person", ref, "birth_date"), values["signed_on"], column)

    def _value(self, table: str, record_id: Any, column: str = "family_id") -> Any:
        """``column`` of a record of the batch, else of the database (``None``: neither has it;
        the references check says so)."""
        row = self._rows.get(table, {}).get(record_id)
        if row is not None:
            return row.get(column)
        held = self._session.get(MODEL_BY_TABLE[table], record_id) if record_id else None
        return getattr(held, column) if held is not None else None

    def _gmina_of_consent(self, consent_id: str) -> str | None:
        consent = self._rows.get(Consent.__tablename__, {}).get(consent_id)
        if consent is not None:
            family_id = consent.get("family_id") or ""
        else:
            held = self._session.get(Consent, consent_id)
            if held is None:
                return None  # no such consent: the references check says so
            family_id = held.family_id
        if family_id in self._family_gminas:
            return self._family_gminas[family_id]
        held_family = self._session.get(Family, family_id)
        if held_family is not None:
            return held_family.gmina_code
        family = self._rows.get(Family.__tablename__, {}).get(family_id)
        return str(family.get("gmina_code") or "") if family is not None else None

    def _check_codes(self, table: str, values: Values) -> None:
        for (tbl, column), (model, levels) in CODES.items():
            code = values.get(column)
            if tbl == table and code and code not in self._code_set(model, levels):
                if model is TercUnit:
                    raise ValidationError(
                        _("Unknown TERYT code: {code}.").format(code=str(code)[:7]), column
                    )
                raise ValidationError(
                    _("{field}: unknown code in the reference list.").format(field=column), column
                )

    def _check_references(self, table: str, values: Values) -> None:
        model = MODEL_BY_TABLE.get(table)
        if model is None:
            return
        for fk in model.__table__.foreign_keys:
            target = fk.column.table.name
            value = values.get(fk.parent.key)
            if value is None or value in self._ids.get(target, set()):
                continue
            if self._known_ids is not None and value in self._known_ids(target):
                continue
            raise ValidationError(
                _("{field} refers to a {kind} record that does not exist.").format(
                    field=fk.parent.name, kind=target
                ),
                fk.parent.name,
            )
