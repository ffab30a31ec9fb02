"""The reference vault: find it in bench/out, or build it with `redvan demo`; scratch copies.

The reference is built through redvan's own command line, so the bench measures exactly what
`redvan demo --scale S --weeks W --seed N` makes. How long that took is kept beside the vault
in `<vault>.build.json`, with the demo generator's version (`GENERATOR_VERSION` in
`redvan.core.demo`, 1 when it does not say) and a hash of the generator's source. A reference
whose build parameters or generator version differ from today's is rebuilt; a changed source
hash alone only gets a note (bump `GENERATOR_VERSION` when a change alters what the demo makes,
or run the bench with `--rebuild`).

A reference made by an older redvan is migrated once into `<name>.v<schema>.redvan` beside it
(keyed by the reference's size and modification time and the schema version), so runs do not
each pay for the migration and its pre-migration backup (about 65–100 s at 1M contacts).
Benchmarks that write get a copy of that in a scratch folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import BENCH_PASSPHRASE, OUT_DIR

ROOT = Path(__file__).resolve().parent.parent
GENERATOR_SOURCES = ("redvan/core/demo.py", "redvan/core/ids.py")


@dataclass(frozen=True)
class DemoSize:
    """`redvan demo --scale vans --weeks weeks`."""

    vans: int
    weeks: int
    seed: int = 1

    @property
    def name(self) -> str:
        if (self.vans, self.weeks, self.seed) == (24, 520, 1):
            return "1m"
        return f"demo-s{self.vans}-w{self.weeks}-seed{self.seed}"

    def command(self, vault: Path) -> list[str]:
        return [
            "redvan",
            "demo",
            "--vault",
            str(vault),
            "--weeks",
            str(self.weeks),
            "--scale",
            str(self.vans),
            "--seed",
            str(self.seed),
            "--passphrase-stdin",
        ]


FULL = DemoSize(vans=24, weeks=520)
QUICK = DemoSize(vans=1, weeks=52)


def keys_of(vault: Path) -> Path:
    return vault.with_name(vault.name + ".keys")


def build_info_path(vault: Path) -> Path:
    return vault.with_name(vault.name + ".build.json")


def vault_bytes(vault: Path) -> int:
    """The database, its WAL if any, and the key file."""
    total = 0
    for part in (vault, vault.with_name(vault.name + "-wal"), keys_of(vault)):
        if part.exists():
            total += part.stat().st_size
    return total


def bench_env(out_dir: Path = OUT_DIR) -> dict[str, str]:
    """Keep redvan's log of the bench inside the bench's folder, away from the user's own log."""
    env = dict(os.environ)
    env["REDVAN_LOG_DIR"] = str(out_dir / "log")
    return env


def generator_version() -> int:
    """The demo generator's declared version: bumped when what `redvan demo` makes changes."""
    from redvan.core import demo

    return int(getattr(demo, "GENERATOR_VERSION", 1))


def generator_source_hash() -> str:
    """A hash of the generator's source files, to notice an undeclared change."""
    digest = hashlib.sha256()
    for name in GENERATOR_SOURCES:
        path = ROOT / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:16]


def _params(command: str) -> dict[str, str]:
    """--weeks, --scale and --seed of a kept `redvan demo …` command line."""
    words = command.split()
    return {
        name: words[i + 1]
        for i, name in enumerate(words[:-1])
        if name in ("--weeks", "--scale", "--seed")
    }


def _stale_reason(size: DemoSize, vault: Path, info: dict[str, Any]) -> str | None:
    """Why a kept reference may not be used as it is, or None when it may."""
    if not (vault.exists() and keys_of(vault).exists()):
        return "not built yet"
    wanted = _params(" ".join(size.command(vault)))
    made = str(info.get("command", ""))
    if made and _params(made) != wanted:
        return f"made by `{made}`"
    have = int(info.get("generator_version", 1))
    if have != generator_version():
        return f"made by demo generator v{have}, the code is at v{generator_version()}"
    return None


def ensure_reference(
    size: DemoSize, *, echo: bool = True, out_dir: Path = OUT_DIR, rebuild: bool = False
) -> tuple[Path, dict[str, Any]]:
    """The reference vault for `size`, built now if it is not in `out_dir` yet (or is stale)."""
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    vault = out_dir / f"{size.name}.redvan"
    info_path = build_info_path(vault)
    info: dict[str, Any] = {}
    if info_path.exists():
        info = json.loads(info_path.read_text(encoding="utf-8"))
    reason = "--rebuild" if rebuild else _stale_reason(size, vault, info)
    if reason is None:
        info["reused"] = True
        info["bytes_on_disk"] = vault_bytes(vault)
        info.setdefault("generator_version", 1)
        if info.get("generator_source") != generator_source_hash():
            info["note_generator"] = (
                "the demo generator's source changed since this reference was built (or the "
                "build did not record it); if that changes what it makes, bump "
                "GENERATOR_VERSION in redvan/core/demo.py or run with --rebuild"
            )
        return vault, info
    for leftover in out_dir.glob(f"{size.name}.*"):
        if leftover.is_file() and not leftover.name.endswith(".log"):
            leftover.unlink()
    command = size.command(vault)
    if echo:
        print(f"Building the reference vault ({reason}): {' '.join(command)}", flush=True)
    argv = [sys.executable, "-m", "redvan.cli", *command[1:]]
    started = time.perf_counter()
    done = subprocess.run(
        argv,
        input=(BENCH_PASSPHRASE + "\n").encode("utf-8"),
        capture_output=True,
        env=bench_env(out_dir),
        cwd=ROOT,
        check=False,
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"redvan demo failed: {done.stderr.decode(errors='replace').strip()}")
    summary = next(
        (
            line
            for line in done.stdout.decode("utf-8", errors="replace").splitlines()
            if line.startswith("Demo data")
        ),
        "",
    )
    info = {
        "command": " ".join(command),
        "seconds": round(took, 1),
        "summary": summary,
        "bytes_on_disk": vault_bytes(vault),
        "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "generator_version": generator_version(),
        "generator_source": generator_source_hash(),
    }
    info_path.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    info["reused"] = False
    if echo:
        print(f"Built in {took:.1f} s: {summary}", flush=True)
    return vault, info


def durable_copy(source: Path, dest: Path) -> None:
    """Copy and fsync, so the first checkpoint measured later does not flush the copy itself.

    Without this, whichever engine fsyncs the database first pays for writing out hundreds of
    megabytes the bench just copied (a one-off stall of about a second on a 1M vault).
    """
    shutil.copyfile(source, dest)
    dest.chmod(0o600)  # vault files are private, even bench ones
    fd = os.open(dest, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_vault(vault: Path, dest_dir: Path, name: str) -> Path:
    """Copy the database (and any WAL), its key file and its unlock counter to `dest_dir/name`."""
    dest = dest_dir / name
    durable_copy(vault, dest)
    wal = vault.with_name(vault.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        durable_copy(wal, dest.with_name(dest.name + "-wal"))
    durable_copy(keys_of(vault), keys_of(dest))
    counter = vault.with_name(vault.name + ".attempts")  # without it: the longest delay (V12)
    if counter.exists():
        durable_copy(counter, dest.with_name(dest.name + ".attempts"))
    return dest


TABLES = ("contact", "profile", "shift", "referral", "contact_service", "audit")


def _stamp(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


@contextmanager
def raw_connection(vault: Path, passphrase: str) -> Iterator[Any]:
    """The vault's database opened read-only with its key, without unlock()'s side effects
    (no audit event, no migration): for looking at a reference that must stay as it is."""
    from redvan.storage import keyslots
    from redvan.storage.vault import open_connection

    keyfile = keyslots.read_keyfile(vault)
    key = keyslots.unwrap_key(keyfile.vault_id, keyfile.staff_slots()[0], passphrase)
    conn = open_connection(vault, key, readonly=True)
    try:
        yield conn
    finally:
        conn.close()


def _look(vault: Path, passphrase: str) -> dict[str, Any]:
    from redvan.storage import schema

    with raw_connection(vault, passphrase) as conn:
        counts = {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}
        return {"counts": counts, "schema_version": schema.version(conn)}


def _migrate(vault: Path, passphrase: str) -> float:
    """Unlock once: redvan makes its pre-migration backup and migrates. Returns the seconds."""
    from redvan.storage.vault import backups_dir, unlock

    started = time.perf_counter()
    opened = unlock(vault, passphrase)
    took = time.perf_counter() - started
    try:
        opened.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        opened.close(backup=False)
    shutil.rmtree(backups_dir(vault), ignore_errors=True)
    return took


def current_base(reference: Path, passphrase: str) -> tuple[Path, dict[str, Any]]:
    """The reference at redvan's current schema: the reference itself, or a migrated copy.

    An older reference is copied to `<name>.v<schema>.redvan` and unlocked once there (which
    migrates it); the copy is kept while the reference (size and modification time) and the
    schema version stay the same. Nothing unlocks the base after that: benchmarks work on
    copies of it. `<base>.base.json` keeps the counts and how long the migration took.
    """
    from redvan.storage import schema

    stem = reference.name.removesuffix(".redvan")
    key = {"source": _stamp(reference), "schema_version": schema.LATEST}
    meta_path = reference.with_name(f"{stem}.base.json")
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        base = Path(meta.get("path", ""))
        if meta.get("key") == key and base.exists() and keys_of(base).exists():
            return base, {**meta, "base_reused": True}
    for old in reference.parent.glob(f"{stem}.v*.redvan*"):
        if old.is_file():
            old.unlink()
    looked = _look(reference, passphrase)
    meta: dict[str, Any] = {
        "key": key,
        "source_schema_version": looked["schema_version"],
        "migration_seconds": None,
    }
    base = reference
    if looked["schema_version"] != schema.LATEST:
        base = reference.with_name(f"{stem}.v{schema.LATEST}.redvan")
        partial = reference.with_name(f"{stem}.partial.redvan")
        remove_copy(partial)
        print(
            f"Bringing {reference.name} (schema v{looked['schema_version']}) to "
            f"v{schema.LATEST} once, kept as {base.name} …",
            flush=True,
        )
        copy_vault(reference, partial.parent, partial.name)
        meta["migration_seconds"] = round(_migrate(partial, passphrase), 1)
        for suffix in ("-wal", "-shm", ".lock"):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)
        keys_of(partial).rename(keys_of(base))
        partial.rename(base)
        looked = _look(base, passphrase)
    meta.update(path=str(base), **looked)
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return base, {**meta, "base_reused": False}


def remove_copy(db: Path) -> None:
    """A scratch copy and everything redvan or SQLite put beside it."""
    for leftover in db.parent.glob(f"{db.name}*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
