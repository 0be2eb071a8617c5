"""Print every document of a demo family and save its pages as PNGs in ``docs/forms/``.

    .venv/bin/python tools/render_forms.py [--out docs/forms] [--dpi 100]

The demo case is built through the services (``tests/factories.make_full_case``) in a throw-away
encrypted database inside a temporary folder; only the synthetic pages are written out.  Look at
the PNGs before changing a layout: they are what a family is asked to sign.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Demo:
    family_id: str
    team_id: str


def build_demo(ws) -> Demo:  # noqa: ANN001
    """The factory's family, the OPS's full address, and a PZK with a signed agreement."""
    from app.services import casefile, registry
    from tests.factories import make_full_case

    case = make_full_case(ws)
    home = casefile.home_institution(ws)
    assert home is not None
    registry.save_institution(
        ws,
        registry.InstitutionInput(
            name=home.name,
            sector_code=home.sector_code,
            level=home.level,
            teryt_code=home.teryt_code,
            street="ul. Białowieska 1",
            postal_code="17-220",
            city="Narewka",
            phone="85 685 80 15",
            email="gops@narewka.example.pl",
        ),
        institution_id=home.id,
    )
    team = registry.save_team(
        ws,
        registry.TeamInput(
            name="Partnerski Zespół Kooperacji Gminy Narewka",
            teryt_code="2005092",
            established_on=date.today() - timedelta(days=120),
            lead_institution_id=home.id,
        ),
    )
    signed = date.today() - timedelta(days=120)
    parties = [
        (home.id, "Barbara Sienkiewicz", "kierownik"),
        (case.institution_ids["pup"], "Marek Żółkiewski", "dyrektor"),
        (case.institution_ids["ppp"], "Łucja Ćwiklińska", "dyrektor"),
    ]
    for iid, who, function in parties:
        registry.add_member(ws, team.id, iid, who, function, signed)
    registry.save_agreement(
        ws,
        team.id,
        registry.AgreementInput(
            title="w sprawie współpracy na rzecz rodzin w ramach Modelu Kooperacji",
            number="PZK/1/2026",
            signed_on=signed,
            valid_from=signed,
            valid_until=signed + timedelta(days=730),
            scope="Współpraca obejmuje rodziny z terenu gminy Narewka, którym pomoc jednej "
            "instytucji nie wystarcza do wyjścia z trudnej sytuacji życiowej.",
            parties=[registry.PartyInput(i, w, f, signed) for i, w, f in parties],
        ),
    )
    return Demo(case.family_id, team.id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "forms"))
    parser.add_argument("--dpi", type=float, default=100)
    args = parser.parse_args(argv)
    out = Path(args.out)
    with tempfile.TemporaryDirectory(prefix="kooperacja-forms-") as tmp:
        os.environ["KOOPERACJA_DATA_DIR"] = tmp
        from app.i18n import set_language
        from app.printing import raster
        from app.printing.service import KINDS, render_document
        from app.services import setup
        from app.store.keys import TEST_KDF

        set_language("pl")
        ws = setup.initialize(
            Path(tmp) / "demo.db",
            "demo-forms-passphrase-Narew-42",
            role="ops",
            unit_code="2005092",
            name="Gminny Ośrodek Pomocy Społecznej w Narewce",
            worker_name="Anna Kowalczyk",
            kdf=TEST_KDF,
        )
        try:
            demo = build_demo(ws)
            out.mkdir(parents=True, exist_ok=True)
            for old in out.glob("*.png"):
                old.unlink()
            for kind in KINDS:
                ids = (
                    {"team_id": demo.team_id}
                    if kind == "agreement"
                    else {"family_id": demo.family_id}
                )
                pdf = render_document(ws, kind, **ids)
                pages = raster.render_pages(pdf, dpi=args.dpi)
                for n, page in enumerate(pages, 1):
                    (out / f"{kind}-{n}.png").write_bytes(page.to_png(grayscale=True))
                print(f"{kind}: {len(pages)} page(s)")
        finally:
            ws.lock()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
