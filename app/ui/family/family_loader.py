"""What the family window loads on the DB worker: the case file, lookups, pending drafts.

The first load is ``casefile.open_family`` (a "view" in the audit log); reloads after the
window's own saves use ``casefile.reload_family``.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.services import casefile, drafts
from app.services.casefile import FamilyFile
from app.services.drafts import DraftInfo
from app.services.lookups import Lookups, load_lookups
from app.services.workspace import Workspace
from app.ui.drafts import family_id_of


@dataclass(frozen=True)
class Loaded:
    file: FamilyFile
    lookups: Lookups | None
    drafts: list[DraftInfo]


def family_drafts(ws: Workspace, family_id: str) -> list[DraftInfo]:
    """Drafts of this family's forms (their keys carry the family id second)."""
    return [d for d in drafts.list_drafts(ws) if family_id_of(d.form_key) == family_id]


def load(ws: Workspace, family_id: str, first: bool, with_lookups: bool) -> Loaded:
    ff = casefile.open_family(ws, family_id) if first else casefile.reload_family(ws, family_id)
    lookups = load_lookups(ws) if with_lookups else None
    return Loaded(ff, lookups, family_drafts(ws, family_id) if first else [])
