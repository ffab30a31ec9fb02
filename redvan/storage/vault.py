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
from redvan.storage.attempts import (
    FOREIGN_KEY_FILE,
    OLD_KEY_FILE,
    WRONG,
    Counter,
    attempts_path,
    delay_after,
    ensure_counter,
    one_attempt_at_a_time,
)
from redvan.storage.attempts import (
    FailedAttempts as FailedAttempts,  # re-exported: its home is storage.attempts
)
from redvan.storage.errors import (
    ForeignKeyFile,
    KeyFileDamaged,
    OlderKeyFile,
    OlderVaultFile,
    SchemaTooNew,
    StaffRequired,
    TooSoon,
    UnknownStaff,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultNotFound,
    VaultReadOnly,
    VaultUnwritable,
    WrongPassphrase,
)
from redvan.storage.files import (
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


# V1: SQLCipher 4's default cipher settings (AES-256-CBC, HMAC-SHA512 per page, 4 KiB pages),
# so nothing is set after the key. The bench sets other values here, in its own worker
# process, to measure what a different V1 would cost (bench/b8_why.py); a vault made with
# other settings does not open with these.
CIPHER_SETTINGS: tuple[str, ...] = ()


def _pragma_key(raw_key: bytes, salt: bytes | None = None) -> str:
    return f"PRAGMA key = \"x'{raw_key.hex()}{salt.hex() if salt else ''}'\""


def key_literal(raw_key: bytes, salt: bytes | None = None) -> str:
    """The raw key as SQLCipher takes it in ATTACH … KEY: x'<64 hex>' or, for a new file
    whose salt is chosen (docs/vault-format.md §4), x'<64 hex key><32 hex salt>'."""
    return f"\"x'{raw_key.hex()}{salt.hex() if salt else ''}'\""


def open_connection(
    path: Path, raw_key: bytes, *, readonly: bool = False, salt: bytes | None = None
) -> Any:
    """One SQLCipher connection with the V4 settings. The raw key skips SQLCipher's own KDF;
    `salt` only matters when the file is new (an existing file keeps the salt it has)."""
    # as_uri() percent-encodes, so '#', '?' and '%' in a folder name cannot redirect the file.
    uri = f"{Path(path).resolve().as_uri()}?mode={'ro' if readonly else 'rw'}"
    conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(_pragma_key(raw_key, salt))
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

    read_only = False  # opened with unlock(readonly=True): every transaction is refused

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        if self.read_only:
            raise VaultReadOnly()
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

    # -- key changes (storage.rotation) ------------------------------------------------------

    def detach_connection(self) -> None:
        """Forget the long-lived connection the caller has just closed."""
        self._conn = None

    def reattach(self, conn: Any) -> None:
        self._conn = conn

    def rekeyed(self, raw_key: bytes, conn: Any) -> None:
        """The database was swapped for one under `raw_key`; `conn` is open on it."""
        self._key = raw_key
        self._conn = conn
        conn.execute("PRAGMA wal_autocheckpoint = 10000")

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
        if self._conn is not None and backup and not self.read_only:
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
            if not self.read_only:
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
        conn = open_connection(path, raw_key, salt=keyfile.db_salt())
        for side in ("-wal", "-shm"):
            restrict(path.with_name(path.name + side))
        schema.migrate(conn)
        vault = Vault(path, vault_id, raw_key, staff_id, conn, instance)
        with vault.transaction() as c:
            c.execute(
                "INSERT INTO setting (key, value) VALUES ('vault_id', ?)", (json.dumps(vault_id),)
            )
            set_generation(c, keyfile.generation)
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
        ensure_counter(path, vault_id)
    except BaseException:
        instance.release()
        for leftover in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
            attempts_path(path),
        ):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    log.info("created vault %s", vault_id)
    return CreatedVault(vault, recovery_code)


# -- unlocking ----------------------------------------------------------------------------


def staff_labels(path: Path) -> list[str]:
    """Names for the unlock screen's staff picker (they live in the key file, readable)."""
    from redvan.storage.rotation import finish_interrupted

    finish_interrupted(Path(path))
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


GENERATION_SETTING = "key_generation"


def set_generation(conn: Any, generation: int) -> None:
    """Record the key generation inside the database (the key file carries it too)."""
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (GENERATION_SETTING, json.dumps(generation)),
    )


def stored_generation(conn: Any) -> int | None:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (GENERATION_SETTING,)).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(row[0])
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def header_salt(path: Path) -> bytes | None:
    """The database file's first 16 bytes: SQLCipher's salt, stored in plain."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(keyslots.DB_SALT_BYTES)
    except OSError:
        return None
    return head if len(head) == keyslots.DB_SALT_BYTES else None


_GENERATIONS_SEARCHED = 10_000


def _bits_apart(a: bytes, b: bytes) -> int:
    return sum(bin(x ^ y).count("1") for x, y in zip(a, b, strict=True))


def diagnose_mismatch(path: Path, keyfile: keyslots.KeyFile) -> VaultError | None:
    """Why a key that its slot proved right does not open the database, read from the
    database's plain salt (§4): an older key file, an older database file, another vault's
    key file, or None (then it is damage)."""
    salt = header_salt(path)
    expected = keyfile.expected_db_salt()
    if salt is None or salt == expected:
        return None
    for generation in range(_GENERATIONS_SEARCHED):
        if salt == keyslots.db_salt(keyfile.vault_id, generation):
            if generation > keyfile.generation:
                return OlderKeyFile(path, keyfile.generation, generation)
            if generation < keyfile.generation:
                return OlderVaultFile(path, generation, keyfile.generation)
            return None
    if expected is not None and _bits_apart(salt, expected) <= 32:
        return None  # a few flipped bits in the header: damage
    backed_up = _backed_up_vault_ids(path)
    if keyfile.vault_id in backed_up:
        return None  # its own backups say this is the key file's vault: damage
    if backed_up or (expected is not None and keyfile.version >= 2):
        return ForeignKeyFile(path)
    return None  # a vault from before derived salts: cannot tell another vault from damage


def _backed_up_vault_ids(path: Path) -> set[str]:
    """The vault ids the plain manifests of the vault's own backups name (newest three)."""
    from redvan.storage.backup import BackupReader, list_backups
    from redvan.storage.errors import BackupError

    found: set[str] = set()
    for candidate in list_backups(path)[:3]:
        try:
            reader = BackupReader(candidate)
        except BackupError:
            continue
        try:
            vault_id = reader.manifest.get("vault_id")
            if isinstance(vault_id, str):
                found.add(vault_id)
        finally:
            reader.close()
    return found


def unlock(
    path: Path,
    secret: str,
    *,
    staff: str | None = None,
    recovery: bool = False,
    clock: Clock = time.time,
    migrate: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    readonly: bool = False,
) -> Vault:
    """Unwrap the key with a passphrase (or the recovery code), open and check the database.

    An older vault is backed up ("pre-migration") and migrated; `progress` hears (done,
    total, stage) of both, stages "copy", "verify", "write" and "migrate".

    A wrong secret never opens the database file, so it stays byte-identical (V3). Each
    attempt is counted before the secret is tried, one attempt at a time (V12).
    ``readonly`` opens it for reading only, writing nothing in the database (no unlock event,
    no migration, no backup on close): how a vault whose disk is full still shows what it
    holds. The attempt is still counted first (V12).
    """
    from redvan.storage.rotation import finish_interrupted

    path = Path(path)
    if not path.exists():
        raise VaultNotFound(path)
    finish_interrupted(path)
    try:
        keyfile = keyslots.read_keyfile(path)
    except keyslots.KeyFileError as exc:
        raise KeyFileDamaged(str(exc)) from None
    slot = _choose_slot(keyfile, staff, recovery)
    with one_attempt_at_a_time(path):
        counter = Counter(path, keyfile.vault_id, legacy=keyfile.version == 1)
        now = clock()
        wait = counter.load(slot.label, now).wait_seconds(slot.id, now)
        if wait:
            raise TooSoon(slot.label, wait)
        counter.count(slot.id, slot.staff_id, now)  # refused untried if it cannot be counted
        try:
            if recovery:
                secret = keyslots.normalise_recovery_code(secret)
            raw_key = keyslots.unwrap_key(keyfile.vault_id, slot, secret)
        except keyslots.WrongSecret:
            count = len(counter.state.streak(slot.id))
            raise WrongPassphrase(slot.label, count, delay_after(count), recovery) from None
        except keyslots.KeyFileError as exc:
            counter.forget_pending()
            raise KeyFileDamaged(str(exc)) from None
        try:
            return _open_unlocked(
                path, keyfile, slot, secret, raw_key, counter, migrate, progress, readonly
            )
        except (OlderKeyFile, ForeignKeyFile):
            raise  # stays counted, with its reason
        except BaseException:
            counter.forget_pending()  # the passphrase was right (in use, damaged, disk full…)
            raise


def _open_unlocked(
    path: Path,
    keyfile: keyslots.KeyFile,
    slot: keyslots.KeySlot,
    secret: str,
    raw_key: bytes,
    counter: Counter,
    migrate: bool,
    progress: Callable[[int, int, str], None] | None = None,
    readonly: bool = False,
) -> Vault:
    instance = InstanceLock(lock_path(path))
    instance.acquire()
    try:
        remove_crash_leftovers(path)
        if readonly:
            conn = open_connection(path, raw_key, readonly=True)
            vault = Vault(path, keyfile.vault_id, raw_key, slot.staff_id, conn, instance)
            vault.read_only = True
            counter.forget_pending()  # right passphrase; earlier failures wait for a writable one
            log.info("opened vault %s read-only", keyfile.vault_id)
            return vault
        try:
            conn = _open_checked(path, raw_key)
        except VaultDamaged:
            refusal = diagnose_mismatch(path, keyfile)
            if refusal is None:
                raise  # damage: the caller forgets the counted attempt
            if isinstance(refusal, OlderKeyFile | ForeignKeyFile):
                counter.relabel(
                    OLD_KEY_FILE if isinstance(refusal, OlderKeyFile) else FOREIGN_KEY_FILE
                )
            raise refusal from None
        try:
            stored = stored_generation(conn)
            if stored is not None and stored != keyfile.generation:
                counter.relabel(OLD_KEY_FILE)
                raise OlderKeyFile(path, keyfile.generation, stored)
            vault = Vault(path, keyfile.vault_id, raw_key, slot.staff_id, conn, instance)
            if migrate and schema.version(conn) < schema.LATEST:
                from redvan.storage.backup import automatic_backup

                automatic_backup(vault, "pre-migration", progress)
                staff_id = slot.staff_id

                def entered(c: Any, version: int) -> None:
                    audit.append(c, staff_id, "migrate", "schema", str(version))

                with vault.write_lock:
                    schema.migrate(conn, progress=progress, on_step=entered)
            _record_unlock(vault, counter, keyfile, slot, stored is None)
            _convert_legacy_slot(vault, keyfile, slot, secret)
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


def _convert_legacy_slot(
    vault: Vault, keyfile: keyslots.KeyFile, slot: keyslots.KeySlot, secret: str
) -> None:
    """A version 1 ("direct") slot becomes an x25519 slot at its owner's first unlock, so a
    later key change can carry it over (V11). Best effort: the old slot still works."""
    if slot.scheme != keyslots.SCHEME_DIRECT or keyfile.generation != 0:
        return
    try:
        current = keyslots.read_keyfile(vault.path)
        index = next(i for i, s in enumerate(current.slots) if s.id == slot.id)
        current.slots[index] = keyslots.convert_direct(
            current.vault_id, current.slots[index], secret, vault.raw_key
        )
        if current.legacy_salt is None and current.version == 1:
            current.legacy_salt = header_salt(vault.path)
        keyslots.write_keyfile(vault.path, current)
    except (StopIteration, keyslots.KeyFileError, keyslots.WrongSecret, OSError):
        log.warning("a version 1 key slot could not be converted; it keeps working as it is")


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


def _record_unlock(
    vault: Vault,
    counter: Counter,
    keyfile: keyslots.KeyFile,
    slot: keyslots.KeySlot,
    note_generation: bool,
) -> None:
    """Enter the counted failures and this unlock into the audit log, then empty the counter."""
    with vault.transaction() as c:
        for event in counter.earlier_events():
            failed = next((s for s in keyfile.slots if s.id == event["slot"]), None)
            who = event.get("staff") or (failed.staff_id if failed else None)
            reason = event.get("reason", WRONG)
            entity = {OLD_KEY_FILE: "key-file", FOREIGN_KEY_FILE: "key-file"}.get(
                reason, "attempts" if reason != WRONG else "vault"
            )
            audit.append(
                c,
                who,
                "unlock-failed",
                entity,
                vault.vault_id,
                at=audit.iso_from_epoch(event["time"]),
            )
        action = "unlock-recovery" if slot.kind == "recovery" else "unlock"
        audit.append(c, slot.staff_id, action, "vault", vault.vault_id)
        _note_open_shift(c)
        if note_generation:
            set_generation(c, keyfile.generation)
    counter.clear()
