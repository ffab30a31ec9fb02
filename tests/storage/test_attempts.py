"""The failed-unlock counter cannot be bypassed (V12, issue 13): deleting it, replacing it
with garbage or a directory, guessing in parallel; and every failure reaches the audit log."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from redvan.storage import keyslots
from redvan.storage.attempts import LONGEST_DELAY
from redvan.storage.errors import CounterReset, CounterUnwritable, TooSoon, WrongPassphrase
from redvan.storage.vault import attempts_path, unlock
from tests.conftest import PASSPHRASE

WRONG = "not the passphrase"


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def locked(services, vault_path: Path) -> Path:  # type: ignore[no-untyped-def]
    services.store.vault.close(backup=False)
    return vault_path


@pytest.fixture
def tries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every passphrase the vault actually evaluated (a spy on the unwrap, not a mock)."""
    seen: list[str] = []
    original = keyslots.unwrap_key

    def spy(vault_id, slot, secret):  # type: ignore[no-untyped-def]
        seen.append(secret)
        return original(vault_id, slot, secret)

    monkeypatch.setattr(keyslots, "unwrap_key", spy)
    return seen


def audit_rows(path: Path, clock: Clock) -> list[tuple[str, str]]:
    vault = unlock(path, PASSPHRASE, clock=clock)
    try:
        return [
            (r[0], r[1])
            for r in vault.conn.execute("SELECT action, entity FROM audit ORDER BY seq")
        ]
    finally:
        vault.close(backup=False)


def test_deleting_the_counter_means_the_longest_delay_and_is_audited(locked, tries) -> None:
    clock = Clock()
    for _ in range(2):
        with pytest.raises(WrongPassphrase):
            unlock(locked, WRONG, clock=clock)
        clock.now += 10
    attempts_path(locked).unlink()
    before = locked.read_bytes()
    with pytest.raises(CounterReset) as info:
        unlock(locked, PASSPHRASE, clock=clock)  # even the right one waits
    assert info.value.wait_seconds == LONGEST_DELAY
    assert "was missing" in str(info.value) and "longest delay" in str(info.value)
    assert len(tries) == 2 and locked.read_bytes() == before
    clock.now += LONGEST_DELAY - 1
    with pytest.raises(TooSoon):
        unlock(locked, WRONG, clock=clock)
    clock.now += 1
    rows = audit_rows(locked, clock)
    assert ("unlock-failed", "attempts") in rows  # the missing counter is on record


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"events": [{"slot": 1}]}', b"\xff" * 9])
def test_an_unreadable_or_implausible_counter_means_the_longest_delay(
    locked, tries, garbage: bytes
) -> None:
    attempts_path(locked).write_bytes(garbage)
    with pytest.raises(CounterReset) as info:
        unlock(locked, WRONG)
    assert info.value.wait_seconds == LONGEST_DELAY and tries == []


def test_a_counter_from_the_future_is_implausible(locked, tries) -> None:
    doc = json.loads(attempts_path(locked).read_bytes())
    doc["events"] = [{"slot": "x", "time": time.time() + 10 * 86400, "reason": "wrong-secret"}]
    attempts_path(locked).write_text(json.dumps(doc))
    with pytest.raises(CounterReset):
        unlock(locked, WRONG)
    assert tries == []


def test_a_directory_in_the_counters_place_refuses_every_try_untried(locked, tries) -> None:
    counter = attempts_path(locked)
    counter.unlink()
    counter.mkdir()
    for guess in (WRONG, PASSPHRASE):
        with pytest.raises(CounterUnwritable) as info:
            unlock(locked, guess)
        assert "not tried" in str(info.value) and not info.value.disk_full
    assert tries == []
    shutil.rmtree(counter)
    with pytest.raises(CounterReset):
        unlock(locked, PASSPHRASE)


def test_parallel_guesses_are_each_counted_and_delayed(locked, tries) -> None:
    results: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(16)

    def guess() -> None:
        start.wait()
        try:
            unlock(locked, WRONG)
        except (WrongPassphrase, TooSoon) as exc:
            with lock:
                results.append(type(exc).__name__)

    threads = [threading.Thread(target=guess) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    events = json.loads(attempts_path(locked).read_bytes())["events"]
    assert len(results) == 16
    assert len(tries) == len(events)  # every evaluated guess is counted
    assert results.count("WrongPassphrase") == len(tries) == 2  # then the delay holds them all
    assert results.count("TooSoon") == 14


def test_every_failed_unlock_reaches_the_audit_log(locked) -> None:
    clock = Clock()
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            unlock(locked, WRONG, clock=clock)
        clock.now += LONGEST_DELAY
    rows = audit_rows(locked, clock)
    assert rows.count(("unlock-failed", "vault")) == 3
    events = json.loads(attempts_path(locked).read_bytes())["events"]
    assert events == []  # kept, emptied: never deleted


def test_a_right_passphrase_is_never_counted_as_a_failure(services, vault_path, tries) -> None:  # type: ignore[no-untyped-def]
    """The vault open elsewhere (or damaged): the passphrase was right, nothing is counted."""
    from redvan.storage.errors import VaultInUse

    with pytest.raises(VaultInUse):
        unlock(vault_path, PASSPHRASE)  # `services` holds it open
    assert tries == [PASSPHRASE]
    assert json.loads(attempts_path(vault_path).read_bytes())["events"] == []
