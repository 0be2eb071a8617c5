"""The coordinator's dashboard across gminas, computed without Qt (the screen only draws it).

Open cases by status and gmina, overdue reviews, actions by institution and status, the
distribution of goal attainment (latest GAS score per goal), days since each device's last
bundle, and the conflicts waiting in the inbox.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from app.models import Action, Device, Family, Institution, SupportPlan, TercUnit
from app.models.enums import FamilyStatus
from app.models.sync_state import SyncConflict, SyncPeer, SyncReceived
from app.services import deadlines
from app.services.stats import latest_levels
from app.services.workspace import Workspace

OPEN_STATUSES = [s.value for s in FamilyStatus if s != FamilyStatus.CLOSED]


@dataclass(frozen=True)
class OverdueReview:
    family_id: str
    case_number: str
    gmina_code: str
    due_on: date
    days_overdue: int


@dataclass(frozen=True)
class DeviceFreshness:
    device_id: str
    name: str
    worker: str
    role: str
    unit_code: str
    revoked: bool
    last_bundle_at: datetime | None
    days_since: int | None  # None: never received a bundle


@dataclass
class Dashboard:
    today: date
    gmina_names: dict[str, str]
    open_by_gmina: dict[str, dict[str, int]]  # gmina code → status → open cases
    closed_by_gmina: dict[str, int]
    overdue_reviews: list[OverdueReview]
    actions_by_institution: list[tuple[str, dict[str, int]]]  # name → status → actions
    goal_attainment: dict[int, int]  # level −2 … +2 → goals
    devices: list[DeviceFreshness]
    conflicts_waiting: int
    totals: dict[str, int] = field(default_factory=dict)

    def open_by_status(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for per_status in self.open_by_gmina.values():
            out.update(per_status)
        return {s: out.get(s, 0) for s in OPEN_STATUSES}

    def overdue_by_gmina(self) -> dict[str, int]:
        return dict(Counter(r.gmina_code for r in self.overdue_reviews))


def collect(ws: Workspace, today: date | None = None) -> Dashboard:
    today = today or date.today()
    due = [
        d
        for d in deadlines.collect(ws, today, horizon_days=0)
        if d.kind == deadlines.Kind.REVIEW and d.overdue(today)
    ]
    with ws.transaction() as s:
        live = Family.deleted.is_(False)
        open_by: dict[str, dict[str, int]] = defaultdict(dict)
        closed_by: dict[str, int] = defaultdict(int)
        for code, status, n in s.execute(
            select(Family.gmina_code, Family.status, func.count())
            .where(live)
            .group_by(Family.gmina_code, Family.status)
        ):
            if status == FamilyStatus.CLOSED:
                closed_by[code] += n
            else:
                open_by[code][status] = open_by[code].get(status, 0) + n
        gminas = {code: "" for code in (*open_by, *closed_by)}
        gmina_of = {}
        for family_id, code in s.execute(
            select(Family.id, Family.gmina_code).where(
                Family.id.in_([d.family_id for d in due] or [""])
            )
        ):
            gmina_of[family_id] = code
        units = s.scalars(select(TercUnit).where(TercUnit.code.in_(list(gminas) or [""]))).all()
        names = Counter(u.name for u in units)
        for unit in units:
            # Two gminas may share a name (Hajnówka town and rural gmina): add the kind.
            gminas[unit.code] = unit.name if names[unit.name] == 1 else f"{unit.name} ({unit.kind})"

        by_inst: dict[str, dict[str, int]] = defaultdict(dict)
        institutions = {i.id: i.display_name for i in s.scalars(select(Institution))}
        for inst, status, n in s.execute(
            select(Action.institution_id, Action.status, func.count())
            .join(SupportPlan, SupportPlan.id == Action.plan_id)
            .join(Family, Family.id == SupportPlan.family_id)
            .where(live, Action.deleted.is_(False), SupportPlan.deleted.is_(False))
            .group_by(Action.institution_id, Action.status)
        ):
            label = institutions.get(inst, "") if inst else ""
            by_inst[label][status] = by_inst[label].get(status, 0) + n
        actions = sorted(by_inst.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))

        levels = Counter(latest_levels(s).values())
        attainment = {lvl: levels.get(lvl, 0) for lvl in range(-2, 3)}

        devices = []
        for d in s.scalars(
            select(Device)
            .where(Device.is_self.is_(False))
            .order_by(Device.unit_code, Device.name, Device.device_id)
        ):
            last = s.scalar(
                select(func.max(SyncReceived.imported_at)).where(SyncReceived.sender == d.device_id)
            )
            if last is None:
                peer = s.get(SyncPeer, d.device_id)
                last = peer.in_at if peer else None
            days = None
            if last is not None:
                days = (datetime.now(UTC).date() - last.astimezone(UTC).date()).days
            devices.append(
                DeviceFreshness(
                    d.device_id,
                    d.name,
                    d.worker_name,
                    d.role,
                    d.unit_code,
                    bool(d.revoked),
                    last,
                    days,
                )
            )
        waiting = s.scalar(
            select(func.count()).select_from(SyncConflict).where(SyncConflict.status == "open")
        )
    overdue = [
        OverdueReview(
            d.family_id,
            d.case_number,
            gmina_of.get(d.family_id, ""),
            d.due_on,
            (today - d.due_on).days,
        )
        for d in due
    ]
    overdue.sort(key=lambda r: (-r.days_overdue, r.case_number))
    totals = {
        "open": sum(sum(v.values()) for v in open_by.values()),
        "closed": sum(closed_by.values()),
        "overdue": len(overdue),
        "actions": sum(sum(v.values()) for _k, v in actions),
        "goals_scored": sum(attainment.values()),
    }
    return Dashboard(
        today,
        gminas,
        dict(open_by),
        dict(closed_by),
        overdue,
        actions,
        attainment,
        devices,
        int(waiting or 0),
        totals,
    )
