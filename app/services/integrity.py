"""The ``check`` use case: storage integrity, audit chain, and configuration in one report."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.i18n import _, ngettext
from app.services import audit
from app.services.workspace import Workspace


@dataclass
class CheckReport:
    storage_problems: list[str] = field(default_factory=list)
    chain_problems: list[audit.ChainProblem] = field(default_factory=list)
    events_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.storage_problems and not self.chain_problems

    def lines(self) -> list[str]:
        out = []
        if self.storage_problems:
            out.append(
                ngettext(
                    "Database file: {n} problem found.",
                    "Database file: {n} problems found.",
                    len(self.storage_problems),
                ).format(n=len(self.storage_problems))
            )
            out += [f"  - {p}" for p in self.storage_problems[:20]]
        else:
            out.append(_("Database file: OK (encryption and structure checked)."))
        if self.chain_problems:
            out.append(
                ngettext(
                    "Audit log: {n} problem found.",
                    "Audit log: {n} problems found.",
                    len(self.chain_problems),
                ).format(n=len(self.chain_problems))
            )
            out += [
                "  - "
                + _("device {device}, entry {seq}: {problem}").format(
                    device=p.device_id, seq=p.seq, problem=p.problem
                )
                for p in self.chain_problems[:20]
            ]
        else:
            out.append(
                ngettext(
                    "Audit log: OK ({n} entry, chain unbroken).",
                    "Audit log: OK ({n} entries, chain unbroken).",
                    self.events_checked,
                ).format(n=self.events_checked)
            )
        return out


def full_check(ws: Workspace) -> CheckReport:
    report = CheckReport(storage_problems=ws.vault.check())
    with ws.transaction() as s:
        report.chain_problems = audit.verify_chain(s)
        report.events_checked = audit.count_events_in(s)
    return report
