"""The reference vault: find it in bench/out, or build it with `redvan demo`; scratch copies.

The reference is built through redvan's own command line, so the bench measures exactly what
`redvan demo --scale S --weeks W` makes. How long that took is kept beside the vault in
`<vault>.build.json`. Benchmarks that write get a copy in a scratch folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import BENCH_PASSPHRASE, OUT_DIR


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


def bench_env() -> dict[str, str]:
    """Keep redvan's log of the bench inside bench/out, away from the user's own log."""
    env = dict(os.environ)
    env["REDVAN_LOG_DIR"] = str(OUT_DIR / "log")
    return env


def ensure_reference(size: DemoSize, *, echo: bool = True) -> tuple[Path, dict[str, Any]]:
    """The reference vault for `size`, built now if it is not in bench/out yet."""
    OUT_DIR.mkdir(mode=0o700, exist_ok=True)
    vault = OUT_DIR / f"{size.name}.redvan"
    info_path = build_info_path(vault)
    if vault.exists() and keys_of(vault).exists():
        info: dict[str, Any] = {}
        if info_path.exists():
            info = json.loads(info_path.read_text(encoding="utf-8"))
        info["reused"] = True
        info["bytes_on_disk"] = vault_bytes(vault)
        return vault, info
    for leftover in OUT_DIR.glob(f"{size.name}.redvan*"):
        if leftover.is_file():
            leftover.unlink()
    command = size.command(vault)
    if echo:
        print(f"Building the reference vault: {' '.join(command)}", flush=True)
    argv = [sys.executable, "-m", "redvan.cli", *command[1:]]
    started = time.perf_counter()
    done = subprocess.run(
        argv,
        input=(BENCH_PASSPHRASE + "\n").encode("utf-8"),
        capture_output=True,
        env=bench_env(),
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
    fd = os.open(dest, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_vault(vault: Path, dest_dir: Path, name: str) -> Path:
    """Copy the database (and any WAL) and its key file to `dest_dir/name`."""
    dest = dest_dir / name
    durable_copy(vault, dest)
    wal = vault.with_name(vault.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        durable_copy(wal, dest.with_name(dest.name + "-wal"))
    durable_copy(keys_of(vault), keys_of(dest))
    return dest


def prepare_base(reference: Path, scratch: Path, passphrase: str) -> tuple[Path, dict[str, Any]]:
    """A scratch copy of the reference, unlocked once so redvan brings it to its current schema.

    The reference may have been made by an older redvan; the first unlock then makes a
    pre-migration backup and migrates, which no benchmark should time. Every copy a benchmark
    works on is taken from this base. Also counts what the reference holds.
    """
    from redvan.storage import schema
    from redvan.storage.vault import backups_dir, unlock

    base = copy_vault(reference, scratch, "base.redvan")
    tables = ("contact", "profile", "shift", "referral", "contact_service", "audit")
    started = time.perf_counter()
    opened = unlock(base, passphrase)
    first_unlock = time.perf_counter() - started
    try:
        counts = {
            t: int(opened.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables
        }
        version = schema.version(opened.conn)
    finally:
        opened.close(backup=False)
    backups = backups_dir(base)
    migrated = backups.is_dir() and any("pre-migration" in p.name for p in backups.iterdir())
    shutil.rmtree(backups, ignore_errors=True)
    return base, {
        "counts": counts,
        "schema_version": version,
        "migrated_in_scratch": migrated,
        "first_unlock_seconds": round(first_unlock, 1),
    }


def remove_copy(db: Path) -> None:
    """A scratch copy and everything redvan or SQLite put beside it."""
    for leftover in db.parent.glob(f"{db.name}*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
