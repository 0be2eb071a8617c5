"""Porozumienie o współpracy: the agreement by which the institutions form the Partnerski Zespół
Kooperacji (PZK); each party's representative signs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.i18n import N_, _
from app.models import Agreement, CooperationTeam, Institution
from app.models.enums import AgreementKind, PartySide, TeamKind
from app.printing import clauses_pl as legal
from app.printing import cooperation_pl as pilot_legal
from app.printing.casedata import institution_address, partner_role
from app.printing.layout import PageHeader, esc, fmt_date, heading, para, title_block
from app.printing.numerals import locative
from app.printing.signatures import Signatory, signature_section
from app.services.document_titles import TITLES

TITLE = TITLES["agreement"]
# The heading of each kind of agreement (the document type stays TITLE).
HEADINGS: dict[str, str] = {
    AgreementKind.PZK: TITLE,
    AgreementKind.WZK: TITLE,  # its own title says what it forms (a longer line would break)
    AgreementKind.TRIPARTITE: N_("Tripartite cooperation agreement"),
}
DOTS = "…………………………"


@dataclass(frozen=True)
class Party:
    institution: Institution
    representative: str
    function: str
    side: str = PartySide.PARTNER


@dataclass
class AgreementData:
    team: CooperationTeam
    agreement: Agreement
    parties: list[Party]
    home: Institution | None
    printed_on: date

    def header(self, title: str) -> PageHeader:
        home = self.home
        return PageHeader(
            institution_name=home.name if home else self.team.name,
            institution_address=institution_address(home, with_contact=True),
            reference=self.agreement.number,
            title=title,
            printed_on=self.printed_on,
            reference_label=_("Agreement no."),
        )


def subtitle(title: str) -> str:
    """The agreement's own title under the heading, without repeating "Porozumienie…"."""
    text = title.strip()
    for prefix in ("porozumienie o współpracy", "porozumienie"):
        if text.lower().startswith(prefix):
            return text[len(prefix) :].strip(" –-:")
    return text


def team_name(name: str, kind: str = TeamKind.PZK) -> str:
    """The team's name as the agreement says it, without "… Zespół Kooperacji" twice."""
    own: tuple[str, ...] = ("partnerski zespół", "partnerskiego zespołu", "gminno-powiatowy zespół")
    own += ("powiatowo-gminny zespół", "wojewódzki zespół")
    if name.strip().lower().startswith(own):
        return name.strip()
    if kind == TeamKind.WZK:
        return pilot_legal.WZK_TEAM_NAMED.format(name=name.strip())
    return legal.AGREEMENT_TEAM_NAMED.format(name=name.strip())


def _purpose(kind: str, team: CooperationTeam) -> tuple[str, tuple[str, ...]]:
    name = team_name(team.name, team.kind)
    if kind == AgreementKind.WZK:
        return pilot_legal.WZK_PURPOSE.format(team=name), pilot_legal.WZK_OBLIGATIONS
    if kind == AgreementKind.TRIPARTITE:
        return (
            pilot_legal.TRIPARTITE_PURPOSE.format(team=name),
            pilot_legal.TRIPARTITE_OBLIGATIONS,
        )
    return legal.AGREEMENT_PURPOSE.format(team=name), legal.AGREEMENT_OBLIGATIONS


def _numbered(items: list[str]) -> list[Flowable]:
    return [para(f"{i}. {esc(t)}", "justify", markup=True) for i, t in enumerate(items, 1)]


def _paragraphs(text: str) -> list[str]:
    """The agreement's own free text of a §, one numbered item per paragraph."""
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


# Bodies that cannot conclude an agreement themselves sign through the body they belong to:
# (words in the institution's name, who signs for it).  [unverified: confirm with a lawyer]
SIGNS_THROUGH = (
    (
        "komisja rozwiązywania problemów alkoholowych",
        "Komisja nie zawiera porozumienia samodzielnie: podpisuje je wójt (burmistrz) gminy, "
        "który ją powołał.",
    ),
    (
        "kuratorskiej służby sądowej",
        "Zespół nie zawiera porozumienia samodzielnie: podpisuje je prezes sądu rejonowego, przy "
        "którym działa.",
    ),
)
# Where a party stands in the list: the OPS, the gmina's bodies, the powiat's, then the rest.
_LEVEL_ORDER = {"gmina": 1, "powiat": 2, "voivodeship": 3, "national": 4}


def signs_through(institution: Institution) -> str:
    name = institution.name.lower()
    return next((who for words, who in SIGNS_THROUGH if words in name), "")


def ordered_parties(
    parties: list[Party], home: Institution | None, kind: str = AgreementKind.PZK
) -> list[Party]:
    """The OPS first (adding it to a PZK agreement when the recorded parties forget it: it is
    always a party there; a WZK or tripartite agreement has only its own parties), then the
    gmina's bodies, the powiat's, the state's; associations last."""
    out = list(parties)
    add_home = kind == AgreementKind.PZK
    if add_home and home is not None and all(p.institution.id != home.id for p in out):
        out.append(Party(home, "", "kierownik"))

    def key(p: Party) -> tuple[int, int]:
        if home is not None and p.institution.id == home.id:
            return (0, 0)
        if p.institution.sector_code == "ngo":
            return (9, 0)
        return (_LEVEL_ORDER.get(p.institution.level, 5), 0)

    return sorted(out, key=key)


def _paragraph(n: int, title: str) -> list[Flowable]:
    return [heading(f"§ {n}. {title}", 3)]


def party_block(n: int, p: Party) -> Flowable:
    """ "1) Name, address" and, as label and value (names stay nominative), who signs."""
    address = institution_address(p.institution)
    head = f"{n}) {p.institution.name}" + (f", {address}" if address else "")
    who = ", ".join(x for x in (p.representative, p.function) if x) or DOTS
    through = signs_through(p.institution)
    lines = [para(head, "body")]
    text = legal.AGREEMENT_PARTY.format(representative=who)
    if p.side and p.side != PartySide.PARTNER:
        text += " " + pilot_legal.PARTY_SIDE.format(side=PartySide(p.side).label)
    if through:
        text += " " + through
    lines.append(para(text, "small"))
    return KeepTogether([*lines, Spacer(1, 2)])


def build(data: AgreementData) -> list[Flowable]:
    a = data.agreement
    parties = ordered_parties(data.parties, data.home, a.kind)
    heading_text = _(HEADINGS.get(a.kind, TITLE)).upper()
    story: list[Flowable] = title_block(heading_text, subtitle(a.title))
    purpose, obligations = _purpose(a.kind, data.team)
    story.append(para(legal.AGREEMENT_OPENING.format(date=fmt_date(a.signed_on, DOTS))))
    for i, p in enumerate(parties, 1):
        story.append(party_block(i, p))
    story += _paragraph(1, _("Subject of the agreement"))
    story += _numbered([purpose, *_paragraphs(a.scope)])
    story += _paragraph(2, _("Obligations of the parties"))
    story += _numbered([*obligations, *_paragraphs(a.obligations)])
    story += _paragraph(3, _("Protection of personal data"))
    story += _numbered([legal.AGREEMENT_DATA, *_paragraphs(a.data_sharing)])
    story += _paragraph(4, _("Period of the agreement"))
    start = fmt_date(a.valid_from or a.signed_on, DOTS)
    if a.valid_until:
        period = legal.AGREEMENT_PERIOD_FIXED.format(start=start, end=fmt_date(a.valid_until))
    else:
        period = legal.AGREEMENT_PERIOD_OPEN.format(start=start)
    story += _numbered([period])
    final = _paragraph(5, _("Final provisions"))
    copies = locative(max(len(parties), 2))
    final += _numbered([c.format(copies=copies) for c in legal.AGREEMENT_FINAL])
    final += signature_section(
        [Signatory(p.representative, partner_role(p.institution, p.function)) for p in parties],
        title=_("Signatures of the parties"),
    )
    # The signatures never stand on a page without the agreement's text above them.
    story.append(KeepTogether(final))
    return story
