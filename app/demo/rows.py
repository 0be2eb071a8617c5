"""Shared pieces of the demo generator: the per-run setting and the rows queued for insertion."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from app.models import TercUnit, new_id
from app.models.base import Base
from app.services.workspace import Workspace


@dataclass
class DemoSetting:
    """Everything a family generator needs that does not change between families."""

    gminas: list[TercUnit]
    localities: dict[str, list[str]]
    postal: dict[str, str]
    institutions: dict[str, str]
    schools: dict[str, str]
    services: dict[str, tuple[str, str, str]]  # code → (service id, sector, name)
    home_id: str
    worker: str
    next_number: dict[str, int] = field(default_factory=dict)
    staff: dict[str, list[str]] = field(default_factory=dict)  # institution id → people


class Rows:
    """Rows to insert, stamped with this device's clock like interactive edits."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.by_model: dict[type[Base], list[dict[str, Any]]] = defaultdict(list)
        self.count = 0

    def add(self, model: type[Base], **values: Any) -> str:
        values.setdefault("id", new_id())
        values.update(version=self.ws.clock.tick(), origin_device=self.ws.device_id, deleted=False)
        self.by_model[model].append(values)
        self.count += 1
        return values["id"]
