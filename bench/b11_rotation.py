"""B11 key rotation (V11): change the key of the reference vault, with progress shown.

On a scratch copy of the reference: unlock, then `staffkeys.rotate_key` with a progress
callback that notes the time of every report. Measured: the whole change (copy under the new
key, verification, the swap and reopening), each stage, the longest gap between two progress
reports (how long the dialog or the terminal would sit without news), and what the vault
holds. Unlocking is not counted (B1). One run by default: each rotation writes the whole vault.

    python -m bench --only B11 [--scale VANS --weeks WEEKS]
    python -m bench.b11_rotation VAULT        (a vault with the bench passphrase; a copy is used)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import BENCH_PASSPHRASE
from bench.report import Figure
from redvan.storage import staffkeys
from redvan.storage.vault import unlock

BUDGET_S = 120.0


def _one(vault: Path, passphrase: str) -> dict[str, Any]:
    opened = unlock(vault, passphrase)
    reports: list[tuple[float, int, int, str]] = []
    try:
        contacts = int(opened.conn.execute("SELECT count(*) FROM contact").fetchone()[0])
        pages = int(opened.conn.execute("PRAGMA page_count").fetchone()[0])
        started = time.perf_counter()

        def progress(done: int, total: int, stage: str) -> None:
            reports.append((time.perf_counter() - started, done, total, stage))

        done = staffkeys.rotate_key(opened, progress=progress)
        seconds = time.perf_counter() - started
    finally:
        opened.close(backup=False)
    stages: dict[str, float] = {}
    for stage in ("copy", "verify", "swap"):
        times = [t for t, _, _, s in reports if s == stage]
        if times:
            stages[stage] = round(max(times) - min(times), 3)
    moments = [0.0, *(t for t, *_ in reports), seconds]
    gap = max(b - a for a, b in zip(moments, moments[1:], strict=False))
    return {
        "seconds": round(seconds, 3),
        "stages_s": stages,
        "longest_gap_s": round(gap, 3),
        "reports": len(reports),
        "generation": done.generation,
        "contacts": contacts,
        "bytes": pages * 4096,
    }


def run(vault: Path, passphrase: str, runs: int = 1) -> dict[str, Any]:
    """Rotate `vault` (already a scratch copy) `runs` times; the figures of the slowest."""
    rounds = [_one(vault, passphrase) for _ in range(max(1, runs))]
    worst = max(rounds, key=lambda r: r["seconds"])
    return {**worst, "runs": len(rounds), "all_seconds": [r["seconds"] for r in rounds]}


def bench(base: Path, passphrase: str, scratch: Path, args: Any) -> dict[str, Any]:
    """The `python -m bench` hook: rotate a scratch copy of the reference."""
    from bench.refdata import copy_vault, remove_copy

    copy = copy_vault(base, scratch, "b11.redvan")
    try:
        return run(copy, passphrase)
    finally:
        remove_copy(copy)


def figures(result: dict[str, Any]) -> list[Figure]:
    out = [
        Figure("B11", "vault size", result["bytes"] / 1e6, "MB"),
        Figure("B11", "contacts", result["contacts"], ""),
        Figure(
            "B11", f"key rotation, slowest of {result['runs']}", result["seconds"], "s", BUDGET_S
        ),
    ]
    for stage, seconds in result["stages_s"].items():
        out.append(Figure("B11", f"  of which {stage}", seconds, "s"))
    out.append(
        Figure("B11", "longest time without a progress report", result["longest_gap_s"], "s")
    )
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    source = Path(argv[0])
    with tempfile.TemporaryDirectory(prefix="b11-") as scratch:
        copy = Path(scratch) / source.name
        for suffix in ("", ".keys"):
            shutil.copy2(source.with_name(source.name + suffix), copy.with_name(copy.name + suffix))
        result = run(copy, BENCH_PASSPHRASE)
    for figure in figures(result):
        print(f"{figure.measure:<44} {figure.measured_text:>12} {figure.budget_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
