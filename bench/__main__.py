"""`python -m bench`: measure budgets B1, B3, B4, B5, B6 and B8 (SPEC §10) on the reference vault.

python -m bench                       the 1M-contact reference (built on first use)
python -m bench --quick               a small vault (1 van, 52 weeks) for a smoke run
python -m bench --only B1,B3 --out results.json
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import (
    BENCH_PASSPHRASE,
    OUT_DIR,
    b1_unlock,
    b3_save,
    b4_tally,
    b5_pdf,
    b6_lookup,
    b8_plain,
    machine,
)
from bench.diagnose import fsync_latency
from bench.refdata import FULL, QUICK, DemoSize, copy_vault, ensure_reference, prepare_base
from bench.report import figures, number, table

BUDGETS = ("B1", "B3", "B4", "B5", "B6", "B8")

# (full run, quick run)
DEFAULTS: dict[str, tuple[int, int]] = {
    "runs": (10, 3),
    "saves": (2000, 200),
    "lookups": (2000, 400),
    "profiles": (100_000, 10_000),
    "b8_saves": (2000, 200),
    "b8_weeks": (52, 8),
}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small vault and fewer repetitions: a smoke run in about a minute",
    )
    parser.add_argument(
        "--scale",
        type=int,
        metavar="VANS",
        help="reference made by `redvan demo --scale VANS` (default 24)",
    )
    parser.add_argument("--weeks", type=int, help="… and `--weeks WEEKS` (default 520)")
    parser.add_argument("--only", metavar="B1,B3", help=f"run only these of {','.join(BUDGETS)}")
    parser.add_argument("--out", metavar="FILE", help="write the results as JSON to FILE")
    parser.add_argument("--runs", type=int, help="B1 unlocks (10)")
    parser.add_argument("--saves", type=int, help="B3 saves (2000)")
    parser.add_argument("--lookups", type=int, help="B6 lookups (2000)")
    parser.add_argument("--profiles", type=int, help="B6 profiles at least (100000)")
    parser.add_argument("--b8-saves", type=int, help="B8 saves per engine (2000)")
    parser.add_argument("--b8-weeks", type=int, help="B8 weeks aggregated (52)")
    parser.add_argument("--b8-rounds", type=int, default=3, help="B8 repetitions per engine (3)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated inputs (7)")
    parser.add_argument(
        "--keep-scratch",
        action="store_true",
        help="keep the scratch copies in bench/out for a look afterwards",
    )
    args = parser.parse_args(argv)
    for name, (full, quick) in DEFAULTS.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    base = QUICK if args.quick else FULL
    args.size = DemoSize(args.scale or base.vans, args.weeks or base.weeks)
    wanted = [b.strip().upper() for b in (args.only or ",".join(BUDGETS)).split(",") if b.strip()]
    unknown = sorted(set(wanted) - set(BUDGETS))
    if unknown:
        parser.error(f"unknown budget(s) {', '.join(unknown)}; choose from {', '.join(BUDGETS)}")
    args.selected = [b for b in BUDGETS if b in wanted]
    return args


def _step(title: str) -> float:
    load = " ".join(f"{x:.2f}" for x in machine.load_average())
    print(f"\n== {title} (load {load})", flush=True)
    return time.perf_counter()


def _done(started: float, budget: str, results: dict[str, Any]) -> None:
    load = " ".join(f"{x:.2f}" for x in machine.load_average())
    print(f"   done in {time.perf_counter() - started:.1f} s (load {load})")
    for row in figures(results):
        if row.budget_id == budget:
            print(f"   {row.measure.strip()}: {number(row.value, row.unit)} {row.verdict}".rstrip())
    sys.stdout.flush()


def _guarded(budget: str, results: dict[str, Any], work: Callable[[], dict[str, Any]]) -> None:
    """Run one benchmark; a failure is reported and kept in the results, the others still run."""
    try:
        results[budget] = work()
    except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
        traceback.print_exc()
        results.setdefault("errors", {})[budget] = f"{type(exc).__name__}: {exc}"


def run(args: argparse.Namespace) -> dict[str, Any]:
    described = machine.describe()
    print("Machine")
    for line in machine.lines(described):
        print(f"  {line}")
    reference, build = ensure_reference(args.size)
    print(
        f"\nReference vault {reference} ({build['bytes_on_disk'] / 1e6:,.0f} MB"
        f"{', reused' if build.get('reused') else ''})"
    )
    if build.get("seconds"):
        print(f"  made by `{build['command']}` in {build['seconds']} s: {build['summary']}")
    scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=OUT_DIR))
    results: dict[str, Any] = {}
    try:
        base, prepared = prepare_base(reference, scratch, BENCH_PASSPHRASE)
        counts = prepared["counts"]
        print("  " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
        if prepared["migrated_in_scratch"]:
            print(
                f"  (migrated to schema v{prepared['schema_version']} in the scratch copy; that "
                f"first unlock, with its pre-migration backup, took "
                f"{prepared['first_unlock_seconds']} s)"
            )
        work = copy_vault(base, scratch, "work.redvan")
        results["fsync"] = fsync_latency(scratch)
        print(
            f"  fsync of 16 KiB: p50 {results['fsync']['p50']:.2f} ms, "
            f"p99 {results['fsync']['p99']:.2f} ms"
        )
        if "B1" in args.selected:
            started = _step(f"B1 unlock × {args.runs}")
            _guarded("B1", results, lambda: b1_unlock.run(work, BENCH_PASSPHRASE, args.runs))
            _done(started, "B1", results)
        if "B3" in args.selected:
            started = _step(f"B3 save_contact × {args.saves}")
            _guarded(
                "B3", results, lambda: b3_save.run(work, BENCH_PASSPHRASE, args.saves, args.seed)
            )
            _done(started, "B3", results)
        if "B4" in args.selected:
            started = _step("B4 one week's tally and a 52-week tally")
            _guarded("B4", results, lambda: b4_tally.run(work, BENCH_PASSPHRASE, args.runs))
            _done(started, "B4", results)
        if "B5" in args.selected:
            started = _step("B5 weekly PDF and a year's PDF")
            _guarded("B5", results, lambda: b5_pdf.run(work, BENCH_PASSPHRASE, args.runs))
            _done(started, "B5", results)
        if "B6" in args.selected:
            started = _step(f"B6 find_by_code × {args.lookups}, ≥ {args.profiles:,} profiles")
            _guarded(
                "B6",
                results,
                lambda: b6_lookup.run(
                    work, BENCH_PASSPHRASE, args.lookups, args.profiles, args.seed
                ),
            )
            if "B6" in results:
                b6 = results["B6"]
                print(f"   {b6['profiles_before']:,} profiles, {b6['profiles_added']:,} added")
            _done(started, "B6", results)
        if "B8" in args.selected:
            started = _step(
                f"B8 encrypted vs plain, {args.b8_saves} saves + "
                f"{args.b8_weeks} week query sets, separate processes"
            )
            _guarded(
                "B8",
                results,
                lambda: b8_plain.run(
                    reference,
                    base,
                    BENCH_PASSPHRASE,
                    scratch,
                    args.b8_saves,
                    args.seed,
                    args.b8_weeks,
                    args.b8_rounds,
                ),
            )
            _done(started, "B8", results)
    finally:
        if args.keep_scratch:
            print(f"\nScratch copies kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    rows = figures(results)
    print()
    print(table(rows))
    for budget, error in results.get("errors", {}).items():
        print(f"{budget}  did not complete: {error}")
    return {
        "machine": described,
        "reference": {"path": str(reference), **build, **prepared},
        "options": {k: v for k, v in vars(args).items() if k not in ("size",)},
        "figures": [f.as_dict() for f in rows],
        "results": results,
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    report = run(args)
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nResults written to {args.out}")
    failed = [f for f in report["figures"] if f["passed"] is False]
    return 1 if failed or "errors" in report["results"] else 0


if __name__ == "__main__":
    sys.exit(main())
