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
size, so only the cipher differs. The three processes run in lock-step, taking turns a batch
of saves (then a week) at a time, so the machine's changing speed falls on all of them alike;
each part's total is the median over rounds. bench/b8_why.py says where a save's time goes,
and `--b8-variants` repeats the rounds with cipher settings V1 rules out.
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

from bench import b8_why
from bench.refdata import copy_vault, durable_copy, keys_of, remove_copy
from bench.worker import ENGINES
from bench.workload import recent_weeks
from redvan.core.weeks import IsoWeek
from redvan.storage import keyslots, schema
from redvan.storage.attempts import ensure_counter
from redvan.storage.vault import key_literal, open_connection

ROOT = Path(__file__).resolve().parent.parent
WHY_SAVES = 200  # saves whose pages are put down to their B-trees (b8_why)
BATCH = 25  # saves per turn: a few tens of milliseconds, short beside the machine's swings


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


def export_encrypted(
    encrypted: Path, passphrase: str, dest: Path, settings: tuple[str, ...] = ()
) -> None:
    """Re-write `encrypted` through `sqlcipher_export` into a new vault with the same key
    (and, for a variant of B8, other cipher settings: `PRAGMA cipher_…` statements)."""
    keyfile = keyslots.read_keyfile(encrypted)
    raw_key = keyslots.unwrap_key(keyfile.vault_id, keyfile.staff_slots()[0], passphrase)
    conn = open_connection(encrypted, raw_key, readonly=True)
    try:
        # The twin takes the salt the key file expects (derived since key files version 2).
        salt = keyfile.expected_db_salt()
        conn.execute(f"ATTACH DATABASE ? AS twin KEY {key_literal(raw_key, salt)}", (str(dest),))
        for setting in settings:
            conn.execute(setting.replace("PRAGMA ", "PRAGMA twin.", 1))
        conn.execute("SELECT sqlcipher_export('twin')").fetchall()
        conn.execute(f"PRAGMA twin.user_version = {schema.version(conn)}")
        conn.execute("DETACH DATABASE twin")
    finally:
        conn.close()


# 2: the twin has the salt its key file derives and an unlock counter (key files version 2).
TWIN_FORMAT = 2


def ensure_encrypted_twin(base: Path, passphrase: str, variant: str = "default") -> Path:
    """`base` exported page by page like the plain twin, so both sides share one layout.

    The reference is written incrementally by `redvan demo` (tables interleaved), while
    `sqlcipher_export` writes each table and index in one run; comparing the two would mix
    the cost of the cipher with the cost of a fragmented file (measured: 1.59-1.89x against
    1.38x on the same day). The vault keeps its key file: the twin has the same raw key.
    """
    suffix = "" if variant == "default" else f".{variant}"
    twin = base.with_name(f"{base.stem}.twin{suffix}.redvan")
    meta_path = twin.with_name(twin.name + ".json")
    source = _stamp(base)
    if twin.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("source") == source and meta.get("twin") == TWIN_FORMAT:
            return twin
    print(f"Exporting an encrypted twin ({variant} cipher) of the reference for B8 …", flush=True)
    partial = twin.with_name(twin.name + ".partial")
    partial.unlink(missing_ok=True)
    export_encrypted(base, passphrase, partial, b8_why.CIPHER_VARIANTS[variant])
    partial.chmod(0o600)
    partial.rename(twin)
    durable_copy(keys_of(base), keys_of(twin))
    ensure_counter(twin, keyslots.read_keyfile(twin).vault_id)  # a missing one: longest delay
    meta = {"source": source, "twin": TWIN_FORMAT}
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return twin


class _Engine:
    """One engine's worker process, driven a step at a time over its standard input."""

    def __init__(
        self, engine: str, db: Path, passphrase: str, args: list[str], cipher: str = "default"
    ) -> None:
        self.engine = engine
        argv = [sys.executable, "-m", "bench.worker", "b8", "--engine", engine, "--db", str(db)]
        if engine == "sqlcipher":
            argv += ["--cipher", cipher]
        self.proc = subprocess.Popen(
            [*argv, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            text=True,
            encoding="utf-8",
        )
        if engine == "sqlcipher":
            self._send(passphrase)
        self._answer()  # {"ready": true} once unlocked, the shift started and warmed up

    def _send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def _answer(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            self.proc.kill()
            _, err = self.proc.communicate()
            raise RuntimeError(f"B8 worker ({self.engine}) failed:\n{err}")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def step(self, command: dict[str, Any]) -> list[float]:
        self._send(json.dumps(command))
        ms: list[float] = self._answer()["ms"]
        return ms

    def finish(self) -> dict[str, Any]:
        self._send(json.dumps({"op": "end"}))
        result = self._answer()
        self.proc.communicate()
        return result

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def _round(
    base: Path,
    plain: Path,
    passphrase: str,
    scratch: Path,
    args: list[str],
    saves: int,
    weeks: list[str],
    turn: int,
    cipher: str,
) -> dict[str, dict[str, Any]]:
    """One round: a fresh copy and process per engine, the workload in lock-step.

    The engines take turns a batch of saves at a time, then a week at a time, and the order
    of the turns rotates, so none of them always runs right after another's fsyncs.
    """
    dbs = {"sqlcipher": copy_vault(base, scratch, "b8.redvan")}
    for engine in ENGINES[1:]:
        dbs[engine] = scratch / f"b8-{engine}.db"
        durable_copy(plain, dbs[engine])
    engines: dict[str, _Engine] = {}
    try:
        for engine in ENGINES:
            engines[engine] = _Engine(engine, dbs[engine], passphrase, args, cipher)
        times: dict[str, dict[str, float]] = {
            e: {"saves": 0.0, "week_query_sets": 0.0} for e in ENGINES
        }
        steps = [
            ("saves", {"op": "saves", "count": min(BATCH, saves - i)})
            for i in range(0, saves, BATCH)
        ]
        steps += [("week_query_sets", {"op": "weeks", "weeks": [week]}) for week in weeks]
        for number, (part, command) in enumerate(steps):
            shift = (number + turn) % len(ENGINES)
            for engine in ENGINES[shift:] + ENGINES[:shift]:
                times[engine][part] += sum(engines[engine].step(command))
        results = {engine: engines[engine].finish() for engine in ENGINES}
        for engine in ENGINES:
            results[engine]["totals_ms"] = times[engine]
        return results
    finally:
        for running in engines.values():
            running.kill()
        for db in dbs.values():
            remove_copy(db)


def _measure(
    base: Path,
    plain: Path,
    passphrase: str,
    scratch: Path,
    args: list[str],
    saves: int,
    weeks: list[str],
    rounds: int,
    cipher: str = "default",
) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {engine: [] for engine in ENGINES}
    for turn in range(rounds):
        for engine, result in _round(
            base, plain, passphrase, scratch, args, saves, weeks, turn, cipher
        ).items():
            runs[engine].append(result)

    def total(engine: str, part: str) -> float:
        return float(statistics.median(r["totals_ms"][part] for r in runs[engine]))

    ratios: dict[str, dict[str, float]] = {}
    for against in ("sqlite3", "sqlcipher-plain"):
        enc = total("sqlcipher", "saves") + total("sqlcipher", "week_query_sets")
        base_ms = total(against, "saves") + total(against, "week_query_sets")
        ratios[against] = {
            "saves": _ratio(total("sqlcipher", "saves"), total(against, "saves")),
            "week_query_sets": _ratio(
                total("sqlcipher", "week_query_sets"), total(against, "week_query_sets")
            ),
            "overall": _ratio(enc, base_ms),
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
    variants: tuple[str, ...] = (),
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
    return {
        "saves": saves,
        "weeks": week_list,
        "rounds": rounds,
        "plain_db": {"path": str(plain), **meta},
        "encrypted_db": str(twin),
        "batch": BATCH,
        **_measure(twin, plain, passphrase, scratch, args, saves, week_list, rounds),
        "why": b8_why.run(plain, scratch, WHY_SAVES, seed),
        # Not V1: the same lock-step rounds with other cipher settings (--b8-variants).
        "variants": {
            variant: _measure(
                ensure_encrypted_twin(base, passphrase, variant),
                plain,
                passphrase,
                scratch,
                args,
                saves,
                week_list,
                rounds,
                variant,
            )
            for variant in variants
        },
    }
