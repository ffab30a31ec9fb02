"""B1 unlock: key derivation, open and first query, against SQLCipher's own default KDF.

`redvan.storage.vault.unlock` is timed end to end with the production KDF (the slot's own
parameters, Argon2id 64 MiB, t=4, p=4), followed by the first query the outreach screen needs
(is a shift running, and this week's contact count). Each unlock writes an audit event, so this
runs on a scratch copy and closes without a backup. For V1 ("at least as costly as SQLCipher's
default"), the Argon2id derivation alone is compared with PBKDF2-HMAC-SHA512 × 256,000, both
as SQLCipher itself spends it when opened with a passphrase (the judged baseline) and as
Python's hashlib computes it. Cost is compared in CPU time (Argon2id's lanes run in parallel
threads, so its wall time understates the work) and in memory.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import sqlcipher3

from bench.stats import Summary
from redvan.core.weeks import IsoWeek
from redvan.storage import keyslots
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock

SQLCIPHER_DEFAULT_ITERATIONS = 256_000


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def first_query(store: VaultStore) -> int:
    """What the outreach screen asks first: the running shift, and this week's contacts."""
    store.open_shift()
    week = str(IsoWeek.of(date.today()))
    row = store.conn.execute("SELECT count(*) FROM contact WHERE week = ?", (week,)).fetchone()
    return int(row[0])


def time_unlocks(vault: Path, passphrase: str, runs: int) -> dict[str, Any]:
    unlock_ms, query_ms, total_ms = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        opened = unlock(vault, passphrase)
        unlocked = time.perf_counter()
        try:
            first_query(VaultStore(opened))
            done = time.perf_counter()
        finally:
            opened.close(backup=False)
        unlock_ms.append((unlocked - started) * 1000)
        query_ms.append((done - unlocked) * 1000)
        total_ms.append((done - started) * 1000)
    return {
        "unlock": Summary.of(unlock_ms).as_dict(),
        "first_query": Summary.of(query_ms).as_dict(),
        "total": Summary.of(total_ms).as_dict(),
    }


def slot_params(vault: Path) -> keyslots.KdfParams:
    return keyslots.read_keyfile(vault).staff_slots()[0].kdf


class _Clock:
    """Wall and CPU time (all threads: Argon2 runs its lanes in threads) of repeated work."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def time(self, work: Callable[[], object]) -> None:
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        self.cpu.append((time.process_time() - started_cpu) * 1000)
        self.wall.append(_ms(started))

    def as_dict(self) -> dict[str, Any]:
        return {"wall": Summary.of(self.wall).as_dict(), "cpu": Summary.of(self.cpu).as_dict()}


def _sqlcipher_open(path: Path, key_pragma: str) -> None:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(key_pragma)
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    finally:
        conn.close()


def compare_kdfs(params: keyslots.KdfParams, runs: int) -> dict[str, Any]:
    """The slot KDF against SQLCipher's default KDF, interleaved so load drift hits both alike.

    SQLCipher's own cost is a passphrase open of a tiny database minus a raw-key open of the
    same database (which skips the KDF). hashlib's PBKDF2 uses Python's OpenSSL, which may be
    another build than SQLCipher's, so it is kept as a second reference only.
    """
    secret = "correct horse battery"
    salt = secrets.token_bytes(keyslots.SALT_BYTES)
    raw_key = secrets.token_bytes(keyslots.KEY_BYTES)
    by_passphrase = f"PRAGMA key = '{secret}'"
    by_raw_key = f"PRAGMA key = \"x'{raw_key.hex()}'\""
    argon2, sqlcipher_kdf, raw_open, hashlib_kdf = _Clock(), _Clock(), _Clock(), _Clock()
    with tempfile.TemporaryDirectory(prefix="redvan-bench-") as tmp:
        by_pass_db, by_raw_db = Path(tmp) / "passphrase.db", Path(tmp) / "raw.db"
        for db, pragma in ((by_pass_db, by_passphrase), (by_raw_db, by_raw_key)):
            conn = sqlcipher3.connect(str(db))
            conn.execute(pragma)
            conn.execute("CREATE TABLE t (x)")
            conn.commit()
            conn.close()
        for _ in range(runs):
            argon2.time(lambda: keyslots.derive_wrapping_key(secret, salt, params))
            sqlcipher_kdf.time(lambda: _sqlcipher_open(by_pass_db, by_passphrase))
            raw_open.time(lambda: _sqlcipher_open(by_raw_db, by_raw_key))
            hashlib_kdf.time(
                lambda: hashlib.pbkdf2_hmac(
                    "sha512", secret.encode(), salt, SQLCIPHER_DEFAULT_ITERATIONS
                )
            )
    return {
        "argon2id": argon2.as_dict(),
        "sqlcipher_passphrase_open": sqlcipher_kdf.as_dict(),
        "sqlcipher_raw_key_open": raw_open.as_dict(),
        "pbkdf2_sha512_256k_hashlib": hashlib_kdf.as_dict(),
    }


def kdf_memory_probe(params: keyslots.KdfParams) -> dict[str, Any]:
    """Peak resident memory growth of one Argon2id derivation, in a fresh process."""
    argv = [
        sys.executable,
        "-m",
        "bench.worker",
        "kdf-memory",
        "--memory-kib",
        str(params.memory_kib),
        "--iterations",
        str(params.iterations),
        "--parallelism",
        str(params.parallelism),
    ]
    done = subprocess.run(argv, capture_output=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _rewrap_with_defaults(vault: Path, passphrase: str) -> None:
    """Give the scratch copy's slot today's default KDF, so B1 measures what a new vault gets
    (a reference made by an older redvan keeps the parameters it was made with)."""
    from redvan.storage import staffkeys
    from redvan.storage.vault import unlock

    opened = unlock(vault, passphrase)
    try:
        staffkeys.change_passphrase(opened, opened.staff_id or "", passphrase)
    finally:
        opened.close(backup=False)


def run(vault: Path, passphrase: str, runs: int) -> dict[str, Any]:
    if slot_params(vault) != keyslots.KdfParams():
        _rewrap_with_defaults(vault, passphrase)
    params = slot_params(vault)
    unlocks = time_unlocks(vault, passphrase, runs)
    kdfs = compare_kdfs(params, max(runs, 10))
    memory = kdf_memory_probe(params)
    return {
        "runs": runs,
        "kdf_params": {
            "memory_kib": params.memory_kib,
            "iterations": params.iterations,
            "parallelism": params.parallelism,
            "is_default": params == keyslots.KdfParams(),
        },
        **unlocks,
        **kdfs,
        "argon2id_peak_rss_delta_mib": memory["peak_rss_delta_kib"] / 1024,
    }
