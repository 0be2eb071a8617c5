"""The lists a family file's forms choose from, fetched once on the DB worker.

Code lists (art. 7 reasons, life domains, sectors, CUS areas) come translated from
``app.services.reference``; institutions and the koszyk usług from ``app.services.registry``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.models import HelpReason, Institution, LifeDomain, Sector, Service, ServiceArea
from app.services import koszyk, reference, registry
from app.services.recipient_rule import may_receive
from app.services.reference import Code, code_list
from app.services.workspace import Workspace


@dataclass(frozen=True)
class Lookups:
    reasons: list[Code] = field(default_factory=list)
    domains: list[Code] = field(default_factory=list)
    sectors: list[Code] = field(default_factory=list)
    areas: list[Code] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    team_institution_ids: frozenset[str] = frozenset()
    gminas: list[tuple[str, str]] = field(default_factory=list)  # (TERC code, name) to choose

    @staticmethod
    def _label(codes: list[Code], code: str) -> str:
        return next((c.label for c in codes if c.code == code), code)

    def domain_label(self, code: str) -> str:
        return self._label(self.domains, code) if code else ""

    def sector_label(self, code: str) -> str:
        return self._label(self.sectors, code) if code else ""

    def area_label(self, code: str) -> str:
        return self._label(self.areas, code) if code else ""

    def institution(self, institution_id: str | None) -> Institution | None:
        return next((i for i in self.institutions if i.id == institution_id), None)

    def service(self, service_id: str | None) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def institution_choices(self) -> list[tuple[str, str]]:
        return [(i.id, i.display_name) for i in self.institutions]

    def consent_recipients(self, gmina_code: str) -> list[Institution]:
        """The institutions a consent of a family of ``gmina_code`` may name: every registered
        one but the centre that keeps the case (``recipient_rule``)."""
        return [i for i in self.institutions if may_receive(i.id, gmina_code)]

    def service_choices(self) -> list[tuple[str, str]]:
        return [(s.id, f"{s.name} ({self.area_label(s.area_code)})") for s in self.services]


def _gminas(ws: Workspace) -> list[tuple[str, str]]:
    return [(u.code, f"{u.name} ({u.kind})") for u in reference.work_gminas(ws)]


def load_lookups(ws: Workspace) -> Lookups:
    teams = registry.list_teams(ws)
    return Lookups(
        reasons=code_list(ws, HelpReason),
        domains=code_list(ws, LifeDomain),
        sectors=code_list(ws, Sector),
        areas=code_list(ws, ServiceArea),
        institutions=registry.list_institutions(ws),
        services=koszyk.list_services(ws),
        team_institution_ids=frozenset(m.institution_id for t in teams for m in t.members),
        gminas=_gminas(ws),
    )
