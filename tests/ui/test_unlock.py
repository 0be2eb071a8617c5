"""The unlock window: wrong passphrases get a message and a growing wait; the file is untouched."""

from __future__ import annotations

import hashlib

from app.config import Settings
from app.services.unlock_policy import MAX_DELAY_SECONDS, UnlockThrottle, delay_after
from tests.conftest import PASSPHRASE
from tests.ui.conftest import settle, unlock


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_delay_grows_after_the_free_attempts():
    assert [delay_after(n) for n in range(1, 8)] == [0, 0, 2, 4, 8, 16, 32]
    assert delay_after(40) == MAX_DELAY_SECONDS


def test_throttle_counts_waits_and_resets():
    clock = FakeClock()
    throttle = UnlockThrottle(Settings(), clock, persist=False)
    assert throttle.wait_seconds() == 0
    throttle.record_failure()
    throttle.record_failure()
    assert throttle.wait_seconds() == 0
    assert throttle.record_failure() == 2
    assert throttle.wait_seconds() == 2
    clock.now += 1.5
    assert throttle.wait_seconds() == 1
    clock.now += 1
    assert throttle.wait_seconds() == 0
    assert throttle.record_failure() == 4
    throttle.record_success()
    assert throttle.failures == 0 and throttle.wait_seconds() == 0


def test_failures_survive_a_restart_of_the_program():
    clock = FakeClock()
    for _ in range(4):
        UnlockThrottle(clock=clock).record_failure()
    again = UnlockThrottle(clock=clock)
    assert again.failures == 4 and again.wait_seconds() == 4
    again.record_success()
    assert UnlockThrottle(clock=clock).failures == 0


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_wrong_passphrase_then_right_one(session, qtbot, ops_db):
    window = session.unlock_window
    clock = FakeClock()
    window.throttle = UnlockThrottle(clock=clock)
    before = digest(ops_db)
    assert window.isVisible() and window.unlock_button.isEnabled()

    for _attempt in range(3):
        window.passphrase.setText("to-nie-jest-dobre-haslo")
        window.unlock_button.click()
        settle(session.ctx, qtbot)
        assert window.message.text().startswith("Błędne hasło. Baza danych nie została zmieniona.")
        assert not session.ctx.is_unlocked
    # The third failure starts a wait: the button is disabled and says how long.
    assert "2 s" in window.message.text()
    assert not window.unlock_button.isEnabled()
    assert "2" in window.unlock_button.text()
    window.passphrase.setText(PASSPHRASE)
    window.try_unlock()  # ignored while waiting
    assert session.ctx.runner.pending == 0 and not session.ctx.is_unlocked
    assert digest(ops_db) == before  # the database file did not change

    clock.now += 3
    window._update_wait()
    assert window.unlock_button.isEnabled()
    unlock(session, qtbot)
    assert session.ctx.is_unlocked
    assert session.main_window.isVisible() and not window.isVisible()
    assert window.passphrase.text() == ""
    assert UnlockThrottle().failures == 0


def test_empty_passphrase_is_not_tried(session, qtbot):
    window = session.unlock_window
    window.unlock_button.click()
    assert session.ctx.runner.pending == 0
    assert window.message.text() == "Najpierw wpisz hasło."


def test_enter_in_the_field_unlocks(session, qtbot):
    window = session.unlock_window
    window.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(session.entered, timeout=20_000):
        window.passphrase.returnPressed.emit()
    settle(session.ctx, qtbot)
    assert session.main_window.current_key() == "today"
