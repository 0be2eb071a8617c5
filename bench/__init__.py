"""Benchmarks (``make bench``): figures for ``bench/RESULTS.md``, never assertions in tests."""
