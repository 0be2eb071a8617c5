"""Repairing a database that already holds change stamps dated in the future.

Before clocks were bounded (``app.sync.clocks``), a bundle could bring stamps years ahead (a
forged one, or a laptop whose clock was set wrong). The clock followed them. Such a database
now makes every bundle it sends refused by its peers (``clock_ahead``), and the hybrid clock
keeps issuing stamps from that future time.

``repair_future_stamps`` re-dates those changes. Every row holding a stamp more than a day
ahead of this computer's clock is re-stamped as a change of this device made now: its values
are unchanged, the far-future entries leave its version vector, and the fields they set get the
new stamp. The hybrid clock then restarts from the newest stamp that is not in the future. The
next bundles carry these rows to every peer. A peer that also holds the far-future stamps
needs the same repair, and its bundles are refused until then.

A computer whose clock is *behind* would see every recent change as "in the future".
Re-dating then would make this device's recent work lose every merge, so the repair first
asks the peers' clocks: it refuses when a bundle received from a peer was made more than a day
after this computer's time (then this clock is behind, not the data ahead). With no bundle
received yet, this device's own audit log is the witness instead. The audit log cannot decide
once bundles arrived: a laptop whose clock was set a year ahead wrote its audit entries a year
ahead too.

The wrong clock also gave dates: a case registered meanwhile was opened "in" the later year and
numbered in it (``<gmina>/<year>/<n>``).  The repair gives such a case this year's next number
and today's opening date, and says which numbers changed (``_renumber_wrong_years``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import func, select, update

from app.errors import ValidationError
from app.i18n import _, ngettext
from app.models import AuditEvent, Family
from app.models.hlc import MAX_AHEAD_MS, HybridClock, format_stamp, parse_stamp
from app.models.sync_state import SyncReceived, SyncRow
from app.services import audit
from app.services.date_text import fmt_date, fmt_moment
from app.services.families import next_case_number
from app.services.records import table_of
from app.services.workspace import Workspace
from app.sync.clocks import now_ms
from app.sync.rowstate import FIELDS, TABLES, refresh
from app.sync.stamps import (
    compact_stamps,
    device_of,
    full_stamps,
    stamps_dumps,
    stamps_loads,
    vv_dumps,
    vv_loads,
)


@dataclass
class RepairReport:
    rows: dict[str, int] = field(default_factory=dict)  # table → rows re-dated
    devices: set[str] = field(default_factory=set)  # whose far-future stamps were found
    furthest_ms: int = 0
    renumbered: list[tuple[str, str]] = field(default_factory=list)  # (old, new) case numbers

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    @property
    def message(self) -> str:
        lines = [self._stamps_message()] if self.total or not self.renumbered else []
        lines += [
            _(
                "Case {old} was registered while the clock was wrong, with a later year: it is "
                "now case {new}, opened today (correct the opening date if it was another "
                "day; the old number is not given again)."
            ).format(old=old, new=new)
            for old, new in self.renumbered
        ]
        return "\n".join(lines)

    def _stamps_message(self) -> str:
        if not self.total:
            return _("No change in this database is dated in the future; nothing was changed.")
        # the day as this laptop shows it (a stamp is UTC; 23:30 UTC is already tomorrow here)
        when = fmt_date(datetime.fromtimestamp(self.furthest_ms / 1000, UTC).astimezone())
        return ngettext(
            "{n} record held changes dated in the future (up to {when}, devices: {devices}); "
            "it was re-dated as a change of this device made now. Send bundles to every peer; "
            "a peer holding the same dates needs this repair too.",
            "{n} records held changes dated in the future (up to {when}, devices: {devices}); "
            "they were re-dated as changes of this device made now. Send bundles to every "
            "peer; a peer holding the same dates needs this repair too.",
            self.total,
        ).format(n=self.total, when=when, devices=", ".join(sorted(self.devices)))


def _ms(stamp: str) -> int:
    return parse_stamp(stamp)[0]


def repair_future_stamps(
    ws: Workspace, now: int | None = None, today: date | None = None
) -> RepairReport:
    """Re-date every row holding a stamp more than a day ahead of the clock (see the module)."""
    current = now_ms() if now is None else now
    bound = current + MAX_AHEAD_MS
    report = RepairReport()
    with ws.transaction() as s:
        s.info["applying_sync"] = True  # versions are set here, not by the session hook
        witness = s.scalar(select(func.max(SyncReceived.created_at))) or s.scalar(
            select(func.max(AuditEvent.at)).where(AuditEvent.device_id == ws.device_id)
        )
        if witness is not None and witness.timestamp() * 1000 > bound:
            raise ValidationError(
                _(
                    "This computer's clock is behind: this database holds work dated {when} "
                    "(a bundle from another device, or this device's own audit log). Set the "
                    "correct date and time first; nothing was changed."
                ).format(when=fmt_moment(witness)),
                "clock",
            )
        refresh(s, ws.device_id, ws.clock.tick)
        limit = format_stamp(bound, 99_999, "~")
        sane = s.scalar(select(func.max(SyncRow.version)).where(SyncRow.version <= limit)) or ""
        clock = HybridClock(ws.device_id, last=sane)
        rows = s.scalars(select(SyncRow).where(SyncRow.version > limit)).all()
        for row in rows:
            stamp = clock.tick()
            vv = vv_loads(row.vv)
            future = {d: st for d, st in vv.items() if _ms(st) > bound}
            report.devices |= set(future)
            report.furthest_ms = max(report.furthest_ms, *(_ms(st) for st in future.values()))
            stamps = full_stamps(stamps_loads(row.stamps), row.version, FIELDS[row.tbl])
            stamps = {f: (stamp if _ms(st) > bound else st) for f, st in stamps.items()}
            kept = {d: st for d, st in vv.items() if d not in future}
            kept[ws.device_id] = stamp
            row.version = stamp
            row.stamps = stamps_dumps(compact_stamps(stamps, stamp))
            row.vv = vv_dumps(kept)
            table = table_of(TABLES[row.tbl])
            s.execute(
                update(table)
                .where(table.c.id == row.row_id)
                .values(version=stamp, origin_device=device_of(stamp))
            )
            report.rows[row.tbl] = report.rows.get(row.tbl, 0) + 1
        if rows:
            audit.record(
                s,
                "clock_repair",
                detail=",".join(f"{t}:{n}" for t, n in sorted(report.rows.items()))[:200],
            )
        ws.clock = clock
    report.renumbered = _renumber_wrong_years(ws, today or date.today())
    return report


def _renumber_wrong_years(ws: Workspace, today: date) -> list[tuple[str, str]]:
    """This OPS's cases numbered and opened under a clock set into a later year.

    The number was given from the opening date, which the clock gave too: a number of a later
    year with an opening date in the future in that same year.  A worker expects this year's
    next number (the registry counts cases by the year they were opened) and an opening date
    that is not in the future; the old number stays counted as given, since papers may carry
    it.  A number a worker typed (its year differs from the opening date's) is left alone, and
    so is another gmina's case on a coordinator: the OPS numbers its own cases.
    """
    out: list[tuple[str, str]] = []
    with ws.transaction() as s:
        if ws.identity.role != "ops":
            return out
        rows = s.scalars(
            select(Family)
            .where(
                Family.opened_on > today,
                Family.gmina_code == ws.identity.unit_code,
                Family.deleted.is_(False),
            )
            .order_by(Family.opened_on, Family.case_number)
        ).all()
        for family in rows:
            m = re.match(r"^\d{7}/(\d{4})/\d+$", family.case_number)
            year = int(m.group(1)) if m else 0
            if year <= today.year or year != family.opened_on.year:
                continue
            old = family.case_number
            family.case_number = next_case_number(s, family.gmina_code, today.year)
            family.opened_on = today
            audit.record(s, "clock_repair", "family", family.id, family.id)
            out.append((old, family.case_number))
    return out
