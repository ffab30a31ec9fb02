"""B8 encrypted vault vs plain SQLite: the same workload in separate processes.

The plain database is the reference vault's own contents, decrypted once with SQLCipher's
`sqlcipher_export` into `bench/out/<name>.plain.db` (kept while the reference is unchanged), so
both sides hold the same rows and schema; the encrypted side is the same export with the
vault's key (`<name>.twin.redvan`), so both also share one page layout. Each engine gets a
fresh copy and its own process (bench.worker b8): single-contact saves through
`Services.save_contact` (the same VaultStore code over either connection) and one week's
aggregate query set for each of the last weeks of data. A third engine opens the plain copy
through sqlcipher3 without a key, to separate the cost of encryption from the difference
between the two SQLite versions; the plain connections get the vault connection's page cache
size, so only the cipher differs. Rounds interleave the engines, and each part's total is the
median over rounds, because the fsync behind every save varies a lot on a shared machine.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.refdata import copy_vault, durable_copy, keys_of, remove_copy
from bench.worker import ENGINES
from bench.workload import recent_weeks
from redvan.core.weeks import IsoWeek
from redvan.storage import keyslots, schema
from redvan.storage.vault import open_connection

ROOT = Path(__file__).resolve().parent.parent


def _stamp(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def export_plain(encrypted: Path, passphrase: str, dest: Path) -> None:
    """Decrypt `encrypted` into a new plaintext database at `dest` (bench only)."""
    keyfile = keyslots.read_keyfile(encrypted)
    raw_key = keyslots.unwrap_key(keyfile.vault_id, keyfile.staff_slots()[0], passphrase)
    conn = open_connection(encrypted, raw_key)
    try:
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(dest),))
        conn.execute("SELECT sqlcipher_export('plain')").fetchall()
        conn.execute(f"PRAGMA plain.user_version = {schema.version(conn)}")
        conn.execute("DETACH DATABASE plain")
    finally:
        conn.close()


def ensure_plain(reference: Path, passphrase: str, scratch: Path) -> tuple[Path, dict[str, Any]]:
    """The plaintext twin of `reference`, exported now unless a current one is kept."""
    plain = reference.with_name(reference.stem + ".plain.db")
    meta_path = plain.with_name(plain.name + ".json")
    source = _stamp(reference)
    if plain.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("source") == source:
            return plain, meta
    plain.unlink(missing_ok=True)
    print("Exporting a plaintext twin of the reference vault for B8 …", flush=True)
    started = time.perf_counter()
    copy = copy_vault(reference, scratch, "export-source.redvan")
    partial = plain.with_name(plain.name + ".partial")
    partial.unlink(missing_ok=True)
    export_plain(copy, passphrase, partial)
    partial.chmod(0o600)
    partial.rename(plain)
    remove_copy(copy)
    conn = sqlite3.connect(str(plain))
    try:
        last_week = conn.execute("SELECT max(week) FROM contact").fetchone()[0]
    finally:
        conn.close()
    meta = {
        "source": source,
        "seconds": round(time.perf_counter() - started, 1),
        "bytes": plain.stat().st_size,
        "last_week": last_week,
    }
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return plain, meta


def export_encrypted(encrypted: Path, passphrase: str, dest: Path) -> None:
    """Re-write `encrypted` through `sqlcipher_export` into a new vault with the same key."""
    keyfile = keyslots.read_keyfile(encrypted)
    raw_key = keyslots.unwrap_key(keyfile.vault_id, keyfile.staff_slots()[0], passphrase)
    conn = open_connection(encrypted, raw_key, readonly=True)
    try:
        conn.execute(f"ATTACH DATABASE ? AS twin KEY \"x'{raw_key.hex()}'\"", (str(dest),))
        conn.execute("SELECT sqlcipher_export('twin')").fetchall()
        conn.execute(f"PRAGMA twin.user_version = {schema.version(conn)}")
        conn.execute("DETACH DATABASE twin")
    finally:
        conn.close()


def ensure_encrypted_twin(base: Path, passphrase: str) -> Path:
    """`base` exported page by page like the plain twin, so both sides share one layout.

    The reference is written incrementally by `redvan demo` (tables interleaved), while
    `sqlcipher_export` writes each table and index in one run; comparing the two would mix
    the cost of the cipher with the cost of a fragmented file (measured: 1.59-1.89x against
    1.38x on the same day). The vault keeps its key file: the twin has the same raw key.
    """
    twin = base.with_name(base.stem + ".twin.redvan")
    meta_path = twin.with_name(twin.name + ".json")
    source = _stamp(base)
    if twin.exists() and meta_path.exists():
        if json.loads(meta_path.read_text(encoding="utf-8")).get("source") == source:
            return twin
    print("Exporting an encrypted twin of the reference vault for B8 …", flush=True)
    partial = twin.with_name(twin.name + ".partial")
    partial.unlink(missing_ok=True)
    export_encrypted(base, passphrase, partial)
    partial.chmod(0o600)
    partial.rename(twin)
    durable_copy(keys_of(base), keys_of(twin))
    meta_path.write_text(json.dumps({"source": source}, indent=2) + "\n", encoding="utf-8")
    return twin


def _worker(engine: str, db: Path, passphrase: str, args: list[str]) -> dict[str, Any]:
    argv = [sys.executable, "-m", "bench.worker", "b8", "--engine", engine, "--db", str(db)]
    feed = (passphrase + "\n").encode("utf-8") if engine == "sqlcipher" else b""
    done = subprocess.run([*argv, *args], input=feed, capture_output=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"B8 worker ({engine}) failed:\n{done.stderr.decode(errors='replace')}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def _measure(
    base: Path, plain: Path, passphrase: str, scratch: Path, args: list[str], rounds: int
) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {engine: [] for engine in ENGINES}
    for _ in range(rounds):
        for engine in ENGINES:
            if engine == "sqlcipher":
                db = copy_vault(base, scratch, "b8.redvan")
            else:
                db = scratch / "b8-plain.db"
                durable_copy(plain, db)
            try:
                runs[engine].append(_worker(engine, db, passphrase, args))
            finally:
                remove_copy(db)

    def total(engine: str, part: str) -> float:
        return statistics.median(r[part]["total"] for r in runs[engine])

    ratios: dict[str, dict[str, float]] = {}
    for against in ("sqlite3", "sqlcipher-plain"):
        enc = total("sqlcipher", "saves") + total("sqlcipher", "week_query_sets")
        base = total(against, "saves") + total(against, "week_query_sets")
        ratios[against] = {
            "saves": _ratio(total("sqlcipher", "saves"), total(against, "saves")),
            "week_query_sets": _ratio(
                total("sqlcipher", "week_query_sets"), total(against, "week_query_sets")
            ),
            "overall": _ratio(enc, base),
        }
    medians = {
        engine: {part: total(engine, part) for part in ("saves", "week_query_sets")}
        for engine in ENGINES
    }
    return {"runs": runs, "median_totals_ms": medians, "ratios": ratios}


def run(
    reference: Path,
    base: Path,
    passphrase: str,
    scratch: Path,
    saves: int,
    seed: int,
    weeks: int,
    rounds: int,
) -> dict[str, Any]:
    """The plaintext twin is exported from (and cached against) `reference`; the encrypted runs
    copy `base`, the reference as redvan's current schema has it (see refdata.prepare_base).
    The plain copies are brought to the same schema by redvan's migrations in the worker.
    """
    plain, meta = ensure_plain(reference, passphrase, scratch)
    twin = ensure_encrypted_twin(base, passphrase)
    around = datetime.now().replace(second=0, microsecond=0).isoformat()
    week_list = recent_weeks(IsoWeek.parse(meta["last_week"]), weeks)
    args = ["--saves", str(saves), "--seed", str(seed), "--around", around]
    args += ["--weeks", ",".join(week_list)]
    return {
        "saves": saves,
        "weeks": week_list,
        "rounds": rounds,
        "plain_db": {"path": str(plain), **meta},
        "encrypted_db": str(twin),
        **_measure(twin, plain, passphrase, scratch, args, rounds),
    }
