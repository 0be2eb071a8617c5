#!/bin/sh
# What `make test` (and so CI) runs: the static checks, then pytest with mypy beside it.
#
# The order is chosen for a two-core machine like CI's (figures from one, 2026-12-01):
# - The static checks run one after another on one core; the other core meanwhile writes the
#   bytecode every later Python process reads.  This machine sets PYTHONDONTWRITEBYTECODE, so
#   without that each test worker, CLI child, GUI start and fork server compiled app/ again,
#   and each worker rewrote every test module's asserts (pytest reads a rewritten module's
#   cached bytecode even when it may not write one).  A collect-only run with writing allowed
#   leaves those rewritten modules behind: a worker then collects in about 3 s instead of 7.
# - The tests' temporary folders (their databases, bundles, PDFs) are in memory, on /dev/shm,
#   when it is there with room to spare: the SQLCipher files fsync at every commit, and an fsync
#   on such a machine's disk took 4.8 ms (0.003 ms on tmpfs), about 900 of them in 38 tests.
#   Whole runs beside other work on the same disk: 388 s on disk, 237 s in memory.  A kill -9
#   loses nothing written to either (the page cache outlives the process); what fsync adds,
#   surviving a power cut, no test can check.  The folder is made for this run (mode 700) and
#   removed after it (a whole run writes about 1.3 GB; 4 GiB must be free).
# - pytest runs three workers, one more than the cores: the tests wait on child processes and
#   Qt timers, and on fsync where the folders are on disk, often enough that a third worker
#   fills the gaps.  On disk: pytest with two workers 230 s, three 203 s, four 211 s (one fresh
#   clone).  In memory, `make test` with two workers 203.7 s and 210.5 s, with three 207.5 s
#   and 211.7 s (interleaved, 1022 tests): the same, so three serve both.  mypy runs beside
#   them for the same reason; its report follows the tests'.
# Exit status: 0 when everything passed, else that of the first failing step.
set -u
BIN=${BIN:-.venv/bin}
export QT_QPA_PLATFORM=offscreen

scratch=""
if [ -d /dev/shm ] && [ -w /dev/shm ] &&
	[ "$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')" -gt 4194304 ]; then
	scratch=$(mktemp -d /dev/shm/kooperacja-tests.XXXXXX) && export TMPDIR="$scratch"
fi
report=""
trap 'rm -rf "$scratch" "$report"' EXIT
trap 'exit 130' INT TERM  # so that the folder goes on Ctrl+C too

(
	"$BIN/ruff" check app tests bench tools &&
		"$BIN/ruff" format --check app tests bench tools &&
		"$BIN/lint-imports" --no-cache &&
		"$BIN/python" tools/i18n.py check &&
		"$BIN/python" tools/dead_code.py
) &
checks=$!
(
	"$BIN/python" -m compileall -q -j 0 app tests &&
		# Its failures, if any, are the real run's to report: only the bytecode matters here.
		env -u PYTHONDONTWRITEBYTECODE "$BIN/python" -m pytest -q --collect-only \
			-p no:xdist -p no:cacheprovider >/dev/null 2>&1
) &
bytecode=$!
wait $checks
checked=$?
wait $bytecode
if [ $checked -ne 0 ]; then
	exit $checked
fi

report=$(mktemp)
"$BIN/mypy" >"$report" 2>&1 &
types=$!
# Each worker takes a whole file at a time, the longest first (tests/scheduling.py).
"$BIN/python" -m pytest -q -n 3 --dist loadfile --no-loadscope-reorder
tests=$?
wait $types
typed=$?
echo "mypy:"
cat "$report"
if [ $tests -ne 0 ]; then
	exit $tests
fi
exit $typed
