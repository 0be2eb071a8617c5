"""Synthetic demo data: realistic Polish families for trying, teaching and measuring the program.

Not part of a worker's installation: the generator needs Faker, an optional extra
(``pip install 'kooperacja[demo]'``, included in ``[dev]``) that the installer does not ship.
``build`` writes the families, ``family``/``story``/``registry`` draw each part from ``texts``,
``rows`` batches the inserts; ``python -m app.demo.launch`` opens the GUI on a fresh demo database.
"""

from app.demo.build import BATCH, DEFAULT_GMINA, DemoSummary, default_name, generate

__all__ = ["BATCH", "DEFAULT_GMINA", "DemoSummary", "default_name", "generate"]
