"""The workers take the longest file first, each file's tests together and in their order."""

from __future__ import annotations

from dataclasses import dataclass

from tests.scheduling import SECONDS_PER_TEST, estimate, longest_first


@dataclass
class Collected:
    """What the ordering reads of a collected test: its node id and whether it is ``slow``."""

    nodeid: str
    slow: bool = False

    def get_closest_marker(self, name: str):
        return object() if name == "slow" and self.slow else None


def _items() -> list[Collected]:
    return [
        Collected("tests/a.py::test_1"),
        Collected("tests/a.py::test_2"),
        Collected("tests/a.py::test_3"),
        Collected("tests/b.py::test_one_long", slow=True),
        Collected("tests/c.py::test_1"),
        Collected("tests/c.py::test_2"),
        Collected("tests/d.py::test_1"),
    ]


def _files(items) -> list[str]:
    return [i.nodeid for i in items]


def test_without_timings_slow_files_go_first_then_the_biggest():
    assert _files(longest_first(_items(), {})) == [
        "tests/b.py::test_one_long",
        "tests/a.py::test_1",
        "tests/a.py::test_2",
        "tests/a.py::test_3",
        "tests/c.py::test_1",
        "tests/c.py::test_2",
        "tests/d.py::test_1",
    ]


def test_the_last_runs_timings_decide_and_a_new_file_is_estimated():
    known = {"tests/a.py": 0.5, "tests/b.py": 2.0, "tests/d.py": 30.0}  # c.py is new
    assert _files(longest_first(_items(), known)) == [
        "tests/d.py::test_1",
        "tests/b.py::test_one_long",
        "tests/c.py::test_1",  # 2 tests estimated at 1.1 s
        "tests/c.py::test_2",
        "tests/a.py::test_1",
        "tests/a.py::test_2",
        "tests/a.py::test_3",
    ]
    c_tests = [i for i in _items() if i.nodeid.startswith("tests/c.py")]
    assert estimate(c_tests, known) == 2 * SECONDS_PER_TEST
