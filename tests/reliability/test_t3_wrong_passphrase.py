"""T3 / V3, V8: wrong passphrases give a clear error and a growing delay, and never touch the vault.

Time is a fake clock handed to `unlock(..., clock=...)`; nothing sleeps. The command line is
driven in-process through `redvan.cli.main` with `unlock` bound to the same fake clock.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import json
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from redvan import cli
from redvan.storage import vault as vault_mod
from redvan.storage.audit import iso_from_epoch, verify
from redvan.storage.errors import TooSoon, WrongPassphrase
from redvan.storage.vault import attempts_path, unlock
from tests.conftest import PASSPHRASE

ATTEMPTS = 12
# docs/vault-format.md §1: after n failures wait 0 s for n = 1, then min(2^(n-1), 300) s.
EXPECTED_WAITS = [0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]
START = 1_790_000_000.0  # an arbitrary fixed moment (2026-09)


class FakeClock:
    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[Path]:
    return [
        p
        for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if p.exists()
    ]


def ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def locked(services) -> Path:  # type: ignore[no-untyped-def]
    """Lock the fixture's vault (no backup) and return its path."""
    vault = services.store.vault
    vault.close(backup=False)
    assert side_files(vault.path) == [], "a locked vault leaves no -wal/-shm behind"
    return vault.path


def run_cli(monkeypatch, capsys, argv: list[str], stdin: bytes):  # type: ignore[no-untyped-def]
    fake_stdin = types.SimpleNamespace(buffer=io.BytesIO(stdin), isatty=lambda: False)
    monkeypatch.setattr("sys.stdin", fake_stdin)
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_many_wrong_passphrases_are_refused_with_a_growing_delay(services) -> None:
    path = locked(services)
    staff_id = services.store.staff_id
    before = sha256(path)
    clock = FakeClock()
    failed_at: list[float] = []
    waits: list[int] = []

    for attempt in range(1, ATTEMPTS + 1):
        guess = f"wrong guess number {attempt}"
        with pytest.raises(WrongPassphrase) as info:
            unlock(path, guess, clock=clock)
        error = info.value
        message = str(error)
        failed_at.append(clock())
        waits.append(error.wait_seconds)

        # One clear line naming the staff member and the attempt, never the input.
        assert "\n" not in message
        assert message.startswith("Wrong passphrase for staff member AB")
        assert f"({ordinal(attempt)} attempt" in message
        assert guess not in message and "wrong guess" not in message
        assert (error.label, error.attempt, error.recovery) == ("AB", attempt, False)
        if error.wait_seconds:
            assert f"next try in {error.wait_seconds} s" in message

        # The vault is byte-for-byte what it was, and not even opened.
        assert sha256(path) == before
        assert side_files(path) == []

        if error.wait_seconds:
            # One second short of the wait: refused before any KDF runs, even with the right
            # passphrase, and the refusal is not counted as another attempt.
            clock.advance(error.wait_seconds - 1)
            counted = attempts_path(path).read_bytes()
            for secret in (PASSPHRASE, "another guess"):
                with pytest.raises(TooSoon) as soon:
                    unlock(path, secret, clock=clock)
                assert soon.value.wait_seconds == 1
                assert soon.value.label == "AB"
                assert str(soon.value) == (
                    "Too many wrong passphrases for AB: wait 1 s before the next try."
                )
            assert attempts_path(path).read_bytes() == counted
            clock.advance(1)

    assert waits == EXPECTED_WAITS
    assert all(a <= b for a, b in itertools.pairwise(waits)), "the delay never shrinks"
    assert waits[-1] > waits[1] > waits[0]
    assert sha256(path) == before
    assert attempts_path(path).exists()
    assert attempts_path(path).stat().st_mode & 0o777 == 0o600
    assert b"wrong guess" not in attempts_path(path).read_bytes()

    # The right passphrase, once the wait is over, unlocks; the failures enter the audit log
    # (one unlock-failed per attempt, at the time it happened) followed by the unlock.
    vault = unlock(path, PASSPHRASE, clock=clock)
    try:
        rows = vault.conn.execute(
            "SELECT action, staff_id, entity, time FROM audit ORDER BY seq"
        ).fetchall()
        tail = rows[-(ATTEMPTS + 1) :]
        assert [r[0] for r in tail] == ["unlock-failed"] * ATTEMPTS + ["unlock"]
        assert all(r[1] == staff_id and r[2] == "vault" for r in tail)
        assert [r[3] for r in tail[:-1]] == [iso_from_epoch(t) for t in failed_at]
        assert sum(1 for r in rows if r[0] == "unlock-failed") == ATTEMPTS
        assert verify(vault.conn).ok
        assert counted_failures(path) == []  # the counter is kept, empty
    finally:
        vault.close(backup=False)

    # The streak is over: the next wrong passphrase starts from the 1st attempt again.
    clock.advance(1)
    with pytest.raises(WrongPassphrase) as info:
        unlock(path, "wrong again", clock=clock)
    assert info.value.attempt == 1 and info.value.wait_seconds == 0


def test_the_command_line_prints_one_line_and_fails(services, monkeypatch, capsys) -> None:
    path = locked(services)
    before = sha256(path)
    clock = FakeClock()
    monkeypatch.setattr(vault_mod, "unlock", functools.partial(vault_mod.unlock, clock=clock))
    argv = ["check", "--vault", str(path), "--passphrase-stdin"]

    expected = [
        "redvan: Wrong passphrase for staff member AB (1st attempt).",
        "redvan: Wrong passphrase for staff member AB (2nd attempt, next try in 2 s).",
    ]
    for line in expected:
        code, out, err = run_cli(monkeypatch, capsys, argv, b"not the passphrase\n")
        assert code != 0
        assert out == ""
        assert err.splitlines() == [line]
        assert "Traceback" not in err and "not the passphrase" not in err
        assert sha256(path) == before and side_files(path) == []

    # Too soon: one line that says how long to wait; nothing counted.
    code, out, err = run_cli(monkeypatch, capsys, argv, (PASSPHRASE + "\n").encode())
    assert code != 0 and out == ""
    assert err.splitlines() == [
        "redvan: Too many wrong passphrases for AB: wait 2 s before the next try."
    ]

    clock.advance(2)
    code, out, err = run_cli(monkeypatch, capsys, argv, (PASSPHRASE + "\n").encode())
    assert code == 0, err
    assert "audit chain" in out and "FAIL" not in out
    assert counted_failures(path) == []  # the counter is kept, empty

    vault = unlock(path, PASSPHRASE, clock=clock)
    try:
        actions = [r[0] for r in vault.conn.execute("SELECT action FROM audit ORDER BY seq")]
    finally:
        vault.close(backup=False)
    assert actions.count("unlock-failed") == 2
    first = actions.index("unlock-failed")
    assert actions[first : first + 3] == ["unlock-failed", "unlock-failed", "unlock"]


def test_wrong_recovery_codes_are_refused_like_passphrases(services) -> None:
    path = locked(services)
    before = sha256(path)
    clock = FakeClock()
    code = services.recovery_code
    # One character off (still a well-formed code), and a code that is not even well formed.
    last = code[-1]
    off_by_one = code[:-1] + ("0" if last != "0" else "1")
    for attempt, guess in enumerate((off_by_one, "not a recovery code"), start=1):
        with pytest.raises(WrongPassphrase) as info:
            unlock(path, guess, recovery=True, clock=clock)
        message = str(info.value)
        assert message.startswith("Wrong recovery code") and "\n" not in message
        assert info.value.recovery and info.value.attempt == attempt
        assert guess not in message
        clock.advance(info.value.wait_seconds)
    assert sha256(path) == before


_examples = itertools.count()


def near_misses() -> st.SearchStrategy[str]:
    """The right passphrase with one small slip: a character changed, added or dropped."""

    def slip(data: tuple[int, str, int]) -> str:
        index, char, kind = data
        i = index % len(PASSPHRASE)
        if kind == 0:
            return PASSPHRASE[:i] + char + PASSPHRASE[i + 1 :]
        if kind == 1:
            return PASSPHRASE[:i] + char + PASSPHRASE[i:]
        return PASSPHRASE[:i] + PASSPHRASE[i + 1 :]

    return st.tuples(st.integers(0, 200), st.characters(), st.integers(0, 2)).map(slip)


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    guess=st.one_of(
        st.text(max_size=80),
        near_misses(),
        st.sampled_from(
            [
                PASSPHRASE.upper(),
                PASSPHRASE + " ",
                " " + PASSPHRASE,
                PASSPHRASE + "\n",
                PASSPHRASE.replace(" ", ""),
                "",
            ]
        ),
    )
)
def test_random_wrong_passphrases_never_unlock(services, guess: str) -> None:
    assume(guess != PASSPHRASE)
    vault = services.store.vault
    if vault.is_open:
        vault.close(backup=False)
    path = vault.path
    before = sha256(path)
    # Each example runs far after the previous one, so no delay is pending.
    clock = FakeClock(START + 10_000 * next(_examples))
    with pytest.raises(WrongPassphrase):
        unlock(path, guess, clock=clock)
    assert sha256(path) == before
    assert side_files(path) == []


def test_a_clock_that_goes_back_never_makes_the_wait_longer_than_the_delay(services) -> None:
    path = locked(services)
    clock = FakeClock()
    for _ in range(2):
        with pytest.raises(WrongPassphrase) as info:
            unlock(path, "wrong", clock=clock)
        clock.advance(info.value.wait_seconds)
    assert info.value.wait_seconds == 2
    clock.advance(-2 - 3600)  # the system clock is corrected by an hour backwards
    with pytest.raises(TooSoon) as soon:
        unlock(path, PASSPHRASE, clock=clock)
    assert soon.value.wait_seconds <= 2


def counted_failures(path: Path) -> list[object]:
    """The failures the counter holds (the counter itself is kept after a good unlock, V12)."""
    counter = attempts_path(path)
    return json.loads(counter.read_bytes())["events"] if counter.exists() else []
