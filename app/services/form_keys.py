"""The key a form's draft is saved under, as a typed value (not an f-string parsed back).

A key names the form (``kind``), the family it belongs to, the record it edits ("new" for a new
one) and, for a record that lives under another (a goal under its plan, an agreement under its
team), that parent.  ``str(key)`` is the text stored with the draft, in the format drafts have
always had (``visit:<family>:<visit>``, ``goal:<family>:<plan>:<goal>``, ``family:<family>``,
``registration:new``, ``registry:agreement:<team>:<agreement>``), so drafts saved by an earlier
version still open; ``FormKey.parse`` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass

NEW = "new"

# The fields after the kind, per kind, in the order they are written.
_LAYOUT: dict[str, tuple[str, ...]] = {
    "family": ("family_id",),
    "close": ("family_id",),
    "reopen": ("family_id",),
    "transfer": ("family_id",),
    "handover_export": ("family_id",),
    "registration": ("record_id",),
    **dict.fromkeys(
        (
            "member",
            "team_member",
            "visit",
            "consent",
            "withdraw",
            "attachment",
            "diagnosis",
            "plan",
            "referral",
            "decision",
            "workshop",
            "workshop_link",
            "closure",
        ),
        ("family_id", "record_id"),
    ),
    **dict.fromkeys(
        ("goal", "action", "commitment", "review"), ("family_id", "parent_id", "record_id")
    ),
    **dict.fromkeys(("registry:institution", "registry:team", "registry:service"), ("record_id",)),
    **dict.fromkeys(
        ("registry:agreement", "registry:meeting", "registry:membership", "registry:decision"),
        ("parent_id", "record_id"),
    ),
}


@dataclass(frozen=True)
class FormKey:
    kind: str
    family_id: str = ""
    parent_id: str = ""  # the plan of a goal, action, commitment or review; an agreement's team
    record_id: str = NEW

    def __post_init__(self) -> None:
        if self.kind not in _LAYOUT:
            raise ValueError(f"unknown form kind: {self.kind}")

    def __str__(self) -> str:
        return ":".join([self.kind, *(getattr(self, name) or NEW for name in _LAYOUT[self.kind])])

    @property
    def is_new(self) -> bool:
        return self.record_id == NEW

    @property
    def registry_kind(self) -> str:
        """``institution``, ``agreement`` … for a form of the registry, else ""."""
        head, _sep, sub = self.kind.partition(":")
        return sub if head == "registry" else ""

    @classmethod
    def parse(cls, text: str) -> FormKey | None:
        """The key of a stored draft; None for text in no known format (it is left alone)."""
        parts = text.split(":")
        kind, rest = parts[0], parts[1:]
        if kind == "registry" and rest:
            kind, rest = f"registry:{rest[0]}", rest[1:]
        layout = _LAYOUT.get(kind)
        if layout is None or len(rest) != len(layout) or not all(rest):
            return None
        return cls(kind, **dict(zip(layout, rest, strict=True)))
