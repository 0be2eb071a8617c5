"""Module-wide printing workspaces: the factory's family with its PZK, and demo families."""

from __future__ import annotations

import pytest

from app.i18n import set_language
from app.services import registry, setup
from app.store.keys import TEST_KDF
from tests.conftest import OPS_GMINA, PASSPHRASE
from tests.factories import make_full_case
from tests.printing.data import add_agreement, set_home_address

OPS = "Gminny Ośrodek Pomocy Społecznej w Narewce"
WORKER = "Anna Kowalczyk"


def module_workspace(tmp_path_factory, name: str):
    """A new OPS database (GOPS Narewka) in its own data folder, for a module-scoped fixture;
    returns it with the environment patch to undo when the fixture ends."""
    patch = pytest.MonkeyPatch()
    base = tmp_path_factory.mktemp(name)
    patch.setenv("KOOPERACJA_DATA_DIR", str(base))
    set_language("pl")
    ws = setup.initialize(
        base / "kooperacja.db",
        PASSPHRASE,
        role="ops",
        unit_code=OPS_GMINA,
        name=OPS,
        worker_name=WORKER,
        kdf=TEST_KDF,
    )
    return ws, patch


@pytest.fixture(scope="module")
def printed_ws(tmp_path_factory):
    """(workspace, factory case, team id): read-only for the tests that use it."""
    ws, patch = module_workspace(tmp_path_factory, "printed-ws")
    try:
        case = make_full_case(ws)
        set_home_address(ws)
        team_id, _agreement = add_agreement(ws, case)
        yield ws, case, team_id
    finally:
        ws.lock()
        patch.undo()


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    """(workspace, shape → family id, PZK team id) of a demo database."""
    from tests.printing.demo_cases import make_demo

    ws, patch = module_workspace(tmp_path_factory, "demo-ws")
    try:
        families = make_demo(ws)
        set_home_address(ws)
        teams = [t for t in registry.list_teams(ws) if registry.list_agreements(ws, t.id)]
        yield ws, families, teams[0].id
    finally:
        ws.lock()
        patch.undo()
