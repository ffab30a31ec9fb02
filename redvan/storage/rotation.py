"""Changing the vault key (V11): the database is written again under a new random key, into a
new file, verified, and swapped in with new key slots for the staff who keep access.

Files, beside `night.redvan` (V) and `night.redvan.keys` (K):

    night.redvan.rekey        N: the database under the new key (generation g+1), its salt
                              derived from (vault id, g+1) (docs/vault-format.md §4)
    night.redvan.keys.rekey   KN: the new key file (generation g+1)

The steps, each fsynced before the next:

    1. write N completely (sqlcipher_export), verify it (cipher integrity, integrity check, row
       counts), enter the key change into its audit log and its generation setting;
    2. write KN (atomically: a temporary name, then renamed to KN);
    3. close the vault's connection and rename N over V        <- the commit point;
    4. rename KN over K.

V's plain salt is the journal: it says which generation the database file is at. On the next
open (`finish_interrupted`, called by unlock and by staff_labels), if KN exists and V's salt is
KN's generation's salt, step 3 happened and step 4 is finished; otherwise N and KN are leftovers
of a rotation that never committed and are removed. So a crash at any point leaves exactly one
vault that opens: the old one (V+K) before step 3, the new one (V+KN, then V+K) after it.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3

from redvan.storage import audit, keyslots
from redvan.storage.backup import _table_counts
from redvan.storage.errors import VaultError, VaultInUse
from redvan.storage.files import atomic_write_bytes, create_private, fsync_dir
from redvan.storage.lock import InstanceLock

log = logging.getLogger(__name__)

# (done, total, stage): stage is "copy", "verify" or "swap"; done and total are bytes for copy
# and verify, steps for swap. Called on the thread that rotates.
Progress = Callable[[int, int, str], None]

STAGES = ("copy", "verify", "swap")
_HANDLER_STEPS = 5_000  # SQLite VM steps between progress reports

# For T13 only: the named point at which a test process kills itself (never set in use).
_STOP_ENV = "REDVAN_TEST_ROTATION_STOP"


def next_db_path(vault: Path) -> Path:
    return vault.with_name(vault.name + ".rekey")


def next_keys_path(vault: Path) -> Path:
    return vault.with_name(vault.name + ".keys.rekey")


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _remove(*paths: Path) -> None:
    for p in paths:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _stop_here(point: str) -> None:
    if os.environ.get(_STOP_ENV) == point:  # pragma: no cover - the process dies here
        os.kill(os.getpid(), signal.SIGKILL)


def _leftovers(vault: Path) -> list[Path]:
    db = next_db_path(vault)
    return [db, _side(db, "-journal"), _side(db, "-wal"), _side(db, "-shm"), next_keys_path(vault)]


def finish_interrupted(vault: Path) -> str | None:
    """Complete or undo a rotation a crash interrupted; returns "finished", "undone" or None.

    Does nothing while another process holds the vault (it may be rotating right now)."""
    vault = Path(vault)
    if not any(p.exists() for p in _leftovers(vault)):
        return None
    from redvan.storage.vault import header_salt, lock_path

    instance = InstanceLock(lock_path(vault))
    try:
        instance.acquire()
    except VaultInUse:
        return None
    try:
        pending: keyslots.KeyFile | None = None
        with contextlib.suppress(OSError, keyslots.KeyFileError):
            pending = keyslots.loads(next_keys_path(vault).read_bytes())
        if pending is not None and header_salt(vault) == pending.db_salt():
            os.replace(next_keys_path(vault), keyslots.keyfile_path(vault))
            fsync_dir(vault.parent)
            _remove(*_leftovers(vault))
            log.info("an interrupted key change was finished")
            return "finished"
        _remove(*_leftovers(vault))
        fsync_dir(vault.parent)
        log.info("an interrupted key change was undone; the vault keeps its key")
        return "undone"
    finally:
        instance.release()


@dataclass
class Rotation:
    """What a key change did."""

    generation: int
    recovery_code: str | None = None  # a new code to show once, when one was made
    dropped: list[str] = field(default_factory=list)  # labels whose old-format slots lapsed


class _Reporter:
    def __init__(self, progress: Progress | None, target: Path, total: int) -> None:
        self.progress = progress
        self.target = target
        self.total = max(1, total)
        self.started = time.monotonic()
        self.copy_seconds = 0.0

    def __call__(self) -> int:
        if self.progress is not None:
            try:
                done = self.target.stat().st_size
            except OSError:
                done = 0
            self.progress(min(done, self.total), self.total, "copy")
        return 0  # never interrupt the export

    def stage(self, done: int, total: int, stage: str) -> None:
        if self.progress is not None:
            self.progress(done, total, stage)


def _new_slots(
    keyfile: keyslots.KeyFile,
    raw_key: bytes,
    generation: int,
    remove_staff: str | None,
    recovery_code: str | None,
    kdf: keyslots.KdfParams | None,
) -> tuple[list[keyslots.KeySlot], list[str]]:
    slots: list[keyslots.KeySlot] = []
    dropped: list[str] = []
    for slot in keyfile.slots:
        if slot.kind == "staff" and slot.staff_id == remove_staff:
            continue
        if slot.kind == "recovery" and recovery_code is not None:
            continue
        if slot.scheme != keyslots.SCHEME_X25519 or slot.damaged:
            dropped.append(slot.label)  # cannot be given the new key without its passphrase
            continue
        slots.append(keyslots.reseal(keyfile.vault_id, slot, raw_key, generation))
    if recovery_code is not None:
        slots.append(
            keyslots.wrap_key(
                keyfile.vault_id,
                raw_key,
                recovery_code,
                kind="recovery",
                label="recovery",
                kdf=kdf,
                generation=generation,
            )
        )
    return slots, dropped


def rotate(
    vault: Any,
    *,
    remove_staff: str | None = None,
    new_recovery: bool = False,
    progress: Progress | None = None,
    kdf: keyslots.KdfParams | None = None,
) -> Rotation:
    """Write the vault under a new random key and swap it in (see the module's docstring).

    `remove_staff` loses their slot; `new_recovery` replaces the recovery code (the new one is
    returned). A recovery slot in the old format is always replaced, since it cannot be carried
    over. The vault stays unlocked, under the new key, for the caller.
    """
    path: Path = vault.path
    with vault.write_lock:
        keyfile = keyslots.read_keyfile(path)
        if remove_staff is not None and not any(
            s.staff_id == remove_staff for s in keyfile.staff_slots()
        ):
            raise VaultError("That staff member has no key to this vault.")
        recovery = keyfile.recovery_slot()
        legacy_recovery = recovery is not None and recovery.scheme != keyslots.SCHEME_X25519
        code = keyslots.new_recovery_code() if new_recovery or legacy_recovery else None
        generation = keyfile.generation + 1
        raw_key = keyslots.new_vault_key()
        slots, dropped = _new_slots(keyfile, raw_key, generation, remove_staff, code, kdf)
        if not any(s.kind == "staff" for s in slots):
            raise VaultError(
                "After this change nobody would have a key to the vault; add another staff "
                "member first."
            )
        new_keys = keyslots.KeyFile(keyfile.vault_id, slots, generation)
        target = next_db_path(path)
        _remove(*_leftovers(path))
        vault.wait_for_checkpoint()
        conn = vault.conn
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        size = pages * int(conn.execute("PRAGMA page_size").fetchone()[0])
        report = _Reporter(progress, target, size)
        try:
            report.stage(0, report.total, "copy")
            salt = keyslots.db_salt(keyfile.vault_id, generation)
            expected = _copy(conn, raw_key, salt, target, report)
            report.copy_seconds = time.monotonic() - report.started
            report.stage(report.total, report.total, "copy")
            _stop_here("copied")
            counts = _verify(target, raw_key, expected, report)
            _seal_new(target, raw_key, vault.staff_id, generation, remove_staff)
            atomic_write_bytes(next_keys_path(path), keyslots.dumps(new_keys))
            fsync_dir(path.parent)
            _stop_here("prepared")
        except BaseException:
            _remove(*_leftovers(path))
            raise
        log.info("new key written and verified (%d tables)", len(counts))
        report.stage(0, 2, "swap")
        _swap(vault, raw_key)
        report.stage(2, 2, "swap")
    return Rotation(generation, code, dropped)


def _copy(
    conn: Any, raw_key: bytes, salt: bytes, target: Path, report: _Reporter
) -> dict[str, int]:
    """Export into `target` under the new key inside one write transaction; the row counts
    at that moment, to verify the copy against."""
    from redvan.storage.vault import key_literal

    os.close(create_private(target))
    conn.execute(f"ATTACH DATABASE ? AS rekey KEY {key_literal(raw_key, salt)}", (str(target),))
    try:
        conn.set_progress_handler(report, _HANDLER_STEPS)
        conn.execute("BEGIN IMMEDIATE")  # no other writer commits while we copy
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("SELECT sqlcipher_export('rekey')").fetchall()
            conn.execute(f"PRAGMA rekey.user_version = {int(version)}")
            expected = _table_counts(conn)
            conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlcipher3.Error):
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.set_progress_handler(None, 0)
    finally:
        conn.execute("DETACH DATABASE rekey")
    return expected


# Checking the copy reads every page once more (HMAC and b-tree checks); measured on the 1M
# reference it took 1.1 to 2.6 times as long as writing it, depending on the machine's load
# (B11), so its progress is an estimate from the copy's duration: linear to 90 % at 1.3 times
# the copy, then slowing towards 99 % until it has really finished.
_VERIFY_PER_COPY = 1.3


def _verify(
    target: Path, raw_key: bytes, expected: dict[str, int], report: _Reporter
) -> dict[str, int]:
    """verify_copy's checks on a worker thread, with a progress report every half second
    (SQLite's integrity checks are single steps a progress handler never interrupts)."""
    total = report.total
    guess = max(0.5, report.copy_seconds * _VERIFY_PER_COPY)
    began = time.monotonic()
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["counts"] = _checked_counts(target, raw_key)
        except BaseException as exc:  # handed to the rotating thread below  # noqa: BLE001
            outcome["error"] = exc

    report.stage(0, total, "verify")
    worker = threading.Thread(target=work, name="redvan-rekey-verify", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(_VERIFY_TICK_S)
        report.stage(int(total * _verify_share(time.monotonic() - began, guess)), total, "verify")
    if "error" in outcome:
        raise outcome["error"]
    if outcome["counts"] != expected:
        raise VaultError("The re-keyed copy does not hold every row; nothing was changed.")
    report.stage(total, total, "verify")
    return dict(outcome["counts"])


_VERIFY_TICK_S = 0.5


def _verify_share(elapsed: float, guess: float) -> float:
    if elapsed <= guess:
        return 0.9 * elapsed / guess
    return 0.9 + 0.09 * (1 - math.exp(-(elapsed - guess) / guess))


def _checked_counts(target: Path, raw_key: bytes) -> dict[str, int]:
    from redvan.storage.vault import open_connection

    try:
        conn = open_connection(target, raw_key, readonly=True)
    except sqlcipher3.Error:
        raise VaultError("The re-keyed copy cannot be opened; nothing was changed.") from None
    try:
        if conn.execute("PRAGMA cipher_integrity_check").fetchall():
            raise VaultError("The re-keyed copy failed its cipher check; nothing was changed.")
        ok = conn.execute("PRAGMA integrity_check").fetchone()
        if not ok or ok[0] != "ok":
            raise VaultError("The re-keyed copy failed its integrity check; nothing was changed.")
        return _table_counts(conn)
    except sqlcipher3.Error:
        raise VaultError("The re-keyed copy is damaged; nothing was changed.") from None
    finally:
        conn.close()


def _seal_new(
    target: Path,
    raw_key: bytes,
    staff_id: str | None,
    generation: int,
    removed: str | None,
) -> None:
    """The key change goes into the new database's own audit log, with its generation."""
    from redvan.storage.vault import open_connection, set_generation

    conn = open_connection(target, raw_key)
    try:
        conn.execute("BEGIN IMMEDIATE")
        set_generation(conn, generation)
        if removed is not None:
            audit.append(conn, staff_id, "delete", "key-slot", removed)
        audit.append(conn, staff_id, "edit", "vault-key", str(generation))
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to rename
    finally:
        conn.close()
    for side in ("-wal", "-shm", "-journal"):
        if _side(target, side).exists():
            raise VaultError("The re-keyed copy could not be closed cleanly; nothing was changed.")
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap(vault: Any, raw_key: bytes) -> None:
    from redvan.storage.vault import open_connection

    path: Path = vault.path
    vault.wait_for_checkpoint()
    old = vault.conn
    with contextlib.suppress(sqlcipher3.Error):
        old.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    old.close()
    vault.detach_connection()
    wal = _side(path, "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # Another connection still holds pages the export may not have seen: undo.
        vault.reattach(open_connection(path, vault.raw_key))
        _remove(*_leftovers(path))
        raise VaultError(
            "Another part of Red Van was still using the vault, so its key was not changed; "
            "close other windows and try again."
        )
    _remove(wal, _side(path, "-shm"))  # never let the old file's WAL meet the new file
    _stop_here("before-swap")
    os.replace(next_db_path(path), path)  # the commit point
    fsync_dir(path.parent)
    _stop_here("swapped")
    os.replace(next_keys_path(path), keyslots.keyfile_path(path))
    fsync_dir(path.parent)
    _stop_here("done")
    vault.rekeyed(raw_key, open_connection(path, raw_key))
