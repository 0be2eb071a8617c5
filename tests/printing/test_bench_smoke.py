"""The printing benchmark runs end to end (no timing is asserted; figures live in bench/)."""

from __future__ import annotations

import re

from bench import print_bench


def test_print_bench_writes_its_section_only(tmp_path, capsys):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Foundation\n\nfigures of others\n")
    assert print_bench.main(["--runs", "2", "--families", "3", "--results", str(results)]) == 0
    text = results.read_text()
    assert "## Foundation\n\nfigures of others" in text
    assert "## Printing" in text and "diagnosis of a demo family" in text
    assert "Goal ≤ 300 ms (median)" in text
    assert re.search(r"\| contract \| [\d. ]+ ms \|", text)  # printed, not an exception's name
    assert "Other documents of the same family (median of 2):" in text  # --runs 2: a smoke run
