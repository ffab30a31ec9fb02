"""Work that must run in a process of its own: `python -m bench.worker COMMAND`.

    kdf-memory  peak resident memory growth of one Argon2id derivation (B1)
    b7          the app's window: unlock, then time the screens opening; peak memory (B7)
    b8          the B8 workload against one engine: the encrypted vault through redvan's
                storage code, a plain copy through stdlib sqlite3, or the same plain copy
                through sqlcipher3 without a key (a control with SQLCipher's SQLite version);
                the plain sides run redvan's same Vault and VaultStore code over their
                connection; steps come one JSON line at a time on standard input, so the
                parent can run the engines in lock-step (see `b8`)

Results are JSON on standard output (one document; b8 answers each step with a line). The
vault passphrase, when needed, is read as one line from standard input, never from the
command line.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from bench.b8_why import CIPHER_VARIANTS
from bench.stats import Summary
from bench.workload import contact_inputs, run_week_queries
from redvan.core.services import Services
from redvan.core.vocabulary import VocabularyKind
from redvan.storage import keyslots, schema
from redvan.storage import vault as vault_module
from redvan.storage.lock import InstanceLock
from redvan.storage.repository import VaultStore
from redvan.storage.vault import PAGE_CACHE_KIB, Vault, unlock

ENGINES = ("sqlcipher", "sqlite3", "sqlcipher-plain")
WARMUP = 20

# The connection settings of redvan.storage.vault.open_connection (V4), minus the key.
PLAIN_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA busy_timeout = 5000",
)


def _peak_rss_kib() -> int:
    """This process's peak resident set (VmHWM; ru_maxrss would carry the parent's peak)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def kdf_memory(args: argparse.Namespace) -> dict[str, Any]:
    params = keyslots.KdfParams(args.memory_kib, args.iterations, args.parallelism)
    before = _peak_rss_kib()
    keyslots.derive_wrapping_key("correct horse battery", b"\0" * keyslots.SALT_BYTES, params)
    after = _peak_rss_kib()
    return {"peak_rss_before_kib": before, "peak_rss_delta_kib": after - before}


def _open_plain(engine: str, path: Path) -> Any:
    module: Any = sqlite3 if engine == "sqlite3" else sqlcipher3
    conn = module.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in PLAIN_PRAGMAS:
        conn.execute(pragma).fetchall()
    # The same page cache as the vault's connection, so only the cipher differs.
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    return conn


def _settings(conn: Any) -> dict[str, Any]:
    names = ("journal_mode", "synchronous", "temp_store", "foreign_keys", "secure_delete")
    found = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in names}
    for name in ("page_size", "cache_size"):
        found[name] = conn.execute(f"PRAGMA {name}").fetchone()[0]
    found["sqlite_version"] = conn.execute("SELECT sqlite_version()").fetchone()[0]
    return found


def plain_vault(engine: str, path: Path) -> Vault:
    """redvan's own Vault class over a plain database, for the plain side of B8.

    Everything the vault does around a save (writer lock, commit hook, checkpoints on a worker
    thread) runs unchanged; only the connections it opens are plain ones with the same
    settings. That swap is made in this worker process alone, which never opens a vault.
    """
    vault_module.open_connection = lambda p, _key, *, readonly=False: _open_plain(engine, p)
    conn = _open_plain(engine, path)
    schema.migrate(conn)  # what unlock() does for the vault, with redvan's own steps
    staff_id = conn.execute(
        "SELECT id FROM staff WHERE role = 'coordinator' ORDER BY created_at LIMIT 1"
    ).fetchone()[0]
    lock = InstanceLock(vault_module.lock_path(path))
    lock.acquire()
    return Vault(path, "plain", bytes(keyslots.KEY_BYTES), staff_id, conn, lock)


def _reply(doc: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(doc) + "\n")
    sys.stdout.flush()


def b8(args: argparse.Namespace) -> dict[str, Any]:
    """Set up, say ready, then run the parent's steps in lock-step with the other engines.

    Standard input carries (after the passphrase line, for the vault) one JSON command per
    line: {"op": "saves", "count": N} saves the next N contacts, {"op": "weeks", "weeks": [...]}
    runs the week query sets, {"op": "end"} closes. Each step is answered with one JSON line
    of timings, so the parent can alternate the engines every few milliseconds of work and
    the machine's changing speed falls on all of them alike.
    """
    path = Path(args.db)
    if args.engine == "sqlcipher":
        # Another V1 only for a variant of B8 (b8_why), and only in this process.
        vault_module.CIPHER_SETTINGS = CIPHER_VARIANTS[args.cipher]
        vault = unlock(path, sys.stdin.readline().rstrip("\r\n"))
    else:
        vault = plain_vault(args.engine, path)
    store = VaultStore(vault)
    conn = vault.conn
    save_ms: list[float] = []
    query_ms: list[float] = []
    rows = 0
    try:
        services = Services(store, rng=random.Random(args.seed))
        around = datetime.fromisoformat(args.around)
        staff = [s.id for s in store.list_staff()][:2]
        zones = sorted(store.vocabulary_slugs(VocabularyKind.ZONE))[:3]
        services.start_shift("Bench van", zones, staff, around.replace(hour=0, minute=0))
        inputs = contact_inputs(
            store.vocabulary(), random.Random(args.seed), WARMUP + args.saves, around=around
        )
        for entry in inputs[:WARMUP]:
            services.save_contact(entry)
        pending = iter(inputs[WARMUP:])
        _reply({"ready": True})
        for line in sys.stdin:
            command = json.loads(line)
            if command["op"] == "end":
                break
            if command["op"] == "saves":
                took = []
                for entry in itertools.islice(pending, command["count"]):
                    started = time.perf_counter()
                    services.save_contact(entry)
                    took.append((time.perf_counter() - started) * 1000)
                save_ms += took
                _reply({"ms": took})
            elif command["op"] == "weeks":
                took = []
                for week in command["weeks"]:
                    started = time.perf_counter()
                    rows += run_week_queries(conn, week)
                    took.append((time.perf_counter() - started) * 1000)
                query_ms += took
                _reply({"ms": took})
            # A checkpoint started on a worker thread by these saves finishes before the
            # next engine's turn, so it never runs beside another engine's step.
            vault.wait_for_checkpoint()
        settings = _settings(conn)
        settings["schema_version"] = schema.version(conn)
        contacts = store.count_contacts()
    finally:
        vault.close(backup=False)
    return {
        "engine": args.engine,
        "settings": settings,
        "contacts_after": contacts,
        "saves": Summary.of(save_ms).as_dict(),
        "week_query_sets": Summary.of(query_ms).as_dict(),
        "rows_read": rows,
    }


def b7(args: argparse.Namespace) -> dict[str, Any]:
    from bench.b7_view import measure

    return measure(Path(args.vault), sys.stdin.readline().rstrip("\r\n"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("kdf-memory")
    p.add_argument("--memory-kib", type=int, required=True)
    p.add_argument("--iterations", type=int, required=True)
    p.add_argument("--parallelism", type=int, required=True)
    p.set_defaults(func=kdf_memory)
    p = sub.add_parser("b8")
    p.add_argument("--engine", choices=ENGINES, required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--saves", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--around", required=True, help="ISO time the contacts are saved around")
    p.add_argument("--cipher", choices=list(CIPHER_VARIANTS), default="default")
    p.set_defaults(func=b8)
    p = sub.add_parser("b7")
    p.add_argument("--vault", required=True)
    p.set_defaults(func=b7)
    args = parser.parse_args(argv)
    _reply(args.func(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
