"""Keeps ``bench/`` from rotting: the Foundation benchmark once on a tiny database (no timings).

``python -m bench.run --quick`` runs every code path (build, unlock, the three searches with their
raw-SQL cross-checks, case file, diagnosis save, dump, audit-chain check) on 20 families with
the test KDF and writes its section into a copy of ``RESULTS.md``, whose other sections must
survive untouched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.results import percentile, replace_section

REPO = Path(__file__).resolve().parents[2]
OTHERS = "## Printing\n\n| Document | ms |\n|---|---|\n| IPW | 12 |\n\n## Sync\n\nsync figures\n"


def test_bench_run_quick_on_a_tiny_database(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text(f"# Benchmark results\n\n## Foundation\n\nold figures\n\n{OTHERS}")
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--sizes", "20", "--quick", "--kdf", "test"]
        + ["--results", str(results), "--workdir", str(tmp_path / "work")],
        cwd=REPO,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    text = results.read_text(encoding="utf-8")
    assert "old figures" not in text
    assert text.endswith(OTHERS)  # the other helpers' sections, byte for byte
    foundation = text.split("## Foundation", 1)[1].split("## Printing", 1)[0]
    for label in (
        "Unlock (`setup.open_workspace`",
        "Search: surname prefix",
        "Search: PESEL prefix",
        "Search: locality",
        "Open one family with everything",
        "Save a diagnosis",
        "Dump: canonical JSON",
        "Goals at 20 families",
        "Smoke run",
    ):
        assert label in foundation, label
    assert list((tmp_path / "work").glob("bench-*")) == []  # databases removed afterwards


def test_replace_section_creates_and_orders(tmp_path):
    path = tmp_path / "RESULTS.md"
    replace_section(path, "Sync", "sync 1")
    replace_section(path, "Foundation", "found 1", first=True)
    replace_section(path, "Printing", "print 1")
    replace_section(path, "Foundation", "found 2", first=True)
    assert path.read_text() == (
        "# Benchmark results\n\n## Foundation\n\nfound 2\n\n## Sync\n\nsync 1\n\n"
        "## Printing\n\nprint 1\n"
    )


def test_percentile_is_nearest_rank():
    sample = [float(i) for i in range(1, 101)]
    assert (percentile(sample, 50), percentile(sample, 95), percentile(sample, 100)) == (
        50.0,
        95.0,
        100.0,
    )
    assert percentile([3.0], 95) == 3.0
