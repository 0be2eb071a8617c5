"""What the registry screens show, read in one go on the DB worker (the screens only lay it out).

``load_registry`` feeds the institutions and cooperation-team screen, ``load_catalog`` the
koszyk usług (services catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.models import (
    Agreement,
    CooperationTeam,
    Institution,
    Sector,
    Service,
    ServiceArea,
    TeamMeeting,
)
from app.services import koszyk, registry
from app.services.reference import Code, code_list
from app.services.workspace import Workspace


@dataclass(frozen=True)
class RegistryData:
    institutions: list[Institution]
    sectors: list[Code]
    teams: list[CooperationTeam]
    agreements: list[Agreement]
    meetings: list[TeamMeeting]


def load_registry(ws: Workspace) -> RegistryData:
    return RegistryData(
        institutions=registry.list_institutions(ws),
        sectors=code_list(ws, Sector),
        teams=registry.list_teams(ws),
        agreements=registry.list_agreements(ws),
        meetings=registry.list_meetings(ws),
    )


@dataclass(frozen=True)
class CatalogData:
    services: list[Service]
    areas: list[Code]
    sectors: list[Code]
    institutions: list[Institution]


def load_catalog(ws: Workspace) -> CatalogData:
    return CatalogData(
        services=koszyk.list_services(ws, include_inactive=True),
        areas=code_list(ws, ServiceArea),
        sectors=code_list(ws, Sector),
        institutions=registry.list_institutions(ws),
    )
