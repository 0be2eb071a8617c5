"""Keeps ``bench/rodo_bench.py`` from rotting: one run on a tiny gmina (no timings asserted).

Every paired run compares the service's answer with its raw baseline's (the task list's kept
actions and withheld count, the agenda's late actions and referrals, the gate's families, the
erasure list's notices), so this run checks that the baselines still do the same work."""

from __future__ import annotations

from bench import rodo_bench


def test_the_rodo_bench_runs_and_its_baselines_agree(capsys):
    assert rodo_bench.main(["--families", "20", "--no-write"]) == 0
    out = capsys.readouterr().out
    for label in ("erasure list write", "unlock's erasure-list step", "task list + withheld count",
                  "team agenda", "the gate alone", "load average"):  # fmt: skip
        assert label in out, label
