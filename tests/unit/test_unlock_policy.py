"""The growing wait after wrong passphrases, in the core: the CLI is held to it like the window."""

from __future__ import annotations

import hashlib

import pytest

from app import cli
from app.config import Settings
from app.errors import EXIT_AUTH, WrongPassphrase
from app.services.unlock_policy import UnlockThrottle, UnlockWait, open_throttled
from tests.conftest import PASSPHRASE


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_tries_start_the_wait_and_a_right_one_waits_too(ws):
    path = ws.path
    ws.lock()
    clock = FakeClock()
    throttle = UnlockThrottle(Settings(), clock, persist=False)
    for _attempt in range(3):
        with pytest.raises(WrongPassphrase) as refused:
            open_throttled(path, "to-nie-jest-dobre-haslo", throttle)
    assert "2 s" in refused.value.message
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(UnlockWait) as waiting:  # not even tried: the passphrase is right
        open_throttled(path, PASSPHRASE, throttle)
    assert waiting.value.seconds == 2 and "2 s" in waiting.value.message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    clock.now += 2
    opened = open_throttled(path, PASSPHRASE, throttle)
    opened.lock()
    assert throttle.failures == 0


def test_the_cli_waits_after_wrong_passphrases(ws, monkeypatch, capsys):
    path = str(ws.path)
    ws.lock()
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", "to-nie-jest-dobre-haslo")
    codes = [cli.main(["--db", path, "families"]) for _try in range(3)]
    assert codes == [EXIT_AUTH] * 3
    assert "2 s" in capsys.readouterr().err
    monkeypatch.setenv("KOOPERACJA_PASSPHRASE", PASSPHRASE)
    assert cli.main(["--db", path, "families"]) == EXIT_AUTH  # a script cannot hurry it
    assert "Zbyt wiele błędnych haseł" in capsys.readouterr().err
    assert UnlockThrottle().failures == 3  # persisted, as for the window
