"""A pilot as the powiat hajnowski ran it, built through the real services.

``make_pilot`` sets up the Wojewódzki Zespół Kooperacji of województwo podlaskie with its
agreement signed by the marszałek, the tripartite agreement of the województwo, powiat
hajnowski and gmina Narewka, and the Gminno-Powiatowy Zespół Kooperacji with five powiat and
seven gmina institutions (12, as in Narewka) and its agreement with the GOPS as a party.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.models.enums import AgreementKind, PartySide, TeamKind
from app.services import registry
from app.services.casefile import home_institution
from app.services.workspace import Workspace

WZK_BODIES = [
    ("Urząd Marszałkowski Województwa Podlaskiego", "UMWP", "local_government"),
    ("Regionalny Ośrodek Polityki Społecznej w Białymstoku", "ROPS Białystok", "social_assistance"),
    ("Wojewódzki Urząd Pracy w Białymstoku", "WUP Białystok", "labour_market"),
    ("Kuratorium Oświaty w Białymstoku", "KO Białystok", "education"),
    ("Komenda Wojewódzka Policji w Białymstoku", "KWP Białystok", "police"),
    ("Sąd Okręgowy w Białymstoku", "SO Białystok", "justice"),
]
POWIAT_BODIES = [
    ("Powiatowe Centrum Pomocy Rodzinie w Hajnówce", "PCPR Hajnówka", "social_assistance"),
    ("Poradnia Psychologiczno-Pedagogiczna w Hajnówce", "PPP Hajnówka", "education"),
    ("Specjalny Ośrodek Szkolno-Wychowawczy w Hajnówce", "SOSW Hajnówka", "education"),
    ("Warsztat Terapii Zajęciowej w Hajnówce", "WTZ Hajnówka", "ngo"),
    ("Powiatowy Urząd Pracy w Hajnówce", "PUP Hajnówka", "labour_market"),
]
GMINA_BODIES = [
    ("Szkoła Podstawowa w Narewce", "SP Narewka", "education"),
    ("Posterunek Policji w Narewce", "Policja Narewka", "police"),
    ("Ośrodek Zdrowia w Narewce", "OZ Narewka", "health"),
    ("Gminna Komisja Rozwiązywania Problemów Alkoholowych", "GKRPA Narewka", "health"),
    ("Urząd Gminy Narewka", "UG Narewka", "local_government"),
    ("Stowarzyszenie Przyjaciół Narewki", "SPN", "ngo"),
]


@dataclass
class Pilot:
    wzk_id: str
    wzk_agreement_id: str
    pzk_id: str
    tripartite_id: str
    pzk_agreement_id: str
    ops_id: str
    wzk: dict[str, str]  # short name → institution id
    pzk: dict[str, str]


def _institutions(
    ws: Workspace, rows, level: str, teryt: str, reuse: dict[str, str] | None = None
) -> dict[str, str]:
    out = dict(reuse or {})
    for name, short, sector in rows:
        if short in out:
            continue
        inst = registry.save_institution(
            ws,
            registry.InstitutionInput(
                name=name, short_name=short, sector_code=sector, level=level, teryt_code=teryt
            ),
        )
        out[short] = inst.id
    return out


def make_pilot(ws: Workspace, reuse: dict[str, str] | None = None) -> Pilot:
    """``reuse``: institutions already registered (short name → id), e.g. by
    ``make_full_case``, which then take part in the PZK instead of new ones."""
    signed = date.today() - timedelta(days=400)
    wzk_inst = _institutions(ws, WZK_BODIES, "voivodeship", "20")
    wzk = registry.save_team(
        ws,
        registry.TeamInput(
            name="Wojewódzki Zespół Kooperacji Województwa Podlaskiego",
            teryt_code="20",
            established_on=signed,
            lead_institution_id=wzk_inst["ROPS Białystok"],
            kind=TeamKind.WZK,
        ),
    )
    for short, iid in wzk_inst.items():
        registry.add_member(ws, wzk.id, iid, f"Przedstawiciel {short}", "członek", signed)
    wzk_agreement = registry.save_agreement(
        ws,
        wzk.id,
        registry.AgreementInput(
            title="o utworzeniu Wojewódzkiego Zespołu Kooperacji",
            number="WZK/1/2019",
            signed_on=signed,
            valid_from=signed,
            scope="Wsparcie merytoryczne, organizacyjne i prawne PZK w realizacji Modelu.",
            kind=AgreementKind.WZK,
            parties=[
                registry.PartyInput(
                    iid,
                    "Artur Kosicki" if short == "UMWP" else f"Dyrektor {short}",
                    "Marszałek Województwa Podlaskiego" if short == "UMWP" else "dyrektor",
                    signed,
                    side=PartySide.VOIVODESHIP if short == "UMWP" else PartySide.PARTNER,
                )
                for short, iid in wzk_inst.items()
            ],
        ),
    )
    home = home_institution(ws)
    assert home is not None
    pzk_inst = _institutions(ws, POWIAT_BODIES, "powiat", "2005", reuse)
    pzk_inst |= _institutions(ws, GMINA_BODIES, "gmina", "2005092")
    if home.level == "gmina":  # an OPS device: the GOPS is this installation's institution
        pzk_inst["GOPS Narewka"] = home.id
    else:
        pzk_inst |= _institutions(
            ws,
            [("Gminny Ośrodek Pomocy Społecznej w Narewce", "GOPS Narewka", "social_assistance")],
            "gmina",
            "2005092",
        )
    ops_id = pzk_inst["GOPS Narewka"]
    starostwo = registry.save_institution(
        ws,
        registry.InstitutionInput(
            name="Starostwo Powiatowe w Hajnówce",
            short_name="Starostwo Hajnówka",
            sector_code="local_government",
            level="powiat",
            teryt_code="2005",
        ),
    )
    pzk = registry.save_team(
        ws,
        registry.TeamInput(
            name="Gminno-Powiatowy Zespół Kooperacji Narewka",
            teryt_code="2005",
            established_on=signed,
            lead_institution_id=ops_id,
            kind=TeamKind.PZK,
            gmina_animator="Anna Kowalczyk",
            gmina_animator_institution_id=ops_id,
            powiat_animator="Ewa Zawadzka",
            powiat_animator_institution_id=pzk_inst["PCPR Hajnówka"],
        ),
    )
    for short, iid in pzk_inst.items():
        registry.add_member(ws, pzk.id, iid, f"Przedstawiciel {short}", "członek", signed)
    tripartite = registry.save_agreement(
        ws,
        pzk.id,
        registry.AgreementInput(
            title="w ramach projektu „Liderzy kooperacji”",
            number="TR/3/2019",
            signed_on=signed,
            kind=AgreementKind.TRIPARTITE,
            parties=[
                registry.PartyInput(
                    wzk_inst["UMWP"], "Artur Kosicki", "Marszałek", signed, PartySide.VOIVODESHIP
                ),
                registry.PartyInput(
                    starostwo.id, "Andrzej Skiepko", "Starosta", signed, PartySide.POWIAT
                ),
                registry.PartyInput(
                    pzk_inst["UG Narewka"], "Mikołaj Pawilcz", "Wójt", signed, PartySide.GMINA
                ),
            ],
        ),
    )
    pzk_agreement = registry.save_agreement(
        ws,
        pzk.id,
        registry.AgreementInput(
            title="o utworzeniu Gminno-Powiatowego Zespołu Kooperacji",
            number="PZK/1/2019",
            signed_on=signed,
            valid_from=signed,
            scope="Wspólna diagnoza, IPW i monitoring rodzin z gminy Narewka.",
            obligations="Wyznaczenie przedstawiciela; udział w posiedzeniach zespołu.",
            data_sharing="Dane rodzin udostępniane wyłącznie za ich pisemną zgodą.",
            kind=AgreementKind.PZK,
            parties=[
                registry.PartyInput(iid, f"Dyrektor {short}", "dyrektor", signed)
                for short, iid in pzk_inst.items()
            ],
        ),
    )
    return Pilot(
        wzk.id,
        wzk_agreement.id,
        pzk.id,
        tripartite.id,
        pzk_agreement.id,
        ops_id,
        wzk_inst,
        pzk_inst,
    )


@dataclass
class PilotCase:
    pilot: Pilot
    case: object  # tests.factories.Case
    referral_id: str
    workshop_id: str
    meeting_id: str
    decision_id: str
    closure_id: str | None


def make_pilot_case(ws: Workspace, *, close: bool = True) -> PilotCase:
    """The whole path of one family on an OPS device: referral from the school, qualification,
    workshop, diagnosis, IPW, review (from ``make_full_case``), a team meeting whose decision
    becomes an action, and (``close``) the closure with its outcome and summary talk."""
    from app.models.enums import ParticipantKind
    from app.services import closure, meetings, referrals, workshops
    from tests.factories import make_full_case

    today = date.today()
    case = make_full_case(ws)
    ids = case.institution_ids
    p = make_pilot(ws, {"PUP Hajnówka": ids["pup"], "PPP Hajnówka": ids["ppp"]})
    r = referrals.save_referral(
        ws,
        case.family_id,
        referrals.ReferralInput(
            referred_on=today - timedelta(days=90),
            institution_id=p.pzk["SP Narewka"],
            reason="Córka często opuszcza zajęcia; rodzina w trudnej sytuacji materialnej.",
            referrer_name="Halina Wróbel",
            referrer_function="pedagog szkolny",
            consent_given=True,
            consent_person_id=case.mother_id,
            team_id=p.pzk_id,
        ),
    )
    referrals.decide_referral(
        ws,
        r.id,
        referrals.DecisionInput(
            "qualified", today - timedelta(days=80), "Problemy wielorakie; zgoda rodziny."
        ),
    )
    w = workshops.save_workshop(
        ws,
        case.family_id,
        workshops.WorkshopInput(
            held_on=today - timedelta(days=61),
            place="GOPS Narewka, sala narad",
            moderator="Anna Kowalczyk",
            agreed="Matka zarejestruje się w PUP; córka zostanie zbadana w PPP.",
            participants=[
                workshops.AttendeeInput(
                    ParticipantKind.INSTITUTION,
                    institution_id=case.institution_ids["pup"],
                    role="doradca zawodowy",
                ),
                workshops.AttendeeInput(
                    ParticipantKind.INSTITUTION,
                    institution_id=p.pzk["SP Narewka"],
                    role="pedagog szkolny",
                ),
                workshops.AttendeeInput(ParticipantKind.FAMILY, person_id=case.mother_id),
                workshops.AttendeeInput(ParticipantKind.FAMILY, person_id=case.father_id),
            ],
        ),
    )
    workshops.link_diagnosis(ws, case.diagnosis_id, w.id)
    meeting = registry.save_meeting(
        ws,
        p.pzk_id,
        registry.MeetingInput(
            held_on=today - timedelta(days=20),
            place="GOPS Narewka, sala narad",
            agenda="1. Nowe zgłoszenia. 2. Realizacja IPW.",
            decisions="Przyjęto harmonogram posiedzeń na kolejny kwartał.",
            chair="Anna Kowalczyk",
            recorder="Ewa Zawadzka",
            attendance=[
                (p.ops_id, "Anna Kowalczyk"),
                (p.pzk["PCPR Hajnówka"], "Ewa Zawadzka"),
                (p.pzk["SP Narewka"], "Halina Wróbel"),
            ],
        ),
    )
    d = meetings.add_decision(
        ws,
        meeting.id,
        meetings.DecisionInput(
            case.family_id,
            "Objąć córkę zajęciami wyrównawczymi w szkole.",
            institution_id=p.pzk["SP Narewka"],
            due_on=today + timedelta(days=60),
        ),
    )
    meetings.decision_to_action(ws, d.id)
    closure_id = None
    if close:
        c = closure.close_plan(
            ws,
            case.plan_id,
            closure.ClosureInput(
                closed_on=today,
                outcome="partly",
                reason="Matka podjęła staż; zadłużenie spłacone w połowie.",
                talk_on=today,
                talk_present="Grażyna Źdźbło-Łęcka, Józef Łęcki, Anna Kowalczyk",
                talk_summary="Rodzina ocenia współpracę dobrze; chce kontynuować sama.",
                family_opinion="Dziękujemy za pomoc w znalezieniu pracy.",
                recommendations="Kontakt z pracownikiem socjalnym raz na kwartał.",
            ),
        )
        closure_id = c.id
    return PilotCase(p, case, r.id, w.id, meeting.id, d.id, closure_id)
