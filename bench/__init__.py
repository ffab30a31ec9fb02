"""Benchmarks for the performance budgets of SPEC §10, run with `python -m bench`.

The reference data is a vault made by `redvan demo` (about a million contacts by default),
kept in `bench/out/` (ignored by git) and reused between runs. Every benchmark that writes works
on a scratch copy, so the reference stays as the demo made it.
"""

from __future__ import annotations

from pathlib import Path

# A fixed passphrase for the bench vaults only; it is always handed over on standard input.
BENCH_PASSPHRASE = "bench lantern harbour 7-Heron"

OUT_DIR = Path(__file__).resolve().parent / "out"
