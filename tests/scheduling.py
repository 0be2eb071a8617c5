"""The order in which ``make test``'s workers take the test files: the longest first.

``--dist loadfile`` (``tools/test.sh``) gives each worker a whole file at a time, the next file
in the queue as soon as it is nearly done.  pytest-xdist orders that queue by the number of
tests in a file, so a file of one long test (the wizard's twenty program starts, the crash loop)
came near the end and the other workers sat idle while it ran.  Handed out longest first, the
last files are short and the workers finish together (the rule of "longest processing time
first").

How long a file takes is what it took in the last distributed run, kept in pytest's cache
(``.pytest_cache``); a file the cache does not know (a fresh clone, a new file) is estimated
from its number of tests, and one holding a test marked ``slow`` goes before all of them.  The
queue follows the workers' collection order only with ``--no-loadscope-reorder`` (the test
script passes it).  Only the workers reorder: a run in one process keeps the files' own order.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

CACHE_KEY = "kooperacja/seconds_per_file"
SECONDS_PER_TEST = 0.55  # the suite's mean (session 10: 483 s over 876 tests, all workers)
SLOW_FIRST = 1e6  # an unknown file with a slow test goes before every timed one


def _file(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def estimate(tests: list[pytest.Item], known: dict[str, float]) -> float:
    """Seconds a file (its collected ``tests``) is expected to take."""
    seconds = known.get(_file(tests[0].nodeid))
    if seconds is not None:
        return seconds
    slow = any(t.get_closest_marker("slow") is not None for t in tests)
    return len(tests) * SECONDS_PER_TEST + (SLOW_FIRST if slow else 0.0)


def longest_first(items: list[pytest.Item], known: dict[str, float]) -> list[pytest.Item]:
    """``items`` with each file's tests together, in their order, files by ``estimate``."""
    files: dict[str, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(_file(item.nodeid), []).append(item)
    ordered = sorted(files.values(), key=lambda tests: -estimate(tests, known))
    return [item for tests in ordered for item in tests]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not hasattr(config, "workerinput") or config.cache is None:
        return
    items[:] = longest_first(items, config.cache.get(CACHE_KEY, {}))


class _Timer:
    """In the controlling process of a distributed run: every phase's seconds, per file."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[_file(report.nodeid)] += report.duration

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        cache = session.config.cache
        if cache is None or not self.seconds:
            return
        known = dict(cache.get(CACHE_KEY, {}))
        known.update({path: round(s, 2) for path, s in self.seconds.items()})
        cache.set(CACHE_KEY, known)


def pytest_configure(config: pytest.Config) -> None:
    distributed = getattr(config.option, "numprocesses", None) and not hasattr(
        config, "workerinput"
    )
    if distributed:
        config.pluginmanager.register(_Timer(), "kooperacja-file-timer")
