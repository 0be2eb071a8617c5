"""The koszyk usług: the catalogue of services the partner institutions give (each in an area
of social services, optionally with its sector, provider and legal basis), which a programme's
actions name.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.errors import ValidationError
from app.i18n import _
from app.models import Institution, Sector, Service, ServiceArea
from app.services import audit
from app.services.common import get_live, tombstone, upsert
from app.services.validation import check_length, require_text
from app.services.workspace import Workspace


@dataclass
class ServiceInput:
    name: str
    area_code: str
    sector_code: str = ""
    provider_institution_id: str | None = None
    legal_basis: str = ""
    description: str = ""
    code: str = ""
    active: bool = True


def save_service(ws: Workspace, data: ServiceInput, service_id: str | None = None) -> Service:
    with ws.transaction() as s:
        if s.get(ServiceArea, data.area_code) is None:
            raise ValidationError(_("Choose the area of social services."), "area_code")
        if data.sector_code and s.get(Sector, data.sector_code) is None:
            raise ValidationError(_("Choose the institution's sector."), "sector_code")
        if data.provider_institution_id:
            get_live(s, Institution, data.provider_institution_id)
        fields = {
            "name": require_text(data.name, "name", _("Name"), 300),
            "area_code": data.area_code,
            "sector_code": data.sector_code,
            "provider_institution_id": data.provider_institution_id or None,
            "legal_basis": check_length(data.legal_basis, "legal_basis", _("Legal basis"), 300),
            "description": check_length(data.description, "description", _("Description"), 20_000),
            "code": check_length(data.code, "code", _("Code"), 40),
            "active": bool(data.active),
        }
        svc, changed = upsert(s, Service, service_id, fields)
        if changed:
            audit.record_save(s, service_id, "service", svc.id)
        return svc


def list_services(
    ws: Workspace, area_code: str | None = None, include_inactive: bool = False
) -> list[Service]:
    with ws.transaction() as s:
        q = select(Service).where(Service.deleted.is_(False))
        if area_code:
            q = q.where(Service.area_code == area_code)
        if not include_inactive:
            q = q.where(Service.active.is_(True))
        rows = s.scalars(q.order_by(Service.area_code, Service.name)).all()
        for r in rows:
            _unused = r.provider
        return list(rows)


def remove_service(ws: Workspace, service_id: str) -> None:
    with ws.transaction() as s:
        svc = get_live(s, Service, service_id)
        tombstone(svc)
        audit.record(s, "delete", "service", svc.id)
