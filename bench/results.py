"""Shared helpers of the benchmarks: percentiles, the machine line, ``RESULTS.md`` sections, and
a data folder of the run's own (``own_data_dir``).

``RESULTS.md`` holds one ``## <Title>`` section per benchmark (Foundation, Printing, Sync…),
written by different scripts; ``replace_section`` rewrites only the caller's own section and
keeps every other one as it is.
"""

from __future__ import annotations

import math
import os
import platform
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

TITLE = "# Benchmark results"


@contextmanager
def own_data_dir() -> Iterator[None]:
    """Settings, logs and the erasure lists' second copies of a bench run go to a folder of its
    own, removed afterwards (one per database built, they would pile up); a folder the caller
    chose in ``KOOPERACJA_DATA_DIR`` is used and left alone."""
    if "KOOPERACJA_DATA_DIR" in os.environ:
        yield
        return
    folder = tempfile.mkdtemp(prefix="kooperacja-bench-data-")
    os.environ["KOOPERACJA_DATA_DIR"] = folder
    try:
        yield
    finally:
        os.environ.pop("KOOPERACJA_DATA_DIR", None)
        shutil.rmtree(folder, ignore_errors=True)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0…100) of a non-empty sample."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    value = seconds * 1000
    if value >= 100:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b > 0 else "–"


def machine() -> dict[str, str]:
    import sqlalchemy
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(":memory:")
    try:
        conn.execute("PRAGMA key = 'benchmark'")  # the provider answers on a keyed database
        cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
        provider = conn.execute("PRAGMA cipher_provider_version").fetchone()[0]
    finally:
        conn.close()
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": f"{cpu}, {os.cpu_count()} logical CPUs",
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "sqlcipher": f"SQLCipher {cipher} ({provider}), SQLite {sqlcipher.sqlite_version}",
        "sqlalchemy": f"SQLAlchemy {sqlalchemy.__version__}",
    }


def replace_section(path: Path, heading: str, body: str, *, first: bool = False) -> None:
    """Write ``## heading`` + ``body`` into ``path``, keeping every other section unchanged.

    A section not there yet is appended, or put before all others when ``first``.
    """
    marker = f"## {heading}"
    text = path.read_text(encoding="utf-8") if path.exists() else f"{TITLE}\n"
    section = f"{marker}\n\n{body.strip()}\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == marker), None)
    if start is None:
        at = len(lines)
        if first:
            at = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
        head = "".join(lines[:at]).rstrip() + "\n\n"
        rest = "".join(lines[at:])
        text = head + section + ("\n" + rest if rest else "")
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if re.match(r"## ", lines[i])), len(lines)
        )
        rest = "".join(lines[end:])
        text = "".join(lines[:start]) + section + ("\n" + rest if rest else "")
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
