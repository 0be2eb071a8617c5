"""A conflict on a row withheld by consent travels once the row does (issue 14 §1 with §6 of 8).

The OPS shares a family with the coordinator, then the consent is withdrawn.  Both sides edit
the family's phone: the coordinator's write reaches the OPS, which finds the conflict, but the
family (and so the conflict) is withheld from the coordinator's bundles, and the conflict
counter moves past it.  When a new consent names the coordinator, the family travels again and
its conflict must travel with it, so both inboxes show the same open conflict until someone
decides.
"""

from __future__ import annotations

from datetime import date

from app.models import Family
from app.services import consents
from app.services.rodo import sharing
from app.services.setup import home_institution_id
from app.sync import export, importer
from tests.factories import make_full_case
from tests.sync.helpers import edit, exchange, introduce, make_device, open_conflicts


def test_a_conflict_withheld_with_its_row_travels_when_the_row_does(tmp_path):
    ops = make_device(tmp_path / "ops.db", "ops", "2005092", "GOPS Narewka", "Anna Kowalczyk")
    coord = make_device(
        tmp_path / "pcpr.db", "coordinator", "2005", "PCPR Hajnówka", "Ewa Zawadzka"
    )
    try:
        introduce(ops, coord)
        exchange(coord, ops)  # the registry, with the PCPR's own institution
        case = make_full_case(ops)
        sharing.set_basis(ops, "consent")
        pcpr = home_institution_id("coordinator", "2005")
        given = consents.ConsentInput(signed_on=date.today(), scope="IPW", institution_ids=[pcpr])
        consent = consents.save_consent(ops, case.family_id, given)
        exchange(ops, coord)
        exchange(coord, ops)

        consents.withdraw_consent(ops, consent.id, date.today(), "")
        edit(coord, Family, case.family_id, phone="500 222 222")
        edit(ops, Family, case.family_id, phone="500 111 111")
        assert exchange(coord, ops).conflicts == 1
        [found] = open_conflicts(ops)
        withheld = export.export_bundle(ops, coord.device_id)
        assert withheld.withheld == {"withdrawn": 1} and "family" not in withheld.counts
        importer.import_bundle(coord, withheld.data)
        exchange(coord, ops)  # its receipt: the conflict counter moves past the entry
        assert open_conflicts(coord) == []

        consents.save_consent(ops, case.family_id, given)  # shareable again
        shared = export.export_bundle(ops, coord.device_id)
        assert shared.withheld == {} and shared.counts.get("family") == 1
        got = importer.import_bundle(coord, shared.data)
        assert got.conflicts == 1
        [there] = open_conflicts(coord)
        assert there.id == found.id
        assert {there.mine_stamp, there.theirs_stamp} == {found.mine_stamp, found.theirs_stamp}
        # and not again: the next bundle carries nothing the coordinator has
        exchange(coord, ops)
        assert exchange(ops, coord).conflicts == 0
    finally:
        for w in (ops, coord):
            if not w.locked:
                w.lock()
