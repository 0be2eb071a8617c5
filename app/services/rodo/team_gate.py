"""What the team's documents may say about a family (issue 14 §1): the agenda and the minutes of
a posiedzenie go to every member institution, so a family appears on them only with a legal
basis to share its case with the team.

The rule, once: an item about a family stays when, on the day it is shared, a consent in force
(``basis.consenting_families``) names an institution that is a member of the team
(``TeamMembership``), or -- for a referral awaiting the team's decision, and for a decision about
a family the team took up on referral -- the referral's own consent to being referred to this
team.  This device's own institution does not count: the OPS holds the case anyway, and a consent
naming only the OPS is no basis to show the case to the others.

What is withheld is counted by reason (none names a member, withdrawn, expired), for the worker
who prints or reads the document, never on the document itself.  The minutes' free text (the
agenda pasted from what was due, the general decisions) is withheld line by line where a line
names the case number of a family without a basis (e.g. one whose consent was withdrawn after
the meeting), also as a worker types it ("2005092 / 2026 / 1").  A family named in other words
(a surname, an address) is not recognised: the minutes' free text stays the recorder's care.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.i18n import N_, _, ngettext
from app.models import (
    CooperationTeam,
    Family,
    MeetingDecision,
    Referral,
    TeamMeeting,
    TeamMembership,
)
from app.services.controller import home_id
from app.services.rodo.basis import consenting_families, reason_for

TEAM_REASONS: dict[str, str] = {
    "no_consent": N_("no consent names an institution of the team"),
    "withdrawn": N_("the consent was withdrawn"),
    "expired": N_("the consent has expired"),
}


@dataclass(frozen=True)
class TeamBasis:
    """Who may appear on the team's documents on ``on``."""

    on: date
    members: frozenset[str]  # the team's member institutions that count (not this device's)
    consenting: frozenset[str]  # families whose consent in force names one of them
    referred: frozenset[str]  # families with a consented referral to this team

    def allows(self, family_id: str) -> bool:
        """A decision about the family (or a line naming its case) may be shared."""
        return family_id in self.consenting or family_id in self.referred

    def reason(self, s: Session, family_id: str) -> str:
        return reason_for(s, family_id, self.members, self.on)


def member_institutions(s: Session, team_id: str, on: date) -> set[str]:
    """The team's member institutions on ``on``, without this device's own institution."""
    rows = s.execute(
        select(TeamMembership.institution_id).where(
            TeamMembership.team_id == team_id,
            TeamMembership.deleted.is_(False),
            or_(TeamMembership.joined_on.is_(None), TeamMembership.joined_on <= on),
            or_(TeamMembership.left_on.is_(None), TeamMembership.left_on >= on),
        )
    )
    home = home_id(s)
    return {iid for (iid,) in rows if iid != home}


def referral_consented(consent_given: bool, consent_on: date | None, on: date) -> bool:
    return bool(consent_given) and (consent_on is None or consent_on <= on)


def team_basis(s: Session, team: CooperationTeam, on: date) -> TeamBasis:
    members = member_institutions(s, team.id, on)
    referred = {
        fid
        for fid, given, given_on in s.execute(
            select(Referral.family_id, Referral.consent_given, Referral.consent_on).where(
                Referral.deleted.is_(False),
                or_(Referral.team_id.is_(None), Referral.team_id == team.id),
            )
        )
        if referral_consented(given, given_on, on)
    }
    return TeamBasis(
        on, frozenset(members), frozenset(consenting_families(s, members, on)), frozenset(referred)
    )


class Withheld:
    """Counts of withheld items by reason, each family's reason looked up once."""

    def __init__(self, s: Session, basis: TeamBasis) -> None:
        self.s, self.basis = s, basis
        self.counts: dict[str, int] = {}
        self._reasons: dict[str, str] = {}

    def add(self, family_id: str, n: int = 1) -> None:
        if family_id not in self._reasons:
            self._reasons[family_id] = self.basis.reason(self.s, family_id)
        reason = self._reasons[family_id]
        self.counts[reason] = self.counts.get(reason, 0) + n


def _parts(counts: dict[str, int]) -> str:
    return "; ".join(f"{_(TEAM_REASONS.get(r, r))}: {n}" for r, n in sorted(counts.items()))


def agenda_withheld_text(counts: dict[str, int]) -> str:
    """ "Withheld from this agenda (no legal basis to share): N matters (reason: n)", or ""."""
    total = sum(counts.values())
    if not total:
        return ""
    return ngettext(
        "Withheld from this agenda (no legal basis to share with the team): {n} matter ({parts}).",
        "Withheld from this agenda (no legal basis to share with the team): {n} matters ({parts}).",
        total,
    ).format(n=total, parts=_parts(counts))


def minutes_withheld_text(counts: dict[str, int]) -> str:
    """The same for the minutes: decisions and lines of their text left out."""
    total = sum(counts.values())
    if not total:
        return ""
    return ngettext(
        "Withheld from these minutes (no legal basis to share with the team): {n} entry ({parts}).",
        "Withheld from these minutes (no legal basis to share with the team): {n} entries "
        "({parts}).",
        total,
    ).format(n=total, parts=_parts(counts))


def decision_refusal(s: Session, basis: TeamBasis, family_id: str) -> str:
    """Why a decision about the family may not be recorded at the team's meeting."""
    return _(
        "The team has no legal basis to take up this case ({reason}): record a consent of the "
        "family naming an institution of the team, or the family's consent to the referral, "
        "first."
    ).format(reason=_(TEAM_REASONS[basis.reason(s, family_id)]))


def case_numbers_without_basis(s: Session, basis: TeamBasis) -> dict[str, str]:
    """Case number -> family id of every case here the team may not be told of."""
    return {
        number: fid
        for fid, number in s.execute(
            select(Family.id, Family.case_number).where(Family.deleted.is_(False))
        )
        if number and not basis.allows(fid)
    }


# "<gmina>/<year>/<n>" as a worker may type it: spaces around the slashes, the number without
# its leading zeros ("2005092 / 2026 / 1" is case 2005092/2026/0001)
_TYPED_NUMBER = re.compile(r"(?<![\w/.-])(\d+)\s*/\s*(\d+)\s*/\s*(\d+)(?![\w/])")


def _number_key(number: str) -> tuple[int, ...] | None:
    parts = number.split("/")
    return (
        tuple(int(p) for p in parts) if len(parts) == 3 and all(map(str.isdigit, parts)) else None
    )


def withhold_lines(text: str, numbers: dict[str, str], withheld: Withheld) -> str:
    """``text`` without the lines that name one of ``numbers`` (each counted as withheld): as
    given, or in the program's ``<gmina>/<year>/<n>`` form however it was spaced or padded."""
    if not text or not numbers:
        return text
    exact = re.compile(
        r"(?<![\w/.-])("
        + "|".join(re.escape(n) for n in sorted(numbers, key=len, reverse=True))
        + r")(?![\w/])"
    )
    by_key = {k: fid for n, fid in numbers.items() if (k := _number_key(n)) is not None}
    kept: list[str] = []
    for line in text.splitlines():
        found = exact.search(line)
        family_id = numbers[found.group(1)] if found is not None else None
        if family_id is None and by_key:
            family_id = next(
                (
                    by_key[key]
                    for m in _TYPED_NUMBER.finditer(line)
                    if (key := tuple(int(g) for g in m.groups())) in by_key
                ),
                None,
            )
        if family_id is None:
            kept.append(line)
        else:
            withheld.add(family_id)
    return "\n".join(kept)


@dataclass(frozen=True)
class GatedMinutes:
    """The minutes' parts that name families, as they may be shared on the day of printing."""

    decisions: list[tuple[MeetingDecision, str]]  # (decision, case number)
    agenda: str
    general: str  # the meeting's general decisions (free text)
    withheld: dict[str, int]

    @property
    def withheld_text(self) -> str:
        return minutes_withheld_text(self.withheld)


def gate_minutes(
    s: Session,
    team: CooperationTeam,
    meeting: TeamMeeting,
    decisions: list[tuple[MeetingDecision, str]],
    on: date,
) -> GatedMinutes:
    """What the minutes of ``meeting`` may say about families on ``on``."""
    basis = team_basis(s, team, on)
    withheld = Withheld(s, basis)
    kept = []
    for decision, number in decisions:
        if basis.allows(decision.family_id):
            kept.append((decision, number))
        else:
            withheld.add(decision.family_id)
    numbers = case_numbers_without_basis(s, basis)
    agenda = withhold_lines(meeting.agenda, numbers, withheld)
    general = withhold_lines(meeting.decisions, numbers, withheld)
    return GatedMinutes(kept, agenda, general, withheld.counts)
