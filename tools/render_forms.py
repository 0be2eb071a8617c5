"""Print every document of a demo family and save its pages as PNGs in ``docs/forms/``.

    .venv/bin/python tools/render_forms.py [--out docs/forms] [--dpi 100]

The demo data are made by ``app.demo`` (synthetic families, as ``kooperacja demo``
makes them) in a throw-away encrypted database inside a temporary folder; only the synthetic
pages are written out.  Look at the PNGs after changing a layout: they are what a family is
asked to sign.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Demo:
    family_id: str
    team_id: str


def build_demo(ws) -> Demo:
    """Demo families (``app.demo``) with the OPS's full address; the family furthest
    in the cycle (diagnosis, programme, reviews) and the demo PZK with its agreement."""
    from app import demo
    from app.services import casefile, controller, registry
    from bench.print_bench import demo_family

    demo.generate(ws, families=20, seed=2024)
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
    controller.set_iod_contact(ws, "iod@narewka.example.pl")
    teams = [t for t in registry.list_teams(ws) if registry.list_agreements(ws, t.id)]
    return Demo(demo_family(ws), teams[0].id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "forms"))
    parser.add_argument("--dpi", type=float, default=100)
    args = parser.parse_args(argv)
    out = Path(args.out)
    with tempfile.TemporaryDirectory(prefix="kooperacja-forms-") as tmp:
        os.environ["KOOPERACJA_DATA_DIR"] = tmp
        from app.errors import NotFound
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
                try:
                    pdf = render_document(ws, kind, **ids)
                except NotFound as exc:
                    print(f"{kind}: {exc.message}")
                    continue
                pages = raster.render_pages(pdf, dpi=args.dpi)
                for n, page in enumerate(pages, 1):
                    (out / f"{kind}-{n}.png").write_bytes(page.to_png(grayscale=True))
                print(f"{kind}: {len(pages)} page(s)")
        finally:
            ws.lock()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
