"""Opening, creating and locking a vault: key first, then pragmas, schema check, migrations.

A vault on disk is three files side by side:

    night.redvan           the SQLCipher 4 database (default cipher settings, raw 256-bit key)
    night.redvan.keys      key slots (docs/vault-format.md)
    night.redvan.attempts  failed unlocks since the last good one (so the database stays
                           byte-identical on a wrong passphrase, V3), entered into the audit
                           log at the next unlock
plus `night.redvan.lock` while it is open and `night.redvan.backups/`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from redvan.storage import audit, keyslots, schema
from redvan.storage.errors import (
    KeyFileDamaged,
    SchemaTooNew,
    StaffRequired,
    TooSoon,
    UnknownStaff,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultNotFound,
    VaultUnwritable,
    WrongPassphrase,
)
from redvan.storage.files import (
    atomic_write_bytes,
    create_private,
    ensure_private_dir,
    remove_stale_temp_files,
    restrict,
)
from redvan.storage.lock import InstanceLock

log = logging.getLogger(__name__)

Clock = Callable[[], float]

# Messages SQLite/SQLCipher give when pages fail their HMAC or the file is not a database.
_DAMAGE_MARKERS = ("not a database", "malformed", "hmac", "corrupt", "disk image")


PAGE_CACHE_KIB = 64 * 1024  # per connection


def is_damage(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlcipher3.DatabaseError) and any(m in text for m in _DAMAGE_MARKERS)


def is_disk_full(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "full" in text or getattr(exc, "errno", None) == 28


def attempts_path(vault: Path) -> Path:
    return vault.with_name(vault.name + ".attempts")


def lock_path(vault: Path) -> Path:
    return vault.with_name(vault.name + ".lock")


def backups_dir(vault: Path) -> Path:
    return vault.with_name(vault.name + ".backups")


def remove_crash_leftovers(vault: Path) -> list[Path]:
    """Delete the temporary files a crash or a kill left beside the vault and in its backups
    folder (a half-written backup, key file or restore). Only while holding the vault's
    instance lock, which every writer of those files holds: nothing in use is touched."""
    removed = remove_stale_temp_files(vault.parent, vault.name)
    removed += remove_stale_temp_files(backups_dir(vault))
    if removed:
        log.info("removed %d temporary file(s) left by an interrupted write", len(removed))
    return removed


def delay_after(failures: int) -> int:
    """Seconds to wait after `failures` wrong passphrases in a row: 0, 0, 2, 4, 8 … up to 5 min."""
    if failures < 2:
        return 0
    return int(min(2 ** (failures - 1), 300))


@dataclass
class FailedAttempts:
    """Failed unlocks kept outside the database. Only slot ids and times, never input."""

    events: list[dict[str, Any]]

    @classmethod
    def read(cls, vault: Path) -> FailedAttempts:
        try:
            with open(attempts_path(vault), "rb") as fh:
                doc = json.loads(fh.read(256 * 1024))
            events = [
                e
                for e in doc.get("events", [])
                if isinstance(e, dict)
                and isinstance(e.get("slot"), str)
                and isinstance(e.get("time"), int | float)
                and 0 < e["time"] < 32503680000  # before year 3000: a readable timestamp
            ]
            return cls(events)
        except (OSError, ValueError, AttributeError):
            return cls([])

    def write(self, vault: Path) -> None:
        data = json.dumps({"events": self.events[-1000:]}).encode("ascii")
        atomic_write_bytes(attempts_path(vault), data)

    def streak(self, slot_id: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["slot"] == slot_id]

    def wait_seconds(self, slot_id: str, now: float) -> int:
        mine = self.streak(slot_id)
        if not mine:
            return 0
        delay = delay_after(len(mine))
        ready = mine[-1]["time"] + delay
        # Capped by the delay itself, so a clock that went back cannot lock anyone out longer.
        return max(0, min(delay, int(ready - now + 0.999)))


# V1: SQLCipher 4's default cipher settings (AES-256-CBC, HMAC-SHA512 per page, 4 KiB pages),
# so nothing is set after the key. The bench sets other values here, in its own worker
# process, to measure what a different V1 would cost (bench/b8_why.py); a vault made with
# other settings does not open with these.
CIPHER_SETTINGS: tuple[str, ...] = ()


def _pragma_key(raw_key: bytes) -> str:
    return f"PRAGMA key = \"x'{raw_key.hex()}'\""


def open_connection(path: Path, raw_key: bytes, *, readonly: bool = False) -> Any:
    """One SQLCipher connection with the V4 settings. The raw key skips SQLCipher's own KDF."""
    # as_uri() percent-encodes, so '#', '?' and '%' in a folder name cannot redirect the file.
    uri = f"{Path(path).resolve().as_uri()}?mode={'ro' if readonly else 'rw'}"
    conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(_pragma_key(raw_key))
        for setting in CIPHER_SETTINGS:
            conn.execute(setting)
        conn.execute("PRAGMA cipher_log_level = NONE")
        # The first read checks page 1's HMAC: wrong key or damage shows here.
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        # 64 MiB of decrypted pages: every page read from disk is decrypted and its HMAC
        # checked, so a page kept is work saved (B3, B8; well inside B7's memory budget).
        conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    except BaseException:
        conn.close()
        raise
    return conn


def newest_backup(vault: Path) -> Path | None:
    """The newest backup that reads as a complete backup whose database matches its checksum."""
    from redvan.storage.backup import list_backups, readable_backup

    return next((b for b in list_backups(vault) if readable_backup(b)), None)


class Vault:
    """An unlocked vault: the raw key, who unlocked it, and the long-lived connection."""

    def __init__(
        self,
        path: Path,
        vault_id: str,
        raw_key: bytes,
        staff_id: str | None,
        conn: Any,
        instance_lock: InstanceLock,
    ) -> None:
        self.path = path
        self.vault_id = vault_id
        self._key: bytes | None = raw_key
        self.staff_id = staff_id
        self._conn: Any = conn
        self._lock = instance_lock
        # One writer at a time on the shared connection: the GUI thread and background work
        # (a backup's audit event, a key change) may both write through it.
        self.write_lock = threading.RLock()
        # The WAL is checkpointed on a worker thread, never inside a save (B3: an automatic
        # checkpoint inside a commit was most of the slowest saves).
        conn.execute("PRAGMA wal_autocheckpoint = 10000")  # only a safety net for bulk writes
        self._commits = 0
        self._checkpointer: threading.Thread | None = None

    # -- connections ---------------------------------------------------------------------

    @property
    def conn(self) -> Any:
        if self._conn is None:
            raise VaultError("The vault is locked.")
        return self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def connect(self, *, readonly: bool = False) -> Any:
        """A short-lived connection for background work, opened with the same raw key."""
        if self._key is None:
            raise VaultError("The vault is locked.")
        return open_connection(self.path, self._key, readonly=readonly)

    @property
    def raw_key(self) -> bytes:
        if self._key is None:
            raise VaultError("The vault is locked.")
        return self._key

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        with self.write_lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                with contextlib.suppress(sqlcipher3.Error):
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        self.committed()

    CHECKPOINT_EVERY = 100  # commits; about 1,000 WAL pages of contact saves

    def committed(self) -> None:
        """Count a commit; every so often move the WAL into the database off this thread."""
        self._commits += 1
        if self._commits % self.CHECKPOINT_EVERY == 0:
            self.checkpoint_in_background()

    def checkpoint_in_background(self) -> None:
        if self._key is None or (self._checkpointer and self._checkpointer.is_alive()):
            return
        path, key = self.path, self._key

        def run() -> None:
            try:
                conn = open_connection(path, key)
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                finally:
                    conn.close()
            except sqlcipher3.Error:
                log.warning("background checkpoint failed; the next one will catch up")

        self._checkpointer = threading.Thread(target=run, name="redvan-checkpoint", daemon=True)
        self._checkpointer.start()

    def wait_for_checkpoint(self) -> None:
        """Return once a checkpoint running on its worker thread, if any, has finished."""
        if self._checkpointer is not None:
            self._checkpointer.join()

    def keyfile(self) -> keyslots.KeyFile:
        return keyslots.read_keyfile(self.path)

    # -- closing -------------------------------------------------------------------------

    def close(
        self,
        *,
        backup: bool = True,
        reason: str = "lock",
        progress: Callable[[int, int, str], None] | None = None,
    ) -> Path | None:
        """Lock: optionally back up, then drop the connection and the key.

        The backup is made before the key is dropped (docs/vault-format.md, Backups): the
        GUI calls this on a worker thread with its window already locked, and `progress`
        hears (done, total, stage) from that thread."""
        made = None
        self.wait_for_checkpoint()  # its connection must be closed before we say "locked"
        self._checkpointer = None
        if self._conn is not None and backup:
            from redvan.storage.backup import automatic_backup

            self._advance_audit_checkpoint()

            # A failed backup (full disk, damage) must never keep the vault open.
            try:
                if self._changed_since_backup() is not None:
                    made = automatic_backup(self, reason, progress)
                    self.mark_backed_up()
            except (VaultError, sqlcipher3.Error):
                log.warning("automatic backup on %s failed", reason)
        self.wait_for_checkpoint()
        self._checkpointer = None
        if self._conn is not None:
            with contextlib.suppress(sqlcipher3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.close()
            self._conn = None
        self._key = None
        self._lock.release()
        return made

    def _advance_audit_checkpoint(self) -> None:
        """Walk the audit chain from its checkpoint (re-checked) to the head and store the
        head as the new checkpoint, so an audit bundle or `redvan check` later walks only
        what came after this lock (B13). Runs with the lock's backup, off the GUI thread;
        a chain that does not verify is left for check and bundles to report."""
        try:
            report = audit.verify_from_checkpoint(self.conn)
            if report.ok:
                with self.transaction() as c:
                    audit.record_checkpoint(c, report)
            else:
                log.warning("audit chain broken at event %s", report.first_broken)
        except (VaultError, sqlcipher3.Error):
            log.warning("audit checkpoint not advanced")

    # Events that do not change records; a vault with only these since its last backup
    # needs no new generation.
    _QUIET = ("unlock", "unlock-failed", "unlock-recovery", "backup", "lock", "export")

    def _changed_since_backup(self) -> int | None:
        """The newest changing audit event, or None if the last backup already has it."""
        marks = ", ".join("?" for _ in self._QUIET)
        row = self.conn.execute(
            f"SELECT seq FROM audit WHERE action NOT IN ({marks}) ORDER BY seq DESC LIMIT 1",
            self._QUIET,
        ).fetchone()
        mark = self.conn.execute("SELECT value FROM setting WHERE key = 'backup_mark'").fetchone()
        if row is None or (mark is not None and json.loads(mark[0]) == row[0]):
            return None
        return int(row[0])

    def mark_backed_up(self) -> None:
        """Note that the newest backup holds every change so far: no new one at lock."""
        newest = self._changed_since_backup()
        if newest is not None:
            with self.transaction() as c:
                c.execute(
                    "INSERT INTO setting (key, value) VALUES ('backup_mark', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (json.dumps(newest),),
                )

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(backup=False)


# -- creating -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatedVault:
    vault: Vault
    recovery_code: str


def create_vault(
    path: Path,
    staff_name: str,
    passphrase: str,
    *,
    kdf: keyslots.KdfParams | None = None,
    init: Callable[[Vault], None] | None = None,
) -> CreatedVault:
    """A new vault with one coordinator and a recovery slot. `init` seeds it in one transaction."""
    path = Path(path)
    if path.exists() or keyslots.keyfile_path(path).exists():
        raise VaultExists(path)
    staff_name = staff_name.strip()
    if not 1 <= len(staff_name) <= 40:
        raise VaultError("A staff name must be 1 to 40 characters (initials are enough).")
    ensure_private_dir(path.parent)
    instance = InstanceLock(lock_path(path))
    instance.acquire()
    vault_id = str(uuid.uuid4())
    staff_id = str(uuid.uuid4())
    raw_key = keyslots.new_vault_key()
    recovery_code = keyslots.new_recovery_code()
    keyfile = keyslots.KeyFile(
        vault_id=vault_id,
        slots=[
            keyslots.wrap_key(
                vault_id,
                raw_key,
                passphrase,
                kind="staff",
                label=staff_name,
                staff_id=staff_id,
                kdf=kdf,
            ),
            keyslots.wrap_key(
                vault_id, raw_key, recovery_code, kind="recovery", label="recovery", kdf=kdf
            ),
        ],
    )
    os.close(create_private(path))  # SQLite keeps the mode of an existing file
    try:
        conn = open_connection(path, raw_key)
        for side in ("-wal", "-shm"):
            restrict(path.with_name(path.name + side))
        schema.migrate(conn)
        vault = Vault(path, vault_id, raw_key, staff_id, conn, instance)
        with vault.transaction() as c:
            c.execute(
                "INSERT INTO setting (key, value) VALUES ('vault_id', ?)", (json.dumps(vault_id),)
            )
            now = audit.now_iso()
            c.execute(
                "INSERT INTO staff (id, display_name, role, active, created_at) "
                "VALUES (?, ?, 'coordinator', 1, ?)",
                (staff_id, staff_name, now),
            )
            audit.append(c, staff_id, "create", "vault", vault_id)
            audit.append(c, staff_id, "create", "staff", staff_id)
        if init is not None:
            init(vault)
        keyslots.write_keyfile(path, keyfile)
    except BaseException:
        instance.release()
        for leftover in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
        ):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    log.info("created vault %s", vault_id)
    return CreatedVault(vault, recovery_code)


# -- unlocking ----------------------------------------------------------------------------


def staff_labels(path: Path) -> list[str]:
    """Names for the unlock screen's staff picker (they live in the key file, readable)."""
    try:
        return [s.label for s in keyslots.read_keyfile(Path(path)).staff_slots()]
    except keyslots.KeyFileError as exc:
        raise KeyFileDamaged(str(exc)) from None


def _choose_slot(keyfile: keyslots.KeyFile, staff: str | None, recovery: bool) -> keyslots.KeySlot:
    if recovery:
        slot = keyfile.recovery_slot()
        if slot is None:
            raise KeyFileDamaged("This vault has no recovery slot.")
        return slot
    labels = [s.label for s in keyfile.staff_slots()]
    if not labels:
        raise KeyFileDamaged(
            "The key file holds no staff member's key; unlock with the recovery code."
        )
    if staff is None:
        if len(labels) == 1:
            return keyfile.staff_slots()[0]
        raise StaffRequired(labels)
    slot = keyfile.slot_for_staff(staff)
    if slot is None:
        raise UnknownStaff(labels)
    return slot


def unlock(
    path: Path,
    secret: str,
    *,
    staff: str | None = None,
    recovery: bool = False,
    clock: Clock = time.time,
    migrate: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> Vault:
    """Unwrap the key with a passphrase (or the recovery code), open and check the database.

    An older vault is backed up ("pre-migration") and migrated; `progress` hears (done,
    total, stage) of both, stages "copy", "verify", "write" and "migrate".

    A wrong secret never opens the database file, so it stays byte-identical (V3).
    """
    path = Path(path)
    if not path.exists():
        raise VaultNotFound(path)
    try:
        keyfile = keyslots.read_keyfile(path)
    except keyslots.KeyFileError as exc:
        raise KeyFileDamaged(str(exc)) from None
    slot = _choose_slot(keyfile, staff, recovery)
    attempts = FailedAttempts.read(path)
    now = clock()
    wait = attempts.wait_seconds(slot.id, now)
    if wait:
        raise TooSoon(slot.label, wait)
    try:
        if recovery:
            secret = keyslots.normalise_recovery_code(secret)
        raw_key = keyslots.unwrap_key(keyfile.vault_id, slot, secret)
    except keyslots.WrongSecret:
        attempts.events.append({"slot": slot.id, "time": now})
        attempts.write(path)
        count = len(attempts.streak(slot.id))
        raise WrongPassphrase(slot.label, count, delay_after(count), recovery) from None
    except keyslots.KeyFileError as exc:
        raise KeyFileDamaged(str(exc)) from None

    instance = InstanceLock(lock_path(path))
    instance.acquire()
    try:
        remove_crash_leftovers(path)
        conn = _open_checked(path, raw_key)
        try:
            vault = Vault(path, keyfile.vault_id, raw_key, slot.staff_id, conn, instance)
            if migrate and schema.version(conn) < schema.LATEST:
                from redvan.storage.backup import automatic_backup

                automatic_backup(vault, "pre-migration", progress)
                staff_id = slot.staff_id

                def entered(c: Any, version: int) -> None:
                    audit.append(c, staff_id, "migrate", "schema", str(version))

                with vault.write_lock:
                    schema.migrate(conn, progress=progress, on_step=entered)
            _record_unlock(vault, attempts, slot)
        except BaseException as exc:
            conn.close()
            if is_damage(exc):
                raise VaultDamaged(path, newest_backup(path)) from None
            if isinstance(exc, sqlcipher3.Error):
                raise _unwritable(path, exc) from None
            raise
    except BaseException:
        instance.release()
        raise
    log.info("unlocked vault %s", keyfile.vault_id)
    return vault


def _unwritable(path: Path, exc: BaseException) -> VaultUnwritable:
    try:
        low = shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        low = False
    return VaultUnwritable(path, is_disk_full(exc) or low)


def _open_checked(path: Path, raw_key: bytes) -> Any:
    if path.stat().st_size < 512:  # not even one page: SQLCipher would start a new database
        raise VaultDamaged(path, newest_backup(path))
    try:
        conn = open_connection(path, raw_key)
    except sqlcipher3.Error as exc:
        if is_damage(exc):
            # The slot's tag proved the key right, so an unreadable file is damage, not a typo.
            raise VaultDamaged(path, newest_backup(path)) from None
        raise _unwritable(path, exc) from None
    if schema.version(conn) > schema.LATEST:
        conn.close()
        raise SchemaTooNew
    if schema.version(conn) == 0:  # every vault Red Van wrote has a schema
        conn.close()
        raise VaultDamaged(path, newest_backup(path))
    return conn


def _note_open_shift(c: Any) -> None:
    """The running shift is kept in the setting "open_shift" (VaultStore.open_shift, B3). A
    vault without it (made by `redvan demo`, or by a version before the setting) gets it here,
    once, instead of a scan of every shift each time Tonight opens (B7)."""
    if c.execute("SELECT 1 FROM setting WHERE key = 'open_shift'").fetchone() is not None:
        return
    row = c.execute(
        "SELECT id FROM shift WHERE ended_at IS NULL ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    c.execute(
        "INSERT INTO setting (key, value) VALUES ('open_shift', ?)",
        (json.dumps(row[0] if row else None),),
    )


def _record_unlock(vault: Vault, attempts: FailedAttempts, slot: keyslots.KeySlot) -> None:
    """Enter the failed attempts and this unlock into the audit log, then forget the attempts."""
    with vault.transaction() as c:
        for event in attempts.events:
            failed = next((s for s in vault.keyfile().slots if s.id == event["slot"]), None)
            who = failed.staff_id if failed else None
            audit.append(
                c,
                who,
                "unlock-failed",
                "vault",
                vault.vault_id,
                at=audit.iso_from_epoch(event["time"]),
            )
        action = "unlock-recovery" if slot.kind == "recovery" else "unlock"
        audit.append(c, slot.staff_id, action, "vault", vault.vault_id)
        _note_open_shift(c)
    if attempts.events:
        with contextlib.suppress(OSError):
            attempts_path(vault.path).unlink()
