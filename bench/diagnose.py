"""Where the time goes: statement timing, the disk's fsync latency, a vault seen through a wrapper.

The timing wrapper is used by B3 after its measured run, so the measured figures carry no
wrapper overhead. Times are per statement shape (the SQL text up to its first bracket or 60
characters); the COMMIT line is where the WAL is written and synced.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, cast

from bench.stats import Summary
from redvan.storage.repository import VaultStore
from redvan.storage.vault import Vault


def shape(sql: str) -> str:
    text = " ".join(sql.split())
    cut = text.find("(")
    text = text[:cut].rstrip() if 0 < cut < 60 else text[:60]
    return text


class TimingConnection:
    """Wraps a DB-API connection; `execute`/`executemany` are timed, the rest passes through."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self.samples: dict[str, list[float]] = defaultdict(list)

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        started = time.perf_counter()
        cursor = self._conn.execute(sql, params)
        self.samples[shape(sql)].append((time.perf_counter() - started) * 1000)
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        started = time.perf_counter()
        cursor = self._conn.executemany(sql, rows)
        self.samples[shape(sql)].append((time.perf_counter() - started) * 1000)
        return cursor

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def breakdown(self, operations: int) -> list[dict[str, Any]]:
        """Per statement shape: calls and milliseconds per operation, largest first."""
        rows = []
        for sql, samples in self.samples.items():
            summary = Summary.of(samples)
            rows.append(
                {
                    "statement": sql,
                    "calls_per_op": len(samples) / operations,
                    "ms_per_op": summary.total / operations,
                    "p50_ms": summary.p50,
                    "max_ms": summary.max,
                }
            )
        rows.sort(key=lambda r: r["ms_per_op"], reverse=True)
        return rows


def fsync_latency(folder: Path, samples: int = 200) -> dict[str, Any]:
    """fsync of a freshly written 16 KiB block in `folder`: the floor under every commit."""
    path = folder / "fsync-probe.tmp"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    took = []
    try:
        block = b"\0" * 16384
        for i in range(samples):
            os.pwrite(fd, block, (i % 64) * len(block))
            started = time.perf_counter()
            os.fsync(fd)
            took.append((time.perf_counter() - started) * 1000)
    finally:
        os.close(fd)
        path.unlink(missing_ok=True)
    return Summary.of(took).as_dict()


class ConnectionVault:
    """An unlocked Vault seen through another connection (a timing wrapper around its own).

    VaultStore asks a vault for its connection; everything else (path, staff id, writer lock,
    commit hook) comes from the real vault, so the stand-in follows redvan's own changes.
    """

    def __init__(self, base: Vault, conn: Any) -> None:
        self._base = base
        self.conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._base, name)


def store_over(base: Vault, conn: Any) -> VaultStore:
    return VaultStore(cast(Vault, ConnectionVault(base, conn)))
