"""The failed-unlock counter (V3, V12): kept outside the database so a wrong passphrase leaves
the vault byte-identical, and made so that it cannot be bypassed.

`<vault>.attempts` holds only slot ids, staff ids, times and a reason, never any input. Every
attempt is counted BEFORE its passphrase is tried, under an exclusive lock on
`<vault>.unlocking`, so parallel guesses are each counted and each delayed, and an attempt that
cannot be counted (full disk, a directory in the counter's place) is refused untried. A
missing, unreadable or implausible counter means the longest delay, and the person is told why.
The file is never deleted: after a good unlock its events go into the audit log and it is
rewritten empty.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from redvan.storage.errors import CounterReset, CounterUnwritable
from redvan.storage.files import atomic_write_bytes

FORMAT = "redvan-attempts"
LONGEST_DELAY = 300  # seconds
MAX_EVENTS = 1000
# Reasons an event is kept for the audit log at the next good unlock.
WRONG = "wrong-secret"
OLD_KEY_FILE = "old-key-file"
FOREIGN_KEY_FILE = "foreign-key-file"
COUNTER_RESET = "counter-reset"
REASONS = (WRONG, OLD_KEY_FILE, FOREIGN_KEY_FILE, COUNTER_RESET)
_FUTURE_SLACK = 24 * 3600  # a time further ahead than this is implausible


def attempts_path(vault: Path) -> Path:
    return vault.with_name(vault.name + ".attempts")


def unlocking_path(vault: Path) -> Path:
    return vault.with_name(vault.name + ".unlocking")


def delay_after(failures: int) -> int:
    """Seconds to wait after `failures` wrong passphrases in a row: 0, 0, 2, 4, 8 … up to 5 min."""
    if failures < 2:
        return 0
    return int(min(2 ** (failures - 1), LONGEST_DELAY))


class Implausible(Exception):
    """The counter exists but cannot be believed."""


def _valid_event(e: Any, now: float) -> bool:
    return (
        isinstance(e, dict)
        and isinstance(e.get("slot"), str)
        and isinstance(e.get("time"), int | float)
        and not isinstance(e.get("time"), bool)
        and 0 < e["time"] <= now + _FUTURE_SLACK
        and e.get("reason", WRONG) in REASONS
        and (e.get("staff") is None or isinstance(e.get("staff"), str))
    )


@dataclass
class FailedAttempts:
    """Failed unlocks kept outside the database."""

    events: list[dict[str, Any]] = field(default_factory=list)
    penalty: float | None = None  # when the counter was found missing or implausible
    vault_id: str | None = None

    @classmethod
    def parse(cls, data: bytes, now: float, vault_id: str | None) -> FailedAttempts:
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise Implausible("is not readable") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("events"), list):
            raise Implausible("is not readable")
        if doc.get("format", FORMAT) != FORMAT:
            raise Implausible("is not readable")
        # Its vault id is written for people reading it, not checked: whoever can write this
        # file can write a plausible empty one, so only a counter that cannot be believed is
        # caught here (docs/vault-format.md §8).
        events = doc["events"]
        if len(events) > MAX_EVENTS or not all(_valid_event(e, now) for e in events):
            raise Implausible("holds entries that cannot be right")
        penalty = doc.get("penalty")
        if penalty is not None and (
            not isinstance(penalty, int | float) or not 0 < penalty <= now + _FUTURE_SLACK
        ):
            raise Implausible("holds entries that cannot be right")
        return cls(list(events), penalty, vault_id)

    def to_bytes(self) -> bytes:
        doc: dict[str, Any] = {"format": FORMAT, "vault_id": self.vault_id, "events": self.events}
        if self.penalty is not None:
            doc["penalty"] = self.penalty
        return json.dumps(doc).encode("ascii")

    def streak(self, slot_id: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["slot"] == slot_id and e.get("reason", WRONG) == WRONG]

    def wait_seconds(self, slot_id: str, now: float) -> int:
        waits = [0]
        if self.penalty is not None:
            ready = self.penalty + LONGEST_DELAY
            waits.append(max(0, min(LONGEST_DELAY, int(ready - now + 0.999))))
        mine = self.streak(slot_id)
        if mine:
            delay = delay_after(len(mine))
            ready = mine[-1]["time"] + delay
            # Capped by the delay itself, so a clock that went back cannot lock anyone out longer.
            waits.append(max(0, min(delay, int(ready - now + 0.999))))
        return max(waits)


def _is_disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


class Counter:
    """The counter of one vault while an attempt holds the unlocking lock."""

    def __init__(self, vault: Path, vault_id: str, *, legacy: bool) -> None:
        self.vault = vault
        self.path = attempts_path(vault)
        self.vault_id = vault_id
        self.legacy = legacy  # a version 1 key file: made before the counter was kept for good
        self.state = FailedAttempts(vault_id=vault_id)
        self._pending: str | None = None

    def write(self) -> None:
        try:
            atomic_write_bytes(self.path, self.state.to_bytes())
        except OSError as exc:
            raise CounterUnwritable(self.path.name, _is_disk_full(exc)) from None

    def load(self, label: str, now: float) -> FailedAttempts:
        """Read the counter; a missing or implausible one is replaced by the longest delay."""
        why = None
        try:
            with open(self.path, "rb") as fh:
                data = fh.read(512 * 1024)
            self.state = FailedAttempts.parse(data, now, self.vault_id)
        except FileNotFoundError:
            if not self.legacy:
                why = "was missing"
        except IsADirectoryError:
            why = "is a folder, not a file"
        except OSError:
            why = "could not be read"
        except Implausible as exc:
            why = str(exc)
        if why is not None:
            self.state = FailedAttempts(vault_id=self.vault_id, penalty=now)
            self.state.events.append(
                {"slot": "-", "time": now, "reason": COUNTER_RESET, "staff": None}
            )
            self.write()  # a directory in its place cannot be written: refused untried
            raise CounterReset(label, LONGEST_DELAY, self.path.name, why)
        return self.state

    def count(self, slot_id: str, staff_id: str | None, now: float) -> None:
        """Count this attempt as failed until it is proven right; refuse if it cannot be."""
        self._pending = secrets.token_hex(8)
        self.state.events.append(
            {"slot": slot_id, "time": now, "staff": staff_id, "reason": WRONG, "id": self._pending}
        )
        self.state.events = self.state.events[-MAX_EVENTS:]
        self.write()

    def relabel(self, reason: str) -> None:
        """This attempt failed for another reason than the passphrase (it stays counted)."""
        for event in self.state.events:
            if event.get("id") == self._pending:
                event["reason"] = reason
        with contextlib.suppress(CounterUnwritable):
            self.write()

    def forget_pending(self) -> None:
        """This attempt proved nothing about the passphrase (a damaged key slot)."""
        self.state.events = [e for e in self.state.events if e.get("id") != self._pending]
        with contextlib.suppress(CounterUnwritable):
            self.write()

    def earlier_events(self) -> list[dict[str, Any]]:
        """Every counted failure before this (good) attempt, for the audit log."""
        return [e for e in self.state.events if e.get("id") != self._pending]

    def clear(self) -> None:
        """After a good unlock whose audit events are committed: an empty counter, kept."""
        self.state = FailedAttempts(vault_id=self.vault_id)
        with contextlib.suppress(CounterUnwritable):
            self.write()


def ensure_counter(vault: Path, vault_id: str) -> None:
    """An empty counter for a vault that has none (a new vault, a restored one)."""
    path = attempts_path(vault)
    if not path.exists():
        atomic_write_bytes(path, FailedAttempts(vault_id=vault_id).to_bytes())


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock(fh: IO[bytes]) -> None:
        msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)

    def _unlock(fh: IO[bytes]) -> None:
        with contextlib.suppress(OSError):
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)

    def _unlock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def one_attempt_at_a_time(vault: Path) -> Iterator[None]:
    """Serialise unlock attempts on one vault across threads and processes."""
    path = unlocking_path(vault)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise CounterUnwritable(path.name, _is_disk_full(exc)) from None
    with os.fdopen(fd, "r+b") as fh:
        _lock(fh)
        try:
            yield
        finally:
            _unlock(fh)
